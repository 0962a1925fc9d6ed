"""`ratify targets` and `ratify peers`: progress against commitments, and what peers have done."""

from __future__ import annotations

import typer

from ..runtime import AsOfOption, ExitCode, GroupOption, as_of_text, command, emit, report_dataset, stderr, with_data


@command(examples=["ratify targets", "ratify targets KZ --as-of 2024-01-01", "ratify targets ctuca --fail-on-open"])
def targets(
    ctx: typer.Context,
    who: str | None = typer.Argument(None, metavar="COUNTRY|GROUP", hidden=True),
    as_of: AsOfOption = None,
    fail_on_open: bool = typer.Option(
        False, "--fail-on-open", help="Exit 1 when a target is open or overdue (a CI gate)."
    ),
) -> None:
    """Targets and claims from national agreements and declarations, with their progress.

    Give a country or group to see only its targets. States: met, open, overdue, uncertain
    (a target to ratify); true, false, uncertain (a claim). An instrument without a record
    (no ratification found, and no NORMLEX page or cited list showing there is none) is
    unknown: a target is open, overdue or missed only if it fails even with it done.
    """
    from ... import analysis
    from ...output.views import targets_view

    ds = report_dataset(ctx)
    selection = ds.resolve_countries([who]) if who else None
    rows = analysis.targets(ds, selection, as_of)
    emit(ctx, targets_view(ds, rows, as_of_text(as_of)))
    if fail_on_open and any(r.state in (analysis.OPEN, analysis.OVERDUE) for r in rows if r.target.kind == "ratify"):
        raise typer.Exit(ExitCode.FINDINGS)


@command(examples=["ratify peers KZ", "ratify peers KZ --group ctuca"])
def peers(
    ctx: typer.Context,
    country: str = typer.Argument(..., metavar="COUNTRY", hidden=True),
    group: GroupOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Up-to-date instruments a country has not ratified, ranked by how many of its peers have.

    Peers are the countries of --group, by default the country's first group in the data.
    """
    from ... import analysis
    from ...output.views import peers_view

    ds = report_dataset(ctx)
    subject = ds.country(country)
    if not ds.has_data(subject):
        stderr(subject.no_data_message())
        return
    group_id = analysis.peer_group(ds, subject, group)
    found = analysis.peers(ds, subject, with_data(ds, ds.resolve_countries([], group_id), []), as_of)
    emit(ctx, peers_view(ds, subject, group_id, found, as_of_text(as_of)))
