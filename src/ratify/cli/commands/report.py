"""`ratify report`: the whole picture as one self-contained HTML page, or as Markdown."""

from __future__ import annotations

import sys

import typer

from ...analysis.selection import DEFAULT_GAPS_GROUP
from ...errors import UsageError
from ..runtime import (
    AsOfOption,
    CountriesArgument,
    GroupOption,
    command,
    report_dataset,
    select_countries,
    state,
    stderr,
    write_output,
)


@command(
    examples=[
        "ratify report -o ctuca.html",
        "ratify report --group central-asia --as-of 2016-11-04 -o bishkek-2016.html",
        "ratify report --format markdown > REPORT.md",
    ],
    page=True,
)
def report(
    ctx: typer.Context,
    countries: CountriesArgument = None,
    group: GroupOption = None,
    as_of: AsOfOption = None,
    title: str | None = typer.Option(
        None, "--title", metavar="TEXT", help="The report's title (default: names the group or countries)."
    ),
) -> None:
    """Headlines, the matrix as a coloured grid, history charts, gaps, upgrades, peers, targets.

    Default: the CTUCA countries, today, as HTML. Every fact links to its source.
    """
    from ...report import build_report, format_for_path, render
    from ...wording import plural

    current = state(ctx)
    output = None if current.output is not None and str(current.output) == "-" else current.output
    fmt = format_for_path(output, current.format)
    ds = report_dataset(ctx)
    chosen = select_countries(ctx, countries, group, DEFAULT_GAPS_GROUP)
    if not chosen:  # every country asked about lacks data (said above): no empty report
        raise UsageError("nothing to report: none of the countries asked about has data")
    content = build_report(ds, chosen, as_of, current.source_label, title or "", notes=current.source_notes)
    text = render(content, fmt)
    if output is None:
        if sys.stdout is None:  # started with stdout closed
            raise UsageError("standard output is closed: use --output FILE")
        sys.stdout.write(text)
        sys.stdout.flush()  # a closed pipe shows here, inside the command
    else:
        write_output(output, text)  # atomic: a reader never sees half a report
    for note in current.source_notes:
        stderr(note)
    if current.source_label:
        stderr(f"source: {current.source_label}")
    if output is not None:
        stderr(
            f"wrote {output} ({fmt}, {plural(len(content.countries), 'country', 'countries')}, {plural(len(content.gaps), 'gap')})"
        )
