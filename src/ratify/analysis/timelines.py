"""The timeline: ratifications registered per year."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..model import Country, Dataset


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
    instruments: set[str] | None = None,
    on: _dt.date | None = None,
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
