"""The terminal table: rich, coloured by cell meaning, honouring NO_COLOR."""

from __future__ import annotations

from typing import IO, Optional

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import BAD, GOOD, INFO, MUTED, WARN, Report, cell_text

STYLES = {GOOD: "green", BAD: "bold red", WARN: "yellow", MUTED: "dim", INFO: "cyan"}


def render_rich(report: Report, stream: IO[str], color: Optional[bool] = None) -> None:
    isatty = getattr(stream, "isatty", None)
    # On a terminal rich fits the window; into a file or pipe, do not wrap at 80 columns.
    width = None if isatty and isatty() else 400
    console = Console(file=stream, width=width, no_color=(color is False) or None, highlight=False, soft_wrap=False)
    table = Table(title=report.title or None, title_justify="left", header_style="bold")
    columns = report.human_columns()
    for column in columns:
        table.add_column(column.header, justify=column.align)  # type: ignore[arg-type]
    for row in report.rows:
        cells = []
        for column in columns:
            style = column.style(row) if column.style else None
            cells.append(Text(cell_text(row.get(column.key)), style=STYLES.get(style or "", "")))
        table.add_row(*cells)
    console.print(table)
