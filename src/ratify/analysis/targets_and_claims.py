"""Targets and claims: what was set or stated, checked against the ratifications."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..model import Country, Dataset, Target
from .gap_report import gap_evidence
from .standings import GAP_STATES, REGISTERED, UNCERTAIN, Standing, standing

# -- targets -------------------------------------------------------------------------
MET, OPEN, OVERDUE = "met", "open", "overdue"
TRUE, FALSE = "true", "false"


@dataclass
class TargetProgress:
    target: Target
    country: str
    as_of: str
    done: list[str]
    open: list[str]
    uncertain: list[str]
    needed: int
    state: str  # met | open | overdue | uncertain (ratify); true | false | uncertain (claim)
    by_deadline: str | None = None  # met | missed | uncertain, once the deadline has passed
    claim_now: str | None = None  # for a claim: whether it holds on the as-of day
    # Instruments without a ratification that nothing shows absent (no NORMLEX page, no cited
    # complete list): unknown, neither done nor open, so no verdict rests on them.
    no_record: list[str] = field(default_factory=list)
    # A target counting more instruments than the data names (`count: 19` of five named):
    # the others are unknown too.
    not_named: int = 0

    @property
    def progress(self) -> str:
        """``2/4 done, 1 not ratified, 1 no record`` (the parts that are not zero)."""
        parts = [f"{len(self.done)}/{self.needed} done"]
        for count, label in ((self.open, "not ratified"), (self.uncertain, "uncertain"), (self.no_record, "no record")):
            if count:
                parts.append(f"{len(count)} {label}")
        if self.not_named:
            parts.append(f"{self.not_named} not named in the data")
        return ", ".join(parts)

    def to_dict(self) -> dict:
        t = self.target
        return {
            "target": t.id,
            "kind": t.kind,
            "set_by": t.set_by,
            "country": self.country,
            "description": t.description,
            "instruments": t.instruments,
            "needed": self.needed,
            "done": self.done,
            "open": self.open,
            "uncertain": self.uncertain,
            "no_record": self.no_record,
            "not_named": self.not_named,
            "progress": self.progress,
            "state": self.state,
            "deadline": str(t.deadline) if t.deadline else None,
            "by_deadline": self.by_deadline,
            "stated": str(t.stated) if t.stated else None,
            "claim_now": self.claim_now,
            "as_of": self.as_of,
            "source": t.source,
        }


Split = tuple[list[str], list[str], list[str], list[str]]


def _split(dataset: Dataset, country: Country, instruments: list[str], on: _dt.date, asked: _dt.date | None) -> Split:
    """Done, not ratified (shown by evidence), uncertain on the day, and no record.

    `asked` is the day the evidence must speak for: None for today's report, where a cited
    list counts whatever its date (as in `gaps`), else `on`.
    """
    done: list[str] = []
    missing: list[str] = []
    unsure: list[str] = []
    unknown: list[str] = []
    for ident in instruments:
        s = standing(country, ident, on)
        if s.state in REGISTERED:
            done.append(ident)
        elif s.state == UNCERTAIN:
            unsure.append(ident)
        elif s.state in GAP_STATES and not _shown_absent(dataset, country, s, asked):
            unknown.append(ident)
        else:
            missing.append(ident)
    return done, missing, unsure, unknown


def _shown_absent(dataset: Dataset, country: Country, s: Standing, on: _dt.date | None) -> bool:
    evidence = gap_evidence(dataset, country, s, on)
    return evidence is not None and evidence.has_evidence


def _verdict(done: int, unknown: int, needed: int, yes: str, no: str) -> str:
    """`yes` when enough are done; `no` only when it fails even if every unknown one were done."""
    if done >= needed:
        return yes
    if done + unknown >= needed:
        return UNCERTAIN
    return no


def target_countries(dataset: Dataset, target: Target) -> list[Country]:
    codes: list[str] = []
    for ref in target.applies_to:
        if ref.lower() in dataset.groups:
            codes.extend(dataset.groups[ref.lower()].members)
        else:
            codes.append(ref.upper())
    return [dataset.countries[c] for c in dict.fromkeys(codes) if c in dataset.countries]


def target_progress(dataset: Dataset, target: Target, on: _dt.date | None = None) -> list[TargetProgress]:
    """Progress of one target for each country it applies to, as of `on` (today by default)."""
    day = on or _dt.date.today()
    needed = target.count or len(target.instruments)
    unnamed = max(0, needed - len(target.instruments))
    rows = []
    for country in target_countries(dataset, target):

        def judged(when: _dt.date, as_of: _dt.date | None, yes: str, no: str, country=country):
            """The split on `when`, and its verdict: an instrument without a record, or one the
            target counts but the data does not name, is unknown, so it can never make it fail."""
            done, missing, unsure, unknown = _split(dataset, country, target.instruments, when, as_of)
            return (done, missing, unsure, unknown), _verdict(
                len(done), len(unsure) + len(unknown) + unnamed, needed, yes, no
            )

        by_deadline = claim_now = None
        if target.kind == "claim":
            stated = target.stated.latest if target.stated else day
            (done, missing, unsure, unknown), state = judged(stated, stated, TRUE, FALSE)
            _, claim_now = judged(day, on, TRUE, FALSE)
        else:
            (done, missing, unsure, unknown), state = judged(day, on, MET, OPEN)
            if target.deadline is not None and target.deadline.latest < day:
                _, by_deadline = judged(target.deadline.latest, target.deadline.latest, MET, "missed")
                if state == OPEN:
                    state = OVERDUE
        rows.append(
            TargetProgress(
                target,
                country.code,
                day.isoformat(),
                done,
                missing,
                unsure,
                needed,
                state,
                by_deadline,
                claim_now,
                no_record=unknown,
                not_named=unnamed,
            )
        )
    return rows


def targets(
    dataset: Dataset, selection: list[Country] | None = None, on: _dt.date | None = None, set_by: str | None = None
) -> list[TargetProgress]:
    codes = {c.code for c in selection} if selection else None
    rows: list[TargetProgress] = []
    for target in dataset.targets:
        begun = target.stated or target.start
        if on is not None and begun is not None and begun.earliest > on:
            continue  # not yet set on the as-of day
        if set_by and target.set_by.lower() != set_by.lower():
            continue
        rows.extend(r for r in target_progress(dataset, target, on) if codes is None or r.country in codes)
    return rows
