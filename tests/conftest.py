"""Shared fixtures: the small edge-case dataset, a CLI runner, and golden-file comparison."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ratify.cli.main import app
from ratify.loader import load_dataset

TESTS = Path(__file__).parent
SMALL = TESTS / "fixtures" / "small"
GOLDEN = TESTS / "golden"


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
