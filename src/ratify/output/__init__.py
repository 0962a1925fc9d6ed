"""Output: a report is columns and rows; renderers turn it into a table, Markdown, CSV, JSON...

The core builds `Report` objects without knowing the format. Heavy libraries (rich,
tabulate) are imported only by the renderer that needs them, to keep start-up fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from ..sanitize import escape_controls

# Semantic cell styles; the rich renderer maps them to colours.
GOOD, BAD, WARN, MUTED, INFO = "good", "bad", "warn", "muted", "info"


@dataclass
class Column:
    key: str
    header: str
    style: Optional[Callable[[dict], Optional[str]]] = None
    human_only: bool = False   # shown in tables, left out of CSV/TSV/JSON (e.g. a bar chart)
    machine_only: bool = False  # in CSV/TSV/JSON only; a table shows it compactly in another column
    align: str = "left"


@dataclass
class Report:
    columns: list[Column]
    rows: list[dict]
    title: str = ""
    notes: list[str] = field(default_factory=list)  # summary lines, written to stderr
    json: Any = None  # what `--format json` writes, when it differs from the rows (or a function giving it)

    def machine_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.human_only]

    def human_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.machine_only]


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(v) for v in value)
    return escape_controls(str(value))  # an escape sequence in data must not reach a terminal
