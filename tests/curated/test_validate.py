"""Every `validate` rule fires on a small fixture changed in one place, and says where.

Each case copies the small fixture, changes one thing, loads it and checks that the finding
(severity, file, line, message) is there and was not there before the change. A rule added to
`ratify.curated.validate.RULES` without a case here fails `test_every_rule_has_a_test`.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import string
from dataclasses import dataclass
from pathlib import Path

import pytest

from ratify.curated.loader import load_dataset
from ratify.curated.validate import CHECKERS, RULES, Finding, Rule, validate

from ..conftest import SMALL

TODAY = dt.date(2026, 11, 29)  # fixed, so that "in the future" does not move under the tests
DOCS = Path(__file__).resolve().parents[2] / "docs" / "data-format.md"
CONV, CTRY = "conventions.yaml", "countries.yaml"


@dataclass(frozen=True)
class Case:
    rule: str
    file: str  # the file changed, and the file the finding names
    old: str
    new: str
    at: str  # a text on the line the finding names ("" for line 0)
    message: str  # "{first}" stands for the line of the text `first`
    first: str = ""


CASES = [
    # conventions.yaml: instruments
    Case(
        "revises-unknown",
        CONV,
        "revises: [C005]",
        "revises: [C004]",
        "{id: C138,",
        "C138 revises unknown instrument C004",
    ),
    Case(
        "protocol-without-parent",
        CONV,
        "type: protocol, parent: C029,",
        "type: protocol,",
        "{id: P029,",
        "P029 is a protocol without a parent convention",
    ),
    Case("parent-unknown", CONV, "parent: C029", "parent: C030", "{id: P029,", "P029 names unknown parent C030"),
    Case(
        "instrument-status-unknown",
        CONV,
        "status: outdated",
        "status: old",
        "{id: C005,",
        "C005 has unknown status 'old'",
    ),
    Case(
        "id-mismatch",
        CONV,
        "{id: C005, number: 5,",
        "{id: C005, number: 6,",
        "{id: C005,",
        "C005 does not match its type and number (C006)",
    ),
    Case("instruments-without-status", CONV, "status: outdated, ", "", "", "1 instrument has no ILO status yet: C005"),
    Case(
        "instruments-without-source",
        CONV,
        "status: withdrawn, source: test fixture}",
        "status: withdrawn}",
        "",
        "1 instrument has no source yet: C031",
    ),
    # conventions.yaml: sets
    Case(
        "set-unknown-instrument",
        CONV,
        "members: [C155, C187]",
        "members: [C155, C999]",
        "description: Occupational safety and health",
        "set osh names unknown instrument C999",
    ),
    Case(
        "set-unknown-rule-key",
        CONV,
        "rule: {status: up-to-date}",
        "rule: {state: up-to-date}",
        "description: Up-to-date instruments",
        "set up-to-date has unknown rule key 'state' (use category, status, type)",
    ),
    Case(
        "set-empty",
        CONV,
        "    members: [C155, C187]\n",
        "",
        "description: Occupational safety and health",
        "set osh has neither members nor a rule",
    ),
    # countries.yaml: groups and countries
    Case(
        "group-unknown-country",
        CTRY,
        "members: [XA, XB, XC]",
        "members: [XA, XB, XD]",
        "  trio:",
        "group trio names unknown country XD",
    ),
    Case(
        "country-unknown-group",
        CTRY,
        "groups: [trio]\n",
        "groups: [trio, quartet]\n",
        "  - code: XC",
        "XC names unknown group quartet",
    ),
    Case(
        "country-not-in-group",
        CTRY,
        "groups: [trio]\n",
        "groups: [trio, pair]\n",
        "  - code: XC",
        "XC lists group pair, whose members do not include it",
    ),
    # countries.yaml: ratifications
    Case(
        "duplicate-ratification",
        CTRY,
        '      - {instrument: C187, date: "2026-03-01"',
        '      - {instrument: C029, date: "1994", source: second}\n      - {instrument: C187, date: "2026-03-01"',
        '{instrument: C029, date: "1994"',
        "duplicate ratification XC C029 (first at line {first})",
        '{instrument: C029, date: "1993"',
    ),
    Case(
        "ratification-unknown-instrument",
        CTRY,
        '{instrument: C029, date: "1993"',
        '{instrument: C999, date: "1993"',
        '{instrument: C999, date: "1993"',
        "XC C999: unknown instrument",
    ),
    Case(
        "undated",
        CTRY,
        '{instrument: C029, date: "1993", status',
        "{instrument: C029, status",
        "{instrument: C029, status",
        "XC C029: no registration date (a source says it is ratified, none gave the date)",
    ),
    Case(
        "before-adoption",
        CTRY,
        '{instrument: C182, date: "2004"',
        '{instrument: C182, date: "1998"',
        '{instrument: C182, date: "1998"',
        "XB C182: registered 1998, before the instrument's adoption (1999)",
    ),
    Case(
        "before-membership",
        CTRY,
        '{instrument: C087, date: "1992-03-31"',
        '{instrument: C087, date: "1991"',
        '{instrument: C087, date: "1991"',
        "XB C087: registered 1991, before ILO membership (1992-03-31)",
    ),
    Case(
        "registered-in-future",
        CTRY,
        '{instrument: C190, date: "2024-06-03"',
        '{instrument: C190, date: "2027-01"',
        '{instrument: C190, date: "2027-01"',
        "XB C190: registration date 2027-01 is in the future",
    ),
    Case(
        "status-unknown",
        CTRY,
        '{instrument: C190, date: "2024-06-03", status: in_force',
        '{instrument: C190, date: "2024-06-03", status: unknown',
        '{instrument: C190, date: "2024-06-03"',
        "XB C190: ratified, but no source states its current status (status unknown)",
    ),
    Case(
        "denounced-without-date",
        CTRY,
        'status: denounced, denounced: "2020-01-01", ',
        "status: denounced, ",
        '{instrument: C105, date: "1999"',
        "XB C105: denounced without a date",
    ),
    Case(
        "denunciation-date-but-status",
        CTRY,
        'status: denounced, denounced: "2020-01-01"',
        'status: in_force, denounced: "2020-01-01"',
        '{instrument: C105, date: "1999"',
        "XB C105: has a denunciation date but status in_force",
    ),
    Case(
        "denounced-before-registered",
        CTRY,
        'denounced: "2020-01-01"',
        'denounced: "1998"',
        '{instrument: C105, date: "1999"',
        "XB C105: denounced (1998) before it was registered (1999)",
    ),
    Case(
        "denounced-by-unknown",
        CTRY,
        "denounced_by: C138",
        "denounced_by: C139",
        '{instrument: C005, date: "1950',
        "XA C005: denounced by unknown instrument C139",
    ),
    Case(
        "denounced-by-not-revising",
        CTRY,
        "denounced_by: C138",
        "denounced_by: C182",
        '{instrument: C005, date: "1950',
        "XA C005: denounced by C182, which the catalogue does not list as revising it",
    ),
    Case(
        "ratification-without-source",
        CTRY,
        '{instrument: C029, date: "1993", status: in_force, source: test fixture}',
        '{instrument: C029, date: "1993", status: in_force}',
        '{instrument: C029, date: "1993"',
        "XC C029: no source",
    ),
    Case(
        "trail-consulted-in-future",
        CTRY,
        '{instrument: C029, date: "1993", status: in_force, source: test fixture}',
        '{instrument: C029, date: "1993", status: in_force, source: test fixture,'
        ' sources: [{url: "https://example.org/t", consulted: "2027"}]}',
        '{instrument: C029, date: "1993"',
        "XC C029: source https://example.org/t consulted 2027, in the future",
    ),
    # countries.yaml: stated totals (XC: C029 1993, C190 2025, C187 2026-03, P029 2020)
    Case(
        "stated-but-not-found",
        CTRY,
        "    groups: [trio]\n",
        '    groups: [trio]\n    known_totals:\n      - {conventions: 3, protocols: 2, as_of: "2025", source: a report}\n',
        "{conventions: 3,",
        "XC: a source states 3 conventions ratified as of 2025; the data has 2 (1 stated but not found)",
    ),
    # countries.yaml: targets and claims
    Case(
        "target-unknown-instrument",
        CTRY,
        "instruments: [C155, C187]\n    start",
        "instruments: [C155, C888]\n    start",
        "  - id: trio-osh",
        "target trio-osh names unknown instrument C888",
    ),
    Case(
        "target-unknown-subject",
        CTRY,
        "applies_to: [XB]",
        "applies_to: [XB, XZ]",
        "  - id: xb-two-of-three",
        "target xb-two-of-three applies to unknown country or group 'XZ'",
    ),
    Case(
        "target-unknown-setter",
        CTRY,
        "set_by: XB",
        "set_by: XZ",
        "  - id: xb-two-of-three",
        "target xb-two-of-three is set by 'XZ', not a known country or group",
    ),
    Case(
        "target-count-too-high",
        CTRY,
        "count: 2",
        "count: 4",
        "  - id: xb-two-of-three",
        "target xb-two-of-three asks for 4 instruments but names only 3",
    ),
    Case(
        "claim-without-date",
        CTRY,
        '    stated: "2016-11-04"\n',
        "",
        "  - id: pair-claim-2016",
        "claim pair-claim-2016 has no 'stated' date",
    ),
    Case(
        "target-without-source",
        CTRY,
        "Ratify two of C081, C155, C190\n    source: test fixture\n",
        "Ratify two of C081, C155, C190\n",
        "  - id: xb-two-of-three",
        "target xb-two-of-three has no source",
    ),
    # countries.yaml: complete lists
    Case(
        "list-undated",
        CTRY,
        '    as_of: "2026-06"\n    consulted: "2026-11-29"\n',
        "",
        "  - id: fixture-fundamental-table",
        "complete list fixture-fundamental-table has neither as_of nor consulted: the absences it shows have no date",
    ),
    Case(
        "list-in-future",
        CTRY,
        'as_of: "2026-06"',
        'as_of: "2027"',
        "  - id: fixture-fundamental-table",
        "complete list fixture-fundamental-table: as_of 2027 is in the future",
    ),
    Case(
        "list-consulted-before-as-of",
        CTRY,
        'consulted: "2026-11-29"',
        'consulted: "2026-05-01"',
        "  - id: fixture-fundamental-table",
        "complete list fixture-fundamental-table: consulted 2026-05-01, before the date it speaks for (2026-06)",
    ),
]

# Rules whose test is written out below rather than as a one-change case.
TESTED_BELOW = {"registry-disagrees"}


def copy_small(tmp_path: Path) -> Path:
    for name in (CONV, CTRY):
        shutil.copy(SMALL / name, tmp_path / name)
    return tmp_path


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the only line containing `text`."""
    hits = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    assert len(hits) == 1, (text, hits)
    return hits[0]


def matches(rule: Rule, message: str) -> bool:
    """Whether `message` is one the rule's template can produce."""
    pattern = "".join(
        re.escape(literal) + ("(.+?)" if field is not None else "")
        for literal, field, _spec, _conv in string.Formatter().parse(rule.template)
    )
    return re.fullmatch(pattern, message) is not None


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_rule_fires(tmp_path, case):
    data = copy_small(tmp_path)
    path = data / case.file
    before = validate(load_dataset(data), today=TODAY)
    text = path.read_text()
    assert text.count(case.old) == 1, f"the fixture changed: {case.old!r}"
    path.write_text(text.replace(case.old, case.new))
    message = case.message.replace("{first}", str(line_of(path, case.first))) if case.first else case.message
    rule = RULES[case.rule]
    expected = Finding(rule.level, str(path), line_of(path, case.at) if case.at else 0, message)

    findings = validate(load_dataset(data), today=TODAY)

    assert expected in findings, "\n".join(map(str, findings))
    assert findings[findings.index(expected)].rule == case.rule  # what `validate --ignore` takes
    assert expected not in before
    assert matches(rule, message)
    assert not any(
        matches(other, message) for other in RULES.values() if other is not rule and other.template != "{message}"
    )


def test_every_rule_has_a_test():
    """A new rule in `RULES` needs a case above (or a test below, listed in TESTED_BELOW)."""
    covered = {c.rule for c in CASES} | TESTED_BELOW
    assert covered == set(RULES), f"rules without a test: {sorted(set(RULES) - covered)}"


def test_the_registry_must_agree_with_curated_countries(tmp_path):
    # A curated KZ with another NORMLEX id than the member registry shipped with ratify gives.
    data = copy_small(tmp_path)
    path = data / CTRY
    text = path.read_text()
    path.write_text(
        text.replace("complete_lists:\n", '  - {code: KZ, name: Kazakhstan, normlex_id: "1"}\ncomplete_lists:\n')
    )
    ds = load_dataset(data)
    member = ds.registry.members["KZ"]
    assert member.normlex_id and member.normlex_id != "1"
    expected = Finding(
        "warning",
        ds.registry.path,
        member.line,
        f"member KZ: normlex_id {member.normlex_id} disagrees with countries.yaml (1)",
    )
    assert expected in validate(ds, today=TODAY)
    assert matches(RULES["registry-disagrees"], expected.message)


def test_the_small_fixture_has_one_finding():
    (finding,) = validate(load_dataset(SMALL), today=TODAY)
    assert (
        finding.message
        == "XA: a source states 12 conventions ratified as of 2020; the data has 9 (3 stated but not found)"
    )


def test_stated_totals_count_conventions_and_protocols_apart(tmp_path):
    data = copy_small(tmp_path)
    path = data / CTRY
    total = '      - {conventions: 3, protocols: 2, as_of: "2025", source: a report}\n'
    path.write_text(path.read_text().replace("    groups: [trio]\n", f"    groups: [trio]\n    known_totals:\n{total}"))
    messages = [f.message for f in validate(load_dataset(data), today=TODAY) if f.message.startswith("XC:")]
    assert messages == [
        "XC: a source states 3 conventions ratified as of 2025; the data has 2 (1 stated but not found)",
        "XC: a source states 2 protocols ratified as of 2025; the data has 1 (1 stated but not found)",
    ]


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (
            "{protocols: 1, source: s}",
            "XA: a source states 1 protocol ratified; the data has 0 (1 stated but not found)",
        ),
        ('{conventions: 9, as_of: "2020", source: s}', None),  # met: C155 (2023-06) is not counted for 2020
        ('{conventions: 10, as_of: "2023-06", source: s}', None),  # the month of C155 counts
        (
            '{conventions: 10, as_of: "2023-05", source: s}',
            "XA: a source states 10 conventions ratified as of 2023-05; the data has 9 (1 stated but not found)",
        ),
    ],
)
def test_stated_totals_count_records_up_to_their_date(tmp_path, total, expected):
    data = copy_small(tmp_path)
    path = data / CTRY
    path.write_text(path.read_text().replace('{conventions: 12, as_of: "2020", source: test fixture}', total))
    messages = [f.message for f in validate(load_dataset(data), today=TODAY) if f.message.startswith("XA:")]
    assert messages == ([expected] if expected else [])


def test_undated_records_count_towards_a_stated_total(tmp_path):
    data = copy_small(tmp_path)
    path = data / CTRY
    path.write_text(path.read_text().replace('{instrument: C155, date: "2023-06", ', "{instrument: C155, "))
    messages = [f.message for f in validate(load_dataset(data), today=TODAY) if "stated but not found" in f.message]
    assert messages == [
        "XA: a source states 12 conventions ratified as of 2020; the data has 10 (2 stated but not found)"
    ]


def test_errors_first_then_warnings_each_in_file_order(tmp_path):
    data = copy_small(tmp_path)
    ctry = data / CTRY
    ctry.write_text(
        ctry.read_text()
        .replace("count: 2", "count: 4")  # warning, late in countries.yaml
        .replace('{instrument: C029, date: "1993"', '{instrument: C999, date: "1993"')  # error
        .replace("members: [XA, XB, XC]", "members: [XA, XB, XD]")
    )  # error, early
    conv = data / CONV
    conv.write_text(conv.read_text().replace("status: withdrawn, source: test fixture}", "status: withdrawn}"))
    findings = validate(load_dataset(data), today=TODAY)
    levels = [f.level for f in findings]
    assert levels == sorted(levels, key=lambda level: level != "error") and "warning" in levels
    for level in ("error", "warning"):
        places = [(f.path, f.line) for f in findings if f.level == level]
        assert places == sorted(places)
    assert [f.message for f in findings][:2] == ["group trio names unknown country XD", "XC C999: unknown instrument"]


def test_each_checker_answers_for_its_own_records(tmp_path):
    data = copy_small(tmp_path)
    conv = data / CONV
    conv.write_text(conv.read_text().replace("revises: [C005]", "revises: [C004]"))
    ds = load_dataset(data)
    by_checker = {check.__name__: list(check(ds, TODAY)) for check in CHECKERS}
    assert [f.message for f in by_checker["check_instruments"]] == ["C138 revises unknown instrument C004"]
    assert by_checker["check_sets"] == by_checker["check_targets"] == by_checker["check_complete_lists"] == []
    assert sorted(str(f) for fs in by_checker.values() for f in fs) == sorted(map(str, validate(ds, today=TODAY)))


def test_the_rule_table_in_the_docs_lists_every_rule():
    rows = re.findall(r"^\| `([a-z-]+)` \| (error|warning) \| (.+) \|$", DOCS.read_text(), re.M)
    assert {(rule, level) for rule, level, _meaning in rows} == {(r.id, r.level) for r in RULES.values()}
    assert len(rows) == len(RULES)


def test_an_instruments_research_trail_is_loaded_and_checked(tmp_path):
    data = copy_small(tmp_path)
    path = data / CONV
    text = path.read_text()
    old = "    status: up-to-date\n    source: test fixture\n"
    assert old in text
    trail = (
        "    sources:\n"
        '      - {url: "https://example.org/status", says: "Status: Up-to-date instrument", consulted: "2026-11"}\n'
        '      - {url: "https://example.org/later", consulted: "2027"}\n'
    )
    path.write_text(text.replace(old, old + trail, 1))
    dataset = load_dataset(data)
    first = next(i for i in dataset.instruments.values() if i.sources)
    assert [t.url for t in first.sources] == ["https://example.org/status", "https://example.org/later"]
    assert first.sources[0].says == "Status: Up-to-date instrument"
    messages = [f.message for f in validate(dataset, today=TODAY)]
    assert f"{first.id}: source https://example.org/later consulted 2027, in the future" in messages
    assert not any("example.org/status" in m for m in messages)


def test_a_record_without_status_is_unknown_not_in_force(tmp_path):
    data = copy_small(tmp_path)
    path = data / CTRY
    old = '{instrument: C029, date: "1950-02-01", status: in_force, source: test fixture}'
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, '{instrument: C029, date: "1950-02-01", source: test fixture}'))
    dataset = load_dataset(data)
    record = next(r for r in dataset.countries["XA"].ratifications if r.instrument == "C029")
    assert record.status == "unknown"
    assert "XA C029: ratified, but no source states its current status (status unknown)" in [
        f.message for f in validate(dataset, today=TODAY)
    ]
