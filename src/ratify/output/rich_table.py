"""The terminal table: rich, coloured by cell meaning, honouring NO_COLOR, readable at 80 columns.

Codes, years, dates and states never wrap or shrink; only free text (titles, notes, lists)
wraps. A table wider than the terminal even so is split into blocks of columns, each
repeating the report's key columns (a matrix: the country). Bars take the room left.
"""

from __future__ import annotations

import os
from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..sanitize import escape_controls
from . import BAD, GOOD, INFO, MUTED, WARN, Column, Report, human_cell

STYLES = {GOOD: "green", BAD: "bold red", WARN: "yellow", MUTED: "dim", INFO: "cyan"}
WRAP_MIN = 16  # the narrowest a wrapping column gets before the table is split instead
BAR_MAX = 40
BAR_MIN = 5


def _cell_width(column: Column, rows: list[dict]) -> int:
    """The width a column needs: its longest cell, or header (wrapping headers break at spaces)."""
    header = max((len(word) for word in column.header.split()), default=0) if column.wrap else len(column.header)
    if column.bar:
        return max(header, BAR_MIN)
    return max([header, *(len(human_cell(column, row)) for row in rows)])


def _table_width(widths: list[int]) -> int:
    # No outer border and no vertical rules (as gh and pip-audit draw tables): columns are
    # separated by two spaces (collapsed padding and a blank rule), so free text gets the room.
    return sum(widths) + 2 * max(len(widths) - 1, 0)


def render_rich(
    report: Report,
    stream: IO[str],
    color: bool | None = None,
    *,
    width: int | None = None,
    details: bool = False,
) -> None:
    isatty = getattr(stream, "isatty", None)
    on_terminal = bool(isatty and isatty())
    if width is None and not on_terminal:
        # Into a file or pipe there is no terminal to fit: COLUMNS if set, else no limit to speak of.
        columns_env = os.environ.get("COLUMNS", "")
        width = int(columns_env) if columns_env.isdigit() else 400
    console = Console(file=stream, width=width, no_color=(color is False) or None, highlight=False, soft_wrap=False)
    columns = report.human_columns(details)
    blocks = _blocks(report, columns, console.width)
    for index, block in enumerate(blocks):
        title = report.title if index == 0 else None
        if len(blocks) > 1:
            title = f"{report.title} ({index + 1}/{len(blocks)})" if report.title else f"({index + 1}/{len(blocks)})"
        console.print(_table(report, block, console.width, title))


def _blocks(report: Report, columns: list[Column], width: int) -> list[list[Column]]:
    """The columns in blocks that fit `width`, each starting with the key columns."""
    needed = [WRAP_MIN if c.wrap else _cell_width(c, report.rows) for c in columns]
    if _table_width(needed) <= width or not report.key_columns:
        return [columns]
    keys, rest = columns[: report.key_columns], columns[report.key_columns :]
    key_widths, rest_widths = needed[: report.key_columns], needed[report.key_columns :]
    blocks: list[list[Column]] = []
    current: list[Column] = []
    current_widths: list[int] = []
    for column, w in zip(rest, rest_widths, strict=True):
        if current and _table_width([*key_widths, *current_widths, w]) > width:
            blocks.append(keys + current)
            current, current_widths = [], []
        current.append(column)
        current_widths.append(w)
    if current:
        blocks.append(keys + current)
    return blocks


def _rows_need_rules(report: Report, columns: list[Column]) -> bool:
    """A blank rule between rows only where a wrapped row could be misread: when some cell
    wraps and a row does not open with its key (a country, an instrument) to mark its start."""
    if not any(len(human_cell(c, row)) > WRAP_MIN for row in report.rows for c in columns if c.wrap):
        return False
    return not (report.key_columns and all(human_cell(columns[0], row) for row in report.rows))


def _table(report: Report, columns: list[Column], width: int, title: str | None) -> Table:
    fixed = [_cell_width(c, report.rows) for c in columns]
    wrapping = [c for c in columns if c.wrap]
    # Room left for bars once the fixed columns and the wrapping ones (at their minimum) are placed.
    others = sum(w for c, w in zip(columns, fixed, strict=True) if not c.bar and not c.wrap) + WRAP_MIN * len(wrapping)
    room = width - _table_width([0] * len(columns)) - others
    if wrapping:
        room = WRAP_MIN + (room - WRAP_MIN) // 2 if room > WRAP_MIN else room  # share the rest with the text
    bar_width = max(BAR_MIN, min(BAR_MAX, room))
    # A Text, not a string: a title is data (a country's name), never rich markup.
    table = Table(
        title=Text(escape_controls(title)) if title else None,
        title_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
        show_lines=_rows_need_rules(report, columns),
    )
    for column, w in zip(columns, fixed, strict=True):
        if column.wrap:
            table.add_column(column.header, justify=column.align, overflow="fold", ratio=1, min_width=min(w, WRAP_MIN))  # type: ignore[arg-type]
        else:
            w = bar_width if column.bar else w
            table.add_column(column.header, justify=column.align, no_wrap=True, min_width=w)  # type: ignore[arg-type]
    for row in report.rows:
        cells = []
        for column in columns:
            style = column.style(row) if column.style else None
            text = human_cell(column, row, bar_width)
            cells.append(Text(text, style=STYLES.get(style or "", "")))
        table.add_row(*cells)
    return table
