"""What every command module uses: the Typer app, the invocation's state, `command`, `emit`, exit codes.

Command modules (`ratify.cli.commands.*`) import this module and register themselves with
`@command`; `ratify.cli.main` imports them all. This module imports no command module, so
there is no import circle.
"""

from __future__ import annotations

import functools
import inspect
import io
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Optional, Union

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import ExitCode, RatifyError, UsageError
from ..sanitize import escape_controls, one_line

if TYPE_CHECKING:
    from ..model import Country, Dataset
    from ..output import Report


class Source(str, Enum):
    """Where reports take their data from (`--source`)."""

    curated = "curated"
    normlex = "normlex"
    merged = "merged"


class State:
    """Options of this invocation and its data, loaded once on first use."""

    def __init__(self, data_dir: Optional[Path] = None, debug: bool = False, source: Optional[Source] = None):
        self.data_dir = data_dir
        self.debug = debug
        self.source = source
        self.source_label = ""  # what the loaded dataset is, said on stderr after a report
        self.source_notes: list[str] = []  # warnings about the data (skipped snapshots, ...), said on stderr
        self.format: Optional[str] = None
        self.output: Optional[Path] = None
        self._report: Optional[Dataset] = None
        self._curated: Optional[Dataset] = None

    def report_dataset(self) -> Dataset:
        """The data reports answer from: curated, NORMLEX or merged (see --source)."""
        if self._report is None:
            from ..sources import report

            found = report(self.data_dir, self.source.value if self.source else None)
            self._report, self.source_label, self.source_notes = found.dataset, found.label, found.notes
        return self._report

    def curated_dataset(self) -> Dataset:
        """The curated YAML of the data directory, whatever NORMLEX snapshots exist (--source ignored)."""
        if self._curated is None:
            from ..sources import curated

            found = curated(self.data_dir)
            self._curated, self.source_label = found.dataset, found.label
        return self._curated


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if root.obj is None:  # a command invoked without the root callback
        root.obj = State()
    return root.obj


def report_dataset(ctx: typer.Context) -> Dataset:
    """The data for reports (gaps, matrix, show, ...): curated, NORMLEX or merged per --source."""
    return state(ctx).report_dataset()


def curated_dataset(ctx: typer.Context) -> Dataset:
    """The curated data, for checks of it (validate, diff) and for choosing what to fetch."""
    return state(ctx).curated_dataset()


# Kept for command modules written before the two questions were separated: the report data.
dataset = report_dataset


def stderr(message: str) -> None:
    sys.stderr.write(escape_controls(message) + "\n")


class _SkipAbsentCoercion:
    """Hand absent optional values on as Typer would, without building their coercers.

    Typer (0.29) builds a pydantic TypeAdapter for every parameter it processes, even one the
    user did not give, and the first one imports most of pydantic: about a sixth of the
    start-up of `ratify gaps`. Typer's coercion turns an absent value (None) into None, or ()
    for a multi-value parameter, before the callback runs; for parameters that are not
    required that step is done here without the adapter. It relies on how Typer processes
    values, so Typer's range is pinned in pyproject.toml, and tests/cli/test_typer_contract.py
    checks for every parameter of every command that the shortcut gives what Typer gives.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:  # type: ignore[attr-defined]
            skip_when_absent(param)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            skip_when_absent(option)
        return option


def skip_when_absent(param) -> None:
    """Give `param` the shortcut for absent values (once; required parameters keep Typer's path)."""
    typer_process_value = param.process_value
    if param.required or hasattr(typer_process_value, "typer_process_value"):
        return
    empty = () if (param.multiple or param.nargs == -1) else None

    def process_value(ctx, value):
        if value is not None:
            return typer_process_value(ctx, value)
        return empty if param.callback is None else param.callback(ctx, param, empty)

    process_value.typer_process_value = typer_process_value  # type: ignore[attr-defined]
    param.process_value = process_value


class _Command(_SkipAbsentCoercion, TyperCommand):
    pass


class _Group(_SkipAbsentCoercion, TyperGroup):
    """Turns the core's errors into one line on stderr and the documented exit code.

    Handled here rather than in each command so that errors raised while a subcommand's
    options are parsed (e.g. by the --as-of parser) are caught too.
    """

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except RatifyError as exc:
            if state(ctx).debug:
                raise
            stderr(f"ratify: error: {one_line(str(exc))}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            stderr("ratify: interrupted")
            raise typer.Exit(ExitCode.INTERRUPTED) from None


app = typer.Typer(
    cls=_Group,
    name="ratify",
    help="Track ratification of ILO conventions: cited curated data, NORMLEX, gap and target reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# Options several commands share, declared once.


def parse_as_of(value: Union[str, date]) -> date:
    """The --as-of parser: a full date (YYYY-MM-DD) or `today`."""
    if isinstance(value, date):
        return value
    from ..dates import parse_day

    try:
        return parse_day(value)
    except ValueError as exc:
        raise UsageError(f"--as-of: {exc}") from None


FormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="table (default on a terminal), plain (default when piped), markdown, csv, tsv, json, "
        "or any tabulate format (github, latex, html, ...).",
    ),
]
OutputOption = Annotated[
    Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")
]
AsOfOption = Annotated[
    Optional[date],
    typer.Option(
        "--as-of", metavar="DATE", parser=parse_as_of,
        help="Report the state on DATE (YYYY-MM-DD) instead of today's.",
    ),
]
SetOption = Annotated[
    Optional[str],
    typer.Option(
        "--set", "-s", metavar="NAME|IDS",
        help="An instrument set (fundamental, governance, up-to-date, or one defined in the data) "
        "or comma-separated ids such as C155,C187.",
    ),
]
GroupOption = Annotated[
    Optional[str], typer.Option("--group", "-g", metavar="NAME", help="A country group: ctuca, central-asia, all (the curated countries), world (every ILO member State), or an ILO region: africa, americas, arab-states, asia-pacific, europe-central-asia.")
]
CountriesArgument = Annotated[
    Optional[list[str]],
    typer.Argument(metavar="[COUNTRY]...", help="Countries by code or name (KZ, kaz, Kazakhstan) or a group name.", show_default=False),
]

# Added to every command by `command`: how and where its report is written.
_OUTPUT_PARAMETERS = [
    inspect.Parameter("format", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=FormatOption),
    inspect.Parameter("output", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=OutputOption),
]


def command(*args, **kwargs) -> Callable[[Callable], Callable]:
    """Register a command. It takes `ctx` first and gets --format and --output added.

    Those shared options land in the invocation's state, where `emit` reads them, so a
    command declares only its own options.
    """

    def register(fn: Callable) -> Callable:
        signature = inspect.signature(fn, eval_str=True)

        @functools.wraps(fn)
        def run(*a, format: Optional[str] = None, output: Optional[Path] = None, **kw):
            ctx = kw.get("ctx") or a[0]
            current = state(ctx)
            current.format, current.output = format, output
            return fn(*a, **kw)

        run.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), *_OUTPUT_PARAMETERS]
        )
        run.__annotations__ = {
            **{p.name: p.annotation for p in run.__signature__.parameters.values()},  # type: ignore[attr-defined]
            "return": signature.return_annotation,
        }
        return app.command(*args, cls=_Command, **kwargs)(run)

    return register


def as_of_text(on: Optional[date]) -> Optional[str]:
    return on.isoformat() if on else None


def select_countries(
    ctx: typer.Context, countries: Optional[list[str]], group: Optional[str], default_group: Optional[str]
) -> list[Country]:
    from ..analysis.selection import select_countries as select

    ds = report_dataset(ctx)
    return with_data(ds, select(ds, countries or [], group, default_group), countries or [])


def with_data(ds: Dataset, chosen: list[Country], named: list[str]) -> list[Country]:
    """The chosen countries that have data; the others are said on stderr, never shown as gaps.

    A member State named on the command line gets its own line; those that came from a
    group are summed up in one.
    """
    kept, empty = ds.split_by_data(chosen)
    named_codes = {ds.match_country(q) for q in named}
    for country in [c for c in empty if c.code in named_codes]:
        stderr(country.no_data_message())
    rest = [c.code for c in empty if c.code not in named_codes]
    if rest:
        shown = ", ".join(rest[:12]) + (f" and {len(rest) - 12} more" if len(rest) > 12 else "")
        stderr(
            f"{len(rest)} of {len(chosen)} countries have no data (not curated; no NORMLEX page covers them): "
            f"{shown}; `ratify fetch --set NAME` reads instrument pages, which list every country"
        )
    return kept


def write_output(output: Path, text: str) -> None:
    """Write a rendered report to --output: atomically, unless it is a device or a pipe."""
    from ..atomic import is_regular_or_missing, write_atomic

    try:
        if is_regular_or_missing(output):
            write_atomic(output, text, private=False)
        else:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def emit(ctx: typer.Context, reports: Union[Report, list[Report]]) -> None:
    """Render one or more reports to stdout or --output; notes go to stderr."""
    from ..output.formats import check_format, default_format, render, write_notes

    current = state(ctx)
    fmt, output = current.format, current.output
    reports = reports if isinstance(reports, list) else [reports]
    if fmt is not None:
        fmt = check_format(fmt)
    # A file is rendered in memory and then written atomically: a failure or a kill
    # half-way leaves the previous report intact.
    stream = io.StringIO() if output is not None else sys.stdout
    chosen = fmt or default_format(stream)
    for index, report in enumerate(reports):
        if index:
            stream.write("\n")
        render(report, chosen, stream)
        if chosen == "json":
            break  # JSON is one document: the first report
    if output is not None:
        write_output(output, stream.getvalue())
    for report in reports:
        write_notes(report)
    for note in current.source_notes:
        stderr(note)
    if current.source_label:
        stderr(f"source: {current.source_label}")
    if output is not None:
        stderr(f"wrote {output}")
