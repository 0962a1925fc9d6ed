"""Shared fixtures for the NORMLEX layer tests (hermetic: only a local HTTP server)."""

from __future__ import annotations

import pytest

from ..conftest import BASE_PATH, PAGES  # noqa: F401 - shared with the rest of the suite


class Sleeps(list):
    """A fake sleep that records the waits."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()
