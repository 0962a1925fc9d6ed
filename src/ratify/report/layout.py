"""Lay a report's content out as HTML or Markdown with the templates shipped in the package."""

from __future__ import annotations

import functools
from pathlib import Path

from ..errors import UsageError
from .content import ReportContent

FORMATS = ("html", "markdown")
_TEMPLATES = {"html": "report.html.j2", "markdown": "report.md.j2"}
_EXTENSIONS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
# Series colours for charts (each paired with a pattern in the HTML, so colour is not the only cue).
PALETTE = ("#1f4e79", "#b35900", "#2e7d32", "#8e24aa", "#c62828", "#00838f", "#5d4037", "#455a64")


def format_for_path(path: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one the output file's extension names, else HTML."""
    if fmt:
        chosen = fmt.strip().lower()
        chosen = {"md": "markdown", "htm": "html"}.get(chosen, chosen)
        if chosen not in FORMATS:
            raise UsageError(f"unknown report format {fmt!r} (use html or markdown)")
        return chosen
    if path is not None:
        suffix = path.suffix.lower()
        if suffix not in _EXTENSIONS:
            raise UsageError(f"cannot tell the format from {path.name!r}: name it .html or .md, or give --format")
        return _EXTENSIONS[suffix]
    return "html"


def _md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks that would split it."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _md_link(source, text: str | None = None) -> str:
    if source is None:
        return _md_cell(text or "")
    label = _md_cell(text if text is not None else source.text).replace("[", "\\[").replace("]", "\\]")
    if source.href:
        return f"[{label}](<{source.href.replace('>', '%3E').replace(' ', '%20')}>)"
    return label


@functools.lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("ratify.report", "templates"),
        autoescape=lambda name: bool(name) and name.endswith(".html.j2"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md_cell
    env.filters["mdlink"] = _md_link
    env.globals["palette"] = PALETTE
    return env


def render(content: ReportContent, fmt: str) -> str:
    """The report as text in `fmt` (html or markdown)."""
    return _environment().get_template(_TEMPLATES[fmt]).render(r=content)
