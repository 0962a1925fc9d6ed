"""The `ratify` command: the root options, and every command module registered in help order."""

from __future__ import annotations

import inspect
import sys

import typer

from ..errors import ExitCode, RatifyError

# Importing a command module registers its commands on `app`; this order is the help's order.
from .commands import catalogue, gaps, normlex, report, show, targets, timeline, validate  # noqa: E402,F401,I001
from .runtime import (
    DebugOption,
    RootDataDirOption,
    RootSourceOption,
    State,
    app,
    register_given_text,
    show_version,
    stderr,
)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    data_dir: RootDataDirOption = None,
    source: RootSourceOption = None,
    debug: DebugOption = False,
    version: bool = typer.Option(
        False, "--version", "-V", callback=show_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Track ratification of ILO conventions by the countries of Central Asia and beyond:
    cited curated data, NORMLEX snapshots, gap, matrix and target reports.

    --data-dir, --source and --debug may also follow the command (ratify gaps --source curated).
    Data goes to stdout, messages to stderr.

    \b
    Exit codes:
      0  success
      1  findings you asked to fail on (--fail-on-gaps, --fail-on-open, --fail-on-diff, validate --strict)
      2  bad input or usage: an unknown name, an impossible date, broken data, an unwritable output
      3  network or source failure
    """
    # The console entry point hands in a State (see main); CliRunner and library callers do not.
    state = ctx.obj if isinstance(ctx.obj, State) else State()
    state.data_dir, state.debug, state.source = data_dir, debug, source
    ctx.obj = state
    if ctx.invoked_subcommand is None:  # `ratify` alone: the help, as with --help
        typer.echo(ctx.get_help())
        raise typer.Exit()


# `ratify --data-dir DIR ...`: the root's own text options skip Typer's coercion too.
register_given_text("ratify", inspect.signature(root, eval_str=True).parameters.values())


def _tolerant_streams() -> None:
    """On a console that cannot encode every character (cp1252), write '?' rather than fail."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding and encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main() -> None:
    """Console entry point."""
    _tolerant_streams()
    try:
        app(obj=State(one_command=True))
    except RatifyError as exc:  # raised outside a command
        stderr(f"ratify: error: {exc}")
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(ExitCode.OK)
