"""Tabular views of analysis results: each function turns a result into a Report.

Rows hold machine-friendly keys and values (stable across versions: documented in the
README); headers are for people.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from .. import analysis as A
from ..analysis.evidence import NO_RECORD
from ..model import Country, Dataset, Instrument
from ..wording import plural
from . import BAD, GOOD, INFO, MUTED, WARN, Column, Report

if TYPE_CHECKING:
    from pathlib import Path

    from ..curated.validate import Finding
    from ..normlex.snapshot import Snapshot
    from ..sources.reconcile import Difference, Matched

STATE_STYLE = {
    A.RATIFIED: GOOD,
    A.PENDING: INFO,
    A.DENOUNCED: BAD,
    A.NOT_RATIFIED: BAD,
    A.UNCERTAIN: WARN,
    A.STATUS_UNKNOWN: WARN,
    "no_record": WARN,
}
# One spelling per state in every command and format: the analysis's own names (ratified,
# pending, status_unknown, denounced, not_ratified, uncertain; no_record for a gap without
# evidence; documented in the README).
STATE_LABEL = {
    state: state for state in (A.RATIFIED, A.PENDING, A.DENOUNCED, A.NOT_RATIFIED, A.UNCERTAIN, A.STATUS_UNKNOWN)
}


def in_words(value: str) -> str:
    """How tables, plain text and Markdown show a state (``not ratified``); CSV, TSV and JSON
    keep its one spelling (``not_ratified``), so a script and a reader each get theirs."""
    return value.replace("_", " ")


def _as_of_text(as_of: str | None) -> str:
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
        Column("code", "Code"),
        Column("name", "Country", wrap=True),
        Column("normlex_name", "NORMLEX name", wrap=True, detail=True),
        Column("region", "ILO region"),
        Column("normlex_id", "NORMLEX id", detail=True),
        Column("ilo_member_since", "ILO member since", detail=True),
        Column("groups", "Groups", wrap=True),
        Column("ratifications", "Records", align="right"),
    ]
    report = Report(columns, rows, title="Countries", key_columns=1)
    report.json = rows  # machines get every field, including alpha3 and curated
    return report


def _status_style(row: dict) -> str | None:
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
            "status_source": i.status_evidence,
            "status_note": i.status_note or None,
            "note": i.note or None,
            "sources": [t.to_dict() for t in i.sources],
        }
        for i in instruments
    ]
    columns = [
        Column("id", "Id"),
        Column("title", "Title", wrap=True),
        Column("year", "Year"),
        Column("category", "Category"),
        Column("status", "Status", style=_status_style),
        Column("revises", "Revises", detail=True),
        Column("entry_into_force", "In force from", detail=True),
        Column("status_note", "Status note", wrap=True, detail=True),
        Column("status_source", "Status source", wrap=True, detail=True),
    ]
    report = Report(columns, rows, title="ILO instruments", key_columns=1)
    report.json = rows  # machines get every field, including subject and source
    return report


_BASIS_STYLE = {"normlex": BAD, "curated_list": BAD, "curated_record": BAD, "no_record": WARN}


def _gap_reason(s: A.Standing, basis: str) -> str:
    if s.state == A.DENOUNCED:
        return "denounced"
    return NO_RECORD if basis == NO_RECORD else A.NOT_RATIFIED


def _evidence_counts(result: A.GapReport) -> str:
    """``: 4 on NORMLEX pages, 6 on cited lists, 2 without a record``, naming only the bases
    that occur (the line stays short enough for a terminal), or nothing when there is no gap."""
    counts = result.counts()
    labels = (
        ("normlex", "on NORMLEX pages"),
        ("curated_list", "on cited lists"),
        ("curated_record", "on curated records"),
        ("no_record", "without a record"),
    )
    parts = [f"{counts[key]} {label}" for key, label in labels if counts[key]]
    return ": " + ", ".join(parts) if parts else ""


def evidence_summary(result: A.GapReport) -> str:
    """``12 gaps: 4 on NORMLEX pages, 6 on cited lists, 2 without a record``."""
    return f"{plural(len(result.gaps), 'gap')}{_evidence_counts(result)}"


def gaps_totals(result: A.GapReport) -> str:
    """The one totals line: ``4 gaps across 5 countries and 10 instruments: 4 on cited lists.``"""
    return (
        f"{plural(len(result.gaps), 'gap')} across {plural(len(result.countries), 'country', 'countries')}"
        f" and {plural(len(result.instruments), 'instrument')}{_as_of_text(result.as_of)}{_evidence_counts(result)}"
        + (" (no record: none found, and no complete list consulted)" if result.counts()["no_record"] else "")
        + "."
    )


def _uncovered_note(result: A.GapReport, merged_helps: bool = True) -> str | None:
    if not result.uncovered:
        return None
    instruments = sorted({s.instrument for s in result.uncovered})
    countries = sorted({s.country for s in result.uncovered})
    shown = ", ".join(instruments[:12]) + (", ..." if len(instruments) > 12 else "")
    return (
        f"not covered: no fetched NORMLEX page covers {len(result.uncovered)} cell(s) "
        f"({len(countries)} countr{'y' if len(countries) == 1 else 'ies'} x {shown}); they are not reported as gaps "
        f"(fetch them: ratify fetch --instrument ID{', or use --source merged' if merged_helps else ''})"
    )


def gaps_view(dataset: Dataset, result: A.GapReport, hidden_no_record: int = 0) -> Report:
    rows = []
    for s in result.gaps:
        inst = dataset.instruments[s.instrument]
        ev = result.basis(s)
        rows.append(
            {
                "country": s.country,
                "country_name": dataset.lookup(s.country).name,
                "instrument": s.instrument,
                "title": inst.label,
                "category": inst.category,
                "status": inst.status,
                "reason": _gap_reason(s, ev.basis),
                "denounced": str(s.ratification.denounced) if s.ratification and s.ratification.denounced else None,
                "evidence": ev.short,
                **ev.to_dict(),
            }
        )
    columns = [
        Column("country", "Country"),
        Column("country_name", "Name", detail=True),
        Column("instrument", "Instrument"),
        Column("title", "Title", wrap=True),
        Column("reason", "Gap", style=lambda r: _BASIS_STYLE.get(r["basis"], BAD), display=in_words),
        Column("evidence", "Basis", human_only=True, style=lambda r: WARN if r["basis"] == "no_record" else None),
        # A denounced gap's Basis already shows the denunciation's record and date.
        Column("denounced", "Denounced", detail=True),
        Column("category", "Category", detail=True),
        Column("status", "ILO status", detail=True),
        Column("basis", "Basis", machine_only=True),
        Column("basis_source", "Basis source", machine_only=True),
        Column("basis_date", "Basis date", machine_only=True),
        Column("basis_date_kind", "Basis date kind", machine_only=True),
    ]
    title = f"Ratification gaps: {result.set_name or 'selected instruments'}{_as_of_text(result.as_of)}"
    notes = gaps_summary(result)
    notes.append(gaps_totals(result))
    if hidden_no_record:
        notes.append(f"{hidden_no_record} cell(s) without a record not shown (--evidence-only)")
    # Merged data answers curated countries from the YAML; other member States only from pages.
    uncovered = _uncovered_note(
        result, dataset.origin == "normlex" and any(s.country in dataset.countries for s in result.uncovered)
    )
    if uncovered:
        notes.append(uncovered)
    for s in result.pending:
        notes.append(f"pending: {s.country} {s.instrument} registered {s.date}, not yet in force (not a gap)")
    for s in result.uncertain:
        notes.append(f"uncertain: {s.country} {s.instrument} ({s.reason})")
    return Report(columns, rows, title=title, notes=notes, key_columns=2)


def gaps_summary(result: A.GapReport, compact_after: int = 20) -> list[str]:
    """One line per country asked about, so a country without gaps shows too.

    `KZ 10/10 fundamental`, `KG 8/10: C155, C187` (ratified of the set; then the gaps),
    with pending and uncertain instruments named after the gaps. Past `compact_after`
    countries (a region, the world), those with nothing open share one line.
    """
    total = len(result.instruments)
    lines = []
    complete = []
    for code in result.countries:
        mine = [s for s in result.gaps if s.country == code]
        gaps = [s.instrument for s in mine if result.basis(s).has_evidence]
        no_record = [s.instrument for s in mine if not result.basis(s).has_evidence]
        pending = [s.instrument for s in result.pending if s.country == code]
        uncertain = [s.instrument for s in result.uncertain if s.country == code]
        uncovered = [s.instrument for s in result.uncovered if s.country == code]
        done = total - len(mine) - len(pending) - len(uncertain) - len(uncovered)
        parts = [f": {', '.join(gaps)}" if gaps else ""]
        parts += [
            f"; {label} {', '.join(found)}" if found else ""
            for label, found in (
                ("no record", no_record),
                ("pending", pending),
                ("uncertain", uncertain),
                ("not covered", uncovered),
            )
        ]
        detail = "".join(parts).lstrip(";")
        if not detail:
            complete.append(code)
            detail = f" {result.set_name or 'selected instruments'}"
        elif not gaps:
            detail = ":" + detail
        lines.append(f"{code} {done}/{total}{detail}")
    if len(result.countries) > compact_after and complete:
        lines = [line for line in lines if line.split(" ", 1)[0] not in complete]
        lines.append(
            f"{plural(len(complete), 'country', 'countries')} {total}/{total} {result.set_name or 'selected instruments'}: {', '.join(complete)}"
        )
    return lines


def matrix_cell(s: A.Standing, basis: A.evidence.Evidence | None = None) -> str:
    if s.state == A.RATIFIED:
        return s.year
    if s.state == A.PENDING:
        return f"{s.year} (pending)"
    if s.state == A.STATUS_UNKNOWN:  # ratified, but never shown as in force without a source
        return f"{s.year} (status unknown)"
    if s.state == A.DENOUNCED:
        return f"denounced {s.ratification.denounced or ''}".strip() if s.ratification else "denounced"
    if s.state == A.UNCERTAIN:
        return f"{s.date}?"
    if basis is not None and not basis.has_evidence:
        return "?"  # no record: nobody showed that it was not ratified
    return "-"


def matrix_view(dataset: Dataset, result: A.Matrix) -> Report:
    rows = []
    cells, evidence = result.cells, result.evidence
    # The row keys of each instrument, made once (a world matrix has over 10,000 cells).
    keys = [(ident, f"_{ident}", f"_{ident}_value") for ident in result.instruments]
    for code in result.countries:
        row: dict = {"country": code}
        for ident, state_key, value_key in keys:
            cell = cells[(code, ident)]
            if (code, ident) not in evidence:  # a cell with a record of its own
                text = cell.year if cell.state == A.RATIFIED else matrix_cell(cell)
                state = cell.state
            else:
                basis = evidence[(code, ident)]
                if basis is None:
                    text, state = "n/c", "no_record"
                else:
                    answered = basis.has_evidence
                    if cell.state == A.NOT_RATIFIED:  # most cells of a world matrix (as matrix_cell)
                        text = "-" if answered else "?"
                    else:
                        text = matrix_cell(cell, basis)
                    state = cell.state if answered else "no_record"
            row[ident] = text
            row[state_key] = state  # a cell without evidence is never styled as a gap
            # Machines get an empty cell for "not ratified", not a '-' a spreadsheet may misread.
            row[value_key] = "" if text == "-" else text
        rows.append(row)

    def styler(ident: str):
        return lambda row: STATE_STYLE.get(row[f"_{ident}"])

    columns = [Column("country", "Country")] + [
        Column(i, i, style=styler(i), machine_key=f"_{i}_value") for i in result.instruments
    ]
    report = Report(columns, rows, title=f"Ratification matrix{_as_of_text(result.as_of)}", key_columns=1)
    report.json = result.to_dict  # built only when JSON is asked for (10,000 cells at world scale)
    report.notes = [
        "'-' not ratified (a NORMLEX page or a cited complete list shows it; an empty cell in CSV and TSV);"
        " '?' no record (nothing found either way); a year: registered that year; 'YEAR?' uncertain on the as-of date."
    ]
    uncovered = sum(1 for key, ev in result.evidence.items() if ev is None)
    if uncovered:
        report.notes.append(f"'n/c': {uncovered} cell(s) no fetched NORMLEX page covers (not answered by NORMLEX data)")
    return report


def profile_views(dataset: Dataset, profile: A.CountryProfile) -> list[Report]:
    c = profile.country
    counts = "; ".join(x.text for x in profile.counts)
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
            Column("instrument", "Instrument"),
            Column("title", "Title", wrap=True),
            Column("category", "Category", detail=True),
            Column("date", "Registered"),
            Column("state", "Status", style=lambda r: STATE_STYLE.get(r["_state"]), display=in_words),
            Column("denounced", "Denounced"),
            Column("note", "Note", wrap=True, detail=True),
            Column("source", "Source", wrap=True, detail=True),
        ],
        rows,
        title=title,
        json=profile.to_dict(),
        key_columns=1,
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
            "state": u.state,
            "evidence": _basis_label(u.evidence),
            **u.evidence.to_dict(),
        }
        for u in upgrades
    ]
    columns = [
        Column("country", "Country"),
        Column("instrument", "Instrument"),
        Column("title", "Title", wrap=True),
        Column("replaces", "Replaces", style=lambda r: WARN),
        Column("would_denounce", "Ratifying it denounces", wrap=True),
        Column("evidence", "Not ratified", human_only=True, style=_basis_style, display=in_words),
        Column("state", "State", machine_only=True),
        Column("basis", "Basis", machine_only=True),
        Column("basis_source", "Basis source", machine_only=True),
        Column("basis_date", "Basis date", machine_only=True),
        Column("basis_date_kind", "Basis date kind", machine_only=True),
    ]
    report = Report(columns, rows, title=title, key_columns=2)
    unknown = [u for u in upgrades if not u.evidence.has_evidence]
    if unknown:
        report.notes.append(_no_record_note(len(unknown), len(upgrades)))
    return report


def _basis_label(evidence: A.evidence.Evidence) -> str:
    """What shows a country has not ratified an instrument: ``list 2026-06``, or ``no_record``."""
    return evidence.short if evidence.has_evidence else NO_RECORD


def _basis_style(row: dict) -> str | None:
    return WARN if row["basis"] == NO_RECORD else None


def _no_record_note(unknown: int, total: int) -> str:
    return (
        f"{unknown} of {total} marked no record: no ratification found, but no NORMLEX page or cited complete list"
        " shows there is none (the country may have ratified it)"
    )


def instrument_view(dataset: Dataset, profile: A.InstrumentProfile) -> Report:
    from ..analysis.gap_report import gap_evidence

    i = profile.instrument
    on = _day(profile.as_of)
    rows = []
    document = profile.to_dict()
    for s, entry in zip(profile.standings, document["countries"], strict=False):
        state, label, basis = s.state, STATE_LABEL[s.state], None
        if s.state == A.NOT_RATIFIED:  # say what the absence rests on: never "not ratified" without evidence
            basis = gap_evidence(dataset, dataset.lookup(s.country), s, on)
            if basis is None:
                state, label = "no_record", "not_covered"
            elif not basis.has_evidence:
                state, label = "no_record", "no_record"
            entry.update(
                basis.to_dict()
                if basis
                else {"basis": "not_covered", "basis_source": None, "basis_date": None, "basis_date_kind": None}
            )
        rows.append(
            {
                "country": s.country,
                "name": dataset.lookup(s.country).name,
                "date": s.date or None,
                "state": label,
                "evidence": basis.short if basis else "",
                **{k: entry.get(k) for k in ("basis", "basis_source", "basis_date", "basis_date_kind")},
                "note": s.ratification.note if s.ratification else "",
                "source": s.ratification.source if s.ratification else "",
                "_state": state,
            }
        )
    done = sum(s.state in A.REGISTERED for s in profile.standings)
    title = (
        f"{i.id} {i.label}: {i.category}, {i.status or 'status unknown'}{_as_of_text(profile.as_of)};"
        f" ratified by {done} of {len(rows)} countries"
    )
    columns = [
        Column("country", "Country"),
        Column("name", "Name", wrap=True),
        Column("date", "Registered"),
        Column("state", "Status", style=lambda r: STATE_STYLE.get(r["_state"]), display=in_words),
        Column("evidence", "Basis", human_only=True),
        Column("note", "Note", wrap=True, detail=True),
        Column("source", "Source", wrap=True, detail=True),
        Column("basis", "Basis", machine_only=True),
        Column("basis_source", "Basis source", machine_only=True),
        Column("basis_date", "Basis date", machine_only=True),
        Column("basis_date_kind", "Basis date kind", machine_only=True),
    ]
    return Report(columns, rows, title=title, json=document, key_columns=1)


def _day(as_of: str | None):
    import datetime as _dt

    return _dt.date.fromisoformat(as_of) if as_of else None


TARGET_STYLE = {"met": GOOD, "true": GOOD, "open": WARN, "overdue": BAD, "false": BAD, "uncertain": WARN, "missed": BAD}


def targets_view(dataset: Dataset, rows_in: list[A.TargetProgress], as_of: str | None) -> Report:
    rows = []
    for p in rows_in:
        t = p.target
        period = "-".join(str(x) for x in (t.start, t.deadline) if x) or (f"stated {t.stated}" if t.stated else "")
        d = p.to_dict()
        d["period"] = period
        rows.append(d)
    columns = [
        Column("target", "Target"),
        Column("country", "Country"),
        Column("kind", "Kind"),
        Column("period", "Period"),
        Column("progress", "Progress", wrap=True),
        Column("state", "State", style=lambda r: TARGET_STYLE.get(r["state"])),
        Column("by_deadline", "By deadline", style=lambda r: TARGET_STYLE.get(r["by_deadline"] or "")),
        Column("claim_now", "Holds now", style=lambda r: TARGET_STYLE.get(r["claim_now"] or "")),
        Column("done", "Done (instruments)", wrap=True, detail=True),
        Column("open", "Open (exceptions)", wrap=True, style=lambda r: BAD if r["open"] else None),
        Column("uncertain", "Uncertain", wrap=True, detail=True),
        Column("no_record", "No record", wrap=True, style=lambda r: WARN if r["no_record"] else None),
        Column("description", "Description", wrap=True, detail=True),
    ]
    report = Report(columns, rows, title=f"Targets{_as_of_text(as_of)}", key_columns=2)
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
            "evidence": _basis_label(p.evidence),
            "state": p.state,
            **p.evidence.to_dict(),
        }
        for p in found
    ]
    columns = [
        Column("instrument", "Instrument"),
        Column("title", "Title", wrap=True),
        Column("peers", "Peers", align="right", style=lambda r: GOOD if r["peer_count"] > 1 else None),
        Column("ratified_by", "Ratified by", wrap=True),
        Column("status", "ILO status"),
        Column("evidence", f"{country.code} not ratified", human_only=True, style=_basis_style, display=in_words),
        Column("state", "State", machine_only=True),
        Column("basis", "Basis", machine_only=True),
        Column("basis_source", "Basis source", machine_only=True),
        Column("basis_date", "Basis date", machine_only=True),
        Column("basis_date_kind", "Basis date kind", machine_only=True),
    ]
    report = Report(
        columns,
        rows,
        title=f"{country.name}: instruments its {group_name} peers ratified that it has not, or has no record of"
        f" (up-to-date, or status not recorded){_as_of_text(as_of)}",
    )
    report.json = [p.to_dict() for p in found]
    unknown = [p for p in found if not p.evidence.has_evidence]
    if unknown:
        report.notes.append(_no_record_note(len(unknown), len(found)))
    return report


def timeline_view(years: list[A.TimelineYear], title: str) -> Report:
    peak = max((y.count for y in years), default=0) or 1
    rows = [
        {
            "year": y.year,
            "count": y.count,
            "bar": y.count / peak,  # drawn to the width the table leaves
            "ratifications": [f"{c} {i}" for c, i in y.ratifications],
        }
        for y in years
    ]
    columns = [
        Column("year", "Year"),
        Column("count", "Ratifications", align="right"),
        Column("bar", "", human_only=True, bar=True, style=lambda r: INFO),
        Column("ratifications", "Which", wrap=True),
    ]
    return Report(columns, rows, title=title, key_columns=1)


def export_view(dataset: Dataset, records: list[tuple[A.Standing, Country]], as_of: str | None) -> Report:
    rows = []
    for s, country in records:
        r = s.ratification
        assert r is not None
        status = r.status
        if as_of:
            status = {
                A.RATIFIED: "in_force",
                A.PENDING: "not_in_force",
                A.DENOUNCED: "denounced",
                A.STATUS_UNKNOWN: "unknown",
            }.get(s.state, "uncertain")
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
                "origin": r.origin,
                "sources": [t.to_dict() for t in r.sources],  # the research trail: JSON only
            }
        )
    columns = [
        Column("country", "Country"),
        Column("instrument", "Instrument"),
        Column("date", "Date"),
        Column("status", "Status", style=lambda row: WARN if row["status"] == "unknown" else None, display=in_words),
        Column("denounced", "Denounced"),
        Column("denounced_by", "Denounced by", detail=True),
        Column("note", "Note", wrap=True, detail=True),
        Column("source", "Source", wrap=True, detail=True),
        Column("confidence", "Confidence"),
        Column("origin", "From", detail=True),
    ]
    return Report(columns, rows, title=f"Ratifications{_as_of_text(as_of)}", json=rows, key_columns=2)


def findings_view(findings: list[Finding]) -> Report:
    rows = [f.to_dict() for f in findings]
    columns = [
        Column("level", "Level", style=lambda r: BAD if r["level"] == "error" else WARN),
        Column("file", "File", display=lambda path: PurePath(path).name),  # the summary names the full paths
        Column("line", "Line", align="right"),
        Column("message", "Message", wrap=True),
        Column("rule", "Rule", detail=True),  # what --ignore takes
    ]
    return Report(columns, rows, title="Data findings")


def diff_view(
    dataset: Dataset,
    snapshot: Snapshot,
    matched: Matched,
    found: list[Difference],
    include_precision: bool = False,
    what: str | None = None,
) -> Report:
    """Differences between the curated data and NORMLEX pages; agreeing but less precise dates only on request.

    `what` names the pages compared with (default: the snapshot and its date).
    """
    from ..sources import curated_label, snapshot_label
    from ..sources.reconcile import LESS_PRECISE

    shown = [d for d in found if include_precision or d.kind != LESS_PRECISE]
    hidden = len(found) - len(shown)
    what = what or f"the NORMLEX snapshot of {snapshot_label(snapshot.created)}"
    notes = [
        f"{len(shown)} difference(s) between the {curated_label(dataset)} and {what} "
        f"({len(snapshot.pages)} page(s), {len(snapshot.records)} record(s))."
    ]
    if snapshot.failed:
        labels = ", ".join(str(f.get("label") or f.get("key")) for f in snapshot.failed[:10])
        notes.append(
            f"ratify: warning: {len(snapshot.failed)} page(s) never read ({labels}): their cells are not compared"
        )
    if hidden:
        notes.append(
            f"{hidden} less precise curated date(s) that agree with NORMLEX not shown: use --include-precision"
        )
    notes.extend(matched.notes())
    style = {"less_precise": INFO, "missing_in_curated": WARN, "missing_in_normlex": WARN}
    columns = [
        Column("country", "Country"),
        Column("instrument", "Instrument"),
        Column("kind", "Kind", style=lambda r: style.get(r["kind"], BAD)),
        Column("curated", "Curated", wrap=True),
        Column("normlex", "NORMLEX", wrap=True),
        Column("detail", "Detail", wrap=True),
    ]
    title = f"Differences: curated data vs {what.removeprefix('the ')}"
    return Report(columns, [d.to_dict() for d in shown], title=title, notes=notes)


def fetch_summary_view(snapshot: Snapshot, total: int, path: Path) -> Report:
    """What `fetch` did: pages asked for, where they came from, records read, where it saved them."""
    pages = snapshot.pages
    row = {
        "pages": total,
        "fetched": sum(1 for p in pages if p.get("source") == "network"),
        "from_cache": sum(1 for p in pages if p.get("source") == "cache"),
        "from_file": sum(1 for p in pages if p.get("source") == "file"),
        "failed": total - len(pages),
        "records": len(snapshot.records),
        "warnings": len(snapshot.warnings),
        "snapshot": str(path),
    }
    columns = [
        Column("pages", "Pages", align="right"),
        Column("fetched", "Fetched", align="right"),
        Column("from_cache", "From cache", align="right"),
        Column("from_file", "From file", align="right"),
        Column("failed", "Failed", align="right", style=lambda r: BAD if r["failed"] else None),
        Column("records", "Records", align="right"),
        Column("warnings", "Warnings", align="right"),
        Column("snapshot", "Snapshot", wrap=True),
    ]
    report = Report(columns, [row], title=f"NORMLEX snapshot of {snapshot.created}")
    report.notes = [f"ratify: warning: {w}" for w in snapshot.warnings]
    if snapshot.failed:
        labels = ", ".join(str(f.get("label") or f.get("key")) for f in snapshot.failed[:10])
        more = ", ..." if len(snapshot.failed) > 10 else ""
        report.notes.append(
            f"partial snapshot: {len(snapshot.failed)} of {total} page(s) failed ({labels}{more}); reports answer "
            "their cells from an earlier copy of the page if there is one, else not from NORMLEX"
        )
    report.notes.append(f"snapshot saved to {path}")
    return report
