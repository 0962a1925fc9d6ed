"""`ratify report`: the whole picture as one self-contained HTML page, or as Markdown."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .app import _SOURCE_NOTE, _selection, command, parse_as_of, state, stderr
from .options import AsOfOption, CountriesArgument, GroupOption, OutputOption


@command(
    epilog="Examples: ratify report -o ctuca.html; ratify report --group central-asia --as-of 2016-11-04 -o bishkek-2016.html; "
    "ratify report --format markdown > REPORT.md"
)
def report(
    ctx: typer.Context,
    countries: CountriesArgument = None,
    group: GroupOption = None,
    as_of: AsOfOption = None,
    format: Optional[str] = typer.Option(
        None, "--format", "-f", metavar="html|markdown",
        help="html (a self-contained page) or markdown; default: from the --output extension, else html.",
    ),
    output: OutputOption = None,
    title: Optional[str] = typer.Option(None, "--title", metavar="TEXT", help="The report's title (default: names the group or countries)."),
) -> None:
    """Headlines, the matrix as a coloured grid, history charts, gaps, upgrades, peers, targets.

    Default: the CTUCA countries, today. Every fact links to its source.
    """
    from ..report import build_report, format_for_path, render

    fmt = format_for_path(output, format)
    on = parse_as_of(as_of)
    ds = state(ctx).dataset()
    content = build_report(ds, _selection(ctx, countries, group, "ctuca"), on, state(ctx).source_label, title or "")
    text = render(content, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        # The package's one atomic writer: a reader never sees half a report.
        from ..normlex.cache import atomic_write_text

        try:
            atomic_write_text(output, text)
            _readable_as_usual(output)
        except OSError as exc:
            from ..errors import UsageError

            raise UsageError(f"cannot write {output}: {exc.strerror}") from None
    if _SOURCE_NOTE[0]:
        stderr(_SOURCE_NOTE[0])
    if output is not None:
        stderr(f"wrote {output} ({fmt}, {len(content.countries)} countries, {len(content.gaps)} gap(s))")


def _readable_as_usual(path: Path) -> None:
    """Give the report the permissions any new file gets (the temporary file was private)."""
    import os

    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
