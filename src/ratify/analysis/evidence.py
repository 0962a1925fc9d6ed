"""What an answer rests on: the evidence that a country has not ratified an instrument.

A ratification record proves a ratification; the absence of a record proves nothing unless
a complete list covering the cell was consulted. The lists ratify knows:

- a fetched NORMLEX page: an instrument page (11300) lists every ratifying country, a
  country page (11200) every instrument the country ratified (basis `normlex`);
- a complete list cited in the curated data, `complete_lists:` (basis `curated_list`).

Anything else is `no_record`: nobody found a ratification, nobody showed there is none. A
denunciation rests on the record that states it (basis `normlex` for a NORMLEX record,
`curated_record` for a curated one).
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass

from ..model import Dataset, PageRef, Ratification

NORMLEX = "normlex"
CURATED_LIST = "curated_list"
CURATED_RECORD = "curated_record"
NO_RECORD = "no_record"
BASES = (NORMLEX, CURATED_LIST, CURATED_RECORD, NO_RECORD)
WITH_EVIDENCE = (NORMLEX, CURATED_LIST, CURATED_RECORD)
FETCHED, STATED, FILE_DATE = "fetched", "stated", "file"
AS_OF, CONSULTED, RECORD_DATE = "as_of", "consulted", "record"


@dataclass(frozen=True)
class Evidence:
    basis: str
    source: str = ""  # the page or list's URL (or document name)
    date: str = ""  # the date the evidence speaks for: a page's fetch day, a list's as-of date
    detail: str = ""  # e.g. the cited list's id
    # What `date` is: fetched (the day a page was fetched), stated (the year a saved page's
    # copyright line gives), file (a saved page without one: the file's modification day,
    # which may be later than NORMLEX showed the page), as_of or consulted (a cited list),
    # record (a record's date).
    date_kind: str = ""

    @property
    def has_evidence(self) -> bool:
        return self.basis in WITH_EVIDENCE

    @property
    def short(self) -> str:
        """A compact label for tables: ``NORMLEX 2026-11-29``, ``list 2026-06``, ``none``."""
        label = {NORMLEX: "NORMLEX", CURATED_LIST: "list", CURATED_RECORD: "record", NO_RECORD: "none"}[self.basis]
        if self.date_kind == FILE_DATE:
            label += " file"  # `NORMLEX file 2026-11-20`: the saved file's date, not the page's
        return f"{label} {self.date}".strip() if self.basis != NO_RECORD else label

    def to_dict(self) -> dict:
        return {
            "basis": self.basis,
            "basis_source": self.source or None,
            "basis_date": self.date or None,
            "basis_date_kind": (self.date_kind or None) if self.date else None,
        }


NO_EVIDENCE = Evidence(NO_RECORD)


@functools.lru_cache(maxsize=1024)  # one per page: an instrument page answers ~190 countries alike
def _page_evidence(page: PageRef) -> Evidence:
    date, kind = page_date(page)
    return Evidence(NORMLEX, page.url, date, f"NORMLEX {page.kind} page", kind)


def page_date(page: PageRef | None) -> tuple[str, str]:
    """The date a page speaks for, and what kind of date it is.

    A fetched page: the day it was fetched. A page saved from a browser: the year its
    copyright line states if it has one, else the file's modification day, labelled so.
    """
    if page is None:
        return "", ""
    if page.from_file:
        return (page.dated, STATED) if page.dated else (page.day, FILE_DATE)
    return page.day, FETCHED


def absence(dataset: Dataset, country: str, instrument: str, on: _dt.date | None = None) -> Evidence | None:
    """The evidence that `country` has no ratification of `instrument`.

    None when the data cannot answer the cell at all: NORMLEX-only data where no fetched
    page covers it, or a member State that is not curated where no page covers it (cited
    lists speak for the curated countries only). A cited list speaks for its as-of date: it
    is evidence for an as-of day on or before that date (or for today's report, with its
    date shown), never for a later as-of day.
    """
    coverage = dataset.normlex
    if coverage is not None:
        page = coverage.page_for(country, instrument)
        if page is not None:
            return _page_evidence(page)
        if dataset.origin == "normlex":
            return None
    if country not in dataset.countries:
        return None  # a member State that is not curated: only a NORMLEX page answers for it
    best = None
    for cited in dataset.lists_covering(country, instrument):
        when = cited.as_of or cited.consulted
        if on is not None and when is not None and when.latest < on:
            continue  # the list is older than the day asked about
        if best is None or (when and (best[0] is None or when.earliest > best[0].earliest)):
            best = (when, cited)
    if best is not None:
        when, cited = best
        kind = AS_OF if cited.as_of else CONSULTED
        return Evidence(CURATED_LIST, cited.source, str(when) if when else "", cited.id, kind)
    return NO_EVIDENCE


def of_record(dataset: Dataset, record: Ratification) -> Evidence:
    """The evidence a record gives (for a denunciation shown as a gap)."""
    if record.origin == "normlex":
        page = dataset.normlex.page_for(record.country, record.instrument) if dataset.normlex else None
        date, kind = page_date(page)
        return Evidence(NORMLEX, record.source, date, "NORMLEX record", kind)
    when = record.denounced or record.date
    return Evidence(CURATED_RECORD, record.source, str(when) if when else "", "curated record", RECORD_DATE)


def covered(dataset: Dataset, country: str, instrument: str) -> bool:
    """Whether the data can answer the cell (always for curated countries, except NORMLEX-only
    data without a page; for other member States, only where a page covers it)."""
    page = dataset.normlex is not None and dataset.normlex.covers(country, instrument)
    if country not in dataset.countries:
        return page
    return dataset.origin != "normlex" or page
