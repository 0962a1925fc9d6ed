"""Peers: what the neighbours ratified that a country has not."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..model import Country, Dataset
from . import evidence as E
from .gap_report import gap_evidence
from .standings import DENOUNCED, GAP_STATES, NOT_RATIFIED, REGISTERED, standing


# -- peers ---------------------------------------------------------------------------
@dataclass
class PeerSuggestion:
    country: str
    instrument: str
    title: str
    peers: list[tuple[str, str]]  # (country code, registration date)
    group_size: int
    # What shows the country has not ratified it: evidence, or "no record" (it may have).
    evidence: E.Evidence = field(default=E.NO_EVIDENCE)
    denounced: bool = False

    @property
    def state(self) -> str:
        """``denounced``, ``not_ratified`` (shown by evidence) or ``no_record``."""
        if self.denounced:
            return DENOUNCED
        return NOT_RATIFIED if self.evidence.has_evidence else E.NO_RECORD

    def to_dict(self) -> dict:
        return {
            "country": self.country,
            "instrument": self.instrument,
            "title": self.title,
            "peer_count": len(self.peers),
            "peers_in_group": self.group_size,
            "peers": [{"country": c, "date": d} for c, d in self.peers],
            "state": self.state,
            **self.evidence.to_dict(),
        }


def peers(
    dataset: Dataset, country: Country, group_members: list[Country], on: _dt.date | None = None
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
        here = standing(country, instrument.id, on)
        if instrument.id in superseded or here.state not in GAP_STATES:
            continue
        basis = gap_evidence(dataset, country, here, on)
        if basis is None:
            continue  # the data cannot answer the cell (NORMLEX data without a page for it)
        who = []
        for peer in others:
            s = standing(peer, instrument.id, on)
            if s.state in REGISTERED:
                who.append((peer.code, s.date))
        if who:
            found.append(
                PeerSuggestion(
                    country.code, instrument.id, instrument.title, who, len(others), basis, here.state == DENOUNCED
                )
            )
    return sorted(found, key=lambda p: (-len(p.peers), p.instrument))
