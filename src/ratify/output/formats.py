"""Render a Report in a named format. `table` uses rich; tabulate formats import tabulate."""

from __future__ import annotations

import re
import sys
from typing import IO

from ..errors import UsageError
from ..sanitize import escape_controls
from . import Bundle, Report, cell_text, human_cell

NATIVE_FORMATS = ("table", "plain", "markdown", "csv", "tsv", "json")
# Characters that make a spreadsheet evaluate a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_VALUE = re.compile(r"-|[+-]?\d+(?:[.,]\d+)*")


def check_format(name: str) -> str:
    name = name.lower()
    if name in NATIVE_FORMATS:
        return name
    from tabulate import tabulate_formats

    if name not in tabulate_formats:
        raise UsageError(
            f"unknown format {name!r} (use table, markdown, csv, tsv, json or a tabulate format: {', '.join(sorted(tabulate_formats))})"
        )
    return name


def default_format(stream: IO[str]) -> str:
    isatty = getattr(stream, "isatty", None)
    return "table" if isatty and isatty() else "plain"


MACHINE_FORMATS = ("csv", "tsv", "json")
# Tabulate formats read as Markdown, whose cells must escape |, < and >.
_MARKDOWN = ("pipe", "github")


def render(
    report: Report | Bundle,
    fmt: str,
    stream: IO[str],
    color: bool | None = None,
    *,
    width: int | None = None,
    details: bool = False,
) -> list[str]:
    """Write `report` to `stream` in format `fmt`; returns notes about what was left out.

    `width` is the terminal width for `table` (default: the terminal's, or unlimited into a
    file or pipe); `details` shows the detail columns (notes, URLs) in human formats.
    """
    fmt = check_format(fmt)
    if isinstance(report, Bundle):
        return _render_bundle(report, fmt, stream, color, width, details)
    if fmt == "json":
        _render_json(report, stream)
    elif fmt in ("csv", "tsv"):
        _render_csv(report, stream, "," if fmt == "csv" else "\t")
    elif fmt == "table":
        from .rich_table import render_rich

        render_rich(report, stream, color, width=width, details=details)
    elif fmt == "plain":
        _render_plain(report, stream, details)
    else:
        _render_tabulate(report, stream, "pipe" if fmt == "markdown" else fmt, details)
    return []


def _render_bundle(bundle: Bundle, fmt: str, stream: IO[str], color, width, details) -> list[str]:
    if fmt == "json":
        import json

        document = {name: _json_data(report) for name, report in bundle.sections}
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return []
    if fmt in ("csv", "tsv"):
        names = [name for name, _ in bundle.sections]
        if bundle.one_table == "first" or len(names) == 1:
            render(bundle.sections[0][1], fmt, stream)
            if len(names) == 1:
                return []
            return [
                f"ratify: note: {fmt.upper()} holds one table, {names[0]}; "
                f"{', '.join(names[1:])} left out (use --format json for all)"
            ]
        raise UsageError(
            f"{fmt.upper()} holds one table, and this report has {len(names)} ({', '.join(names)}): "
            "use --format json for one document, or ask for one table"
        )
    for index, (_, report) in enumerate(bundle.sections):
        if index:
            stream.write("\n")
        render(report, fmt, stream, color, width=width, details=details)
    return []


def _json_data(report: Report):
    if callable(report.json):  # built only when JSON is asked for
        return report.json()
    if report.json is not None:
        return report.json
    return [{c.key: row.get(c.machine_key or c.key) for c in report.machine_columns()} for row in report.rows]


def _render_json(report: Report, stream: IO[str]) -> None:
    import json

    json.dump(_json_data(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def neutralise(text: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection).

    Plain values that only look like a formula's start (`-`, `-5`, `+3.5`) stay as they are.
    """
    if text.startswith(_FORMULA_START) and not _PLAIN_VALUE.fullmatch(text):
        return "'" + text
    return text


def _render_csv(report: Report, stream: IO[str], delimiter: str) -> None:
    import csv

    columns = report.machine_columns()
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in report.rows:
        writer.writerow([neutralise(cell_text(row.get(c.machine_key or c.key))) for c in columns])


def _render_plain(report: Report, stream: IO[str], details: bool = False) -> None:
    """An aligned text table without escape codes (the default when stdout is not a terminal).

    Written here rather than with tabulate because tabulate's import alone costs more than
    the rest of a typical command.
    """
    columns = report.human_columns(details)
    headers = [c.header for c in columns]
    body = [[human_cell(c, row) for c in columns] for row in report.rows]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        parts = [
            cell.rjust(w) if col.align == "right" else cell.ljust(w)
            for cell, w, col in zip(cells, widths, columns, strict=True)
        ]
        return "  ".join(parts).rstrip()

    if report.title:
        stream.write(escape_controls(report.title) + "\n\n")
    stream.write(line(headers) + "\n")
    stream.write("  ".join("-" * w for w in widths) + "\n")
    for cells in body:
        stream.write(line(cells) + "\n")


def markdown_escape(text: str) -> str:
    """A Markdown table cell: `|` would end the cell, `<` and `>` would open HTML."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _render_tabulate(report: Report, stream: IO[str], tablefmt: str, details: bool = False) -> None:
    from tabulate import tabulate

    columns = report.human_columns(details)
    escape = markdown_escape if tablefmt in _MARKDOWN else (lambda text: text)
    headers = [escape(c.header) for c in columns]
    body = [[escape(human_cell(c, row)) for c in columns] for row in report.rows]
    aligns = [c.align for c in columns]
    stream.write(tabulate(body, headers=headers, tablefmt=tablefmt, colalign=aligns, disable_numparse=True) + "\n")


def write_notes(report: Report, stream: IO[str] | None = None) -> None:
    stream = stream or sys.stderr  # looked up at call time: tests and callers may swap it
    for note in report.notes:
        stream.write(escape_controls(note) + "\n")
