"""`ratify timeline` and `ratify export`: ratifications over time, and every record."""

from __future__ import annotations

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


@command(examples=["ratify timeline KZ", "ratify timeline C155", "ratify timeline --group ctuca --format csv"])
def timeline(
    ctx: typer.Context,
    subject: str | None = typer.Argument(None, metavar="COUNTRY|INSTRUMENT|GROUP", hidden=True),
    group: GroupOption = None,
    set_: SetOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Ratifications registered per year, as a bar chart on a terminal.

    Of a country, a group, or one instrument (then across --group's countries, default all);
    --set narrows a country's or group's timeline to a set.
    """
    from ... import analysis
    from ...output.views import timeline_view

    ds = report_dataset(ctx)
    chosen, instruments, label = analysis.timeline_scope(ds, subject, group, set_, as_of)
    chosen = with_data(ds, chosen, [subject] if subject else [])
    years = analysis.timeline(ds, chosen, instruments, as_of)
    where = ", ".join(c.code for c in chosen)
    title = f"Ratifications per year: {label}; {where}" + (f" as of {as_of}" if as_of else "")
    emit(ctx, timeline_view(years, title))


@command(
    examples=[
        "ratify export -o ratifications.csv",
        "ratify export KZ --format json",
        "ratify export --as-of 2016 | head",
    ]
)
def export(
    ctx: typer.Context,
    countries: CountriesArgument = None,
    group: GroupOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Every ratification record, with its date, status, note and source.

    Countries are codes or names or a group name, by default all. With --as-of, only records
    registered by then, with their status on that day.
    """
    from ... import analysis
    from ...output.views import export_view

    ds = report_dataset(ctx)
    records = analysis.export_records(ds, select_countries(ctx, countries, group, None), as_of)
    emit(ctx, export_view(ds, records, as_of_text(as_of)))
