"""`ratify show`: the profile of one country or one instrument."""

from __future__ import annotations

import typer

from ..runtime import AsOfOption, GroupOption, command, emit, report_dataset, select_countries, stderr


@command(epilog="Examples: ratify show KZ; ratify show C155 --as-of 2020-01-01")
def show(
    ctx: typer.Context,
    subject: str = typer.Argument(..., metavar="COUNTRY|INSTRUMENT", help="A country (KZ, Kazakhstan) or an instrument (C155, 155)."),
    group: GroupOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Profile of a country (counts, ratifications, upgrades) or of an instrument (who ratified, when)."""
    from ... import analysis
    from ...model import Instrument
    from ...views import instrument_view, profile_views

    ds = report_dataset(ctx)
    found = analysis.find_subject(ds, subject)
    if isinstance(found, Instrument):
        profile = analysis.instrument_profile(ds, found, select_countries(ctx, [], group, "all"), as_of)
        emit(ctx, instrument_view(ds, profile))
    elif not ds.has_data(found):
        stderr(found.no_data_message())  # a member State nothing covers: no profile of zeros
    else:
        emit(ctx, profile_views(ds, analysis.country_profile(ds, found, as_of)))
        note = ds.coverage_note(found)
        if note:
            stderr(note)
