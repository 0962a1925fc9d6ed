"""Tabular views of analysis results: each function turns a result into a Report.

Rows hold machine-friendly keys and values (stable across versions: documented in the
README); headers are for people.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from . import analysis as A
from .model import Country, Dataset, Instrument
from .output import BAD, GOOD, INFO, MUTED, WARN, Column, Report

if TYPE_CHECKING:
    from .validate import Finding

STATE_STYLE = {
    A.RATIFIED: GOOD, A.PENDING: INFO, A.DENOUNCED: BAD, A.NOT_RATIFIED: BAD, A.UNCERTAIN: WARN, A.NO_RECORD: MUTED,
}
STATE_LABEL = {
    A.RATIFIED: "ratified", A.PENDING: "pending", A.DENOUNCED: "denounced",
    A.NOT_RATIFIED: "not ratified", A.UNCERTAIN: "uncertain", A.NO_RECORD: "no record",
}


def _as_of_text(as_of: Optional[str]) -> str:
    return f" as of {as_of}" if as_of else ""


def countries_view(dataset: Dataset, countries: list[Country]) -> Report:
    rows = [
        {
            "code": c.code,
            "name": c.name,
            "normlex_id": c.normlex_id,
            "ilo_member_since": str(c.ilo_member_since) if c.ilo_member_since else None,
            "groups": c.groups,
            "ratifications": len(c.ratifications),
            "alpha3": c.alpha3,
            "normlex_name": c.normlex_name,
            "region": c.region,
            "curated": c.curated,
        }
        for c in countries
    ]
    columns = [
        Column("code", "Code"), Column("name", "Country"), Column("normlex_name", "NORMLEX name"),
        Column("region", "ILO region"), Column("normlex_id", "NORMLEX id"),
        Column("ilo_member_since", "ILO member since"), Column("groups", "Groups"),
        Column("ratifications", "Records", align="right"),
    ]
    report = Report(columns, rows, title="Countries")
    report.json = rows  # machines get every field, including alpha3 and curated
    return report


def _status_style(row: dict) -> Optional[str]:
    status = row.get("status") or ""
    return GOOD if status == "up-to-date" else MUTED if status in ("abrogated", "withdrawn", "outdated") else WARN


def conventions_view(dataset: Dataset, instruments: list[Instrument], on=None) -> Report:
    rows = [
        {
            "id": i.id,
            "title": i.title,
            "year": i.year,
            "type": i.type,
            "category": i.category_on(on),
            "status": i.status,
            "subject": i.subject,
            "revises": i.revises,
            "entry_into_force": str(i.entry_into_force) if i.entry_into_force else None,
            "source": i.source,
        }
        for i in instruments
    ]
    columns = [
        Column("id", "Id"), Column("title", "Title"), Column("year", "Year"),
        Column("category", "Category"), Column("status", "Status", style=_status_style),
        Column("revises", "Revises"), Column("entry_into_force", "In force from"),
    ]
    report = Report(columns, rows, title="ILO instruments")
    report.json = rows  # machines get every field, including subject and source
    return report


def gaps_view(dataset: Dataset, result: A.GapReport) -> Report:
    rows = []
    for s in result.gaps:
        inst = dataset.instruments[s.instrument]
        rows.append(
            {
                "country": s.country,
                "country_name": dataset.lookup(s.country).name,
                "instrument": s.instrument,
                "title": inst.label,
                "category": inst.category,
                "status": inst.status,
                "reason": "denounced" if s.state == A.DENOUNCED else "not ratified",
                "denounced": str(s.ratification.denounced) if s.ratification and s.ratification.denounced else None,
            }
        )
    columns = [
        Column("country", "Country"), Column("country_name", "Name"), Column("instrument", "Instrument"),
        Column("title", "Title"), Column("reason", "Gap", style=lambda r: BAD),
        Column("denounced", "Denounced"), Column("category", "Category"), Column("status", "ILO status"),
    ]
    title = f"Ratification gaps: {result.set_name or 'selected instruments'}{_as_of_text(result.as_of)}"
    notes = [
        f"{len(result.gaps)} gap(s) across {len(result.countries)} countr{'y' if len(result.countries) == 1 else 'ies'}"
        f" and {len(result.instruments)} instrument(s){_as_of_text(result.as_of)}."
    ]
    for s in result.pending:
        notes.append(f"pending: {s.country} {s.instrument} registered {s.date}, not yet in force (not a gap)")
    for s in result.uncertain:
        notes.append(f"uncertain: {s.country} {s.instrument} ({s.reason})")
    if result.no_record:  # one line: a world report can have hundreds
        who = sorted({s.country for s in result.no_record})
        notes.append(
            f"{len(result.no_record)} cell(s) of {len(who)} member State(s) have no record (no NORMLEX page covers "
            f"them), not counted as gaps: {', '.join(who[:12])}{' ...' if len(who) > 12 else ''}; "
            "fetch the instruments' pages (`ratify fetch --set NAME`)"
        )
    return Report(columns, rows, title=title, notes=notes)


def matrix_cell(s: A.Standing) -> str:
    if s.state == A.RATIFIED:
        return s.year
    if s.state == A.PENDING:
        return f"{s.year} (pending)"
    if s.state == A.DENOUNCED:
        return f"denounced {s.ratification.denounced or ''}".strip() if s.ratification else "denounced"
    if s.state == A.UNCERTAIN:
        return f"{s.date}?"
    if s.state == A.NO_RECORD:
        return "n/r"
    return "-"


def matrix_view(dataset: Dataset, result: A.Matrix) -> Report:
    rows = []
    for code in result.countries:
        row: dict = {"country": code}
        for ident in result.instruments:
            cell = result.cell(code, ident)
            row[ident] = matrix_cell(cell)
            row[f"_{ident}"] = cell.state
        rows.append(row)

    def styler(ident: str):
        return lambda row: STATE_STYLE.get(row[f"_{ident}"])

    columns = [Column("country", "Country")] + [Column(i, i, style=styler(i)) for i in result.instruments]
    report = Report(columns, rows, title=f"Ratification matrix{_as_of_text(result.as_of)}")
    report.notes = ["'-' not ratified; a year: registered that year; '?' uncertain on the as-of date."]
    if any(s.state == A.NO_RECORD for s in result.cells.values()):
        report.notes.append("'n/r' no record: no NORMLEX page covers that member State for that instrument.")
    return report


def profile_views(dataset: Dataset, profile: A.CountryProfile) -> list[Report]:
    c = profile.country
    counts = "; ".join(f"{x.set_name} {x.ratified}/{x.total}" for x in profile.counts)
    rows = []
    for s in profile.standings:
        r = s.ratification
        inst = dataset.instruments.get(s.instrument)
        rows.append(
            {
                "instrument": s.instrument,
                "title": inst.label if inst else "",
                "category": inst.category_on(None) if inst else "",
                "date": s.date,
                "state": STATE_LABEL[s.state],
                "denounced": str(r.denounced) if r and r.denounced else None,
                "note": r.note if r else "",
                "source": r.source if r else "",
                "_state": s.state,
            }
        )
    title = (
        f"{c.name} ({c.code}){_as_of_text(profile.as_of)}: {counts}; technical {profile.technical}"
        f" (ILO member since {c.ilo_member_since or 'unknown'})"
    )
    main = Report(
        [
            Column("instrument", "Instrument"), Column("title", "Title"), Column("category", "Category"),
            Column("date", "Registered"), Column("state", "Status", style=lambda r: STATE_STYLE.get(r["_state"])),
            Column("denounced", "Denounced"), Column("note", "Note"),
        ],
        rows,
        title=title,
    )
    reports = [main]
    if profile.upgrades:
        reports.append(upgrades_view(dataset, profile.upgrades, f"Upgrades for {c.name}"))
    return reports


def upgrades_view(dataset: Dataset, upgrades: list[A.Upgrade], title: str = "Upgrades") -> Report:
    rows = [
        {
            "country": u.country,
            "instrument": u.instrument,
            "title": dataset.instruments[u.instrument].label,
            "replaces": u.replaces,
            "would_denounce": u.would_denounce,
        }
        for u in upgrades
    ]
    columns = [
        Column("country", "Country"), Column("instrument", "Revising instrument"), Column("title", "Title"),
        Column("replaces", "Replaces (still applied)", style=lambda r: WARN),
        Column("would_denounce", "Ratifying it would denounce"),
    ]
    return Report(columns, rows, title=title)


def instrument_view(dataset: Dataset, profile: A.InstrumentProfile) -> Report:
    i = profile.instrument
    rows = [
        {
            "country": s.country,
            "name": dataset.lookup(s.country).name,
            "date": s.date or None,
            "state": STATE_LABEL[s.state],
            "note": s.ratification.note if s.ratification else "",
            "source": s.ratification.source if s.ratification else "",
            "_state": s.state,
        }
        for s in profile.standings
    ]
    done = sum(s.state in A.REGISTERED for s in profile.standings)
    title = (
        f"{i.id} {i.label}: {i.category}, {i.status or 'status unknown'}{_as_of_text(profile.as_of)};"
        f" ratified by {done} of {len(rows)} countries"
    )
    columns = [
        Column("country", "Country"), Column("name", "Name"), Column("date", "Registered"),
        Column("state", "Status", style=lambda r: STATE_STYLE.get(r["_state"])), Column("note", "Note"),
    ]
    return Report(columns, rows, title=title)


TARGET_STYLE = {"met": GOOD, "true": GOOD, "open": WARN, "overdue": BAD, "false": BAD, "uncertain": WARN, "missed": BAD}


def targets_view(dataset: Dataset, rows_in: list[A.TargetProgress], as_of: Optional[str]) -> Report:
    rows = []
    for p in rows_in:
        t = p.target
        period = "-".join(str(x) for x in (t.start, t.deadline) if x) or (f"stated {t.stated}" if t.stated else "")
        d = p.to_dict()
        d.update(
            {
                "period": period,
                "progress": f"{len(p.done)}/{p.needed}",
            }
        )
        rows.append(d)
    columns = [
        Column("target", "Target"), Column("country", "Country"), Column("kind", "Kind"),
        Column("period", "Period"), Column("progress", "Done", align="right"),
        Column("state", "State", style=lambda r: TARGET_STYLE.get(r["state"])),
        Column("by_deadline", "By deadline", style=lambda r: TARGET_STYLE.get(r["by_deadline"] or "")),
        Column("claim_now", "Holds now", style=lambda r: TARGET_STYLE.get(r["claim_now"] or "")),
        Column("done", "Done (instruments)"), Column("open", "Open (exceptions)", style=lambda r: BAD if r["open"] else None),
        Column("uncertain", "Uncertain"), Column("description", "Description"),
    ]
    report = Report(columns, rows, title=f"Targets{_as_of_text(as_of)}")
    report.json = [p.to_dict() for p in rows_in]
    return report


def peers_view(dataset: Dataset, country: Country, group_name: str, found: list[A.PeerSuggestion], as_of) -> Report:
    rows = [
        {
            "instrument": p.instrument,
            "title": dataset.instruments[p.instrument].label,
            "peers": f"{len(p.peers)} of {p.group_size}",
            "status": dataset.instruments[p.instrument].status or "not recorded",
            "peer_count": len(p.peers),
            "ratified_by": [f"{c} ({d})" for c, d in p.peers],
        }
        for p in found
    ]
    columns = [
        Column("instrument", "Instrument"), Column("title", "Title"),
        Column("peers", "Peers", align="right", style=lambda r: GOOD if r["peer_count"] > 1 else None),
        Column("ratified_by", "Ratified by"), Column("status", "ILO status"),
    ]
    report = Report(columns, rows, title=f"{country.name}: instruments its {group_name} peers ratified that it has not (up-to-date, or status not recorded){_as_of_text(as_of)}")
    report.json = [p.to_dict() for p in found]
    return report


def timeline_view(years: list[A.TimelineYear], title: str) -> Report:
    peak = max((y.count for y in years), default=0) or 1
    width = 40
    rows = [
        {
            "year": y.year,
            "count": y.count,
            "bar": "█" * max(1 if y.count else 0, round(y.count * width / peak)),
            "ratifications": [f"{c} {i}" for c, i in y.ratifications],
        }
        for y in years
    ]
    columns = [
        Column("year", "Year"), Column("count", "Ratifications", align="right"),
        Column("bar", "", human_only=True, style=lambda r: INFO), Column("ratifications", "Which"),
    ]
    return Report(columns, rows, title=title)


def export_view(dataset: Dataset, records: list[tuple[A.Standing, Country]], as_of: Optional[str]) -> Report:
    rows = []
    for s, country in records:
        r = s.ratification
        assert r is not None
        status = r.status
        if as_of:
            status = {A.RATIFIED: "in_force", A.PENDING: "not_in_force", A.DENOUNCED: "denounced"}.get(s.state, "uncertain")
        rows.append(
            {
                "country": country.code,
                "instrument": r.instrument,
                "date": str(r.date) if r.date else None,
                "status": status,
                "denounced": str(r.denounced) if r.denounced else None,
                "denounced_by": r.denounced_by,
                "note": r.note,
                "source": r.source,
                "confidence": r.confidence,
            }
        )
    columns = [
        Column("country", "Country"), Column("instrument", "Instrument"), Column("date", "Date"),
        Column("status", "Status"), Column("denounced", "Denounced"), Column("denounced_by", "Denounced by"),
        Column("note", "Note"), Column("source", "Source"), Column("confidence", "Confidence"),
    ]
    return Report(columns, rows, title=f"Ratifications{_as_of_text(as_of)}")


def findings_view(findings: list[Finding]) -> Report:
    rows = [f.to_dict() for f in findings]
    columns = [
        Column("level", "Level", style=lambda r: BAD if r["level"] == "error" else WARN),
        Column("file", "File"), Column("line", "Line", align="right"), Column("message", "Message"),
    ]
    return Report(columns, rows, title="Data findings")
