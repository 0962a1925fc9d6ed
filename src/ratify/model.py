"""The data model: instruments, countries, ratifications, targets, sets, and the dataset."""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate
from .errors import UsageError
from .member_states import REGION_IDS, WORLD, Registry, fold, no_data_message

# Statuses under which an instrument can no longer be ratified: never a gap.
CLOSED_STATUSES = frozenset({"abrogated", "withdrawn"})
# `unknown`: ratified (a source says so), but no source states whether it is in force now.
RATIFICATION_STATUSES = ("in_force", "not_in_force", "denounced", "unknown")
CATEGORIES = ("fundamental", "governance", "technical")
CONFIDENCE = ("ilo", "secondary", "claim")


@dataclass(frozen=True)
class CategoryPeriod:
    category: str
    until: PartialDate


@dataclass
class Instrument:
    id: str
    number: int
    type: str
    title: str
    year: int | None = None
    category: str = "technical"
    category_history: list[CategoryPeriod] = field(default_factory=list)
    status: str | None = None
    status_note: str = ""
    subject: str = ""
    revises: list[str] = field(default_factory=list)
    parent: str | None = None
    entry_into_force: PartialDate | None = None
    adopted: PartialDate | None = None
    source: str = ""
    status_source: str = ""
    category_source: str = ""
    confidence: str = "ilo"
    note: str = ""
    line: int = 0
    sources: tuple[TrailSource, ...] = ()  # the research trail behind the facts above

    @property
    def label(self) -> str:
        if not self.title:  # not yet established from a source: say only what the id tells
            return f"{'Convention' if self.type == 'convention' else 'Protocol'} No. {self.number} (title not recorded)"
        suffix = f", {self.year}" if self.year and self.type == "convention" else ""
        return f"{self.title}{suffix}"

    @property
    def status_evidence(self) -> str | None:
        """Where the status comes from: its own page, else the instrument's source (None: no status)."""
        return (self.status_source or self.source) if self.status else None

    @property
    def closed(self) -> bool:
        """Abrogated or withdrawn: it cannot be ratified and is never a gap."""
        return (self.status or "") in CLOSED_STATUSES

    def category_on(self, day: _dt.date | None) -> str:
        """The category the instrument had on `day` (today's when day is None)."""
        if day is not None:
            for period in self.category_history:
                if day < period.until.earliest:
                    return period.category
        return self.category

    def adopted_by(self, day: _dt.date | None) -> bool | None:
        """Whether the instrument existed on `day`; None when its year alone cannot tell."""
        if day is None:
            return True
        adopted = self.adopted or (PartialDate(self.year) if self.year else None)
        if adopted is None:
            return True
        return adopted.on_or_before(day)


@dataclass
class KnownTotal:
    conventions: int | None
    protocols: int | None
    as_of: PartialDate | None
    source: str
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class TrailSource:
    """One step of a record's research trail: a page or document, what it says, when read."""

    url: str  # a URL or the name of a document
    says: str = ""
    consulted: PartialDate | None = None
    line: int = 0

    def to_dict(self) -> dict:
        return {
            "url": self.url,
            "says": self.says or None,
            "consulted": str(self.consulted) if self.consulted else None,
        }


@dataclass
class Ratification:
    country: str
    instrument: str
    date: PartialDate | None  # None: ratified (a source says so) on a date no source gave
    status: str
    source: str
    note: str = ""
    denounced: PartialDate | None = None
    denounced_by: str | None = None
    confidence: str = "ilo"
    line: int = 0
    sources: tuple[TrailSource, ...] = ()  # the research trail, beyond `source`
    origin: str = "curated"  # where the record comes from: curated (the YAML) | normlex (a fetched page)

    @property
    def sort_key(self) -> _dt.date:
        return self.date.earliest if self.date else _dt.date.max

    def to_dict(self) -> dict:
        return {
            "country": self.country,
            "instrument": self.instrument,
            "date": str(self.date) if self.date else None,
            "status": self.status,
            "denounced": str(self.denounced) if self.denounced else None,
            "denounced_by": self.denounced_by,
            "note": self.note,
            "source": self.source,
            "confidence": self.confidence,
            "sources": [t.to_dict() for t in self.sources],
            "origin": self.origin,
        }


@dataclass
class CompleteList:
    """A complete list of ratifications that was consulted: evidence of absence for its cells.

    Inside the cells it covers, a country without a ratification record has not ratified
    (as of `as_of`); outside them, an absent record only means that no record was found.
    """

    id: str
    source: str
    instruments: frozenset[str] | None = None  # None: every instrument (`all`)
    countries: frozenset[str] | None = None  # None: every curated country (countries.yaml)
    description: str = ""
    as_of: PartialDate | None = None
    consulted: PartialDate | None = None
    note: str = ""
    line: int = 0

    def covers(self, country: str, instrument: str) -> bool:
        return (self.instruments is None or instrument in self.instruments) and (
            self.countries is None or country in self.countries
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "description": self.description,
            "instruments": sorted(self.instruments) if self.instruments is not None else "all",
            "countries": sorted(self.countries) if self.countries is not None else None,
            "source": self.source,
            "as_of": str(self.as_of) if self.as_of else None,
            "consulted": str(self.consulted) if self.consulted else None,
            "note": self.note,
        }


@dataclass(frozen=True)
class PageRef:
    """A fetched NORMLEX page: where it was read and when (its copy's date)."""

    kind: str  # instrument (11300: every country for one instrument) | country (11200: one country)
    key: str  # the instrument id, or the NORMLEX country id
    url: str
    fetched_at: str  # ISO timestamp, UTC; empty when unknown (a saved page: the file's time)
    dated: str = ""  # for a page saved from a browser: the year its copyright line gives
    from_file: bool = False  # read from a saved file (`fetch --from-html`), not fetched

    @property
    def day(self) -> str:
        return self.fetched_at[:10]


@dataclass
class NormlexCoverage:
    """Which (country, instrument) cells fetched NORMLEX pages answer.

    An instrument page lists every ratifying country, so it covers that instrument for every
    country; a country page lists every instrument that country ratified. A cell no page
    covers is not answered by NORMLEX at all: an absent record there means nothing.
    """

    instruments: dict[str, PageRef] = field(default_factory=dict)  # instrument id -> page
    countries: dict[str, PageRef] = field(default_factory=dict)  # country code -> page
    failed: list[str] = field(default_factory=list)  # pages that failed, never fetched since
    snapshot_label: str = ""
    # Curated records in a covered cell that the page does not list (merged data only).
    dropped_curated: list[Ratification] = field(default_factory=list)

    def page_for(self, country: str, instrument: str) -> PageRef | None:
        """The page answering the cell (the more recent copy when both kinds cover it)."""
        by_instrument, by_country = self.instruments.get(instrument), self.countries.get(country)
        if by_instrument is None or by_country is None:
            return by_instrument or by_country
        return by_instrument if by_instrument.fetched_at >= by_country.fetched_at else by_country

    def covers(self, country: str, instrument: str) -> bool:
        return instrument in self.instruments or country in self.countries


@dataclass
class Country:
    code: str
    name: str
    aliases: list[str] = field(default_factory=list)
    normlex_id: str | None = None
    ilo_member_since: PartialDate | None = None
    member_source: str = ""
    groups: list[str] = field(default_factory=list)
    known_totals: list[KnownTotal] = field(default_factory=list)
    ratifications: list[Ratification] = field(default_factory=list)
    line: int = 0
    # From the member registry (members.yaml); a country outside it keeps the defaults.
    alpha3: str | None = None
    normlex_name: str | None = None
    region: str | None = None
    curated: bool = True  # False: an ILO member State known only from the registry
    # A member's NORMLEX records, built on first look-up (Dataset.lookup): a world snapshot
    # has ~14,000 of them and most reports ask about a few countries.
    pending: Callable[[], list] | None = field(default=None, repr=False, compare=False)

    def no_data_message(self) -> str:
        return no_data_message(self.code, self.normlex_id)

    def records_of(self, instrument: str) -> list[Ratification]:
        """This country's records of `instrument`, in data order (valid data has at most one).

        Looked up thousands of times per world-scale report, so through an index, rebuilt
        whenever `ratifications` is replaced or changes length. A country whose records are
        packed (see `pack_normlex`) builds only the records asked for.
        """
        state = self.__dict__
        if "ratifications" not in state:  # packed: build (once) the records asked for
            built = state.get("_unpacked")
            if built is None:
                built = state["_unpacked"] = {}
            else:
                found = built.get(instrument)
                if found is not None:
                    return found
            packed = state.get("_packed")
            if packed is not None:
                rows = packed.get(instrument)
                if not rows:
                    found = []
                elif rows.__class__ is str:
                    found = _records_from_text(self.code, instrument, rows, state["_packed_urls"])
                else:
                    found = [_unpack(self.code, instrument, row) for row in rows]
                built[instrument] = found
                return found
        records = self.ratifications
        index = self.__dict__.get("_records_by_instrument")
        if index is None or index[0] is not records or index[1] != len(records):
            by_instrument: dict[str, list[Ratification]] = {}
            for r in records:
                by_instrument.setdefault(r.instrument, []).append(r)
            index = (records, len(records), by_instrument)
            self.__dict__["_records_by_instrument"] = index  # not a field: never compared nor cached
        return index[2].get(instrument, [])

    def has_records(self) -> bool:
        """Whether the country has any record, without building packed ones."""
        if "ratifications" in self.__dict__:
            return bool(self.__dict__["ratifications"])
        return bool(self.__dict__.get("_packed"))

    def __getattr__(self, name: str):
        # Only reached when `ratifications` is not in the instance: the records are packed.
        if name == "ratifications":
            packed = self.__dict__.get("_packed")
            if packed is not None:
                built = self.__dict__.get("_unpacked") or {}
                records = [r for ident in packed for r in built.get(ident) or self.records_of(ident)]
                self.__dict__["ratifications"] = records
                return records
        raise AttributeError(name)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_records_by_instrument", "_unpacked")}


def pack_normlex(country: Country, rows: list) -> None:
    """Give `country` the NORMLEX rows `rows` as its records, kept as plain rows until used.

    For member States in world-scale data: 14,000 rows stay plain, and a report on the
    fundamental conventions builds only the records of those ten instruments (the full
    list is built when `country.ratifications` is first read). A packed row is
    ``(date, status, page URL, note, denounced, denounced_by)`` under its instrument id
    (the same as a list, as the report data cache reads it back).
    """
    packed: dict[str, list] = {}
    for n in rows:
        packed.setdefault(n.instrument, []).append((n.date, n.status, n.url, n.note or "", n.denounced, n.denounced_by))
    country.__dict__.pop("ratifications", None)
    country.__dict__.pop("_records_by_instrument", None)
    country.__dict__.pop("_unpacked", None)
    country.__dict__["_packed"] = packed


def packed_rows(country: Country) -> dict[str, list] | None:
    """The packed rows of a member State whose records were never built, else None."""
    if "ratifications" in country.__dict__:
        return None
    return country.__dict__.get("_packed")


def set_packed_rows(country: Country, packed: dict[str, Any], urls: list[str] | None = None) -> None:
    """Give `country` rows as `pack_normlex` packs them, or as `packed_text` writes them
    (with the `urls` their page indexes point into): read back from a cache."""
    country.__dict__.pop("ratifications", None)
    country.__dict__.pop("_records_by_instrument", None)
    country.__dict__.pop("_unpacked", None)
    country.__dict__["_packed"] = packed
    country.__dict__["_packed_urls"] = urls or []


# Packed rows as text: one string per instrument, rows and fields split by control characters
# that no NORMLEX value holds (`packed_text` refuses any that does). Reading a world of
# 14,000 rows as JSON lists cost 20 ms of allocations; as strings, about 2 ms, and a
# report splits only the rows of the cells it asks about.
_ROW, _FIELD, _NONE = "\x9e", "\x9f", "\x9d"  # C1 controls: JSON writes them as they are


def packed_text(rows: list, url_index: dict[str, int]) -> str | None:
    """`rows` (packed) as one string, page URLs as indexes added to `url_index`; None when a
    value cannot be written so."""
    lines = []
    for date, status, url, note, denounced, by in rows:
        fields = [date, status, str(url_index.setdefault(url, len(url_index))), note, denounced, by]
        for value in fields:
            if value is not None and (not isinstance(value, str) or _ROW in value or _FIELD in value or _NONE in value):
                return None
        lines.append(_FIELD.join(_NONE if v is None else v for v in fields))
    return _ROW.join(lines)


def _packed_date(text: str) -> PartialDate | None:
    """A packed row's date: NORMLEX gives full days, parsed here without the general reader's
    pattern (a few thousand per world report); anything else goes to `PartialDate.parse`."""
    if not text or text == _NONE:
        return None
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        year, month, day = text[:4], text[5:7], text[8:]
        if year.isdecimal() and month.isdecimal() and day.isdecimal():
            y, m, d = int(year), int(month), int(day)
            if 1900 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 28:  # every month has day 28
                return PartialDate(y, m, d)
    return PartialDate.parse(text)


_STATUSES = {status: status for status in ("in_force", "not_in_force", "denounced", "unknown")}


def _records_from_text(code: str, instrument: str, text: str, urls: list[str]) -> list[Ratification]:
    """The records of rows written by `packed_text` (as `_unpack` builds them from rows)."""
    instrument = sys.intern(instrument)
    records = []
    for line in text.split(_ROW):
        try:
            date, status, url, note, denounced, by = line.split(_FIELD)
            records.append(
                Ratification(
                    code,
                    instrument,
                    _packed_date(date),
                    _STATUSES.get(status) or sys.intern(status),
                    urls[int(url)],
                    "" if note == _NONE else note,  # packed notes are never None
                    None if denounced == _NONE else _packed_date(denounced),  # most are not denounced
                    None if by == _NONE else by,
                    "ilo",
                    0,
                    (),
                    "normlex",
                )
            )
        except (ValueError, IndexError):
            from .errors import DataError

            raise DataError(
                "damaged entry in the report data cache: delete the data folder of ratify's cache directory"
            ) from None
    return records


def _unpack(code: str, instrument: str, row) -> Ratification:
    date, status, source, note, denounced, by = row
    return Ratification(
        code,
        sys.intern(instrument),
        PartialDate.parse(date) if date else None,
        sys.intern(status),
        sys.intern(source),
        note=note,
        denounced=PartialDate.parse(denounced) if denounced else None,
        denounced_by=by,
        confidence="ilo",
        origin="normlex",
    )


@dataclass
class Group:
    id: str
    name: str
    members: list[str]
    source: str = ""
    line: int = 0


@dataclass
class InstrumentSet:
    """A named set: by rule (category/type/status, evaluated as of a date) or by members."""

    id: str
    description: str = ""
    rule: dict = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    source: str = ""
    line: int = 0


@dataclass
class Target:
    id: str
    set_by: str
    applies_to: list[str]
    kind: str
    instruments: list[str]
    description: str
    source: str
    count: int | None = None
    start: PartialDate | None = None
    deadline: PartialDate | None = None
    stated: PartialDate | None = None
    note: str = ""
    confidence: str = "ilo"
    line: int = 0


def _did_you_mean(query: str, options: list[str]) -> str:
    close = difflib.get_close_matches(query, options, n=1, cutoff=0.6)
    return f"did you mean {close[0]}? " if close else ""


_fold = fold  # one folding for curated names and the member registry


_INSTRUMENT_RE = re.compile(r"^\s*([cp])?\s*0*(\d{1,3})\s*$", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)  # a few hundred distinct ids, looked up thousands of times
def normalise_instrument_id(text: str) -> str | None:
    """`C87`, `87`, `c087`, `C 87`, `P29` -> `C087`, `P029`; None for anything else (`C000`, `R205`).

    The one instrument-id reader: the curated data, the command line and NORMLEX pages all use it.
    A bare number is a convention, as the ILO numbers them; no instrument has number 0.
    """
    match = _INSTRUMENT_RE.match(text or "")
    if not match or int(match.group(2)) == 0:
        return None
    kind = (match.group(1) or "C").upper()
    return f"{kind}{int(match.group(2)):03d}"


@dataclass
class Dataset:
    """Everything ratify knows: loaded from YAML, possibly merged with a NORMLEX snapshot."""

    instruments: dict[str, Instrument]
    countries: dict[str, Country]
    groups: dict[str, Group]
    sets: dict[str, InstrumentSet]
    targets: list[Target]
    checked: dict[str, str] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    origin: str = "curated"
    registry: Registry | None = None  # every ILO member State (members.yaml)
    # Member States that are not curated, as countries without curated ratifications
    # (built from the registry when not given; a merged dataset gives them NORMLEX's records).
    members: dict[str, Country] | None = None
    complete_lists: list[CompleteList] = field(default_factory=list)
    normlex: NormlexCoverage | None = None  # set on NORMLEX and merged datasets

    def __post_init__(self) -> None:
        if self.members is None:
            self.members = member_countries(self.registry, self.countries)
        self._names: dict[str, str] | None = None

    @property
    def _country_keys(self) -> dict[str, str]:
        """Every name and code of a country or member State, folded, to its code. Built on the
        first look-up by name: folding ~1,900 names is a few milliseconds that a report on
        a group (such as `world`) never needs."""
        keys = self._names
        if keys is None:
            keys = self._names = {}
            for country in self.countries.values():
                for key in [country.code, country.name, *country.aliases]:
                    keys.setdefault(_fold(key), country.code)
            for country in self.countries.values():  # the registry's names for curated countries too
                member = self.registry.members.get(country.code) if self.registry else None
                for key in member.names() if member else []:
                    keys.setdefault(_fold(key), country.code)
            for country in self.members.values() if self.members else []:
                for key in [country.code, country.name, *country.aliases]:
                    keys.setdefault(_fold(key), country.code)
        return keys

    # -- look-ups -------------------------------------------------------------------
    def lists_covering(self, country: str, instrument: str) -> list[CompleteList]:
        """The cited complete lists that cover the (country, instrument) cell.

        A list without `countries` covers the curated countries only (those of countries.yaml),
        never member States known from the registry alone: their ratifications are not
        recorded, so the list's absences would not be evidence for them.
        """
        return [
            c
            for c in self.complete_lists
            if c.covers(country, instrument) and (c.countries is not None or country in self.countries)
        ]

    def ratifications(self) -> list[Ratification]:
        return [r for c in self.countries.values() for r in c.ratifications]

    def match_country(self, query: str) -> str | None:
        """The code of the curated country or member State `query` names, or None."""
        return self._country_keys.get(_fold(query)) if query else None

    def lookup(self, code: str) -> Country:
        """A curated country or a member State by its alpha-2 code (KeyError if neither)."""
        found = self.countries.get(code)
        if found is None:
            found = (self.members or {})[code]
            if found.pending is not None:
                found.ratifications, found.pending = found.pending(), None
        return found

    def similar_countries(self, query: str) -> str:
        """`Kazakhstan (KZ)` for `Kazakstan`: the closest names, joined with "or" ("" if none is close)."""
        close = difflib.get_close_matches(_fold(query), list(self._country_keys), n=3, cutoff=0.75)
        codes = dict.fromkeys(self._country_keys[k] for k in close)
        return " or ".join(f"{self.lookup(c).name} ({c})" for c in codes)

    def country(self, query: str) -> Country:
        """Find a country or ILO member State by alpha-2 or alpha-3 code or name, case- and accent-insensitively."""
        code = self.match_country(query)
        if code is None:
            named = self.similar_countries(query)
            more = "; or any ILO member State by ISO code or name" if self.members else ""
            if named:
                hint = f"did you mean {named}?"
            elif len(self.countries) <= 20:
                hint = "known: " + ", ".join(sorted(self.countries)) + more
            else:
                hint = "see `ratify countries`" + more
            raise UsageError(f"unknown country {query!r} ({hint})")
        return self.lookup(code)

    def instrument(self, query: str) -> Instrument:
        """Find an instrument by `C087`, `C87`, `87`, `c087`, `P29`."""
        ident = normalise_instrument_id(query)
        if ident is None or ident not in self.instruments:
            raise UsageError(f"unknown instrument {query!r} (expected e.g. C087, 87 or P029)")
        return self.instruments[ident]

    def group(self, query: str) -> Group:
        wanted = query.lower()
        if wanted == "all":
            return Group("all", "All countries in the data", sorted(self.countries))
        group = self.groups.get(wanted)
        if group is None and self.registry is not None:
            if wanted == WORLD:
                codes = sorted({*self.registry.members, *self.countries})
                return Group(WORLD, "Every ILO member State", codes, "members.yaml")
            if wanted in self.registry.regions:
                region = self.registry.regions[wanted]
                return Group(wanted, f"ILO region: {region.name}", self.registry.in_region(wanted), region.source)
        if group is None:
            known = sorted([*self.groups, "all", *self.registry_groups()])
            raise UsageError(
                f"unknown group {query!r} ({_did_you_mean(query.lower(), known)}known: {', '.join(known)})"
            )
        return group

    def registry_groups(self) -> list[str]:
        """`world` and one group per ILO region, when the member registry is loaded."""
        if self.registry is None:
            return []
        return [WORLD, *[r for r in REGION_IDS if r in self.registry.regions]]

    def is_group(self, query: str) -> bool:
        wanted = query.lower()
        return wanted in self.groups or wanted == "all" or wanted in self.registry_groups()

    def instrument_set(self, name: str) -> InstrumentSet:
        found = self.sets.get(name.lower())
        if found is None:
            raise UsageError(f"unknown set {name!r} (known: {', '.join(sorted(self.sets))})")
        return found

    def resolve_countries(self, queries: list[str] | None = None, group: str | None = None) -> list[Country]:
        """Countries named by arguments and/or a group, in the order given, without repeats."""
        codes: list[str] = []
        if group:
            codes.extend(self.group(group).members)
        # `KZ,KG` names two countries, as `--set C155,C187` names two instruments.
        for query in [part.strip() for q in queries or [] for part in q.split(",") if part.strip()]:
            try:
                codes.append(self.country(query).code)
            except UsageError:
                if self.is_group(query):
                    codes.extend(self.group(query).members)
                else:
                    raise
        seen: dict[str, None] = dict.fromkeys(codes)
        members = self.members or {}
        return [self.lookup(c) for c in seen if c in self.countries or c in members]

    def has_data(self, country: Country) -> bool:
        """Whether any answer about `country` rests on data: curated, or a NORMLEX record or page.

        An instrument page lists every ratifying country, so it answers that instrument for
        every member State; a country page answers every instrument for its country.
        """
        if country.curated or country.has_records() or country.pending is not None:
            return True
        coverage = self.normlex
        return coverage is not None and (bool(coverage.instruments) or country.code in coverage.countries)

    def coverage_note(self, country: Country) -> str | None:
        """For a member State that is not curated and has no country page: which instruments
        NORMLEX answers for it (the others have no record, whatever a profile's counts say)."""
        coverage = self.normlex
        if country.curated or coverage is None or country.code in coverage.countries:
            return None
        shown = sorted(coverage.instruments)
        listed = ", ".join(shown[:12]) + (f" and {len(shown) - 12} more" if len(shown) > 12 else "")
        return (
            f"{country.code}: answered from NORMLEX instrument pages only ({listed}); other instruments have "
            f"no record, not 'not ratified'"
            + (f"; its country page: `ratify fetch --country {country.code}`" if country.normlex_id else "")
        )

    def split_by_data(self, countries: list[Country]) -> tuple[list[Country], list[Country]]:
        """(countries with data, member States without any: not curated, no NORMLEX page covers them)."""
        with_data = [c for c in countries if self.has_data(c)]
        return with_data, [c for c in countries if not self.has_data(c)]

    def resolve_instruments(self, spec: str, on: _dt.date | None = None) -> list[Instrument]:
        """A set name, or comma-separated instrument ids, as of a date (today when None)."""
        parts = [p.strip() for p in spec.split(",") if p.strip()]
        if len(parts) == 1 and parts[0].lower() in self.sets:
            return self.set_members(self.sets[parts[0].lower()], on)
        if not parts:
            raise UsageError(
                f"empty instrument set (give a set name: {', '.join(sorted(self.sets))}; or ids such as C155,C187)"
            )
        result = []
        for part in parts:
            if part.lower() in self.sets:
                result.extend(self.set_members(self.sets[part.lower()], on))
            elif normalise_instrument_id(part) is None:
                names = sorted(self.sets)
                raise UsageError(
                    f"unknown set {part!r} ({_did_you_mean(part.lower(), names)}known sets: {', '.join(names)};"
                    " or instrument ids such as C155,C187)"
                )
            else:
                result.append(self.instrument(part))
        return list({i.id: i for i in result}.values())

    def set_members(self, instrument_set: InstrumentSet, on: _dt.date | None = None) -> list[Instrument]:
        """Members of a set as they stood on `on`: only instruments surely adopted by then."""
        if instrument_set.members:
            candidates = [self.instruments[i] for i in instrument_set.members if i in self.instruments]
        else:
            candidates = [i for i in self.instruments.values() if _matches(i, instrument_set.rule, on)]
        return [i for i in candidates if i.adopted_by(on) is True]


def _matches(instrument: Instrument, rule: dict, on: _dt.date | None) -> bool:
    for key, wanted in rule.items():
        value = instrument.category_on(on) if key == "category" else getattr(instrument, key, None)
        allowed = wanted if isinstance(wanted, list) else [wanted]
        if value not in allowed:
            return False
    return True


def member_countries(registry: Registry | None, curated: dict[str, Country]) -> dict[str, Country]:
    """The registry's member States that are not curated, as countries with no ratifications.

    Curated countries get the registry's codes, NORMLEX name and region (in place).
    """
    if registry is None:
        return {}
    found: dict[str, Country] = {}
    for code, member in registry.members.items():
        country = curated.get(code)
        if country is not None:
            country.alpha3 = country.alpha3 or member.alpha3
            country.normlex_name = country.normlex_name or member.normlex_name
            country.region = country.region or member.region
            continue
        found[code] = Country(
            code=code,
            name=member.name,
            aliases=[member.alpha3, member.normlex_name, *member.aliases],
            normlex_id=member.normlex_id,
            ilo_member_since=member.member_since,
            member_source=member.sources.get("member_since", ""),
            groups=[member.region],
            line=member.line,
            alpha3=member.alpha3,
            normlex_name=member.normlex_name,
            region=member.region,
            curated=False,
        )
    return found
