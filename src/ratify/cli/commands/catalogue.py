"""`ratify countries` and `ratify conventions`: what the data holds."""

from __future__ import annotations

from typing import Optional

import typer

from ..runtime import AsOfOption, GroupOption, SetOption, command, emit, report_dataset


@command(epilog="Example: ratify countries --group ctuca --format csv")
def countries(ctx: typer.Context, group: GroupOption = None) -> None:
    """List the countries in the data, with their NORMLEX ids and groups."""
    from ...views import countries_view

    ds = report_dataset(ctx)
    emit(ctx, countries_view(ds, ds.resolve_countries([], group or "all")))


@command(epilog="Example: ratify conventions --set fundamental; ratify conventions --status abrogated --format json")
def conventions(
    ctx: typer.Context,
    set_: SetOption = None,
    category: Optional[str] = typer.Option(None, "--category", help="fundamental, governance or technical."),
    status: Optional[str] = typer.Option(None, "--status", help="ILO status: up-to-date, interim, outdated, abrogated, ..."),
    as_of: AsOfOption = None,
) -> None:
    """List ILO instruments, filtered by set, category or status."""
    from ...views import conventions_view

    ds = report_dataset(ctx)
    chosen = ds.resolve_instruments(set_, as_of) if set_ else list(ds.instruments.values())
    if category:
        chosen = [i for i in chosen if i.category_on(as_of) == category.lower()]
    if status:
        chosen = [i for i in chosen if (i.status or "") == status.lower()]
    emit(ctx, conventions_view(ds, chosen, as_of))
