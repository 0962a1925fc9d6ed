"""Targets and claims: what was set or stated, checked against the ratifications."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..model import Country, Dataset, Target
from .standings import REGISTERED, UNCERTAIN, standing

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
            "state": self.state,
            "deadline": str(t.deadline) if t.deadline else None,
            "by_deadline": self.by_deadline,
            "stated": str(t.stated) if t.stated else None,
            "claim_now": self.claim_now,
            "as_of": self.as_of,
            "source": t.source,
        }


def _split(country: Country, instruments: list[str], on: _dt.date | None) -> tuple[list[str], list[str], list[str]]:
    done: list[str] = []
    missing: list[str] = []
    unsure: list[str] = []
    for ident in instruments:
        state = standing(country, ident, on).state
        (done if state in REGISTERED else unsure if state == UNCERTAIN else missing).append(ident)
    return done, missing, unsure


def _verdict(done: int, unsure: int, needed: int, yes: str, no: str) -> str:
    if done >= needed:
        return yes
    if done + unsure >= needed:
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
    rows = []
    for country in target_countries(dataset, target):
        if target.kind == "claim":
            stated = target.stated.latest if target.stated else day
            done, missing, unsure = _split(country, target.instruments, stated)
            now_done, _, now_unsure = _split(country, target.instruments, day)
            rows.append(
                TargetProgress(
                    target,
                    country.code,
                    day.isoformat(),
                    done,
                    missing,
                    unsure,
                    needed,
                    state=_verdict(len(done), len(unsure), needed, TRUE, FALSE),
                    claim_now=_verdict(len(now_done), len(now_unsure), needed, TRUE, FALSE),
                )
            )
            continue
        done, missing, unsure = _split(country, target.instruments, day)
        state = _verdict(len(done), len(unsure), needed, MET, OPEN)
        by_deadline = None
        if target.deadline is not None and target.deadline.latest < day:
            d_done, _, d_unsure = _split(country, target.instruments, target.deadline.latest)
            by_deadline = _verdict(len(d_done), len(d_unsure), needed, MET, "missed")
            if state == OPEN:
                state = OVERDUE
        rows.append(
            TargetProgress(target, country.code, day.isoformat(), done, missing, unsure, needed, state, by_deadline)
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
