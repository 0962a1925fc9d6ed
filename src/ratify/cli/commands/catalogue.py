"""`ratify countries` and `ratify conventions`: what the data holds."""

from __future__ import annotations

import typer

from ..runtime import (
    AsOfOption,
    GroupOption,
    SetOption,
    choice,
    command,
    emit,
    report_dataset,
)

# `--status not-recorded`: the instruments no source in the data classifies yet (never a status of the ILO's).
NOT_RECORDED = "not-recorded"


@command(examples=["ratify countries", "ratify countries --group ctuca --format csv"])
def countries(ctx: typer.Context, group: GroupOption = None) -> None:
    """List the countries in the data, with their NORMLEX ids and groups."""
    from ...output.views import countries_view

    ds = report_dataset(ctx)
    emit(ctx, countries_view(ds, ds.resolve_countries([], group or "all")))


@command(
    examples=[
        "ratify conventions --set fundamental",
        "ratify conventions --category governance",
        "ratify conventions --status abrogated --format json",
        "ratify conventions --status not-recorded",
    ]
)
def conventions(
    ctx: typer.Context,
    set_: SetOption = None,
    category: str | None = typer.Option(
        None, "--category", metavar="CATEGORY", help="fundamental, governance or technical."
    ),
    status: str | None = typer.Option(
        None,
        "--status",
        metavar="STATUS",
        help="ILO status: up-to-date, interim, outdated, to-be-revised, requests-information, shelved, "
        "pending, other, abrogated or withdrawn (or another status the data uses); not-recorded lists "
        "the instruments whose status no source in the data gives yet.",
    ),
    as_of: AsOfOption = None,
) -> None:
    """List ILO instruments, filtered by set, category or status."""
    from ...curated.validate import KNOWN_STATUSES
    from ...model import CATEGORIES
    from ...output.views import conventions_view

    ds = report_dataset(ctx)
    chosen = ds.resolve_instruments(set_, as_of) if set_ is not None else list(ds.instruments.values())
    if category is not None:
        wanted = choice("--category", category, CATEGORIES)
        chosen = [i for i in chosen if i.category_on(as_of) == wanted]
    if status is not None:
        statuses = KNOWN_STATUSES | {i.status for i in ds.instruments.values() if i.status}
        wanted = choice("--status", status, [*sorted(statuses), NOT_RECORDED])
        chosen = [i for i in chosen if (i.status or NOT_RECORDED) == wanted]
    emit(ctx, conventions_view(ds, chosen, as_of))
