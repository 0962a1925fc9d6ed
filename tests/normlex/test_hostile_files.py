"""Damaged snapshots and saved pages: an error naming the file and record, never a crash later."""

from __future__ import annotations

import copy
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ratify.analysis import gaps, matrix
from ratify.cli.main import app
from ratify.curated.loader import load_dataset
from ratify.errors import DataError
from ratify.normlex.parser import NormlexPageError, parse_page
from ratify.normlex.snapshot import (
    Snapshot,
    list_snapshots,
    load_latest_snapshot,
    load_snapshot,
    parse_saved_files,
    save_snapshot,
)
from ratify.sources import reconcile

PAGES = Path(__file__).parent / "pages"
SMALL = Path(__file__).parents[1] / "fixtures" / "small"


@pytest.fixture(scope="module")
def good_snapshot() -> dict:
    return parse_saved_files([PAGES / "c155_11300.html"]).to_dict()


def write(tmp_path, data, name="normlex-20260101T000000Z.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "field,value,says",
    [
        ("date", "2150-01-01", "year out of range"),
        ("date", "2099-01-01", "in the future"),
        ("date", "2021-02-30", "impossible date"),
        ("status", "maybe", "status 'maybe'"),
        ("instrument", "C9999", "not an instrument id"),
        ("denounced", "soon", "denunciation date"),
        ("denounced_by", "X1", "denounced_by"),
        ("country_id", "12a", "not a NORMLEX id"),
        ("country_name", "", "no country name"),
    ],
)
def test_a_bad_record_names_file_and_record(tmp_path, good_snapshot, field, value, says):
    data = copy.deepcopy(good_snapshot)
    data["records"][1][field] = value
    path = write(tmp_path, data)
    with pytest.raises(DataError) as err:
        load_snapshot(path)
    message = str(err.value)
    assert message.startswith(f"{path}: invalid NORMLEX record 2 (") and says in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(records={"a": 1}),
        lambda d: d.update(records=["x"]),
        lambda d: d.update(pages=[1]),
        lambda d: d["records"][0].update(country_name=None),
        lambda d: d.update(created=None),
        lambda d: d["records"][0].pop("date"),
        lambda d: d.update(version="two"),
    ],
)
def test_a_wrong_shape_is_one_line(tmp_path, good_snapshot, damage):
    data = copy.deepcopy(good_snapshot)
    damage(data)
    with pytest.raises(DataError, match="unreadable NORMLEX snapshot") as err:
        load_snapshot(write(tmp_path, data))
    assert "\n" not in str(err.value)


def test_every_command_names_a_bad_snapshot_and_goes_on_without_it(tmp_path, good_snapshot):
    data = copy.deepcopy(good_snapshot)
    data["records"][1]["status"] = "maybe"
    folder = tmp_path / "cache" / "snapshots"
    folder.mkdir(parents=True)
    path = write(folder, data)
    for command in (["gaps"], ["export"], ["matrix"]):  # the reports that read snapshots
        result = CliRunner().invoke(app, ["--data-dir", str(SMALL), *command])
        assert result.exit_code == 0, (command, result.output)
        assert f"{path}: invalid NORMLEX record 2 (" in result.output
        assert "Traceback" not in result.output


def test_a_snapshot_named_in_the_future_is_never_latest(tmp_path, good_snapshot):
    now = Snapshot.from_dict(good_snapshot)
    now.created = "2026-01-01T00:00:00Z"
    save_snapshot(now, tmp_path)
    write(tmp_path, good_snapshot, "normlex-21500101T000000Z.json")
    assert len(list_snapshots(tmp_path)) == 2
    assert load_latest_snapshot(tmp_path).created == "2026-01-01T00:00:00Z"


def test_a_saved_page_with_a_record_dated_2150_is_refused(tmp_path):
    html = (PAGES / "c155_11300.html").read_text(encoding="utf-8").replace("22 Dec 1983", "22 Dec 2150")
    (tmp_path / "bad.html").write_text(html, encoding="utf-8")
    with pytest.raises(DataError, match="record 3 .*year out of range"):
        parse_saved_files([tmp_path / "bad.html"])
    snap = parse_saved_files([tmp_path / "bad.html", PAGES / "c138_11300.html"])  # skipped, with a warning
    assert [p["key"] for p in snap.pages] == ["C138"]
    assert any("bad.html" in w and "2150" in w for w in snap.warnings)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_from_html_on_dev_zero_is_bounded():
    started = time.monotonic()
    with pytest.raises(DataError, match="larger than 5 MB"):
        parse_saved_files(["/dev/zero"])
    assert time.monotonic() - started < 2


def test_nested_tables_parse_in_linear_time():
    depth = 3000  # about 100 KB; this took 38 s before
    html = (
        "<html><body><h1>Ratifications of C155 - Occupational Safety and Health Convention, 1981</h1>"
        + "<table><tr><td>x" * depth
        + "</td></tr></table>" * depth
        + "</body></html>"
    )
    started = time.monotonic()
    with pytest.raises(NormlexPageError):
        parse_page(html, "u")
    assert time.monotonic() - started < 5


def test_control_characters_in_pages_are_stripped():
    html = (PAGES / "c155_11300.html").read_text(encoding="utf-8").replace("Zimbabwe", "Zimb\x1b[2Jabwe\x9b")
    page = parse_page(html, "u")
    assert "Zimb[2Jabwe" in [r.country_name for r in page.records]


def test_control_characters_in_messages_are_escaped(run):
    result = run("show", "\x1b]0;pwned\x07KZ")
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\\x1b]0;pwned\\x07KZ" in result.output


# --------------------------------------------------------------------------- fuzzing

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**30),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["2150-01-01", "2021-02-30", "1999", "C000", "P029", "denounced", "in_force", "\x1b[31m", ""]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
FIELDS = ["country_name", "country_id", "instrument", "date", "status", "note", "denounced", "denounced_by", "url"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(st.tuples(st.integers(0, 7), st.sampled_from(FIELDS + ["*"]), VALUES), min_size=1, max_size=3),
    top=st.sampled_from([None, "records", "pages", "created", "warnings", "format", "version"]),
    top_value=VALUES,
)
def test_damaged_snapshots_load_or_are_one_line_errors(tmp_path_factory, good_snapshot, edits, top, top_value):
    data = copy.deepcopy(good_snapshot)
    for index, field, value in edits:
        if field == "*":
            data["records"][index] = value
        elif isinstance(data["records"][index], dict):
            data["records"][index][field] = value
    if top is not None:
        data[top] = top_value
    path = write(tmp_path_factory.mktemp("snap"), data)
    try:
        snap = load_snapshot(path)
    except DataError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    # What loads must survive merging and the reports.
    curated = load_dataset(SMALL)
    merged = reconcile.merge(curated, snap, reconcile.match(curated, snap))
    countries = list(merged.countries.values())
    gaps(merged, countries, merged.resolve_instruments("fundamental"))
    matrix(merged, countries, list(merged.instruments.values()))
    reconcile.diff(curated, snap, reconcile.match(curated, snap))
