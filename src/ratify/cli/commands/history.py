"""`ratify timeline` and `ratify export`: ratifications over time, and every record."""

from __future__ import annotations

from typing import Optional

import typer

from ..runtime import (
    AsOfOption,
    CountriesArgument,
    GroupOption,
    SetOption,
    as_of_text,
    command,
    emit,
    report_dataset,
    select_countries,
    with_data,
)


@command(epilog="Examples: ratify timeline KZ; ratify timeline C155; ratify timeline --group ctuca --format csv")
def timeline(
    ctx: typer.Context,
    subject: Optional[str] = typer.Argument(None, metavar="[COUNTRY|INSTRUMENT|GROUP]"),
    group: GroupOption = None,
    set_: SetOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Ratifications registered per year, as a bar chart on a terminal."""
    from ... import analysis
    from ...views import timeline_view

    ds = report_dataset(ctx)
    chosen, instruments, label = analysis.timeline_scope(ds, subject, group, set_, as_of)
    chosen = with_data(ds, chosen, [subject] if subject else [])
    years = analysis.timeline(ds, chosen, instruments, as_of)
    where = ", ".join(c.code for c in chosen)
    title = f"Ratifications per year: {label}; {where}" + (f" as of {as_of}" if as_of else "")
    emit(ctx, timeline_view(years, title))


@command(epilog="Example: ratify export --format json --output ratifications.json")
def export(
    ctx: typer.Context,
    countries: CountriesArgument = None,
    group: GroupOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Every ratification record, with its date, status and source."""
    from ... import analysis
    from ...views import export_view

    ds = report_dataset(ctx)
    records = analysis.export_records(ds, select_countries(ctx, countries, group, None), as_of)
    emit(ctx, export_view(ds, records, as_of_text(as_of)))
