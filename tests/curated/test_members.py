"""The registry of ILO member States (data/members.yaml): its facts, name matching, and the
commands on member States that are not curated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ratify.cli.main import app
from ratify.curated.loader import load_dataset
from ratify.curated.members import load_registry
from ratify.errors import DataError
from ratify.member_states import REGION_IDS
from ratify.normlex.parser import NormlexRecord
from ratify.normlex.snapshot import Snapshot, load_snapshot
from ratify.paths import embedded_data_dir
from ratify.sources import reconcile

ROOT = Path(__file__).resolve().parents[2]
PAGES = Path(__file__).resolve().parents[1] / "normlex" / "pages"
MEMBERS = embedded_data_dir() / "members.yaml"
REGISTRY = load_registry(MEMBERS)


@pytest.fixture(scope="module")
def embedded():
    return load_dataset()


def cli(*args: str, cache: Path | None = None):
    return CliRunner().invoke(app, list(args))


# --------------------------------------------------------------------------- the data


def test_187_members_with_unique_codes_and_one_of_five_regions():
    members = list(REGISTRY.members.values())
    assert len(members) == 187
    assert len({m.code for m in members}) == 187
    assert len({m.alpha3 for m in members}) == 187
    assert {m.region for m in members} == set(REGION_IDS)
    counts = {r: sum(m.region == r for m in members) for r in REGION_IDS}
    # The counts the regional offices' pages give (see the sources in members.yaml).
    assert counts == {"africa": 54, "americas": 35, "arab-states": 11, "asia-pacific": 36, "europe-central-asia": 51}


def test_every_fact_names_a_defined_source():
    raw = yaml.safe_load(MEMBERS.read_text(encoding="utf-8"))
    defined = set(raw["sources"])
    for member in raw["members"]:
        facts = member["sources"]
        assert {"member", "region", "codes", "normlex_name"} <= set(facts), member["code"]
        for fact in ("member_since", "normlex_id"):
            if fact in member:
                assert fact in facts, (member["code"], fact)
        for ref in facts.values():
            assert ref in defined or "://" in ref or ref.endswith(".yaml"), (member["code"], ref)


def test_un_names_as_normlex_writes_them():
    expected = {
        "TR": "Türkiye",
        "NL": "Netherlands (Kingdom of the)",
        "BO": "Bolivia (Plurinational State of)",
        "GB": "United Kingdom of Great Britain and Northern Ireland",
        "VN": "Viet Nam",
        "IR": "Iran (Islamic Republic of)",
        "MD": "Republic of Moldova",
        "RU": "Russian Federation",
        "CI": "Côte d'Ivoire",
        "LA": "Lao People's Democratic Republic",
        "CZ": "Czechia",
        "SZ": "Eswatini",
    }
    assert {code: REGISTRY.members[code].normlex_name for code in expected} == expected


def test_the_six_curated_countries_agree_with_countries_yaml(embedded):
    for code, country in embedded.countries.items():
        member = REGISTRY.members[code]
        assert member.curated
        assert member.normlex_id == country.normlex_id
        assert member.member_since == country.ilo_member_since
        assert country.region == member.region and country.curated
    assert sum(m.curated for m in REGISTRY.members.values()) == len(embedded.countries)


def test_the_file_is_what_the_build_script_makes():
    """ISO codes and names come from pycountry; the committed file must be the script's output."""
    pytest.importorskip("pycountry")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_members.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_registry_that_disagrees_with_countries_yaml_is_an_error(tmp_path):
    for name in ("conventions.yaml", "countries.yaml"):
        (tmp_path / name).write_bytes((embedded_data_dir() / name).read_bytes())
    text = MEMBERS.read_text(encoding="utf-8").replace("normlex_id: '103542'", "normlex_id: '1'")
    (tmp_path / "members.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="KZ: normlex_id 1 disagrees with countries.yaml"):
        load_dataset(tmp_path)


def test_an_undefined_source_is_an_error(tmp_path):
    text = MEMBERS.read_text(encoding="utf-8").replace(
        "region: region-arab-states\n    codes", "region: nowhere\n    codes", 1
    )
    (tmp_path / "members.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"members.yaml:\d+: member AE: sources.region: unknown source 'nowhere'"):
        load_registry(tmp_path / "members.yaml")


# --------------------------------------------------------------------------- matching


def _shout(text: str) -> str:
    return text.upper()


def _strip_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


NAMES = [(m.code, name) for m in REGISTRY.members.values() for name in m.names()]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from([str, _shout, str.lower, _strip_accents, lambda t: f"  {t} "]))
def test_every_name_alias_and_code_resolves_to_its_own_member(pair, spelling):
    code, name = pair
    assert REGISTRY.match(spelling(name)) == code


def test_all_names_resolve_through_the_dataset(embedded):
    for code, name in NAMES:
        assert embedded.country(name).code == code, name


def test_older_names_and_groups(embedded):
    assert [
        embedded.country(n).code for n in ("Turkey", "Czech Republic", "Swaziland", "Macedonia", "cote d'ivoire")
    ] == ["TR", "CZ", "SZ", "MK", "CI"]
    assert len(embedded.group("world").members) == 187
    assert embedded.group("arab-states").members == sorted(
        ["BH", "IQ", "JO", "KW", "LB", "OM", "QA", "SA", "SY", "AE", "YE"]
    )
    assert {"KZ", "KG", "TJ", "TM", "UZ", "RU", "TR"} <= set(embedded.group("europe-central-asia").members)
    assert "MN" in embedded.group("asia-pacific").members


# --------------------------------------------------------------------------- commands


def test_countries_group_world_json():
    result = cli("countries", "--group", "world", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 187
    assert {"code", "name", "normlex_name", "region", "alpha3", "curated", "normlex_id"} <= set(rows[0])
    assert all(r["region"] in REGION_IDS for r in rows)
    by_code = {r["code"]: r for r in rows}
    assert by_code["KZ"]["curated"] and by_code["KZ"]["ratifications"] > 0
    assert by_code["TR"] == {
        **by_code["TR"],
        "name": "Türkiye",
        "normlex_name": "Türkiye",
        "region": "europe-central-asia",
        "alpha3": "TUR",
        "curated": False,
        "ratifications": 0,
    }
    assert by_code["RU"]["normlex_id"] == "102884"


def test_gaps_for_a_member_without_data_says_so_instead_of_listing_gaps():
    result = cli("--source", "curated", "gaps", "RU", "--set", "fundamental", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert "RU: no data (not curated; no NORMLEX page covers it: run `ratify fetch --country RU`)" in result.stderr


def test_show_and_peers_for_members_without_data():
    result = cli("--source", "curated", "show", "GB")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith("GB: no data (not curated; no NORMLEX page covers it")
    result = cli("--source", "curated", "peers", "KZ", "--group", "europe-central-asia", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "46 of 51 countries have no data" in result.stderr
    assert json.loads(result.stdout)  # the curated peers still answer


def test_fetch_group_world_builds_the_known_country_pages_and_names_the_rest(tmp_path):
    # An unreachable mirror: the URLs are built and the network failure is the expected end.
    result = cli(
        "fetch",
        "--group",
        "world",
        "--base-url",
        "http://127.0.0.1:9/dyn/normlex/en/",
        "--delay",
        "0",
        "--timeout",
        "0.2",
        "--snapshot-dir",
        str(tmp_path),
    )
    assert "skipping 178 of 187 countries whose NORMLEX id is not known" in result.stderr
    assert "GB" in result.stderr and "KZ," not in result.stderr
    assert result.exit_code == 3


# --------------------------------------------------------------------------- NORMLEX names


def _record(name, instrument="C155", url="https://normlex.example/c155", country_id=None):
    return NormlexRecord(name, country_id, instrument, "2005-04-22", "in_force", "", None, None, url)


def test_un_names_on_a_page_answer_for_members_and_unknown_names_are_reported(embedded):
    page = {
        "url": "https://normlex.example/c155",
        "fetched_at": "2026-11-29T10:00:00Z",
        "kind": "instrument",
        "key": "C155",
        "from_cache": False,
        "source": "file",
    }
    snap = Snapshot(
        "2026-11-29T10:00:00Z",
        "https://normlex.example/",
        [page],
        [_record("Türkiye"), _record("Netherlands (Kingdom of the)"), _record("Narnia"), _record("Narnia")],
    )
    matched = reconcile.match(embedded, snap)
    assert {code for code, _ in matched.records} == {"TR", "NL"}
    assert [r.country_name for r in matched.unknown_countries] == ["Narnia", "Narnia"]
    notes = [n for n in matched.notes() if "member registry" in n]
    assert len(notes) == 1 and notes[0].count("'Narnia' on https://normlex.example/c155") == 1

    merged = reconcile.merge(embedded, snap, matched)
    assert [r.instrument for r in merged.lookup("TR").ratifications] == ["C155"]
    assert merged.has_data(merged.lookup("GB"))  # the instrument page covers every country
    assert not embedded.has_data(embedded.lookup("GB"))
    assert not embedded.lookup("TR").ratifications  # the curated dataset is untouched
    assert reconcile.diff(embedded, snap, matched) == [
        d for d in reconcile.diff(embedded, snap, matched) if d.country in embedded.countries
    ]


def test_from_html_with_un_names_then_reports_on_members(tmp_path, monkeypatch):
    snaps = tmp_path / "snapshots"
    monkeypatch.setenv("RATIFY_CACHE_DIR", str(tmp_path))  # reports read the latest snapshot here
    page = (PAGES / "c155_11300.html").read_text(encoding="utf-8").replace("Zimbabwe", "Narnia")
    saved = tmp_path / "c155.html"
    saved.write_text(page, encoding="utf-8")
    result = cli("fetch", "--from-html", str(saved), "--snapshot-dir", str(snaps))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("'Narnia' on ") == 1
    [path] = list(snaps.glob("*.json"))
    assert "Narnia" in {r.country_name for r in load_snapshot(path).records}  # kept, never dropped

    result = cli("--source", "normlex", "gaps", "TR", "DZ", "RU", "--set", "C155", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["country"], r["instrument"]) for r in rows] == [("RU", "C155")]  # TR and DZ ratified it
    assert "no data" not in result.stderr

    # Only C155's page was read: the other fundamental conventions are no record, never gaps.
    result = cli("--source", "normlex", "gaps", "TR", "RU", "--set", "fundamental", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {r["instrument"] for r in json.loads(result.stdout)} == {"C155"}
    assert "no fetched NORMLEX page covers 18 cell(s) (2 countries x" in result.stderr
    result = cli("--source", "merged", "gaps", "TR", "RU", "KZ", "--set", "fundamental", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {(r["country"], r["instrument"]) for r in json.loads(result.stdout) if r["country"] != "KZ"} == {
        ("RU", "C155")
    }
    result = cli("show", "TR")
    assert "TR: answered from NORMLEX instrument pages only (C155)" in result.stderr
    # Counts say what the pages covered: the other fundamental conventions are unknown.
    assert "fundamental 1/10 (1 covered by NORMLEX pages)" in result.stdout
    counts = {c["set_name"]: c for c in json.loads(cli("show", "TR", "--format", "json").stdout)["counts"]}
    assert (counts["fundamental"]["ratified"], counts["fundamental"]["covered"]) == (1, 1)
    ru = {c["set_name"]: c for c in json.loads(cli("show", "RU", "--format", "json").stdout)["counts"]}
    assert (ru["fundamental"]["ratified"], ru["fundamental"]["covered"]) == (0, 1)
    result = cli("report", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "## ILO regions" in result.stdout and "| Europe and Central Asia | 51 |" in result.stdout
    result = cli("--source", "normlex", "matrix", "TR", "RU", "--set", "C155,C187", "--format", "csv")
    assert result.stdout.splitlines()[1:] == ["TR,2005,n/c", "RU,,n/c"]  # not ratified: an empty cell in CSV


def test_pycountry_is_not_imported_by_commands():
    code = (
        "import sys\n"
        "from ratify.cli.main import main\n"
        "sys.argv = ['ratify', '--source', 'curated', 'countries', '--group', 'world', '--format', 'csv']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'pycountry' not in sys.modules, 'pycountry imported'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 188


def test_fetch_uses_country_ids_read_from_links_on_earlier_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("RATIFY_CACHE_DIR", str(tmp_path))
    assert cli("fetch", "--from-html", str(PAGES / "c155_11300.html")).exit_code == 0
    offline = ["--base-url", "http://127.0.0.1:9/dyn/normlex/en/", "--delay", "0", "--timeout", "0.2"]
    result = cli("fetch", "--country", "TR", *offline)  # TR's id is not in the registry; the page linked it
    assert result.exit_code == 3 and "no NORMLEX id" not in result.stderr
    result = cli("fetch", "--group", "europe-central-asia", *offline)
    assert "using the NORMLEX ids of 3 countries read from links on earlier fetched pages" in result.stderr  # CZ NL TR
    assert "skipping 40 of 51 countries" in result.stderr


def test_every_command_on_a_member_without_data_says_so_and_never_fails_with_a_traceback():
    for args in (["timeline", "GB"], ["export", "GB"], ["matrix", "GB", "KZ"], ["targets", "GB"], ["peers", "GB"]):
        result = cli("--source", "curated", *args)
        assert result.exit_code == 0, (args, result.stderr)
        if args[0] != "targets":
            assert "GB: no data" in result.stderr, args
    result = cli("--source", "curated", "report", "GB", "--format", "markdown")
    assert result.exit_code == 2 and "nothing to report" in result.stderr
