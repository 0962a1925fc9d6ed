"""Help reads as prose: every registered command, its shared options, no type metavars."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from ratify.cli.main import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def help_text(*args: str) -> str:
    result = CliRunner(env={"COLUMNS": "80"}).invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help(name):
    text = help_text(name)
    for option in ("--source", "--data-dir", "--debug", "--format", "--output"):
        assert option in text, (name, option)
    # Tables have detail columns to show; a report page shows everything already.
    assert ("--notes" in text) == (name != "report"), name
    for metavar in ("<bool>", "<list[str]>", "<str>", "[[", "]...]..."):
        assert metavar not in text, (name, metavar)
    assert "Examples:\n" in text
    examples = text.split("Examples:\n", 1)[1].splitlines()
    assert examples and all(line.strip().startswith("ratify ") for line in examples if line.strip())


def test_top_level_help_lists_the_exit_codes_and_version():
    text = help_text()
    assert "Exit codes:" in text and "3  network or source failure" in text
    assert "-V, --version" in text and "--install-completion" in text


def test_version_short_option():
    result = CliRunner().invoke(app, ["-V"])
    assert result.exit_code == 0 and result.stdout.startswith("ratify ")


def test_usage_errors_are_one_line():
    result = CliRunner().invoke(app, ["gaps", "--as-of"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("ratify: error: ")
    assert "╭" not in result.stderr


def test_report_help_offers_only_the_formats_it_writes():
    text = help_text("report")
    assert "html (a self-contained page) or markdown" in text
    assert "tabulate" not in text and ".csv" not in text
    assert "tabulate format" in help_text("gaps")
