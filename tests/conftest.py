"""Shared fixtures: the small edge-case dataset, a CLI runner, golden-file comparison, and the
local NORMLEX server (a real HTTP server on 127.0.0.1) with its saved pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from ratify.cli.main import app
from ratify.curated.loader import load_dataset

# Property tests check what is true, never how fast: a per-example deadline only fails on a
# loaded machine (speed is measured by the bench/ scripts).
settings.register_profile("ratify", deadline=None)
settings.load_profile("ratify")

TESTS = Path(__file__).parent
SMALL = TESTS / "fixtures" / "small"
GOLDEN = TESTS / "golden"
PAGES = TESTS / "normlex" / "pages"
BASE_PATH = "/dyn/normlex/en/"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path):
    """No test sees the user's environment: own cache dir, no colour, no data-dir override."""
    monkeypatch.delenv("RATIFY_DATA_DIR", raising=False)
    monkeypatch.setenv("RATIFY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def small():
    return load_dataset(SMALL)


@pytest.fixture
def run():
    """Invoke the CLI on the small fixture dataset (or on `data_dir`)."""

    def invoke(*args: str, data_dir: Path | None = SMALL):
        prefix = ["--data-dir", str(data_dir)] if data_dir else []
        return CliRunner().invoke(app, [*prefix, *args])

    return invoke


@pytest.fixture
def golden():
    """Compare text with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites the file."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN"):
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"missing golden file {name}: run with UPDATE_GOLDEN=1"
        assert text == path.read_text(encoding="utf-8")

    return check


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


@pytest.fixture
def load_page():
    """Read a saved NORMLEX page from tests/normlex/pages."""

    def load(name: str) -> str:
        return (PAGES / name).read_text(encoding="utf-8")

    return load


@pytest.fixture
def page(load_page):
    return load_page
