"""Hostile YAML: every document either loads or is one data error naming file and line.

Each case below once escaped as a traceback or never finished (impossible dates in keys no
one reads, bad explicit tags, integers past Python's 4,300-digit limit, complex keys, deep
nesting, "billion laughs" aliases); the fuzz test builds documents with the schema's own
keys, so the values reach field parsing and the analysis, not only the YAML reader.
"""

from __future__ import annotations

import shutil
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ratify.analysis import gaps, matrix, targets, upgrades
from ratify.curated.loader import load_dataset
from ratify.curated.validate import validate
from ratify.errors import DataError

from ..conftest import SMALL

LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
)


@pytest.fixture
def data_copy(tmp_path):
    for name in ("conventions.yaml", "countries.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    return tmp_path


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _line_of(path, fragment):
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


CASES = {
    "impossible date in an unused key": (
        "    name: Betastan\n",
        "    name: Betastan\n    unused: 2021-02-30\n",
        "unused",
    ),
    "bad !!int": ("    name: Betastan\n", "    name: Betastan\n    x: !!int xyz\n", "x: !!int"),
    "bad !!float": ("    name: Betastan\n", "    name: Betastan\n    x: !!float abc\n", "x: !!float"),
    "bad !!timestamp": (
        "    name: Betastan\n",
        "    name: Betastan\n    x: !!timestamp 2020-13-45\n",
        "x: !!timestamp",
    ),
    "integer over 4,300 digits": ("    name: Betastan\n", "    name: Betastan\n    x: " + "9" * 5000 + "\n", "x: 999"),
    "complex key": ("    name: Betastan\n", "    name: Betastan\n    ? [a, b]\n    : 1\n", "? [a, b]"),
    "very deep nesting": (
        "    name: Betastan\n",
        "    name: Betastan\n    x: " + "[" * 200 + "]" * 200 + "\n",
        "x: [[[",
    ),
    "alias": ("    name: Betastan\n", "    name: &n Betastan\n    aliases: [*n]\n", "aliases: [*n]"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_hostile_value_is_a_data_error_with_file_and_line(data_copy, case):
    old, new, marker = CASES[case]
    path = data_copy / "countries.yaml"
    _edit(path, old, new)
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    assert err.value.path == str(path)
    assert err.value.line == _line_of(path, marker)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("field", ["aliases", "groups", "normlex_id"])
def test_billion_laughs_is_refused_at_once(data_copy, field):
    path = data_copy / "countries.yaml"
    text = path.read_text().replace("countries:\n", LAUGHS + "countries:\n", 1)
    path.write_text(text.replace("    name: Betastan\n", f"    name: Betastan\n    {field}: *g\n", 1))
    started = time.monotonic()
    with pytest.raises(DataError, match="aliases .* are not supported"):
        load_dataset(data_copy)
    assert time.monotonic() - started < 1


def test_nul_byte_is_one_line_with_its_line(data_copy):
    path = data_copy / "countries.yaml"
    _edit(path, "    name: Betastan\n", "    name: Beta\x00stan\n")
    with pytest.raises(DataError, match=r"character #x0000 is not allowed") as err:
        load_dataset(data_copy)
    assert err.value.line == _line_of(path, "Beta\x00stan") and "\n" not in str(err.value)


def test_escape_sequences_are_stripped_from_text(data_copy):
    _edit(data_copy / "countries.yaml", "    name: Betastan\n", '    name: "Beta\\e[2J\\x9b31mstan\\tX"\n')
    ds = load_dataset(data_copy)
    assert ds.countries["XB"].name == "Beta[2J31mstan\tX"


def test_cli_reports_a_hostile_file_in_one_line(run, data_copy):
    _edit(data_copy / "countries.yaml", "    name: Betastan\n", "    name: Betastan\n    x: !!float abc\n")
    result = run("gaps", data_dir=data_copy)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "countries.yaml:" in result.output
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- fuzzing

HOSTILE = [
    '"2016-02-30"',
    "2016-02-30",
    "2016-13-01",
    "!!int xyz",
    "!!float abc",
    "!!timestamp 2020-13-45",
    "!!timestamp x",
    "9" * 4400,
    "[[a]]",
    "{a: 1}",
    '"\\e[31mred\\e[0m"',
    '"\\x9b2J"',
    "~",
    '""',
    "yes",
    "-1",
    "1e9999",
    ".nan",
    "!!binary aGVsbG8=",
    "!!set {a: null}",
    "0",
    '"C000"',
    '"87"',
    "P000",
    "99999999999999999999",
    "[]",
    "{}",
    "!!str 1993",
    '"9999-12-31"',
    '"0001-01-01"',
    "2150-01-01",
    "C0876",
    "!!float 1e400",
    "&x 1",
    "*x",
    "[*x]",
    '"\\0"',
    "0x1F",
    "!!null ''",
]


def _countries_document():
    slots = {
        "checked": '"2026-01-01"',
        "gname": "Test group",
        "gmembers": "[XA, XB]",
        "code": "XA",
        "name": "Alphaland",
        "aliases": "[XAA]",
        "normlex_id": '"900001"',
        "member": '"1945"',
        "groups": "[g]",
        "conventions": "12",
        "as_of": '"2020"',
        "instrument": "C087",
        "date": '"2016-11-04"',
        "status": "denounced",
        "denounced": '"2020"',
        "denounced_by": "C138",
        "note": "a note",
        "confidence": "ilo",
        "instrument2": "C155",
        "date2": '"2023-06"',
        "tid": "t1",
        "applies": "[g]",
        "kind": "ratify",
        "tinstr": "[C155, C187]",
        "count": "1",
        "start": '"2022"',
        "deadline": '"2025"',
        "stated": '"2016-11-04"',
    }
    template = (
        "checked: {checked}\n"
        "groups:\n  g: {{name: {gname}, members: {gmembers}, source: s}}\n"
        "countries:\n"
        "  - code: {code}\n    name: {name}\n    aliases: {aliases}\n    normlex_id: {normlex_id}\n"
        "    ilo_member_since: {member}\n    groups: {groups}\n"
        "    known_totals:\n      - {{conventions: {conventions}, as_of: {as_of}, source: s}}\n"
        "    ratifications:\n"
        "      - {{instrument: {instrument}, date: {date}, status: {status}, denounced: {denounced}, "
        "denounced_by: {denounced_by}, note: {note}, source: s, confidence: {confidence}}}\n"
        "      - {{instrument: {instrument2}, date: {date2}, status: in_force, source: s}}\n"
        "  - {{code: XB, name: Betastan, ratifications: []}}\n"
        "targets:\n"
        "  - {{id: {tid}, applies_to: {applies}, kind: {kind}, instruments: {tinstr}, count: {count}, "
        "start: {start}, deadline: {deadline}, stated: {stated}, description: d, source: s}}\n"
    )
    # A few slots hostile, the others valid: parsing goes on to the fields and the analysis.
    hostile = st.dictionaries(st.sampled_from(sorted(slots)), st.sampled_from(HOSTILE), max_size=3)
    return hostile.map(lambda bad: template.format(**{**slots, **bad}))


FUZZ_EXAMPLES = 150


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=_countries_document())
def test_fuzzed_countries_file_loads_or_is_a_data_error(tmp_path_factory, document):
    directory = tmp_path_factory.mktemp("data")
    shutil.copy(SMALL / "conventions.yaml", directory / "conventions.yaml")
    (directory / "countries.yaml").write_text(document, encoding="utf-8")
    try:
        ds = load_dataset(directory)
    except DataError as exc:
        assert exc.path and "\n" not in str(exc)
        return
    # What loads must also survive the checks and the reports.
    validate(ds)
    countries = list(ds.countries.values())
    gaps(ds, countries, ds.resolve_instruments("fundamental"))
    matrix(ds, countries, list(ds.instruments.values()))
    for country in countries:
        upgrades(ds, country)
    targets(ds)
