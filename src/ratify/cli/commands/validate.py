"""`ratify validate`: check the curated data."""

from __future__ import annotations

import typer

from ..runtime import ExitCode, command, curated_dataset, emit


@command(examples=["ratify validate", "ratify validate --data-dir ./mydata --strict"])
def validate(
    ctx: typer.Context,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
) -> None:
    """Check the data: references, dates, duplicates, sources, stated totals. Exits 2 on errors."""
    from ...curated.validate import validate as run_checks
    from ...output.views import findings_view
    from ...wording import plural

    ds = curated_dataset(ctx)
    findings = run_checks(ds)
    errors = [f for f in findings if f.level == "error"]
    warnings = [f for f in findings if f.level == "warning"]
    report = findings_view(findings)
    report.notes.append(
        f"{len(errors)} error(s), {len(warnings)} warning(s) in {ds.paths['conventions']} and {ds.paths['countries']}"
        f" ({plural(len(ds.instruments), 'instrument')}, {plural(len(ds.countries), 'country', 'countries')},"
        f" {plural(len(ds.ratifications()), 'ratification')})"
    )
    emit(ctx, report)
    if errors:
        raise typer.Exit(ExitCode.USAGE)
    if strict and warnings:
        raise typer.Exit(ExitCode.FINDINGS)
