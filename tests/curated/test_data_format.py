"""The data-format additions: research trails, `status: unknown`, cited complete lists."""

import json
import shutil

import pytest

from ratify import analysis as A
from ratify.curated.loader import load_dataset
from ratify.curated.validate import validate
from ratify.errors import DataError

from ..conftest import SMALL

TRAIL = """      - instrument: C081
        date: "1995"
        status: unknown
        source: test fixture
        sources:
          - url: https://example.org/c081-table
            says: "Convention No. 81 - Alphaland (Ratification: 1995)"
            consulted: "2026-11-29"
          - url: A printed treaty series
"""

LISTS = """complete_lists:
  - id: fundamental-table
    description: A table of ratifications of the fundamental conventions
    instruments: [C029, C087, c98]
    countries: [XA, XB]
    source: https://example.org/fundamental
    as_of: "2026-06"
    consulted: "2026-11-29"
  - id: xc-page
    instruments: all
    countries: [XC]
    source: https://example.org/xc
  - id: c155-table
    instruments: [C155]
    source: https://example.org/c155
"""


@pytest.fixture
def data(tmp_path):
    for name in ("conventions.yaml", "countries.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    path = tmp_path / "countries.yaml"
    text = path.read_text()
    anchor = '      - {instrument: C155, date: "2023-06", status: in_force, source: test fixture}\n'
    assert anchor in text
    text = text.replace(anchor, anchor + TRAIL, 1).replace("complete_lists:\n", LISTS, 1)
    path.write_text(text)
    return tmp_path


def line_of(path, needle):
    return path.read_text().splitlines().index(needle) + 1


def test_research_trail_and_unknown_status_load(data):
    ds = load_dataset(data)
    record = next(r for r in ds.countries["XA"].ratifications if r.instrument == "C081")
    assert record.status == "unknown"
    assert [t.url for t in record.sources] == ["https://example.org/c081-table", "A printed treaty series"]
    assert str(record.sources[0].consulted) == "2026-11-29"
    assert record.sources[1].says == "" and record.sources[1].consulted is None
    assert record.to_dict()["sources"][0]["says"].startswith("Convention No. 81")


def test_unknown_status_is_registered_but_not_in_force(data):
    ds = load_dataset(data)
    s = A.standing(ds.countries["XA"], "C081")
    assert s.state == A.STATUS_UNKNOWN and s.state in A.REGISTERED and s.state not in A.GAP_STATES
    assert A.standing(ds.countries["XA"], "C081", on=__import__("datetime").date(2020, 1, 1)).state == A.STATUS_UNKNOWN


def test_validate_lists_unknown_statuses(data):
    ds = load_dataset(data)
    findings = [f for f in validate(ds) if "status unknown" in f.message]
    assert len(findings) == 1
    assert findings[0].level == "warning" and "XA C081" in findings[0].message
    assert findings[0].line == line_of(data / "countries.yaml", "      - instrument: C081")


def test_unknown_status_shown_as_such(run, data):
    result = run("matrix", "XA", "--set", "C081,C087", "--format", "plain", data_dir=data)
    assert result.exit_code == 0, result.output
    assert "1995 (status unknown)" in result.output
    result = run("export", "XA", "--format", "json", data_dir=data)
    rows = {r["instrument"]: r for r in json.loads(result.stdout)}
    assert rows["C081"]["status"] == "unknown"


def test_a_trail_entry_needs_a_url(data):
    path = data / "countries.yaml"
    path.write_text(
        path.read_text().replace("          - url: A printed treaty series\n", "          - says: nothing\n")
    )
    with pytest.raises(DataError, match=r"countries.yaml:\d+: source of XA C081: missing required field 'url'"):
        load_dataset(data)


def test_complete_lists_load_and_cover_their_cells(data):
    ds = load_dataset(data)
    lists = {c.id: c for c in ds.complete_lists}
    assert lists["fundamental-table"].instruments == {"C029", "C087", "C098"}
    assert str(lists["fundamental-table"].as_of) == "2026-06"
    assert lists["fundamental-table"].covers("XB", "C098")
    assert not lists["fundamental-table"].covers("XC", "C098")  # a country it does not name
    assert not lists["fundamental-table"].covers("XA", "C155")  # an instrument it does not name
    assert lists["xc-page"].instruments is None and lists["xc-page"].covers("XC", "C190")
    assert lists["c155-table"].countries is None and lists["c155-table"].covers("XB", "C155")
    assert [c.id for c in ds.lists_covering("XC", "C155")] == ["xc-page", "c155-table"]
    assert [c.id for c in ds.lists_covering("XA", "C155")] == ["c155-table", "fixture-fundamental-table"]
    assert ds.lists_covering("XB", "C190") == []
    assert lists["xc-page"].to_dict()["instruments"] == "all"


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "instruments: [C029, C087, c98]",
            "instruments: [C029, C999]",
            "complete list fundamental-table: unknown instrument.s. C999",
        ),
        ("countries: [XA, XB]", "countries: [XA, QQ]", "complete list fundamental-table: unknown country code.s. QQ"),
        (
            "instruments: [C029, C087, c98]",
            "instruments: [C029, nonsense]",
            "complete list fundamental-table: field 'instruments': not an instrument id",
        ),
        ("instruments: all", "instruments: some", "complete list xc-page: field 'instruments' must be"),
        ("  - id: c155-table", "  - id: xc-page", "duplicate complete list xc-page"),
        ("    source: https://example.org/c155\n", "", "complete list c155-table: missing required field 'source'"),
    ],
)
def test_bad_complete_lists_are_errors_with_file_and_line(data, old, new, message):
    path = data / "countries.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(DataError, match=message) as err:
        load_dataset(data)
    assert str(path) in str(err.value)
    assert err.value.line is not None and err.value.line > line_of(path, "complete_lists:")


def test_fixture_list():
    ds = load_dataset(SMALL)
    assert [c.id for c in ds.complete_lists] == ["fixture-fundamental-table"]
    assert str(ds.complete_lists[0].consulted) == "2026-11-29"


def test_a_list_without_countries_covers_only_curated_countries(data):
    ds = load_dataset(data)
    c155 = next(c for c in ds.complete_lists if c.id == "c155-table")
    assert c155.countries is None
    assert [c.id for c in ds.lists_covering("XB", "C155")] == ["c155-table", "fixture-fundamental-table"]
    assert ds.lists_covering("RU", "C155") == []  # a member State the data records nothing for
