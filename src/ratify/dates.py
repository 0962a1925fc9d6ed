"""Dates as precise as their source: a year, a year and month, or a full date.

A curated record may say only "1992". Such a date is an interval, and comparing it with a
day can give three answers: before, after, or undecidable. Nothing here pads a year to a
full date.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse "YYYY", "YYYY-MM", "YYYY-MM-DD", an int year or a date; ValueError otherwise."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:04d}"
        if not isinstance(value, str):
            raise ValueError(f"not a date: {value!r}")
        if cls is PartialDate:
            return _parse_text(value)
        return cls._from_text(value)

    @classmethod
    def _from_text(cls, value: str) -> PartialDate:
        match = _PATTERN.match(value.strip())
        if not match:
            raise ValueError(f"not a date (expected YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
        year_text, month_text, day_text = match.groups()
        year = int(year_text)  # the pattern always captures a year
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"impossible month in {value!r}")
        if month is not None and day is not None:  # the pattern only captures a day after a month
            try:
                _dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"impossible date {value!r}") from None
        if year < 1900 or year > 2100:
            raise ValueError(f"year out of range in {value!r}")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def earliest(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> _dt.date:
        if not self.month:
            return _dt.date(self.year, 12, 31)
        if self.day:
            return _dt.date(self.year, self.month, self.day)
        first_of_next = _dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return first_of_next - _dt.timedelta(days=1)

    def on_or_before(self, day: _dt.date) -> bool | None:
        """True if this date is surely on or before `day`, False if surely after, None if undecidable."""
        if self.latest <= day:
            return True
        if self.earliest > day:
            return False
        return None

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@functools.lru_cache(maxsize=8192)  # dates repeat across large files; results are immutable
def _parse_text(value: str) -> PartialDate:
    return PartialDate._from_text(value)


def parse_day(value: str) -> _dt.date:
    """Parse an as-of argument: a day, "today", or a month or year meaning its last day.

    `2016` is 2016-12-31 and `2016-11` is 2016-11-30: the state at the end of that period.
    ValueError for anything else.
    """
    text = value.strip().lower()
    if text == "today":
        return _dt.date.today()
    try:
        if len(text) in (4, 7) and text[:4].isdigit():
            return PartialDate.parse(text).latest
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"invalid date {value!r}: use YYYY-MM-DD, or YYYY-MM or YYYY for the end of that period"
        ) from None
