"""Render a Report in a named format. `table` uses rich; tabulate formats import tabulate."""

from __future__ import annotations

import sys
from typing import IO, Optional

from ..errors import UsageError
from ..sanitize import escape_controls
from . import Report, cell_text

NATIVE_FORMATS = ("table", "plain", "markdown", "csv", "tsv", "json")
# Characters that make a spreadsheet evaluate a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def check_format(name: str) -> str:
    name = name.lower()
    if name in NATIVE_FORMATS:
        return name
    from tabulate import tabulate_formats

    if name not in tabulate_formats:
        raise UsageError(f"unknown format {name!r} (use table, markdown, csv, tsv, json or a tabulate format: {', '.join(sorted(tabulate_formats))})")
    return name


def default_format(stream: IO[str]) -> str:
    isatty = getattr(stream, "isatty", None)
    return "table" if isatty and isatty() else "plain"


def render(report: Report, fmt: str, stream: IO[str], color: Optional[bool] = None) -> None:
    """Write `report` to `stream` in format `fmt`."""
    fmt = check_format(fmt)
    if fmt == "json":
        _render_json(report, stream)
    elif fmt in ("csv", "tsv"):
        _render_csv(report, stream, "," if fmt == "csv" else "\t")
    elif fmt == "table":
        from .rich_table import render_rich

        render_rich(report, stream, color)
    elif fmt == "plain":
        _render_plain(report, stream)
    else:
        _render_tabulate(report, stream, "pipe" if fmt == "markdown" else fmt)


def _render_json(report: Report, stream: IO[str]) -> None:
    import json

    data = report.json() if callable(report.json) else report.json
    data = data if data is not None else [
        {c.key: row.get(c.key) for c in report.machine_columns()} for row in report.rows
    ]
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def neutralise(text: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _render_csv(report: Report, stream: IO[str], delimiter: str) -> None:
    import csv

    columns = report.machine_columns()
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in report.rows:
        writer.writerow([neutralise(cell_text(row.get(c.key))) for c in columns])


def _render_plain(report: Report, stream: IO[str]) -> None:
    """An aligned text table without escape codes (the default when stdout is not a terminal).

    Written here rather than with tabulate because tabulate's import alone costs more than
    the rest of a typical command.
    """
    columns = report.human_columns()
    headers = [c.header for c in columns]
    body = [[cell_text(row.get(c.key)) for c in columns] for row in report.rows]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        parts = [
            cell.rjust(w) if col.align == "right" else cell.ljust(w)
            for cell, w, col in zip(cells, widths, columns)
        ]
        return "  ".join(parts).rstrip()

    if report.title:
        stream.write(escape_controls(report.title) + "\n\n")
    stream.write(line(headers) + "\n")
    stream.write("  ".join("-" * w for w in widths) + "\n")
    for cells in body:
        stream.write(line(cells) + "\n")


def _render_tabulate(report: Report, stream: IO[str], tablefmt: str) -> None:
    from tabulate import tabulate

    columns = report.human_columns()
    headers = [c.header for c in columns]
    body = [[cell_text(row.get(c.key)) for c in columns] for row in report.rows]
    aligns = [c.align for c in columns]
    stream.write(tabulate(body, headers=headers, tablefmt=tablefmt, colalign=aligns, disable_numparse=True) + "\n")


def write_notes(report: Report, stream: Optional[IO[str]] = None) -> None:
    stream = stream or sys.stderr  # looked up at call time: tests and callers may swap it
    for note in report.notes:
        stream.write(escape_controls(note) + "\n")
