"""The `ratify` command: the root options, and every command module registered in help order."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .. import __version__
from ..errors import RatifyError
from .runtime import Source, State, app, stderr

# Importing a command module registers its commands on `app`; this order is the help's order.
from .commands import catalogue, show, coverage, progress, history, report, validate, normlex  # noqa: E402,F401,I001


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ratify {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Optional[Path] = typer.Option(
        None, "--data-dir", envvar="RATIFY_DATA_DIR", metavar="DIR",
        help="Directory holding conventions.yaml and countries.yaml, replacing the embedded data.",
    ),
    source: Optional[Source] = typer.Option(
        None, "--source", envvar="RATIFY_SOURCE", metavar="curated|normlex|merged", case_sensitive=False,
        help="Data for reports: the curated YAML, the latest NORMLEX snapshot, or both merged "
        "(default: merged when a snapshot exists, else curated).",
    ),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Track ratification of ILO conventions by the countries of Central Asia and beyond.

    Exit codes: 0 ok; 1 findings you asked to fail on (--fail-on-gaps, --fail-on-open, --strict);
    2 bad input or usage; 3 network or source failure.
    """
    ctx.obj = State(data_dir, debug, source)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except RatifyError as exc:  # raised outside a command, e.g. under --debug
        stderr(f"ratify: error: {exc}")
        sys.exit(exc.exit_code)
