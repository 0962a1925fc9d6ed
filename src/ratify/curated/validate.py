"""Checks that keep the curated data honest: references, dates, duplicates, sources, totals.

Each kind of record has its own checker, a small function returning findings; `validate`
runs them all. Every message comes from a named `Rule` in `RULES`, so that the rules can be
listed (docs/data-format.md has the table) and a test can tell when one has no test.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..model import CompleteList, Country, Dataset, Instrument, KnownTotal, Ratification, Target, TrailSource
from ..wording import plural

KNOWN_STATUSES = {
    "up-to-date",
    "interim",
    "outdated",
    "abrogated",
    "withdrawn",
    "to-be-revised",
    "requests-information",
    "shelved",
    "pending",
    "other",  # the ILO's "other instruments": neither up-to-date nor outdated, as some ILO pages class them
}
RULE_KEYS = {"category", "type", "status"}


@dataclass(frozen=True)
class Finding:
    level: str  # error | warning
    path: str
    line: int
    message: str
    rule: str = field(default="", compare=False)  # the id of the rule that found it (see RULES)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"

    def to_dict(self) -> dict:
        return {
            "level": self.level,
            "rule": self.rule or None,
            "file": self.path,
            "line": self.line or None,
            "message": self.message,
        }


@dataclass(frozen=True)
class Rule:
    """One check: its id, severity and message (a `str.format` template).

    What each rule means is in the table of docs/data-format.md (a test keeps the two in step).
    """

    id: str
    level: str  # error | warning
    template: str

    def __call__(self, path: str, line: int, **fields: object) -> Finding:
        return Finding(self.level, path, line, self.template.format(**fields), self.id)


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {r.id: r for r in rules}


E, W = "error", "warning"
RULES = _rules(
    # members.yaml (the embedded registry beside a user's countries.yaml; in one folder it is a load error)
    Rule("registry-disagrees", W, "{message}"),
    # conventions.yaml: instruments
    Rule("revises-unknown", E, "{id} revises unknown instrument {ref}"),
    Rule("protocol-without-parent", E, "{id} is a protocol without a parent convention"),
    Rule("parent-unknown", E, "{id} names unknown parent {parent}"),
    Rule("instrument-status-unknown", E, "{id} has unknown status {status!r}"),
    Rule("id-mismatch", E, "{id} does not match its type and number ({expected})"),
    Rule("instruments-without-status", W, "{instruments} {have} no ILO status yet: {ids}"),
    Rule("instruments-without-source", W, "{instruments} {have} no source yet: {ids}"),
    # conventions.yaml: sets
    Rule("set-unknown-instrument", E, "set {id} names unknown instrument {ref}"),
    Rule("set-unknown-rule-key", E, "set {id} has unknown rule key {key!r} (use {keys})"),
    Rule("set-empty", E, "set {id} has neither members nor a rule"),
    # countries.yaml: groups and countries
    Rule("group-unknown-country", E, "group {id} names unknown country {code}"),
    Rule("country-unknown-group", E, "{code} names unknown group {group}"),
    Rule("country-not-in-group", W, "{code} lists group {group}, whose members do not include it"),
    # countries.yaml: ratifications
    Rule("duplicate-ratification", E, "duplicate ratification {label} (first at line {first})"),
    Rule("ratification-unknown-instrument", E, "{label}: unknown instrument"),
    Rule("undated", W, "{label}: no registration date (a source says it is ratified, none gave the date)"),
    Rule("before-adoption", E, "{label}: registered {date}, before the instrument's adoption ({year})"),
    Rule("before-membership", E, "{label}: registered {date}, before ILO membership ({since})"),
    Rule("registered-in-future", E, "{label}: registration date {date} is in the future"),
    Rule("status-unknown", W, "{label}: ratified, but no source states its current status (status unknown)"),
    Rule("denounced-without-date", E, "{label}: denounced without a date"),
    Rule("denunciation-date-but-status", E, "{label}: has a denunciation date but status {status}"),
    Rule("denounced-before-registered", E, "{label}: denounced ({denounced}) before it was registered ({date})"),
    Rule("denounced-by-unknown", E, "{label}: denounced by unknown instrument {ref}"),
    Rule(
        "denounced-by-not-revising", W, "{label}: denounced by {ref}, which the catalogue does not list as revising it"
    ),
    Rule("ratification-without-source", E, "{label}: no source"),
    Rule("trail-consulted-in-future", E, "{label}: source {url} consulted {consulted}, in the future"),
    # countries.yaml: totals stated by a source
    Rule(
        "stated-but-not-found",
        W,
        "{code}: a source states {stated} {kind} ratified{when}; the data has {have} ({missing} stated but not found)",
    ),
    # countries.yaml: targets and claims
    Rule("target-unknown-instrument", E, "target {id} names unknown instrument {ref}"),
    Rule("target-unknown-subject", E, "target {id} applies to unknown country or group {ref!r}"),
    Rule("target-unknown-setter", W, "target {id} is set by {ref!r}, not a known country or group"),
    Rule("target-count-too-high", W, "target {id} asks for {instruments} but names only {named}"),
    Rule("claim-without-date", E, "claim {id} has no 'stated' date"),
    Rule("target-without-source", E, "target {id} has no source"),
    # countries.yaml: complete lists (malformed ones are load errors)
    Rule("list-undated", W, "complete list {id} has neither as_of nor consulted: the absences it shows have no date"),
    Rule("list-in-future", E, "complete list {id}: {field} {date} is in the future"),
    Rule(
        "list-consulted-before-as-of",
        E,
        "complete list {id}: consulted {consulted}, before the date it speaks for ({as_of})",
    ),
)

Findings = Iterator[Finding]


def _have(items: list) -> str:
    return "has" if len(items) == 1 else "have"


def check_registry(dataset: Dataset, today: _dt.date) -> Findings:
    """members.yaml: the facts it gives about curated countries must agree with countries.yaml."""
    if dataset.registry is None:
        return
    from ..member_states import disagreements

    for _code, line, message in disagreements(dataset.registry, dataset.countries):
        yield RULES["registry-disagrees"](dataset.registry.path, line, message=message)


def check_instruments(dataset: Dataset, today: _dt.date) -> Findings:
    path, instruments = _conventions(dataset), dataset.instruments
    for i in instruments.values():
        yield from _check_instrument(i, instruments, path)
        yield from _check_trail(i.sources, i.id, i.line, path, today)
    # One line each rather than one per instrument: these are known holes, not typos.
    no_status = [i.id for i in instruments.values() if not i.status]
    no_source = [i.id for i in instruments.values() if not i.source]
    if no_status:
        yield RULES["instruments-without-status"](
            path, 0, instruments=plural(len(no_status), "instrument"), have=_have(no_status), ids=", ".join(no_status)
        )
    if no_source:
        yield RULES["instruments-without-source"](
            path, 0, instruments=plural(len(no_source), "instrument"), have=_have(no_source), ids=", ".join(no_source)
        )


def _check_instrument(i: Instrument, instruments: dict[str, Instrument], path: str) -> Findings:
    for ref in i.revises:
        if ref not in instruments:
            yield RULES["revises-unknown"](path, i.line, id=i.id, ref=ref)
    if i.type == "protocol" and not i.parent:
        yield RULES["protocol-without-parent"](path, i.line, id=i.id)
    if i.parent and i.parent not in instruments:
        yield RULES["parent-unknown"](path, i.line, id=i.id, parent=i.parent)
    if i.status and i.status not in KNOWN_STATUSES:
        yield RULES["instrument-status-unknown"](path, i.line, id=i.id, status=i.status)
    expected = f"{'C' if i.type == 'convention' else 'P'}{i.number:03d}"
    if expected != i.id:
        yield RULES["id-mismatch"](path, i.line, id=i.id, expected=expected)


def check_sets(dataset: Dataset, today: _dt.date) -> Findings:
    path = _conventions(dataset)
    for s in dataset.sets.values():
        for ref in s.members:
            if ref not in dataset.instruments:
                yield RULES["set-unknown-instrument"](path, s.line, id=s.id, ref=ref)
        for key in s.rule:
            if key not in RULE_KEYS:
                yield RULES["set-unknown-rule-key"](path, s.line, id=s.id, key=key, keys=", ".join(sorted(RULE_KEYS)))
        if not s.members and not s.rule:
            yield RULES["set-empty"](path, s.line, id=s.id)


def check_groups(dataset: Dataset, today: _dt.date) -> Findings:
    path = _countries(dataset)
    for g in dataset.groups.values():
        for code in g.members:
            if code not in dataset.countries:
                yield RULES["group-unknown-country"](path, g.line, id=g.id, code=code)


def check_countries(dataset: Dataset, today: _dt.date) -> Findings:
    """Each country's groups, ratifications and stated totals, in file order."""
    path = _countries(dataset)
    for c in dataset.countries.values():
        for gid in c.groups:
            if gid not in dataset.groups:
                yield RULES["country-unknown-group"](path, c.line, code=c.code, group=gid)
            elif c.code not in dataset.groups[gid].members:
                yield RULES["country-not-in-group"](path, c.line, code=c.code, group=gid)
        seen: dict[str, int] = {}
        for r in c.ratifications:
            if r.instrument in seen:
                yield RULES["duplicate-ratification"](path, r.line, label=_label(r), first=seen[r.instrument])
            seen.setdefault(r.instrument, r.line)
            yield from check_ratification(r, c, dataset.instruments, path, today)
        for total in c.known_totals:
            yield from check_known_total(total, c, path, today)


def check_ratification(
    r: Ratification, c: Country, instruments: dict[str, Instrument], path: str, today: _dt.date
) -> Findings:
    label = _label(r)
    inst = instruments.get(r.instrument)
    if inst is None:
        yield RULES["ratification-unknown-instrument"](path, r.line, label=label)
    if r.date is None:
        yield RULES["undated"](path, r.line, label=label)
    else:
        if inst is not None and inst.year and r.date.latest.year < inst.year:
            yield RULES["before-adoption"](path, r.line, label=label, date=r.date, year=inst.year)
        if c.ilo_member_since and r.date.latest < c.ilo_member_since.earliest:
            yield RULES["before-membership"](path, r.line, label=label, date=r.date, since=c.ilo_member_since)
        if r.date.earliest > today:
            yield RULES["registered-in-future"](path, r.line, label=label, date=r.date)
    if r.status == "unknown":
        yield RULES["status-unknown"](path, r.line, label=label)
    yield from _check_denunciation(r, instruments, path, label)
    if not r.source:
        yield RULES["ratification-without-source"](path, r.line, label=label)
    yield from _check_trail(r.sources, label, r.line, path, today)


def _check_trail(trail: tuple[TrailSource, ...], label: str, line: int, path: str, today: _dt.date) -> Findings:
    for step in trail:
        if step.consulted is not None and step.consulted.earliest > today:
            yield RULES["trail-consulted-in-future"](
                path, step.line or line, label=label, url=step.url, consulted=step.consulted
            )


def _check_denunciation(r: Ratification, instruments: dict[str, Instrument], path: str, label: str) -> Findings:
    if r.status == "denounced" and r.denounced is None:
        yield RULES["denounced-without-date"](path, r.line, label=label)
    if r.denounced is not None:
        if r.status != "denounced":
            yield RULES["denunciation-date-but-status"](path, r.line, label=label, status=r.status)
        if r.date is not None and r.denounced.latest < r.date.earliest:
            yield RULES["denounced-before-registered"](path, r.line, label=label, denounced=r.denounced, date=r.date)
    if r.denounced_by:
        if r.denounced_by not in instruments:
            yield RULES["denounced-by-unknown"](path, r.line, label=label, ref=r.denounced_by)
        elif r.instrument not in instruments[r.denounced_by].revises:
            yield RULES["denounced-by-not-revising"](path, r.line, label=label, ref=r.denounced_by)


def check_known_total(total: KnownTotal, c: Country, path: str, today: _dt.date) -> Findings:
    """A total a source states, against the records dated on or before its date (undated ones count).

    Conventions and protocols are counted apart, as the source states them; the finding says
    how many the source states that the data has not found, so the research knows what is left.
    """
    day = total.as_of.latest if total.as_of else today
    for letter, kind, stated in (("C", "convention", total.conventions), ("P", "protocol", total.protocols)):
        if stated is None:
            continue
        have = sum(
            1
            for r in c.ratifications
            if r.instrument.startswith(letter) and (r.date is None or r.date.on_or_before(day) is not False)
        )
        if have < stated:
            yield RULES["stated-but-not-found"](
                path,
                total.line,
                code=c.code,
                stated=stated,
                kind=kind if stated == 1 else f"{kind}s",
                when=f" as of {total.as_of}" if total.as_of else "",
                have=have,
                missing=stated - have,
            )


def check_targets(dataset: Dataset, today: _dt.date) -> Findings:
    path = _countries(dataset)
    for t in dataset.targets:
        yield from _check_target(t, dataset, path)


def _check_target(t: Target, dataset: Dataset, path: str) -> Findings:
    def known(ref: str) -> bool:
        return ref.lower() in dataset.groups or ref.upper() in dataset.countries

    for ref in t.instruments:
        if ref not in dataset.instruments:
            yield RULES["target-unknown-instrument"](path, t.line, id=t.id, ref=ref)
    for ref in t.applies_to:
        if not known(ref):
            yield RULES["target-unknown-subject"](path, t.line, id=t.id, ref=ref)
    if t.set_by and not known(t.set_by):
        yield RULES["target-unknown-setter"](path, t.line, id=t.id, ref=t.set_by)
    if t.count is not None and t.count > len(t.instruments):
        yield RULES["target-count-too-high"](
            path, t.line, id=t.id, instruments=plural(t.count, "instrument"), named=len(t.instruments)
        )
    if t.kind == "claim" and t.stated is None:
        yield RULES["claim-without-date"](path, t.line, id=t.id)
    if not t.source:
        yield RULES["target-without-source"](path, t.line, id=t.id)


def check_complete_lists(dataset: Dataset, today: _dt.date) -> Findings:
    path = _countries(dataset)
    for cl in dataset.complete_lists:
        yield from _check_complete_list(cl, path, today)


def _check_complete_list(cl: CompleteList, path: str, today: _dt.date) -> Findings:
    if cl.as_of is None and cl.consulted is None:
        yield RULES["list-undated"](path, cl.line, id=cl.id)
    for name, day in (("as_of", cl.as_of), ("consulted", cl.consulted)):
        if day is not None and day.earliest > today:
            yield RULES["list-in-future"](path, cl.line, id=cl.id, field=name, date=day)
    if cl.as_of and cl.consulted and cl.consulted.latest < cl.as_of.earliest:
        yield RULES["list-consulted-before-as-of"](path, cl.line, id=cl.id, consulted=cl.consulted, as_of=cl.as_of)


# In the order of the files: the registry, conventions.yaml, then countries.yaml top to bottom.
CHECKERS: tuple[Callable[[Dataset, _dt.date], Findings], ...] = (
    check_registry,
    check_instruments,
    check_sets,
    check_groups,
    check_countries,
    check_targets,
    check_complete_lists,
)


def validate(dataset: Dataset, today: _dt.date | None = None, ignore: Iterable[str] = ()) -> list[Finding]:
    """Every problem found in the dataset, errors first, in file order.

    `ignore` names warning rules to leave out (known holes a CI job accepts); an unknown rule,
    or an error rule, is a ValueError: errors are never ignored.
    """
    skipped = check_ignorable(ignore)
    day = today or _dt.date.today()
    out = [finding for check in CHECKERS for finding in check(dataset, day) if finding.rule not in skipped]
    return sorted(out, key=lambda f: (f.level != "error", f.path, f.line))


def check_ignorable(rules: Iterable[str]) -> frozenset[str]:
    """The rule ids in `rules`, each a known warning rule (else ValueError, naming the choices)."""
    chosen = frozenset(r.strip().lower() for r in rules if r.strip())
    unknown = sorted(chosen - RULES.keys())
    if unknown:
        warnings = ", ".join(r.id for r in RULES.values() if r.level == W)
        raise ValueError(f"unknown rule {', '.join(unknown)} (warning rules: {warnings})")
    errors = sorted(r for r in chosen if RULES[r].level == E)
    if errors:
        raise ValueError(f"{', '.join(errors)} is an error rule: errors cannot be ignored")
    return chosen


def _label(r: Ratification) -> str:
    return f"{r.country} {r.instrument}"


def _conventions(dataset: Dataset) -> str:
    return dataset.paths.get("conventions", "conventions.yaml")


def _countries(dataset: Dataset) -> str:
    return dataset.paths.get("countries", "countries.yaml")
