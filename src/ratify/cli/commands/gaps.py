"""`ratify gaps` and `ratify matrix`: which instruments of a set each country has ratified."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ..runtime import (
    AsOfOption,
    CountriesArgument,
    ExitCode,
    GroupOption,
    SetOption,
    combined,
    command,
    emit,
    report_dataset,
    select_countries,
)

if TYPE_CHECKING:
    from ...output import Bundle, Report


@command(
    examples=[
        "ratify gaps",
        "ratify gaps KZ UZ --set governance",
        "ratify gaps KZ,KG --set C155,C187 --fail-on-gaps",
        "ratify gaps --group central-asia --upgrades -o gaps.json",
    ]
)
def gaps(
    ctx: typer.Context,
    countries: CountriesArgument = None,
    set_: SetOption = None,
    group: GroupOption = None,
    as_of: AsOfOption = None,
    upgrades: bool = typer.Option(
        False,
        "--upgrades",
        help="Also list older instruments still applied and the newer ones revising them (not outdated, shelved or closed).",
    ),
    fail_on_gaps: bool = typer.Option(False, "--fail-on-gaps", help="Exit 1 when any gap remains (a CI gate)."),
    evidence_only: bool = typer.Option(
        False,
        "--evidence-only",
        help="Only gaps shown by evidence (a NORMLEX page, a cited complete list or a record), not 'no record' ones.",
    ),
) -> None:
    """Instruments of a set that each country has not ratified, or has denounced.

    Countries are codes or names (KZ, KAZ, Kazakhstan, KZ,KG) or a group name; by default
    the CTUCA countries, against the fundamental conventions. Each country gets a summary
    line on stderr (KZ 10/10 fundamental; KG 8/10: C155, C187). Abrogated and withdrawn
    instruments are never gaps; a ratification registered but not yet in force is pending.
    Each gap says what it rests on (basis): a NORMLEX page, a cited complete list, a record,
    or 'no record' (none found, none shown absent).
    """
    from ... import analysis
    from ...analysis.selection import DEFAULT_GAPS_GROUP, DEFAULT_SET
    from ...output.views import gaps_view, upgrades_view

    ds = report_dataset(ctx)
    chosen = select_countries(ctx, countries, group, DEFAULT_GAPS_GROUP)
    set_name = DEFAULT_SET if set_ is None else set_
    result = analysis.gaps(ds, chosen, ds.resolve_instruments(set_name, as_of), as_of, set_name)
    hidden = 0
    if evidence_only:
        shown = result.with_evidence_only()
        hidden, result = len(result.gaps) - len(shown.gaps), shown
    table = gaps_view(ds, result, hidden)
    report: Report | Bundle = table
    if upgrades:
        found = [u for c in chosen for u in analysis.upgrades(ds, c, as_of)]
        extra = upgrades_view(ds, found, "Upgrades: older instruments still applied that a newer one revises")
        report = combined([("gaps", table), ("upgrades", extra)])
    emit(ctx, report)
    if fail_on_gaps and result.gaps:
        raise typer.Exit(ExitCode.FINDINGS)


@command(
    examples=["ratify matrix", "ratify matrix --set governance --format markdown", "ratify matrix KZ,KG --as-of 2016"]
)
def matrix(
    ctx: typer.Context,
    countries: CountriesArgument = None,
    set_: SetOption = None,
    group: GroupOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Countries x instruments: the year of ratification in each cell, or '-' for a gap.

    On a terminal narrower than the matrix, its columns are shown in blocks. In CSV, TSV and
    JSON a gap is an empty cell.
    """
    from ... import analysis
    from ...analysis.selection import DEFAULT_SET
    from ...output.views import matrix_view

    ds = report_dataset(ctx)
    chosen = select_countries(ctx, countries, group, None)
    result = analysis.matrix(ds, chosen, ds.resolve_instruments(DEFAULT_SET if set_ is None else set_, as_of), as_of)
    emit(ctx, matrix_view(ds, result))
