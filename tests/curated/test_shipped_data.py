"""Facts about the embedded data that users rely on."""

import datetime as dt

import pytest

import ratify
from ratify.curated.validate import validate


@pytest.fixture(scope="module")
def data():
    return ratify.load()


def test_shipped_data_validates_without_errors(data):
    errors = [f for f in validate(data) if f.level == "error"]
    assert errors == []


def test_every_instrument_is_present(data):
    newest = max(i.number for i in data.instruments.values() if i.type == "convention")
    assert newest >= 193
    assert {f"C{n:03d}" for n in range(1, newest + 1)} <= set(data.instruments)
    assert {"P029", "P081", "P089", "P110", "P147", "P155"} <= set(data.instruments)
    assert all(data.instruments[p].parent for p in ("P029", "P081", "P089", "P110", "P147", "P155"))


def test_fundamental_and_governance_sets_are_exact(data):
    now = [i.id for i in data.resolve_instruments("fundamental")]
    assert now == ["C029", "C087", "C098", "C100", "C105", "C111", "C138", "C155", "C182", "C187"]
    before = [i.id for i in data.resolve_instruments("fundamental", dt.date(2022, 6, 9))]
    assert before == ["C029", "C087", "C098", "C100", "C105", "C111", "C138", "C182"]
    assert [i.id for i in data.resolve_instruments("governance")] == ["C081", "C122", "C129", "C144"]
    assert data.instruments["P029"].category == "fundamental"


def test_no_closed_instrument_is_called_up_to_date(data):
    closed = [
        i
        for i in data.instruments.values()
        if "abrogated" in (i.status_note or "").lower() or "withdrawn" in (i.status_note or "").lower()
    ]
    assert closed and all(i.status in ("abrogated", "withdrawn") for i in closed)
    assert "C004" in {i.id for i in closed}


@pytest.mark.parametrize(
    "country,instrument,date",
    [
        ("KZ", "C087", "2000"),
        ("KG", "C087", "1992"),
        ("MN", "C087", "1969"),
        ("TJ", "C087", "1993"),
        ("UZ", "C087", "2016-12-12"),
        ("TM", "C087", "1997"),
        ("KZ", "C187", "2015-02-03"),
        ("KG", "C190", "2024-06-03"),
        ("UZ", "P029", "2019-09-16"),
        ("UZ", "C187", "2021"),
        ("UZ", "C155", "2024"),
        ("UZ", "C138", "2009"),  # the ILO's year; the national law of March 2008 is in the note
        ("KZ", "C175", "2022-05-25"),
        ("TJ", "C105", "1999"),
    ],
)
def test_pinned_ratifications(data, country, instrument, date):
    record = next(r for r in data.countries[country].ratifications if r.instrument == instrument)
    assert str(record.date) == date
    assert record.source


def test_every_ratification_has_a_source(data):
    assert all(r.source for r in data.ratifications())


def test_ctuca_and_ids(data):
    assert data.groups["ctuca"].members == ["KZ", "KG", "MN", "TJ", "UZ"]
    assert {c.code: c.normlex_id for c in data.countries.values()} == {
        "KZ": "103542",
        "KG": "103529",
        "MN": "103142",
        "TJ": "103547",
        "UZ": "103538",
        "TM": "103551",
    }


def test_fundamental_gaps_of_the_ctuca_members(data):
    """The gap report users see first, as NORMLEX's fundamental table gave it in 2026."""
    report = ratify.gaps(
        data, countries=data.resolve_countries(["ctuca"]), instruments=data.resolve_instruments("fundamental")
    )
    assert sorted((g.country, g.instrument) for g in report.gaps) == [
        ("KG", "C155"),
        ("KG", "C187"),
        ("MN", "C187"),
        ("TJ", "C187"),
    ]


def test_readme_coverage_table_matches_the_data(data):
    """The README's coverage table is what `validate` says of the shipped data, row by row."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("**Coverage.**", 1)[1]
    rows = re.findall(r"^\| ([A-Z][a-z]+) \| (\d+)[^|]*\|[^|]*\| (\d+)[^|]*\|$", section, re.M)
    by_name = {c.name: c for c in data.countries.values()}
    assert {name for name, _, _ in rows} == set(by_name)
    missing: dict[str, int] = {}
    for finding in validate(data):
        found = re.match(r"(\w\w): a source states \d+ conventions? .*\((\d+) stated but not found\)", finding.message)
        if found:
            missing[found[1]] = max(missing.get(found[1], 0), int(found[2]))
    for name, recorded, unfound in rows:
        country = by_name[name]
        conventions = [r for r in country.ratifications if r.instrument.startswith("C")]
        assert int(recorded) == len(conventions), name
        assert int(unfound) == missing.get(country.code, 0), name


def test_readme_coverage_figures_match_the_data(data):
    """The figures in the README's coverage paragraph are counted from the shipped data."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    text = " ".join(readme.split("**Coverage.**", 1)[1].split("## Python API", 1)[0].split())
    records = [r for c in data.countries.values() for r in c.ratifications]
    classified = [i for i in data.instruments.values() if i.status]
    fundamental = {i.id for i in data.instruments.values() if i.category == "fundamental"}
    listed = {ident for lst in data.complete_lists if lst.instruments is not None for ident in lst.instruments}
    expected = {
        r"of (\d+) other conventions": len(listed - fundamental),
        r"(\d+) complete lists are cited": len(data.complete_lists),
        r"Of (\d+) records": len(records),
        r"(\d+) are dated to the year only": sum(1 for r in records if r.date and r.date.month is None),
        r"(\d+) have no date": sum(1 for r in records if r.date is None),
        r"(\d+) have a current status no source states": sum(1 for r in records if r.status == "unknown"),
        r"(\d+) of \d+ instruments carry an ILO status": len(classified),
        r"\d+ of (\d+) instruments carry an ILO status": len(data.instruments),
    }
    for pattern, count in expected.items():
        found = re.search(pattern, text)
        assert found, pattern
        assert int(found[1]) == count, pattern


def test_shipped_data_warns_only_of_open_research(data):
    """Warnings on the shipped data are known holes (what the README's CI example ignores), nothing else."""
    open_research = {
        "status-unknown",
        "stated-but-not-found",
        "undated",
        "instruments-without-status",
        "target-count-too-high",
    }
    assert {f.rule for f in validate(data)} <= open_research
    assert validate(data, ignore=open_research) == []
