"""Checks that keep the curated data honest: references, dates, duplicates, sources, totals."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Optional

from .model import Dataset

KNOWN_STATUSES = {
    "up-to-date", "interim", "outdated", "abrogated", "withdrawn", "to-be-revised",
    "requests-information", "shelved", "pending",
}
RULE_KEYS = {"category", "type", "status"}


@dataclass(frozen=True)
class Finding:
    level: str      # error | warning
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"

    def to_dict(self) -> dict:
        return {"level": self.level, "file": self.path, "line": self.line or None, "message": self.message}


def validate(dataset: Dataset, today: Optional[_dt.date] = None) -> list[Finding]:
    """Every problem found in the dataset, errors first, in file order."""
    today = today or _dt.date.today()
    conv, ctry = dataset.paths.get("conventions", "conventions.yaml"), dataset.paths.get("countries", "countries.yaml")
    out: list[Finding] = []

    def error(path: str, line: int, message: str) -> None:
        out.append(Finding("error", path, line, message))

    def warn(path: str, line: int, message: str) -> None:
        out.append(Finding("warning", path, line, message))

    if dataset.registry is not None:  # members.yaml: the facts of curated countries must agree
        from .members import disagreements

        for _code, line, message in disagreements(dataset.registry, dataset.countries):
            warn(dataset.registry.path, line, message)

    instruments = dataset.instruments
    no_status: list[str] = []
    no_source: list[str] = []
    for i in instruments.values():
        for ref in i.revises:
            if ref not in instruments:
                error(conv, i.line, f"{i.id} revises unknown instrument {ref}")
        if i.type == "protocol" and not i.parent:
            error(conv, i.line, f"{i.id} is a protocol without a parent convention")
        if i.parent and i.parent not in instruments:
            error(conv, i.line, f"{i.id} names unknown parent {i.parent}")
        if i.status and i.status not in KNOWN_STATUSES:
            error(conv, i.line, f"{i.id} has unknown status {i.status!r}")
        if not i.status:
            no_status.append(i.id)
        if not i.source:
            no_source.append(i.id)
        expected = f"{'C' if i.type == 'convention' else 'P'}{i.number:03d}"
        if expected != i.id:
            error(conv, i.line, f"{i.id} does not match its type and number ({expected})")
    # One line each rather than one per instrument: these are known holes, not typos.
    if no_status:
        warn(conv, 0, f"{len(no_status)} instruments have no ILO status yet: {', '.join(no_status)}")
    if no_source:
        warn(conv, 0, f"{len(no_source)} instruments have no source yet: {', '.join(no_source)}")
    for s in dataset.sets.values():
        for ref in s.members:
            if ref not in instruments:
                error(conv, s.line, f"set {s.id} names unknown instrument {ref}")
        for key in s.rule:
            if key not in RULE_KEYS:
                error(conv, s.line, f"set {s.id} has unknown rule key {key!r} (use {', '.join(sorted(RULE_KEYS))})")
        if not s.members and not s.rule:
            error(conv, s.line, f"set {s.id} has neither members nor a rule")

    for g in dataset.groups.values():
        for code in g.members:
            if code not in dataset.countries:
                error(ctry, g.line, f"group {g.id} names unknown country {code}")
    for c in dataset.countries.values():
        for gid in c.groups:
            if gid not in dataset.groups:
                error(ctry, c.line, f"{c.code} names unknown group {gid}")
            elif c.code not in dataset.groups[gid].members:
                warn(ctry, c.line, f"{c.code} lists group {gid}, whose members do not include it")
        seen: dict[str, int] = {}
        for r in c.ratifications:
            label = f"{c.code} {r.instrument}"
            if r.instrument in seen:
                error(ctry, r.line, f"duplicate ratification {label} (first at line {seen[r.instrument]})")
            seen.setdefault(r.instrument, r.line)
            inst = instruments.get(r.instrument)
            if inst is None:
                error(ctry, r.line, f"{label}: unknown instrument")
            if r.date is None:
                warn(ctry, r.line, f"{label}: no registration date (a source says it is ratified, none gave the date)")
            else:
                if inst is not None and inst.year and r.date.latest.year < inst.year:
                    error(ctry, r.line, f"{label}: registered {r.date}, before the instrument's adoption ({inst.year})")
                if c.ilo_member_since and r.date.latest < c.ilo_member_since.earliest:
                    error(ctry, r.line, f"{label}: registered {r.date}, before ILO membership ({c.ilo_member_since})")
                if r.date.earliest > today:
                    error(ctry, r.line, f"{label}: registration date {r.date} is in the future")
            if r.status == "unknown":
                warn(ctry, r.line, f"{label}: ratified, but no source states its current status (status unknown)")
            if r.status == "denounced" and r.denounced is None:
                error(ctry, r.line, f"{label}: denounced without a date")
            if r.denounced is not None:
                if r.status != "denounced":
                    error(ctry, r.line, f"{label}: has a denunciation date but status {r.status}")
                if r.date is not None and r.denounced.latest < r.date.earliest:
                    error(ctry, r.line, f"{label}: denounced ({r.denounced}) before it was registered ({r.date})")
            if r.denounced_by:
                if r.denounced_by not in instruments:
                    error(ctry, r.line, f"{label}: denounced by unknown instrument {r.denounced_by}")
                elif r.instrument not in instruments[r.denounced_by].revises:
                    warn(ctry, r.line, f"{label}: denounced by {r.denounced_by}, which the catalogue does not list as revising it")
            if not r.source:
                error(ctry, r.line, f"{label}: no source")
        for total in c.known_totals:
            for kind, stated in (("convention", total.conventions), ("protocol", total.protocols)):
                if stated is None:
                    continue
                day = total.as_of.latest if total.as_of else today
                have = sum(
                    1
                    for r in c.ratifications
                    if r.instrument.startswith(kind[0].upper()) and (r.date is None or r.date.on_or_before(day) is not False)
                )
                if have < stated:
                    when = f" as of {total.as_of}" if total.as_of else ""
                    warn(ctry, total.line, f"{c.code}: a source states {stated} {kind}s ratified{when}; the data has {have}")

    for t in dataset.targets:
        for ref in t.instruments:
            if ref not in instruments:
                error(ctry, t.line, f"target {t.id} names unknown instrument {ref}")
        for ref in t.applies_to:
            if ref.lower() not in dataset.groups and ref.upper() not in dataset.countries:
                error(ctry, t.line, f"target {t.id} applies to unknown country or group {ref!r}")
        if t.set_by and t.set_by.lower() not in dataset.groups and t.set_by.upper() not in dataset.countries:
            warn(ctry, t.line, f"target {t.id} is set by {t.set_by!r}, not a known country or group")
        if t.count is not None and t.count > len(t.instruments):
            warn(ctry, t.line, f"target {t.id} asks for {t.count} instruments but names only {len(t.instruments)}")
        if t.kind == "claim" and t.stated is None:
            error(ctry, t.line, f"claim {t.id} has no 'stated' date")
        if not t.source:
            error(ctry, t.line, f"target {t.id} has no source")
    return sorted(out, key=lambda f: (f.level != "error", f.path, f.line))
