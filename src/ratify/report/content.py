"""What a report says: headlines, grids, gaps, upgrades, suggestions, targets, history.

Everything is computed by the same analysis functions (and cell texts of the same views) that
the tables of `ratify gaps`, `matrix`, `show`, `peers`, `targets` and `timeline` use, so the
numbers agree. The result is plain data; the templates only lay it out.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from .. import analysis as A
from ..analysis import evidence as E
from ..model import Country, Dataset, Instrument
from ..output.views import evidence_summary, matrix_cell

# Grid sets, in order: shown when the data defines them.
GRID_SETS = ("fundamental", "governance", "up-to-date")
# How many peer suggestions a country gets before "and N more".
PEER_LIMIT = 10

# Kinds of grid cell. Colour is never the only signal: each has a symbol and a word.
RATIFIED, STATUS_UNKNOWN, PENDING, DENOUNCED, GAP, NO_RECORD, NOT_COVERED, UNCERTAIN = (
    "ratified",
    "status-unknown",
    "pending",
    "denounced",
    "gap",
    "no-record",
    "not-covered",
    "uncertain",
)
SYMBOL = {
    RATIFIED: "✓",
    STATUS_UNKNOWN: "✓",
    PENDING: "◐",
    DENOUNCED: "⊘",
    GAP: "✗",
    NO_RECORD: "–",
    NOT_COVERED: "·",
    UNCERTAIN: "◇",
}
LEGEND = [
    (RATIFIED, "ratified: registered that year and in force"),
    (STATUS_UNKNOWN, "registered that year; no source states whether it is in force"),
    (PENDING, "registered, not yet in force"),
    (DENOUNCED, "denounced (the year of denunciation)"),
    (GAP, "not ratified: a NORMLEX page or a cited complete list shows it"),
    (NO_RECORD, "no record: no ratification found, and no complete list consulted"),
    (UNCERTAIN, "uncertain on the as-of date (a date known only to the year or month)"),
]
# What a gap rests on (analysis.evidence), in words.
BASIS_LABEL = {
    "normlex": "NORMLEX page",
    "curated_list": "cited complete list",
    "curated_record": "curated record",
    "no_record": "no record",
}


def is_url(text: str | None) -> bool:
    return bool(text and text.startswith(("https://", "http://")))


@dataclass
class Source:
    """A cited source: a link when it is a URL, else the document's name."""

    text: str
    href: str | None = None

    @classmethod
    def of(cls, text: str | None) -> Source | None:
        if not text:
            return None
        return cls(text, text if is_url(text) else None)


@dataclass
class Cell:
    kind: str
    text: str  # short, shown in the cell after the symbol
    label: str  # full sentence for a tooltip and screen readers
    source: Source | None = None

    @property
    def symbol(self) -> str:
        return SYMBOL[self.kind]


@dataclass
class GridRow:
    instrument: str
    title: str
    source: Source | None
    cells: list[Cell]


@dataclass
class GridGroup:
    subject: str  # "" when the set is not grouped
    rows: list[GridRow]


@dataclass
class Grid:
    set_name: str
    description: str
    countries: list[str]
    groups: list[GridGroup]
    totals: list[str]  # per country: "x/n registered"


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int  # index of the country (colour and pattern)
    label: str  # e.g. "KZ 2001: 5 ratifications"


@dataclass
class Chart:
    """An SVG bar chart laid out in user units; the template only draws it."""

    title: str
    width: int
    height: int
    bars: list[Bar]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    plot: tuple[float, float, float, float]  # left, top, right, bottom


@dataclass
class Headline:
    code: str
    name: str
    counts: list[A.SetCount]
    technical: int
    recent: int  # registered surely in the twelve months up to the reference day
    recent_possible: int  # dated only to a year or month that may fall in the window
    open_targets: int
    member_since: str
    member_source: Source | None
    chart: Chart | None


@dataclass
class GapRow:
    country: str
    country_name: str
    instrument: str
    title: str
    set_name: str
    reason: str
    basis: str  # what the gap rests on, in words (BASIS_LABEL)
    source: Source | None  # the page, list or record it rests on
    instrument_source: Source | None
    basis_date: str = ""


@dataclass
class UpgradeRow:
    country: str
    instrument: str
    title: str
    replaces: list[str]
    would_denounce: list[str]
    source: Source | None
    no_record: bool = False  # nothing shows the country has not ratified it


@dataclass
class PeerRow:
    instrument: str
    title: str
    peers: str  # "3 of 5"
    ratified_by: list[str]
    status: str
    source: Source | None
    no_record: bool = False  # nothing shows the country has not ratified it


@dataclass
class PeerBlock:
    country: str
    name: str
    rows: list[PeerRow]
    more: int


@dataclass
class TargetRow:
    target: str
    country: str
    kind: str
    description: str
    done: int
    needed: int
    percent: int
    state: str
    period: str
    by_deadline: str
    claim_now: str
    open: list[str]
    uncertain: list[str]
    source: Source | None
    no_record: list[str] = field(default_factory=list)  # unknown: neither done nor open


@dataclass
class YearRow:
    year: int
    counts: list[int]  # per country, in the report's order
    total: int
    which: list[str]


@dataclass
class RegionShare:
    region: str
    countries: int
    shares: list[tuple[int, int]]  # per instrument: (ratified, countries with data)


@dataclass
class RegionalShares:
    instruments: list[str]
    regions: list[RegionShare]
    selected: list[tuple[str, str, list[str]]]  # (country, region, per-instrument mark)


@dataclass
class ReportContent:
    title: str
    as_of: str | None
    reference_day: str
    data_checked: str
    source_label: str
    data_files: list[str]
    countries: list[tuple[str, str]]  # (code, name)
    headlines: list[Headline]
    legend: list[tuple[str, str, str]]  # (kind, symbol, meaning)
    grids: list[Grid]
    gap_summaries: list[str]
    not_covered: list[str]
    gaps: list[GapRow]
    pending: list[str]
    uncertain: list[str]
    upgrades: list[UpgradeRow]
    peers: list[PeerBlock]
    targets: list[TargetRow]
    claims: list[TargetRow]
    history: Chart
    years: list[YearRow]
    regional: RegionalShares | None
    sources: list[Source] = field(default_factory=list)
    data_notes: list[str] = field(default_factory=list)  # warnings about the data (e.g. a snapshot skipped)


# -- building ---------------------------------------------------------------------------
def build_report(
    dataset: Dataset,
    countries: list[Country],
    on: _dt.date | None = None,
    source_label: str = "",
    title: str = "",
    today: _dt.date | None = None,
    notes: list[str] | None = None,
) -> ReportContent:
    """The report's content for `countries` as of `on` (None: as the data stands today)."""
    reference = on or today or _dt.date.today()
    codes = [c.code for c in countries]
    # One time axis for every chart, so that the countries' charts compare at a glance.
    span = years_axis(A.timeline(dataset, countries, None, on))
    target_rows = A.targets(dataset, countries, on)
    grids, gap_rows, pending, uncertain, summaries, not_covered = [], [], [], [], [], []
    for set_name in GRID_SETS:
        if set_name not in dataset.sets:
            continue
        instruments = dataset.resolve_instruments(set_name, on)
        if not instruments:
            continue
        grids.append(_grid(dataset, set_name, countries, instruments, on))
        if set_name == "up-to-date":
            continue  # gaps are reported for the core sets; the grid shows the rest
        result = A.gaps(dataset, countries, instruments, on, set_name)
        for s in result.gaps:
            gap_rows.append(_gap_row(dataset, s, set_name, result.basis(s)))
        summaries.append(f"{set_name}: {evidence_summary(result)}")
        not_covered += [f"{s.country} {s.instrument}" for s in result.uncovered]
        pending += [f"{s.country} {s.instrument} registered {s.date}, not yet in force" for s in result.pending]
        uncertain += [f"{s.country} {s.instrument} ({s.reason})" for s in result.uncertain]
    content = ReportContent(
        title=title or _default_title(dataset, countries),
        as_of=on.isoformat() if on else None,
        reference_day=reference.isoformat(),
        data_checked=dataset.checked.get("countries") or dataset.checked.get("conventions") or "",
        source_label=source_label,
        data_files=[
            p.rsplit("/", 1)[-1] for p in (dataset.paths.get("conventions"), dataset.paths.get("countries")) if p
        ],
        countries=[(c.code, c.name) for c in countries],
        headlines=[_headline(dataset, c, on, reference, target_rows, n, codes, span) for n, c in enumerate(countries)],
        legend=[(kind, SYMBOL[kind], meaning) for kind, meaning in LEGEND],
        grids=grids,
        gap_summaries=summaries,
        not_covered=list(dict.fromkeys(not_covered)),
        gaps=gap_rows,
        pending=list(dict.fromkeys(pending)),
        uncertain=list(dict.fromkeys(uncertain)),
        upgrades=[_upgrade_row(dataset, u) for c in countries for u in A.upgrades(dataset, c, on)],
        peers=_peers(dataset, countries, on),
        targets=[_target_row(p) for p in target_rows if p.target.kind != "claim"],
        claims=[_target_row(p) for p in target_rows if p.target.kind == "claim"],
        history=_history_chart(dataset, countries, on),
        years=_years(dataset, countries, on),
        regional=regional_shares(dataset, countries, on),
    )
    content.sources = _sources(content)
    # Notes as said on stderr, without the program's prefix.
    content.data_notes = [re.sub(r"^ratify: (note|warning): ", "", n) for n in notes or []]
    return content


def _default_title(dataset: Dataset, countries: list[Country]) -> str:
    codes = {c.code for c in countries}
    for group in dataset.groups.values():
        if set(group.members) == codes:
            return f"Ratification of ILO conventions: {group.name}"
    return "Ratification of ILO conventions: " + ", ".join(c.name for c in countries)


def _instrument_source(instrument: Instrument) -> Source | None:
    return Source.of(instrument.source)


def _cell(dataset: Dataset, s: A.Standing, evidence: E.Evidence | None, answered: bool = True) -> Cell:
    """A grid cell, as `matrix_cell` (the matrix table's text) words it, with symbol and source."""
    r = s.ratification
    source = Source.of(r.source) if r else None
    where = f"{s.country} {s.instrument}"
    if s.state == A.RATIFIED:
        return Cell(RATIFIED, matrix_cell(s), f"{where}: registered {s.date}", source)
    if s.state == A.STATUS_UNKNOWN:
        return Cell(
            STATUS_UNKNOWN,
            f"{s.year} status unknown",
            f"{where}: registered {s.date}; no source states whether it is in force",
            source,
        )
    if s.state == A.PENDING:
        return Cell(PENDING, f"{s.year} pending", f"{where}: registered {s.date}, not yet in force", source)
    if s.state == A.UNCERTAIN:
        return Cell(UNCERTAIN, matrix_cell(s), f"{where}: uncertain ({s.reason})", source)
    if s.state == A.DENOUNCED:
        when = r.denounced if r and r.denounced else None
        text = f"denounced {when.year}" if when else "denounced"
        return Cell(DENOUNCED, text, f"{where}: {matrix_cell(s)}", source)
    if not answered:
        return Cell(NOT_COVERED, "not covered", f"{where}: no fetched NORMLEX page covers this cell", None)
    if evidence is None or not evidence.has_evidence:
        return Cell(NO_RECORD, "no record", f"{where}: no ratification found, and no complete list consulted", None)
    on_date = f" of {evidence.date}" if evidence.date else ""
    return Cell(
        GAP,
        "gap",
        f"{where}: not ratified ({BASIS_LABEL.get(evidence.basis, evidence.basis)}{on_date})",
        Source.of(evidence.source),
    )


def _grid(dataset: Dataset, set_name: str, countries: list[Country], instruments: list[Instrument], on) -> Grid:
    result = A.matrix(dataset, countries, instruments, on)
    by_subject: dict[str, list[GridRow]] = {}
    # Wide sets are grouped by subject so that a long grid stays readable; subjects written
    # with different capitals are one group, named as first written.
    grouped = len(instruments) > 12 and any(i.subject for i in instruments)
    names: dict[str, str] = {}
    for i in instruments:
        row = GridRow(
            i.id,
            i.label,
            _instrument_source(i),
            [
                _cell(
                    dataset,
                    result.cell(c.code, i.id),
                    result.basis(c.code, i.id),
                    (c.code, i.id) not in result.evidence or result.basis(c.code, i.id) is not None,
                )
                for c in countries
            ],
        )
        subject = (i.subject or "Subject not recorded") if grouped else ""
        subject = names.setdefault(subject.casefold(), subject)
        by_subject.setdefault(subject, []).append(row)
    groups = [
        GridGroup(subject, rows)
        for subject, rows in sorted(
            by_subject.items(), key=lambda kv: (kv[0] == "Subject not recorded", kv[0].casefold())
        )
    ]
    open_ids = {i.id for i in A.open_instruments(instruments)}
    totals = []
    for c in countries:
        done = sum(result.cell(c.code, i).state in A.REGISTERED for i in open_ids)
        totals.append(f"{done}/{len(open_ids)}")
    description = dataset.sets[set_name].description or set_name
    return Grid(set_name, description, [c.code for c in countries], groups, totals)


def _gap_row(dataset: Dataset, s: A.Standing, set_name: str, evidence: E.Evidence) -> GapRow:
    inst = dataset.instruments[s.instrument]
    if s.state == A.DENOUNCED:
        reason = "denounced"
    else:  # as the gaps table words it
        reason = A.NOT_RATIFIED if evidence.has_evidence else E.NO_RECORD
    return GapRow(
        s.country,
        dataset.countries[s.country].name,
        s.instrument,
        inst.label,
        set_name,
        reason,
        BASIS_LABEL.get(evidence.basis, evidence.basis),
        Source.of(evidence.source),
        _instrument_source(inst),
        evidence.date,
    )


def _upgrade_row(dataset: Dataset, u: A.Upgrade) -> UpgradeRow:
    inst = dataset.instruments[u.instrument]
    return UpgradeRow(
        u.country,
        u.instrument,
        inst.label,
        u.replaces,
        u.would_denounce,
        _instrument_source(inst),
        not u.evidence.has_evidence,
    )


def _peers(dataset: Dataset, countries: list[Country], on) -> list[PeerBlock]:
    if len(countries) < 2:
        return []
    blocks = []
    for country in countries:
        found = A.peers(dataset, country, countries, on)
        rows = [
            PeerRow(
                p.instrument,
                dataset.instruments[p.instrument].label,
                f"{len(p.peers)} of {p.group_size}",
                [f"{c} ({d})" for c, d in p.peers],
                dataset.instruments[p.instrument].status or "not recorded",
                _instrument_source(dataset.instruments[p.instrument]),
                not p.evidence.has_evidence,
            )
            for p in found[:PEER_LIMIT]
        ]
        blocks.append(PeerBlock(country.code, country.name, rows, max(0, len(found) - PEER_LIMIT)))
    return blocks


def _target_row(p: A.TargetProgress) -> TargetRow:
    t = p.target
    if t.kind == "claim":
        period = f"stated {t.stated}" if t.stated else ""
    else:
        period = "-".join(str(x) for x in (t.start, t.deadline) if x)
    needed = p.needed or 1
    return TargetRow(
        t.id,
        p.country,
        t.kind,
        t.description,
        len(p.done),
        p.needed,
        min(100, round(100 * len(p.done) / needed)),
        p.state,
        period,
        p.by_deadline or "",
        p.claim_now or "",
        p.open,
        p.uncertain,
        Source.of(t.source),
        p.no_record,
    )


def _recent(country: Country, reference: _dt.date) -> tuple[int, int]:
    """Ratifications registered in the twelve months up to `reference`: sure, and possible."""
    start = (
        reference.replace(year=reference.year - 1)
        if not (reference.month == 2 and reference.day == 29)
        else reference - _dt.timedelta(days=365)
    )
    sure = possible = 0
    for r in country.ratifications:
        if r.date is None:
            continue
        if r.date.earliest > start and r.date.latest <= reference:
            sure += 1
        elif r.date.latest > start and r.date.earliest <= reference:
            possible += 1
    return sure, possible


def _headline(
    dataset: Dataset,
    country: Country,
    on,
    reference: _dt.date,
    target_rows: list[A.TargetProgress],
    index: int,
    names: list[str],
    span: tuple[int, int],
) -> Headline:
    profile = A.country_profile(dataset, country, on)
    sure, possible = _recent(country, reference)
    open_targets = sum(
        1
        for p in target_rows
        if p.country == country.code and p.target.kind != "claim" and p.state in (A.OPEN, A.OVERDUE)
    )
    years = A.timeline(dataset, [country], None, on)
    chart = (
        _bar_chart(f"Ratifications per year: {country.name}", span, {index: years}, names, 320, 90) if years else None
    )
    return Headline(
        country.code,
        country.name,
        profile.counts,
        profile.technical,
        sure,
        possible,
        open_targets,
        str(country.ilo_member_since) if country.ilo_member_since else "not recorded",
        Source.of(country.member_source),
        chart,
    )


# -- history ----------------------------------------------------------------------------
def years_axis(years: list[A.TimelineYear]) -> tuple[int, int]:
    return (years[0].year, years[-1].year) if years else (0, 0)


def _history_chart(dataset: Dataset, countries: list[Country], on) -> Chart:
    per_country = {index: A.timeline(dataset, [c], None, on) for index, c in enumerate(countries)}
    everything = A.timeline(dataset, countries, None, on)
    return _bar_chart(
        "Ratifications per year, all instruments, stacked by country",
        years_axis(everything),
        per_country,
        [c.code for c in countries],
        720,
        220,
    )


def _years(dataset: Dataset, countries: list[Country], on) -> list[YearRow]:
    per_country = [{y.year: y.count for y in A.timeline(dataset, [c], None, on)} for c in countries]
    rows = []
    for y in A.timeline(dataset, countries, None, on):
        if y.count:
            rows.append(
                YearRow(
                    y.year,
                    [counts.get(y.year, 0) for counts in per_country],
                    y.count,
                    [f"{c} {i}" for c, i in y.ratifications],
                )
            )
    return rows


def _bar_chart(
    title: str,
    span: tuple[int, int],
    series: dict[int, list[A.TimelineYear]],
    names: list[str],
    width: int,
    height: int,
) -> Chart:
    """Bars per year, stacked by series, scaled to the tallest year."""
    first, last = span
    left, top, right, bottom = 28.0, 8.0, width - 16.0, height - 20.0
    stacks: dict[int, list[tuple[int, int]]] = {}
    for index, years in series.items():
        for y in years:
            if y.count:
                stacks.setdefault(y.year, []).append((index, y.count))
    peak = max((sum(n for _, n in parts) for parts in stacks.values()), default=0) or 1
    n_years = max(1, last - first + 1)
    step = (right - left) / n_years
    scale = (bottom - top) / peak
    bars = []
    for year in sorted(stacks):
        base = bottom
        for index, count in stacks[year]:
            h = count * scale
            base -= h
            bars.append(
                Bar(
                    round(left + (year - first) * step + step * 0.1, 2),
                    round(base, 2),
                    round(step * 0.8, 2),
                    round(h, 2),
                    index,
                    f"{names[index]} {year}: {count} ratification{'s' if count != 1 else ''}",
                )
            )
    every = next(n for n in (1, 2, 5, 10, 20, 50) if n_years / n <= (width / 45))
    x_ticks = [
        (round(left + (y - first + 0.5) * step, 2), str(y))
        for y in range(first, last + 1)
        if y % every == 0 or n_years == 1
    ]
    y_step = next(n for n in (1, 2, 5, 10, 20, 50, 100) if peak / n <= 4)
    y_ticks = [(round(bottom - v * scale, 2), str(v)) for v in range(0, peak + 1, y_step)]
    return Chart(title, width, height, bars, x_ticks, y_ticks, (left, top, right, bottom))


# -- regions ----------------------------------------------------------------------------
def regional_shares(
    dataset: Dataset, countries: list[Country], on=None, set_name: str = "fundamental"
) -> RegionalShares | None:
    """Share of each ILO region's member States that ratified each instrument of the set.

    Shown only when the data holds other countries with a region and records (the member
    registry with NORMLEX data); the curated data alone says nothing about the regions. A
    country counts for an instrument only where the data answers the cell: a ratification,
    or evidence that there is none (a NORMLEX page or a cited list); "no record" is left out
    of both sides of the share.
    """
    from ..analysis.gap_report import gap_evidence

    selected = {c.code for c in countries}
    # The curated countries, and the member States of the registry that NORMLEX data answers.
    members = [
        dataset.lookup(code) for code, c in (getattr(dataset, "members", None) or {}).items() if dataset.has_data(c)
    ]
    everyone = [*dataset.countries.values(), *members]
    if set_name not in dataset.sets or not any(
        c.code not in selected and getattr(c, "region", None) and c.has_records() for c in everyone
    ):
        return None
    instruments = [i.id for i in A.open_instruments(dataset.resolve_instruments(set_name, on))]
    by_region: dict[str, list[Country]] = {}
    for c in everyone:
        region = getattr(c, "region", None)
        if region:
            by_region.setdefault(region, []).append(c)

    def answer(c: Country, ident: str) -> bool | None:
        s = A.standing(c, ident, on)
        if s.state in A.REGISTERED:
            return True
        if s.state in A.GAP_STATES:
            evidence = gap_evidence(dataset, c, s, on)
            return False if evidence is not None and evidence.has_evidence else None
        return None  # uncertain on the day

    regions = []
    for region, members in sorted(by_region.items(), key=lambda kv: _region_name(dataset, kv[0])):
        shares = []
        for ident in instruments:
            answers = [a for a in (answer(c, ident) for c in members) if a is not None]
            shares.append((sum(answers), len(answers)))
        if any(total for _, total in shares):
            regions.append(RegionShare(_region_name(dataset, region), len(members), shares))
    if not regions:
        return None
    marks = []
    for c in countries:
        region = getattr(c, "region", None)
        own = [answer(c, ident) for ident in instruments]
        marks.append(
            (
                c.code,
                _region_name(dataset, region) if region else "region not recorded",
                [SYMBOL[RATIFIED] if a else SYMBOL[GAP] if a is False else SYMBOL[NO_RECORD] for a in own],
            )
        )
    return RegionalShares(instruments, regions, marks)


def _region_name(dataset: Dataset, region: str) -> str:
    """A region's name from the member registry when the data has one, else its id as given."""
    regions = getattr(getattr(dataset, "registry", None), "regions", None) or {}
    found = regions.get(region)
    return getattr(found, "name", None) or region


def _sources(content: ReportContent) -> list[Source]:
    """Every distinct source the report cites, for the list at its end."""
    found: dict[str, Source] = {}

    def add(source: Source | None) -> None:
        if source and source.text not in found:
            found[source.text] = source

    for h in content.headlines:
        add(h.member_source)
    for grid in content.grids:
        for group in grid.groups:
            for row in group.rows:
                add(row.source)
                for cell in row.cells:
                    add(cell.source)
    for rows in (content.gaps, content.upgrades, content.targets, content.claims):
        for r in rows:
            add(r.source)
    for g in content.gaps:
        add(g.instrument_source)
    for block in content.peers:
        for p in block.rows:
            add(p.source)
    return sorted(found.values(), key=lambda s: s.text)
