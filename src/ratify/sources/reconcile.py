"""Reconcile the curated data with a NORMLEX snapshot: match, compare, merge.

NORMLEX records are matched to countries by NORMLEX country id (``Country.normlex_id``),
else by name through the dataset, which knows the curated countries and every ILO member
State (members.yaml; NORMLEX uses UN names such as "Türkiye"). Records for member States
that are not curated go to ``Dataset.members``; a name the registry does not know, or an
instrument the data does not know, is kept in the snapshot, reported, and left out.

Comparison stays within what the snapshot covers: an instrument page (11300) covers that
instrument for every curated country; a country page (11200) covers every instrument for
that country. A curated record outside that coverage is never reported as missing.

Merging goes cell by cell: where a page covers a (country, instrument) cell, NORMLEX
answers it (a record, or no ratification); elsewhere the curated data does. Every record
says where it came from (``Ratification.origin``) and the dataset carries the coverage, so
reports can say what each answer rests on.

Nothing here writes files: ``merge`` returns a new Dataset and leaves the curated one intact.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import asdict, dataclass, field
from typing import Any

from ..dates import PartialDate
from ..model import Country, Dataset, NormlexCoverage, PageRef, Ratification, pack_normlex

MISSING_IN_CURATED = "missing_in_curated"
MISSING_IN_NORMLEX = "missing_in_normlex"
DATE = "date"
LESS_PRECISE = "less_precise"
STATUS = "status"
DENUNCIATION = "denunciation"
KINDS = (MISSING_IN_CURATED, MISSING_IN_NORMLEX, DATE, LESS_PRECISE, STATUS, DENUNCIATION)

_STATUS_TEXT = {
    "in_force": "in force",
    "not_in_force": "not in force",
    "denounced": "denounced",
    "unknown": "status unknown",
}


@dataclass(frozen=True)
class Difference:
    """One disagreement (or, for `less_precise`, one loss of precision) for a country and instrument."""

    country: str
    instrument: str
    kind: str
    curated: str | None
    normlex: str | None
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Matched:
    """A snapshot's records matched to the curated data."""

    records: dict[tuple[str, str], Any] = field(default_factory=dict)  # (code, instrument) -> NormlexRecord
    unknown_countries: list[Any] = field(default_factory=list)  # records for countries not in the data
    unknown_instruments: list[Any] = field(default_factory=list)  # records for instruments not in the data
    conflicts: list[str] = field(default_factory=list)  # the same pair read differently from two pages
    covered_instruments: set[str] = field(default_factory=set)  # instrument pages in the snapshot
    covered_countries: set[str] = field(default_factory=set)  # codes (curated or member) with a country page
    instrument_pages: dict[str, PageRef] = field(default_factory=dict)
    country_pages: dict[str, PageRef] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)  # labels of pages that failed and were never read

    def covers(self, code: str, instrument: str) -> bool:
        return instrument in self.covered_instruments or code in self.covered_countries

    def coverage(self, label: str = "") -> NormlexCoverage:
        return NormlexCoverage(dict(self.instrument_pages), dict(self.country_pages), list(self.failed), label)

    def notes(self) -> list[str]:
        out = []
        if self.unknown_countries:
            # Once per name and page: the user can check the page and add an alias to members.yaml.
            seen = dict.fromkeys((r.country_name, r.url) for r in self.unknown_countries)
            out.append(
                f"{len(self.unknown_countries)} NORMLEX record(s) name a country the member registry does not "
                "know; they are kept in the snapshot but left out of reports: "
                + "; ".join(f"{name!r} on {url}" for name, url in seen)
            )
        if self.unknown_instruments:
            ids = sorted({r.instrument for r in self.unknown_instruments})
            out.append(
                f"{len(self.unknown_instruments)} NORMLEX record(s) for instruments not in the data were set aside: "
                + ", ".join(ids)
            )
        out.extend(self.conflicts)
        return out


class CountryMatcher:
    """Find the country of a NORMLEX record: by NORMLEX id, else by name.

    Names are matched by the dataset, which knows the curated countries and the registry of
    ILO member States (UN names such as "Türkiye", older names, ISO codes; case and accents
    ignored). A NORMLEX id known for a curated country or a member wins over the name.
    """

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self._by_name: dict[str, str | None] = {}
        self.by_id: dict[str, str] = {}
        for country in [*dataset.countries.values(), *(dataset.members or {}).values()]:
            if country.normlex_id:
                self.by_id.setdefault(str(country.normlex_id).strip(), country.code)

    def code(self, country_id: str | None, name: str | None) -> str | None:
        if country_id and str(country_id).strip() in self.by_id:
            return self.by_id[str(country_id).strip()]
        if name:
            # A world of pages repeats ~190 names thousands of times: fold each once.
            if name not in self._by_name:
                self._by_name[name] = self.dataset.match_country(name)
            return self._by_name[name]
        return None


def _page_ref(page: dict) -> PageRef:
    return PageRef(
        str(page.get("kind")),
        str(page.get("key")),
        str(page.get("url") or ""),
        str(page.get("fetched_at") or ""),
        str(page.get("dated") or ""),
        page.get("source") == "file",
    )


def _newer(a: PageRef | None, b: PageRef) -> PageRef:
    return b if a is None or b.fetched_at >= a.fetched_at else a


def match(dataset: Dataset, snapshot) -> Matched:
    """Match a snapshot's records and pages to the curated countries and instruments."""
    matcher = CountryMatcher(dataset)
    result = Matched()
    fetched_at: dict[str, str] = {}
    for page in snapshot.pages:
        kind, key = page.get("kind"), page.get("key")
        fetched_at[str(page.get("url") or "")] = str(page.get("fetched_at") or "")
        if kind == "instrument" and key:
            result.covered_instruments.add(str(key))
            result.instrument_pages[str(key)] = _newer(result.instrument_pages.get(str(key)), _page_ref(page))
        elif kind == "country" and key:
            code = matcher.code(str(key), str(key))
            if code is None:  # the key is the id when known; try the page's records' name too
                code = next(
                    (
                        matcher.code(r.country_id, r.country_name)
                        for r in snapshot.records
                        if r.url == page.get("url") and matcher.code(r.country_id, r.country_name)
                    ),
                    None,
                )
            if code is not None:
                result.covered_countries.add(code)
                result.country_pages[code] = _newer(result.country_pages.get(code), _page_ref(page))
    for failure in getattr(snapshot, "failed", None) or []:
        result.failed.append(str(failure.get("label") or failure.get("key") or "?"))
    # When two pages list the same pair differently, the more recently fetched copy is used.
    ordered = sorted(snapshot.records, key=lambda r: fetched_at.get(r.url, ""), reverse=True)
    for record in ordered:
        code = matcher.code(record.country_id, record.country_name)
        if code is None:
            result.unknown_countries.append(record)
            continue
        if record.instrument not in dataset.instruments:
            result.unknown_instruments.append(record)
            continue
        pair = (code, record.instrument)
        earlier = result.records.get(pair)
        if earlier is None:
            result.records[pair] = record
        elif _essence(earlier) != _essence(record):
            result.conflicts.append(
                f"NORMLEX pages disagree on {code} {record.instrument}: "
                f"{_record_text(earlier)} vs {_record_text(record)}; the more recent page's was used"
            )
    return result


def _essence(record) -> tuple:
    return (record.date, record.status, record.denounced)


def _record_text(record) -> str:
    text = f"{record.date} ({_STATUS_TEXT.get(record.status, record.status)})"
    if record.denounced:
        text += f", denounced {record.denounced}"
    return text


def _curated_text(r: Ratification) -> str:
    text = f"{r.date or 'no date'} ({_STATUS_TEXT.get(r.status, r.status)})"
    if r.denounced:
        text += f", denounced {r.denounced}"
    return text


def _compare_dates(curated: PartialDate | None, normlex: str) -> str | None:
    """None when equal; LESS_PRECISE when the curated date is vaguer but consistent; else DATE."""
    day = PartialDate.parse(normlex)
    if curated == day:
        return None
    if curated is None:
        return LESS_PRECISE
    if curated.precision != "day" and curated.earliest <= day.earliest <= curated.latest:
        return LESS_PRECISE
    return DATE


def _curated_records(country: Country) -> dict[str, Ratification]:
    found: dict[str, Ratification] = {}
    for r in country.ratifications:
        found.setdefault(r.instrument, r)
    return found


def diff(dataset: Dataset, snapshot, matched: Matched | None = None) -> list[Difference]:
    """Every difference between the curated data and the snapshot, within the snapshot's coverage."""
    matched = matched or match(dataset, snapshot)
    out: list[Difference] = []
    for code, country in dataset.countries.items():
        curated = _curated_records(country)
        for instrument, r in curated.items():
            if (code, instrument) not in matched.records and matched.covers(code, instrument):
                out.append(
                    Difference(
                        code,
                        instrument,
                        MISSING_IN_NORMLEX,
                        _curated_text(r),
                        None,
                        f"the curated data records {_curated_text(r)}; the NORMLEX page lists no ratification",
                    )
                )
    for (code, instrument), n in matched.records.items():
        if code not in dataset.countries:
            continue  # a member State that is not curated: nothing curated to compare with
        c = _curated_records(dataset.countries[code]).get(instrument)
        if c is None:
            out.append(
                Difference(
                    code,
                    instrument,
                    MISSING_IN_CURATED,
                    None,
                    _record_text(n),
                    f"NORMLEX lists a ratification of {_record_text(n)}"
                    + (f" ({n.note})" if n.note else "")
                    + "; the curated data has none",
                )
            )
            continue
        out.extend(_compare(code, instrument, c, n))
    out.sort(key=lambda d: (d.country, d.instrument, d.kind))  # stable: date before denunciation
    return out


def _compare(code: str, instrument: str, c: Ratification, n) -> list[Difference]:
    out = _date_difference(code, instrument, DATE, "ratification date", c.date, n.date)
    if c.status != n.status:
        out.append(
            Difference(
                code,
                instrument,
                STATUS,
                c.status,
                n.status,
                f"status: curated {_STATUS_TEXT.get(c.status, c.status)}, NORMLEX {_STATUS_TEXT.get(n.status, n.status)}"
                + (f" ({n.note})" if n.note else ""),
            )
        )
    elif c.status == "denounced" and n.denounced:
        out += _date_difference(code, instrument, DENUNCIATION, "denunciation date", c.denounced, n.denounced)
    return out


def _date_difference(code: str, instrument: str, kind: str, label: str, curated, normlex: str) -> list[Difference]:
    """A `kind` difference when the dates disagree; `less_precise` when curated is only coarser."""
    verdict = _compare_dates(curated, normlex)
    if verdict == DATE:
        return [
            Difference(code, instrument, kind, str(curated), normlex, f"{label}: curated {curated}, NORMLEX {normlex}")
        ]
    if verdict == LESS_PRECISE:
        what = f"only {curated}" if curated else "no date"
        return [
            Difference(
                code,
                instrument,
                LESS_PRECISE,
                str(curated) if curated else None,
                normlex,
                f"{label}: the curated data gives {what}; NORMLEX gives {normlex}",
            )
        ]
    return []


# --------------------------------------------------------------------------- building datasets


def _from_normlex(code: str, n, curated: Ratification | None) -> Ratification:
    note = n.note or ""
    if curated is not None and curated.note and curated.note != note and curated.note not in note:
        note = f"{note}; curated note: {curated.note}" if note else curated.note
    denounced = PartialDate.parse(n.denounced) if n.denounced else None
    denounced_by = n.denounced_by
    if n.status == "denounced" and curated is not None and curated.status == "denounced":
        denounced = denounced or curated.denounced  # NORMLEX's note did not give the date
        denounced_by = denounced_by or curated.denounced_by
    return Ratification(
        country=code,
        instrument=sys.intern(n.instrument),
        date=PartialDate.parse(n.date),
        status=sys.intern(n.status),
        source=sys.intern(n.url),  # shared by every record of a page: cached data stays small
        note=note,
        denounced=denounced,
        denounced_by=denounced_by,
        confidence="ilo",
        line=0,
        origin="normlex",
    )


def _members_from_normlex(dataset: Dataset, by_country: dict[str, list]) -> dict[str, Country]:
    """The member States that are not curated, each with NORMLEX's records (none if no page lists it).

    The records stay NORMLEX rows until a report reads them (``model.pack_normlex``).
    """
    members = {}
    for code, country in (dataset.members or {}).items():
        members[code] = new = _with_records(country, [])
        if by_country.get(code):
            pack_normlex(new, by_country[code])
    return members


def _new_dataset(dataset: Dataset, countries: dict[str, Country], origin: str, **extra) -> Dataset:
    return Dataset(
        instruments=dataset.instruments,
        countries=countries,
        groups=dataset.groups,
        sets=dataset.sets,
        targets=dataset.targets,
        checked=dict(dataset.checked),
        paths=dict(dataset.paths),
        origin=origin,
        registry=dataset.registry,
        **extra,
    )


def _with_records(country: Country, records: list[Ratification]) -> Country:
    """A shallow copy of `country` with other records: the curated Country stays as it was."""
    new = copy.copy(country)
    new.ratifications = records
    return new


def merge(dataset: Dataset, snapshot, matched: Matched | None = None, label: str = "") -> Dataset:
    """Cell by cell: NORMLEX where a fetched page covers the cell, the curated data elsewhere.

    In a covered cell, NORMLEX's record replaces the curated one, and a curated record the
    page does not list is left out (the coverage's ``dropped_curated`` lists them, for a
    note). The curated dataset is not modified.
    """
    matched = matched or match(dataset, snapshot)
    coverage = matched.coverage(label)
    countries: dict[str, Country] = {}
    dropped: list[Ratification] = []
    by_country: dict[str, list] = {}
    for (code, _), n in sorted(matched.records.items()):
        by_country.setdefault(code, []).append(n)
    for code, country in dataset.countries.items():
        answered = by_country.get(code, [])
        if not answered and code not in coverage.countries and not coverage.instruments:
            countries[code] = country
            continue
        curated = _curated_records(country)
        kept = []
        for r in country.ratifications:
            if coverage.covers(code, r.instrument) or (code, r.instrument) in matched.records:
                if (code, r.instrument) not in matched.records:
                    dropped.append(r)
                continue
            kept.append(r)
        added = [_from_normlex(code, n, curated.get(n.instrument)) for n in answered]
        countries[code] = _with_records(country, kept + added)
    coverage.dropped_curated = dropped
    return _new_dataset(
        dataset,
        countries,
        "merged",
        complete_lists=dataset.complete_lists,
        normlex=coverage,
        members=_members_from_normlex(dataset, by_country),
    )


def normlex_only(dataset: Dataset, snapshot, matched: Matched | None = None, label: str = "") -> Dataset:
    """Only the snapshot's records, with the countries' and instruments' metadata from curated data.

    Cited complete lists are curated evidence, so they are left out: a cell no page covers
    has no answer at all.
    """
    matched = matched or match(dataset, snapshot)
    by_country: dict[str, list] = {}
    for (code, _), n in sorted(matched.records.items()):
        by_country.setdefault(code, []).append(n)
    countries = {
        code: _with_records(country, [_from_normlex(code, n, None) for n in by_country.get(code, [])])
        for code, country in dataset.countries.items()
    }
    return _new_dataset(
        dataset,
        countries,
        "normlex",
        normlex=matched.coverage(label),
        members=_members_from_normlex(dataset, by_country),
    )


def learned_country_ids(dataset: Dataset, snapshot) -> dict[str, str]:
    """code -> NORMLEX country id, read from the links of a snapshot's records (by name), for
    countries the data has no id for. The first id seen for a country wins."""
    found: dict[str, str] = {}
    for record in snapshot.records:
        if not record.country_id:
            continue
        code = dataset.match_country(record.country_name)
        if code is None or code in found:
            continue
        if not dataset.lookup(code).normlex_id:
            found[code] = str(record.country_id)
    return found
