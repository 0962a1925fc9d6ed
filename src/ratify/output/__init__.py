"""Output: a report is columns and rows; renderers turn it into a table, Markdown, CSV, JSON...

The core builds `Report` objects without knowing the format. Heavy libraries (rich,
tabulate) are imported only by the renderer that needs them, to keep start-up fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..sanitize import escape_controls

# Semantic cell styles; the rich renderer maps them to colours.
GOOD, BAD, WARN, MUTED, INFO = "good", "bad", "warn", "muted", "info"


@dataclass
class Column:
    key: str
    header: str
    style: Callable[[dict], str | None] | None = None
    human_only: bool = False  # shown in tables, left out of CSV/TSV/JSON (e.g. a bar chart)
    machine_only: bool = False  # in CSV/TSV/JSON only; a table shows it compactly in another column
    align: str = "left"
    # Free text (titles, notes, messages, lists) wraps in a terminal table; everything else
    # (codes, years, dates, states) keeps its full width.
    wrap: bool = False
    # Long notes and URLs: in machine formats always, in tables only with --notes.
    detail: bool = False
    # A bar chart: the cell is a fraction (0..1), drawn as wide as the table leaves room for.
    bar: bool = False
    # The key whose value machine formats write instead (e.g. an empty cell for a matrix gap).
    machine_key: str | None = None
    # How a table shows the value, when not as it is (e.g. a file's name for its path).
    display: Callable[[Any], str] | None = None


@dataclass
class Report:
    columns: list[Column]
    rows: list[dict]
    title: str = ""
    notes: list[str] = field(default_factory=list)  # summary lines, written to stderr
    json: Any = None  # what `--format json` writes, when it differs from the rows (or a function giving it)
    # Leading columns that identify a row, repeated in each block when a wide table is split.
    key_columns: int = 0

    def machine_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.human_only]

    def human_columns(self, details: bool = False) -> list[Column]:
        return [c for c in self.columns if not c.machine_only and (details or not c.detail)]


@dataclass
class Bundle:
    """Several reports written as one document: one JSON object keyed by section name.

    CSV and TSV hold one table: `one_table` says whether they get the first report only
    ("first", with a note) or are refused ("refuse").
    """

    sections: list[tuple[str, Report]]
    one_table: str = "refuse"

    @property
    def reports(self) -> list[Report]:
        return [r for _, r in self.sections]


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(v) for v in value)
    return escape_controls(str(value))  # an escape sequence in data must not reach a terminal


def human_cell(column: Column, row: dict, bar_width: int = 40) -> str:
    """A cell as tables show it: through the column's `display`, bars drawn."""
    value = row.get(column.key)
    if value.__class__ is str and column.display is None and not column.bar:
        return escape_controls(value)  # most cells (as cell_text writes a string), without its checks
    if column.bar:
        fraction = float(value or 0)
        return "█" * (max(1, round(fraction * bar_width)) if fraction > 0 else 0)
    if column.display is not None and value is not None:
        return escape_controls(column.display(value))
    return cell_text(value)
