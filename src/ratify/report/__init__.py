"""The whole picture in one document: `ratify report` as self-contained HTML or as Markdown.

`build_report` gathers the content from the analysis (see `content`); `render` lays it out
with the package's Jinja2 templates (imported only here, when a report is written).
"""

from __future__ import annotations

from ..lazy import lazy_exports

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "build_report": ".content",
        "ReportContent": ".content",
        "render": ".layout",
        "FORMATS": ".layout",
        "format_for_path": ".layout",
    },
)
