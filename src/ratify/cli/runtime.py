"""What every command module uses: the Typer app, the invocation's state, `command`, `emit`, exit codes.

Command modules (`ratify.cli.commands.*`) import this module and register themselves with
`@command`; `ratify.cli.main` imports them all. This module imports no command module, so
there is no import circle.
"""

from __future__ import annotations

import functools
import inspect
import io
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, get_args, get_origin

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import ExitCode, RatifyError, UsageError
from ..sanitize import escape_controls, one_line

if TYPE_CHECKING:
    from ..model import Country, Dataset
    from ..output import Bundle, Report


class Source(str, Enum):
    """Where reports take their data from (`--source`)."""

    curated = "curated"
    normlex = "normlex"
    merged = "merged"


class State:
    """Options of this invocation and its data, loaded once on first use."""

    def __init__(
        self,
        data_dir: Path | None = None,
        debug: bool = False,
        source: Source | None = None,
        *,
        one_command: bool = False,
    ):
        # one_command: this process answers one command and exits (the console entry point
        # says so); only then is the loaded data frozen out of the garbage collector's view.
        self.one_command = one_command
        self.data_dir = data_dir
        self.debug = debug
        self.source = source
        self.source_label = ""  # what the loaded dataset is, said on stderr after a report
        self.source_notes: list[str] = []  # warnings about the data (skipped snapshots, ...), said on stderr
        self.format: str | None = None
        self.output: Path | None = None
        self.notes = False  # --notes: detail columns in tables
        self._report: Dataset | None = None
        self._curated: Dataset | None = None

    def report_dataset(self) -> Dataset:
        """The data reports answer from: curated, NORMLEX or merged (see --source)."""
        if self._report is None:
            from ..sources import report

            self._check_data_dir()
            found = report(self.data_dir, self.source.value if self.source else None)
            self._report, self.source_label, self.source_notes = found.dataset, found.label, found.notes
            self._settle_loaded_data()
        return self._report

    def curated_dataset(self) -> Dataset:
        """The curated YAML of the data directory, whatever NORMLEX snapshots exist (--source ignored)."""
        if self._curated is None:
            from ..sources import curated

            self._check_data_dir()
            found = curated(self.data_dir)
            self._curated, self.source_label = found.dataset, found.label
            self._settle_loaded_data()
        return self._curated

    def _settle_loaded_data(self) -> None:
        """In a process that runs one command, take the data just loaded out of the garbage
        collector's view: it lives until the process exits, and otherwise every collection the
        analysis' allocations trigger walks it again (for a world of NORMLEX pages, tens of
        thousands of objects; about a quarter of a matrix's run time). Not done in a library
        user's process, nor in tests, which load data again and again."""
        if self.one_command:
            import gc

            gc.freeze()

    def _check_data_dir(self) -> None:
        if self.data_dir is not None and self.data_dir.is_file():
            raise UsageError(
                f"--data-dir {self.data_dir} is a file: give the directory holding conventions.yaml and countries.yaml"
            )


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


def stderr(message: str) -> None:
    sys.stderr.write(escape_controls(message) + "\n")


class _SkipAbsentCoercion:
    """Hand absent optional values, and given text, on as Typer would, without building coercers.

    Typer (0.29) builds a pydantic TypeAdapter for every parameter it processes, even one the
    user did not give, and the first one imports most of pydantic: over a third of the
    start-up of `ratify gaps` (about 195 ms of CPU time without this, 110 ms with it), and
    about 60 ms of a world matrix asked for with `--group world --set up-to-date`. Typer's
    coercion turns an absent value (None) into None, or () for a multi-value parameter, and
    the text given to a parameter declared `str` or `Path` into that text or `Path(text)` (a
    list for several); for parameters that are not required those steps are done here
    without the adapter. It relies
    on how Typer processes values, so Typer's range is pinned in pyproject.toml, and
    tests/cli/test_typer_contract.py checks for every parameter of every command that the
    shortcut gives what Typer gives.
    """

    def get_params(self, ctx):
        # Every parameter, including those Typer adds after construction (help, completion).
        params = super().get_params(ctx)
        given = _GIVEN_TEXT.get(self.name or "", {})
        for param in params:
            skip_when_absent(param, given.get(param.name))
        return params


# By command: the parameters declared `str` or `Path` (optional or not, or a list of them),
# and what Typer's coercion makes of their given text: the text itself, or `Path(text)`.
_GIVEN_TEXT: dict[str, dict[str, Callable[[str], object]]] = {}
_CONVERTERS: dict[object, Callable[[str], object]] = {str: str, Path: Path}


def register_given_text(command_name: str, parameters) -> None:
    """Note which of a command's parameters take plain text (see `_SkipAbsentCoercion`)."""
    found: dict[str, Callable[[str], object]] = {}
    for p in parameters:
        annotation = p.annotation
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        kinds = [a for a in get_args(annotation) if a is not type(None)] or [annotation]
        if len(kinds) == 1 and get_origin(kinds[0]) is list:
            kinds = list(get_args(kinds[0]))
        if len(kinds) == 1 and kinds[0] in _CONVERTERS:
            found[p.name] = _CONVERTERS[kinds[0]]
    _GIVEN_TEXT[command_name] = found


def skip_when_absent(param, convert: Callable[[str], object] | None = None) -> None:
    """Give `param` the shortcut for absent values, and for given text when `convert` says
    what Typer makes of it (once; required parameters keep Typer's path)."""
    typer_process_value = param.process_value
    if param.required or hasattr(typer_process_value, "typer_process_value"):
        return
    several = param.multiple or param.nargs == -1
    empty = () if several else None

    def process_value(ctx, value):
        if value is None:
            return empty if param.callback is None else param.callback(ctx, param, empty)
        if convert is not None and param.callback is None:
            if not several and isinstance(value, str):
                return convert(value)
            if several and isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                return [convert(v) for v in value]
        return typer_process_value(ctx, value)

    process_value.typer_process_value = typer_process_value  # type: ignore[attr-defined]
    param.process_value = process_value


class _Command(_SkipAbsentCoercion, TyperCommand):
    pass


class _Group(_SkipAbsentCoercion, TyperGroup):
    """Every failure as one line on stderr with the documented exit code.

    Errors are handled here rather than in each command, so that those raised while a
    subcommand's options are parsed (e.g. by the --as-of parser) are caught too.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name or "ratify", complete_var, standalone_mode=False, **extra)
        except typer.TyperException as exc:  # usage errors found by Typer: one line, not a box
            code = _report_usage_error(exc)
        except typer.Abort:
            stderr("ratify: aborted")
            code = ExitCode.INTERRUPTED
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else ExitCode.OK)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except RatifyError as exc:
            if state(ctx).debug:
                traceback.print_exc()
            else:
                stderr(f"ratify: error: {shorten(one_line(str(exc)))}")
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            # The reader went away (`ratify export | head`): what it read was written; not a failure.
            _silence_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except KeyboardInterrupt:
            stderr("ratify: interrupted")
            raise typer.Exit(ExitCode.INTERRUPTED) from None


def _report_usage_error(exc: Exception) -> int:
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    message = one_line(message).replace("Value error, ", "")  # pydantic's prefix says nothing
    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    stderr(f"ratify: error: {shorten(message)}{hint}")
    return getattr(exc, "exit_code", ExitCode.USAGE)


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def shorten(message: str, limit: int = 60) -> str:
    """Cut quoted values longer than `limit` characters, so a huge argument is not echoed whole."""

    def cut(match: re.Match) -> str:
        text = match.group(0)
        return (
            text
            if len(text) <= limit + 2
            else f"{text[: limit // 2]}...{text[-limit // 4 :]} ({len(text) - 2} characters)"
        )

    message = re.sub(r"'[^']*'", cut, message)
    return message if len(message) <= 1000 else message[:1000] + "..."


def show_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"ratify {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=_Group,
    name="ratify",
    rich_markup_mode=None,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


# Options several commands share, declared once.


def parse_as_of(value: str | date) -> date:
    """The --as-of parser: a day (YYYY-MM-DD), `today`, or YYYY-MM / YYYY for the end of that period."""
    if isinstance(value, date):
        return value
    from ..dates import parse_day

    try:
        return parse_day(value)
    except ValueError as exc:
        raise UsageError(f"--as-of: {exc}") from None


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table (default on a terminal), plain (default when piped), markdown, csv, tsv, json, "
        "or any tabulate format (github, latex, html, ...).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE instead of stdout ('-' is stdout). Without --format, its extension chooses: "
        ".json, .csv, .tsv, .md, .html, .tex, .txt.",
    ),
]
AsOfOption = Annotated[
    date | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        parser=parse_as_of,
        help="Report the state on DATE (YYYY-MM-DD) instead of today's; YYYY-MM or YYYY means the last day of that month or year.",
    ),
]
SetOption = Annotated[
    str | None,
    typer.Option(
        "--set",
        "-s",
        metavar="NAME|IDS",
        help="An instrument set (fundamental, governance, up-to-date, or one defined in the data) "
        "or comma-separated ids such as C155,C187.",
    ),
]
GroupOption = Annotated[
    str | None,
    typer.Option(
        "--group",
        "-g",
        metavar="NAME",
        help="A country group: ctuca, central-asia, all (the curated countries), world (every ILO member State), or an ILO region: africa, americas, arab-states, asia-pacific, europe-central-asia.",
    ),
]
CountriesArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="COUNTRY", hidden=True, show_default=False),
]


def _data_dir_option(**extra):
    return typer.Option(
        "--data-dir",
        metavar="DIR",
        **extra,
        help="Directory holding conventions.yaml and countries.yaml, replacing the embedded data.",
    )


def _source_option(**extra):
    return typer.Option(
        "--source",
        metavar="curated|normlex|merged",
        case_sensitive=False,
        **extra,
        help="Data for reports: the curated YAML, the latest NORMLEX snapshot, or both merged "
        "(default: merged when a snapshot exists, else curated).",
    )


# `ratify report` writes a page, not a table: its --format and --output say so, and it has no --notes.
PageFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="html (a self-contained page) or markdown; without it, the --output file's extension "
        "decides (.html, .md), else html.",
    ),
]
PageOutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (.html or .md) instead of stdout ('-' is stdout).",
    ),
]
DataDirOption = Annotated[Path | None, _data_dir_option()]
SourceOption = Annotated[Source | None, _source_option()]
# The root's own copies also read the environment (a command's copy must not: it would
# override the root option given on the command line).
RootDataDirOption = Annotated[Path | None, _data_dir_option(envvar="RATIFY_DATA_DIR")]
RootSourceOption = Annotated[Source | None, _source_option(envvar="RATIFY_SOURCE")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")]

NotesOption = Annotated[
    bool,
    typer.Option(
        "--notes",
        "-v",
        help="Show notes and sources in tables too (CSV, TSV and JSON always have them).",
    ),
]


# Added to every command by `command`: where its report goes, and the root options again,
# so that `ratify gaps --source curated` works as `ratify --source curated gaps` does.
def _keyword_parameters(options: list[tuple[str, object, object]]) -> list[inspect.Parameter]:
    return [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
        for name, annotation, default in options
    ]


_ROOT_AGAIN: list[tuple[str, object, object]] = [
    ("data_dir", DataDirOption, None),
    ("source", SourceOption, None),
    ("debug", DebugOption, False),
]
_SHARED = _keyword_parameters(
    [("format", FormatOption, None), ("output", OutputOption, None), *_ROOT_AGAIN, ("notes", NotesOption, False)]
)
_SHARED_BY_PAGES = _keyword_parameters(
    [("format", PageFormatOption, None), ("output", PageOutputOption, None), *_ROOT_AGAIN]
)


def command(*args, examples: Sequence[str] = (), page: bool = False, **kwargs) -> Callable[[Callable], Callable]:
    """Register a command taking `ctx` first; `examples` are shown one per line in its help.

    The shared options (--format, --output, --notes, --data-dir, --source, --debug) are added to every
    command and land in the invocation's state, where `emit` and `dataset` read them, so a
    command declares only its own options. A `page` command writes one document (HTML or
    Markdown) rather than tables: its --format and --output help say so, and it has no --notes.
    """
    shared = _SHARED_BY_PAGES if page else _SHARED

    def register(fn: Callable) -> Callable:
        signature = inspect.signature(fn, eval_str=True)

        @functools.wraps(fn)
        def run(*a, format=None, output=None, data_dir=None, source=None, debug=False, notes=False, **kw):
            current = state(kw["ctx"])
            current.format, current.output = format, output
            current.data_dir = data_dir or current.data_dir
            current.source = source or current.source
            current.debug = debug or current.debug
            current.notes = notes
            return fn(*a, **kw)

        run.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), *shared]
        )
        name = args[0] if args else kwargs.get("name") or fn.__name__.replace("_", "-")
        register_given_text(name, run.__signature__.parameters.values())  # type: ignore[attr-defined]
        run.__annotations__ = {
            **{p.name: p.annotation for p in run.__signature__.parameters.values()},  # type: ignore[attr-defined]
            "return": signature.return_annotation,
        }
        if examples:
            # \b keeps the lines as they are: one example per line.
            kwargs["epilog"] = "\b\nExamples:\n" + "\n".join(f"  {e}" for e in examples)
        return app.command(*args, cls=_Command, **kwargs)(run)

    return register


def as_of_text(on: date | None) -> str | None:
    return on.isoformat() if on else None


def select_countries(
    ctx: typer.Context, countries: list[str] | None, group: str | None, default_group: str | None
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


# The format an --output file's extension asks for, when --format is not given.
FORMAT_BY_EXTENSION = {
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "plain",
    ".html": "html",
    ".htm": "html",
    ".tex": "latex",
    ".rst": "rst",
}


def choice(option: str, value: str, choices: Sequence[str]) -> str:
    """`value` (any case) if it is one of `choices`, else a usage error listing them."""
    import difflib

    wanted = value.strip().lower()
    if wanted in choices:
        return wanted
    close = difflib.get_close_matches(wanted, list(choices), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}? " if close else ""
    raise UsageError(f"{option}: unknown value {value!r} ({hint}expected {', '.join(choices)})")


def combined(sections: list[tuple[str, Report]], one_table: str = "refuse") -> Bundle:
    """Several reports as one document (see output.Bundle)."""
    from ..output import Bundle

    return Bundle(sections, one_table)


def _chosen_format(fmt: str | None, output: Path | None, stream) -> tuple[str, str | None]:
    """The format to write, and a warning when it was guessed against the file's name."""
    from ..output.formats import check_format, default_format

    if fmt is not None:
        return check_format(fmt), None
    if output is None:
        return default_format(stream), None
    by_name = FORMAT_BY_EXTENSION.get(output.suffix.lower())
    if by_name is not None:
        return by_name, None
    return "plain", f"ratify: warning: wrote plain text to {output} (--format chooses: csv, json, markdown, ...)"


def emit(ctx: typer.Context, reports: Report | Bundle | list[Report]) -> None:
    """Render reports to stdout or --output (`-` is stdout); notes go to stderr.

    The format is --format, else the --output file's extension, else a table on a terminal
    and plain text into a pipe. A write that fails is a usage error (exit 2) naming the file.
    """
    from ..output import Bundle
    from ..output.formats import MACHINE_FORMATS, render, write_notes

    current = state(ctx)
    output = current.output
    if output is not None and str(output) == "-":
        output = None
    if isinstance(reports, list):  # several tables for people: CSV and JSON get the first
        reports = combined([(f"table{i + 1}", r) for i, r in enumerate(reports)], one_table="first")
    all_reports = reports.reports if isinstance(reports, Bundle) else [reports]
    stream = sys.stdout
    if output is None and stream is None:  # started with stdout closed
        raise UsageError("standard output is closed: use --output FILE")
    fmt, warning = _chosen_format(current.format, output, stream)
    if isinstance(reports, Bundle) and reports.one_table == "first" and fmt == "json":
        reports = reports.sections[0][1]  # e.g. a country's profile: its first table's JSON is the whole profile
    if output is None:
        left_out = render(reports, fmt, stream, details=current.notes)
        stream.flush()  # a closed pipe shows here, inside the command, not at exit
    else:
        buffer = io.StringIO()
        left_out = render(reports, fmt, buffer, details=current.notes)
        write_output(output, buffer.getvalue())
    for report in all_reports:
        write_notes(report)
    if fmt not in MACHINE_FORMATS and not current.notes and _isatty(sys.stderr):
        hidden = [
            c.header for r in all_reports for c in r.columns if c.detail and any(row.get(c.key) for row in r.rows)
        ]
        if hidden:
            stderr(f"more columns with --notes: {', '.join(dict.fromkeys(hidden))}")
    for note in [*left_out, *current.source_notes]:
        stderr(note)
    if current.source_label:
        stderr(f"source: {current.source_label}")
    if warning:
        stderr(warning)
    if output is not None:
        stderr(f"wrote {output}")


def _isatty(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
