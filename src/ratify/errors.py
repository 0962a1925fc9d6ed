"""Exceptions shared by the core. Each maps to a documented exit code in the CLI."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of the `ratify` command (listed in its help and the README)."""

    OK = 0
    FINDINGS = 1  # findings the user asked to fail on (--fail-on-gaps, --fail-on-open, --strict, ...)
    USAGE = 2  # bad input or usage, including data that does not load
    SOURCE = 3  # network or source failure
    INTERRUPTED = 130


class RatifyError(Exception):
    """Base class: a problem the user can act on, shown as one line without a traceback."""

    exit_code: int = ExitCode.USAGE


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

    exit_code = ExitCode.SOURCE

    def __init__(self, message: str, url: str | None = None):
        self.url = url
        super().__init__(f"{message} ({url})" if url and url not in message else message)
