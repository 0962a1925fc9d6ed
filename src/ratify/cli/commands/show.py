"""`ratify show`: the profile of one country or one instrument."""

from __future__ import annotations

import typer

from ...errors import UsageError
from ..runtime import (
    AsOfOption,
    GroupOption,
    combined,
    command,
    emit,
    report_dataset,
    select_countries,
    stderr,
)


@command(examples=["ratify show KZ", "ratify show Kazakhstan --notes", "ratify show C155 --as-of 2020-01-01"])
def show(
    ctx: typer.Context,
    subject: str = typer.Argument(..., metavar="COUNTRY|INSTRUMENT", hidden=True),
    group: GroupOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Profile of a country (counts, ratifications, upgrades) or of an instrument (who ratified, when).

    The subject is a country (KZ, KAZ, Kazakhstan) or an instrument (C155, 155, P029).
    --group chooses the countries of an instrument's profile (default: all).
    """
    from ... import analysis
    from ...model import Instrument
    from ...output.views import instrument_view, profile_views

    ds = report_dataset(ctx)
    found = analysis.find_subject(ds, subject)
    if isinstance(found, Instrument):
        profile = analysis.instrument_profile(ds, found, select_countries(ctx, [], group, "all"), as_of)
        emit(ctx, instrument_view(ds, profile))
    elif not ds.has_data(found):
        stderr(found.no_data_message())  # a member State nothing covers: no profile of zeros
    else:
        if group is not None:
            raise UsageError(f"--group chooses the countries of an instrument's profile; {found.code} is a country")
        tables = profile_views(ds, analysis.country_profile(ds, found, as_of))
        # CSV/TSV get the ratifications table; JSON, the first table's JSON, is the whole profile.
        emit(ctx, combined(list(zip(("ratifications", "upgrades"), tables, strict=False)), one_table="first"))
        note = ds.coverage_note(found)
        if note:
            stderr(note)
