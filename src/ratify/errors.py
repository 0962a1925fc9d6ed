"""Exceptions shared by the core. Each maps to a documented exit code in the CLI."""

from __future__ import annotations


class RatifyError(Exception):
    """Base class: a problem the user can act on, shown as one line without a traceback."""

    exit_code = 2


class DataError(RatifyError):
    """Curated data that cannot be loaded or is inconsistent (names file and line)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")


class UsageError(RatifyError):
    """A bad argument: an unknown country, instrument, set, date or format."""


class SourceError(RatifyError):
    """A network or source failure (NORMLEX unreachable, refused, or a page not as expected)."""

    exit_code = 3

    def __init__(self, message: str, url: str | None = None):
        self.url = url
        super().__init__(f"{message} ({url})" if url and url not in message else message)
