"""`ratify validate`: check the curated data."""

from __future__ import annotations

import typer

from ...errors import UsageError
from ..runtime import ExitCode, command, curated_dataset, emit


@command(
    examples=[
        "ratify validate",
        "ratify validate --data-dir ./mydata --strict",
        "ratify validate --strict --ignore status-unknown,stated-but-not-found",
    ]
)
def validate(
    ctx: typer.Context,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    ignore: list[str] | None = typer.Option(
        None,
        "--ignore",
        metavar="RULE",
        help="Leave out the warnings of RULE (an id in the Rule column of --format csv/json, or docs/data-format.md); "
        "repeatable or comma-separated. Errors are never left out.",
    ),
) -> None:
    """Check the data: references, dates, duplicates, sources, stated totals. Exits 2 on errors."""
    from ...curated.validate import check_ignorable
    from ...curated.validate import validate as run_checks
    from ...output.views import findings_view
    from ...wording import plural

    try:
        ignored = check_ignorable(rule for value in ignore or [] for rule in value.split(","))
    except ValueError as exc:
        raise UsageError(f"--ignore: {exc}") from None
    ds = curated_dataset(ctx)
    findings = run_checks(ds, ignore=ignored)
    errors = [f for f in findings if f.level == "error"]
    warnings = [f for f in findings if f.level == "warning"]
    report = findings_view(findings)
    report.notes.append(
        f"{len(errors)} error(s), {len(warnings)} warning(s) in {ds.paths['conventions']} and {ds.paths['countries']}"
        f" ({plural(len(ds.instruments), 'instrument')}, {plural(len(ds.countries), 'country', 'countries')},"
        f" {plural(len(ds.ratifications()), 'ratification')})"
    )
    if ignored:
        report.notes.append(f"warnings left out (--ignore): {', '.join(sorted(ignored))}")
    emit(ctx, report)
    if errors:
        raise typer.Exit(ExitCode.USAGE)
    if strict and warnings:
        raise typer.Exit(ExitCode.FINDINGS)
