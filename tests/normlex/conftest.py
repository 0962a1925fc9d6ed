"""Shared fixtures for the NORMLEX layer tests (hermetic: only a local HTTP server)."""

from __future__ import annotations

from pathlib import Path

import pytest

PAGES = Path(__file__).parent / "pages"
BASE_PATH = "/dyn/normlex/en/"


@pytest.fixture
def load_page():
    """Read a fixture page from tests/normlex/pages."""

    def load(name: str) -> str:
        return (PAGES / name).read_text(encoding="utf-8")

    return load


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


@pytest.fixture
def base_url(httpserver) -> str:
    """The local server's NORMLEX-like base URL, with a priming page that sets a cookie."""
    httpserver.expect_request(BASE_PATH).respond_with_data(
        "<html><body>NORMLEX home</body></html>",
        content_type="text/html; charset=utf-8",
        headers={"Set-Cookie": "ORA_WWV_APP_1000=ORA_WWV-session123; Path=/; HttpOnly"},
    )
    return httpserver.url_for(BASE_PATH)


class Sleeps(list):
    """A fake sleep that records the waits."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()
