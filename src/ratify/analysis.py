"""Questions asked of a dataset: gaps, matrix, profiles, targets, peers, upgrades, timeline.

Every function takes `on`, the as-of day (None means today's state as the data records it).
Results are plain dataclasses with `to_dict()`; nothing here formats output.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass, field
from typing import Iterable, Optional

from .model import Country, Dataset, Instrument, Ratification, Target

# The state of one country towards one instrument on a day.
RATIFIED = "ratified"          # registered and, as far as the data tells, in force
PENDING = "pending"            # registered, not yet in force
DENOUNCED = "denounced"
NOT_RATIFIED = "not_ratified"
UNCERTAIN = "uncertain"        # a year- or month-only date straddles the as-of day

REGISTERED = (RATIFIED, PENDING)  # counts as ratified for targets and peers
GAP_STATES = (NOT_RATIFIED, DENOUNCED)


@dataclass
class Standing:
    country: str
    instrument: str
    state: str
    ratification: Optional[Ratification] = None
    reason: str = ""

    @property
    def date(self) -> str:
        r = self.ratification
        return str(r.date) if r and r.date else ("date unknown" if r else "")

    @property
    def year(self) -> str:
        r = self.ratification
        return str(r.date.year) if r and r.date else ("date unknown" if r else "")

    def to_dict(self) -> dict:
        r = self.ratification
        return {
            "country": self.country,
            "instrument": self.instrument,
            "state": self.state,
            "date": str(r.date) if r and r.date else None,
            "denounced": str(r.denounced) if r and r.denounced else None,
            "reason": self.reason or None,
        }


def standing(country: Country, instrument_id: str, on: Optional[_dt.date] = None) -> Standing:
    """Where `country` stands on `instrument_id` on day `on` (None: as the data stands today)."""
    records = [r for r in country.ratifications if r.instrument == instrument_id]
    if not records:
        return Standing(country.code, instrument_id, NOT_RATIFIED)
    record = max(records, key=lambda r: r.sort_key)
    if on is None:
        state = {"in_force": RATIFIED, "not_in_force": PENDING, "denounced": DENOUNCED}[record.status]
        return Standing(country.code, instrument_id, state, record)
    registered = record.date.on_or_before(on) if record.date else None
    if registered is False:
        return Standing(country.code, instrument_id, NOT_RATIFIED)
    if registered is None:
        when = f"registered {record.date}" if record.date else "registration date unknown"
        return Standing(country.code, instrument_id, UNCERTAIN, record, f"{when}, as-of {on}")
    if record.denounced is not None:
        gone = record.denounced.on_or_before(on)
        if gone is True:
            return Standing(country.code, instrument_id, DENOUNCED, record)
        if gone is None:
            return Standing(country.code, instrument_id, UNCERTAIN, record, f"denounced {record.denounced}, as-of {on}")
        return Standing(country.code, instrument_id, RATIFIED, record)
    if record.status == "denounced":
        return Standing(country.code, instrument_id, UNCERTAIN, record, "denounced on an unknown date")
    if record.status == "not_in_force":
        return Standing(country.code, instrument_id, PENDING, record)
    return Standing(country.code, instrument_id, RATIFIED, record)


def open_instruments(instruments: Iterable[Instrument]) -> list[Instrument]:
    """Instruments that can still be ratified (abrogated and withdrawn ones are never gaps)."""
    return [i for i in instruments if not i.closed]


# -- gaps ----------------------------------------------------------------------------
@dataclass
class GapReport:
    as_of: Optional[str]
    set_name: str
    countries: list[str]
    instruments: list[str]
    gaps: list[Standing]
    pending: list[Standing]
    uncertain: list[Standing]

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of,
            "set": self.set_name,
            "countries": self.countries,
            "instruments": self.instruments,
            "gaps": [g.to_dict() for g in self.gaps],
            "pending": [g.to_dict() for g in self.pending],
            "uncertain": [g.to_dict() for g in self.uncertain],
        }


def gaps(
    dataset: Dataset,
    countries: list[Country],
    instruments: list[Instrument],
    on: Optional[_dt.date] = None,
    set_name: str = "",
) -> GapReport:
    """Instruments of the set each country has not ratified or has denounced."""
    found: dict[str, list[Standing]] = {NOT_RATIFIED: [], PENDING: [], UNCERTAIN: []}
    chosen = open_instruments(instruments)
    for country in countries:
        for instrument in chosen:
            s = standing(country, instrument.id, on)
            key = NOT_RATIFIED if s.state in GAP_STATES else s.state
            if key in found:
                found[key].append(s)
    return GapReport(
        as_of=on.isoformat() if on else None,
        set_name=set_name,
        countries=[c.code for c in countries],
        instruments=[i.id for i in chosen],
        gaps=found[NOT_RATIFIED],
        pending=found[PENDING],
        uncertain=found[UNCERTAIN],
    )


# -- matrix --------------------------------------------------------------------------
@dataclass
class Matrix:
    as_of: Optional[str]
    countries: list[str]
    instruments: list[str]
    cells: dict[tuple[str, str], Standing]

    def cell(self, country: str, instrument: str) -> Standing:
        return self.cells[(country, instrument)]

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of,
            "countries": self.countries,
            "instruments": self.instruments,
            "cells": [s.to_dict() for s in self.cells.values()],
        }


def matrix(
    dataset: Dataset, countries: list[Country], instruments: list[Instrument], on: Optional[_dt.date] = None
) -> Matrix:
    cells = {(c.code, i.id): standing(c, i.id, on) for c in countries for i in instruments}
    return Matrix(on.isoformat() if on else None, [c.code for c in countries], [i.id for i in instruments], cells)


# -- profiles --------------------------------------------------------------------------
@dataclass
class SetCount:
    set_name: str
    ratified: int
    total: int


@dataclass
class CountryProfile:
    country: Country
    as_of: Optional[str]
    counts: list[SetCount]
    technical: int
    standings: list[Standing]
    upgrades: list["Upgrade"]

    def to_dict(self) -> dict:
        return {
            "country": self.country.code,
            "name": self.country.name,
            "as_of": self.as_of,
            "counts": [asdict(c) for c in self.counts],
            "technical_ratified": self.technical,
            "ratifications": [s.to_dict() for s in self.standings],
            "upgrades": [u.to_dict() for u in self.upgrades],
        }


def country_profile(dataset: Dataset, country: Country, on: Optional[_dt.date] = None) -> CountryProfile:
    standings = []
    for record in sorted(country.ratifications, key=lambda r: (r.sort_key, r.instrument)):
        s = standing(country, record.instrument, on)
        if s.state != NOT_RATIFIED:
            standings.append(s)
    counts = []
    for name in ("fundamental", "governance"):
        if name in dataset.sets:
            members = open_instruments(dataset.set_members(dataset.sets[name], on))
            done = sum(standing(country, i.id, on).state in REGISTERED for i in members)
            counts.append(SetCount(name, done, len(members)))
    technical = sum(
        1
        for s in standings
        if s.state in REGISTERED
        and s.instrument in dataset.instruments
        and dataset.instruments[s.instrument].category_on(on) == "technical"
    )
    return CountryProfile(country, on.isoformat() if on else None, counts, technical, standings, upgrades(dataset, country, on))


@dataclass
class InstrumentProfile:
    instrument: Instrument
    as_of: Optional[str]
    standings: list[Standing]

    def to_dict(self) -> dict:
        i = self.instrument
        return {
            "instrument": i.id,
            "title": i.title,
            "year": i.year,
            "category": i.category,
            "status": i.status,
            "as_of": self.as_of,
            "countries": [s.to_dict() for s in self.standings],
        }


def instrument_profile(
    dataset: Dataset, instrument: Instrument, countries: list[Country], on: Optional[_dt.date] = None
) -> InstrumentProfile:
    return InstrumentProfile(instrument, on.isoformat() if on else None, [standing(c, instrument.id, on) for c in countries])


# -- upgrades ------------------------------------------------------------------------
@dataclass
class Upgrade:
    country: str
    instrument: str          # the up-to-date instrument not ratified
    replaces: list[str]      # outdated or interim instruments it revises that the country applies
    would_denounce: list[str]  # ratifications that ratifying `instrument` would denounce

    def to_dict(self) -> dict:
        return asdict(self)


def upgrades(dataset: Dataset, country: Country, on: Optional[_dt.date] = None) -> list[Upgrade]:
    """Up-to-date instruments revising ones the country still applies but which it has not ratified."""
    found = []
    for new in dataset.instruments.values():
        # A status the data does not record yet does not hide a revision (the revision is sourced).
        if new.status not in ("up-to-date", None) or not new.revises or new.adopted_by(on) is not True:
            continue
        if standing(country, new.id, on).state not in GAP_STATES:
            continue
        applied = [old for old in new.revises if standing(country, old, on).state in REGISTERED]
        replaces = [
            old for old in applied if dataset.instruments.get(old) and dataset.instruments[old].status != "up-to-date"
        ]
        if replaces:
            found.append(Upgrade(country.code, new.id, replaces, applied))
    return sorted(found, key=lambda u: u.instrument)


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
    state: str                      # met | open | overdue | uncertain (ratify); true | false | uncertain (claim)
    by_deadline: Optional[str] = None  # met | missed | uncertain, once the deadline has passed
    claim_now: Optional[str] = None    # for a claim: whether it holds on the as-of day

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


def _split(country: Country, instruments: list[str], on: Optional[_dt.date]) -> tuple[list[str], list[str], list[str]]:
    done, missing, unsure = [], [], []
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


def target_progress(dataset: Dataset, target: Target, on: Optional[_dt.date] = None) -> list[TargetProgress]:
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
                    target, country.code, day.isoformat(), done, missing, unsure, needed,
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
        rows.append(TargetProgress(target, country.code, day.isoformat(), done, missing, unsure, needed, state, by_deadline))
    return rows


def targets(
    dataset: Dataset, selection: Optional[list[Country]] = None, on: Optional[_dt.date] = None, set_by: Optional[str] = None
) -> list[TargetProgress]:
    codes = {c.code for c in selection} if selection else None
    rows = []
    for target in dataset.targets:
        begun = target.stated or target.start
        if on is not None and begun is not None and begun.earliest > on:
            continue  # not yet set on the as-of day
        if set_by and target.set_by.lower() != set_by.lower():
            continue
        rows.extend(r for r in target_progress(dataset, target, on) if codes is None or r.country in codes)
    return rows


# -- peers ---------------------------------------------------------------------------
@dataclass
class PeerSuggestion:
    country: str
    instrument: str
    title: str
    peers: list[tuple[str, str]]   # (country code, registration date)
    group_size: int

    def to_dict(self) -> dict:
        return {
            "country": self.country,
            "instrument": self.instrument,
            "title": self.title,
            "peer_count": len(self.peers),
            "peers_in_group": self.group_size,
            "peers": [{"country": c, "date": d} for c, d in self.peers],
        }


def peers(
    dataset: Dataset, country: Country, group_members: list[Country], on: Optional[_dt.date] = None
) -> list[PeerSuggestion]:
    """Up-to-date instruments the country lacks, ranked by how many peers have ratified them."""
    others = [c for c in group_members if c.code != country.code]
    # An instrument already superseded for this country (it ratified a revising one) is no gap.
    superseded = {
        old
        for r in country.ratifications
        if r.instrument in dataset.instruments and standing(country, r.instrument, on).state in REGISTERED
        for old in dataset.instruments[r.instrument].revises
    }
    found = []
    for instrument in dataset.instruments.values():
        # An instrument whose status the data does not record yet is kept (and shown as such)
        # rather than silently dropped; outdated, interim and closed ones are not suggested.
        if instrument.status not in ("up-to-date", None) or instrument.adopted_by(on) is not True:
            continue
        if instrument.id in superseded or standing(country, instrument.id, on).state not in GAP_STATES:
            continue
        who = []
        for peer in others:
            s = standing(peer, instrument.id, on)
            if s.state in REGISTERED:
                who.append((peer.code, s.date))
        if who:
            found.append(PeerSuggestion(country.code, instrument.id, instrument.title, who, len(others)))
    return sorted(found, key=lambda p: (-len(p.peers), p.instrument))


# -- timeline ------------------------------------------------------------------------
@dataclass
class TimelineYear:
    year: int
    count: int
    ratifications: list[tuple[str, str]] = field(default_factory=list)  # (country, instrument)

    def to_dict(self) -> dict:
        return {"year": self.year, "count": self.count, "ratifications": [f"{c} {i}" for c, i in self.ratifications]}


def timeline(
    dataset: Dataset,
    countries: list[Country],
    instruments: Optional[set[str]] = None,
    on: Optional[_dt.date] = None,
) -> list[TimelineYear]:
    """Ratifications registered per year (years without any are kept, with a count of 0)."""
    years: dict[int, TimelineYear] = {}
    for country in countries:
        for r in country.ratifications:
            if instruments is not None and r.instrument not in instruments:
                continue
            if r.date is None or (on is not None and r.date.on_or_before(on) is not True):
                continue  # undated records have no year to count in
            entry = years.setdefault(r.date.year, TimelineYear(r.date.year, 0))
            entry.count += 1
            entry.ratifications.append((country.code, r.instrument))
    if not years:
        return []
    return [years.get(y, TimelineYear(y, 0)) for y in range(min(years), max(years) + 1)]
