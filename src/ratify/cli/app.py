"""The `ratify` command. Commands stay thin: parse options, call the core, render a Report."""

from __future__ import annotations

import functools
import io
import sys
from pathlib import Path
from typing import Callable, List, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from .. import __version__
from ..errors import RatifyError, UsageError
from ..sanitize import escape_controls, one_line
from .options import AsOfOption, CountriesArgument, FormatOption, GroupOption, OutputOption, SetOption

class _SkipAbsentCoercion:
    """Leave absent optional parameters as Typer would, without building their coercers.

    Typer builds a pydantic TypeAdapter for every parameter it processes, even one the user
    did not give; the first costs about 20 ms of start-up. An absent value (None) with no
    callback and not required comes out of Typer's coercion unchanged (None, or () for a
    multi-value parameter), so it is returned directly.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.required or param.callback is not None:
                continue
            param.process_value = _skip_when_absent(param, param.process_value)


def _skip_when_absent(param, process_value):
    empty = () if (param.multiple or param.nargs == -1) else None

    def process(ctx, value):
        return empty if value is None else process_value(ctx, value)

    return process


class _Command(_SkipAbsentCoercion, TyperCommand):
    pass


class _Group(_SkipAbsentCoercion, TyperGroup):
    pass


app = typer.Typer(
    cls=_Group,
    name="ratify",
    help="Track ratification of ILO conventions: cited curated data, NORMLEX, gap and target reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_SOURCE = 0, 1, 2, 3


class State:
    """Root options, and the dataset loaded once per invocation."""

    def __init__(self, data_dir: Optional[Path], debug: bool, source: Optional[str] = None):
        self.data_dir = data_dir
        self.debug = debug
        self.source = source
        self.source_label = ""
        self._dataset = None

    def dataset(self):
        """The data for reports: curated, NORMLEX or merged (see --source); said on stderr."""
        if self._dataset is None:
            from ..store import load_for_source

            self._dataset, self.source_label = load_for_source(self.data_dir, self.source)
            _SOURCE_NOTE[0] = f"source: {self.source_label}"
        return self._dataset


# What the last loaded dataset was, said on stderr after a report (one process, one command).
_SOURCE_NOTE = [""]


def state(ctx: typer.Context) -> State:
    root_ctx = ctx.find_root()
    if root_ctx.obj is None:  # a command invoked without the root callback
        root_ctx.obj = State(None, False)
    return root_ctx.obj


def stderr(message: str) -> None:
    sys.stderr.write(escape_controls(message) + "\n")


def handles_errors(fn: Callable) -> Callable:
    """Turn the core's errors into one line on stderr and the documented exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except RatifyError as exc:
            if state(kwargs["ctx"]).debug:
                raise
            stderr(f"ratify: error: {one_line(str(exc))}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            stderr("ratify: interrupted")
            raise typer.Exit(130) from None

    return wrapper


def command(*args, **kwargs):
    def register(fn: Callable) -> Callable:
        return app.command(*args, cls=_Command, **kwargs)(handles_errors(fn))

    return register


def parse_as_of(value: Optional[str]):
    if value is None:
        return None
    from ..dates import parse_day

    try:
        return parse_day(value)
    except ValueError as exc:
        raise UsageError(f"--as-of: {exc}") from None


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


def emit(reports, fmt: Optional[str], output: Optional[Path], json_data=None) -> None:
    """Render one or more reports to stdout or --output; notes go to stderr."""
    from ..output.formats import check_format, default_format, render, write_notes

    reports = reports if isinstance(reports, list) else [reports]
    if fmt is not None:
        fmt = check_format(fmt)
    # A file is rendered in memory and then written atomically: a failure or a kill
    # half-way leaves the previous report intact.
    stream = io.StringIO() if output is not None else sys.stdout
    chosen = fmt or default_format(stream)
    if chosen == "json" and json_data is not None:
        import json

        json.dump(json_data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    else:
        for index, report in enumerate(reports):
            if index:
                stream.write("\n")
            render(report, chosen, stream)
            if chosen == "json":
                break  # JSON is one document: the first report, or json_data
    if output is not None:
        write_output(output, stream.getvalue())
    for report in reports:
        write_notes(report)
    if _SOURCE_NOTE[0]:
        stderr(_SOURCE_NOTE[0])
    if output is not None:
        stderr(f"wrote {output}")


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
    source: Optional[str] = typer.Option(
        None, "--source", envvar="RATIFY_SOURCE", metavar="curated|normlex|merged",
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
    _SOURCE_NOTE[0] = ""


def _selection(ctx: typer.Context, countries: Optional[List[str]], group: Optional[str], default_group: Optional[str]):
    ds = state(ctx).dataset()
    if not countries and not group:
        if default_group and default_group in ds.groups:
            group = default_group
        else:
            group = "all"
    return ds.resolve_countries(countries or [], group)


@command(epilog="Example: ratify countries --group ctuca --format csv")
def countries(ctx: typer.Context, group: GroupOption = None, format: FormatOption = None, output: OutputOption = None) -> None:
    """List the countries in the data, with their NORMLEX ids and groups."""
    from ..views import countries_view

    ds = state(ctx).dataset()
    emit(countries_view(ds, ds.resolve_countries([], group or "all")), format, output)


@command(epilog="Example: ratify conventions --set fundamental; ratify conventions --status abrogated --format json")
def conventions(
    ctx: typer.Context,
    set_: SetOption = None,
    category: Optional[str] = typer.Option(None, "--category", help="fundamental, governance or technical."),
    status: Optional[str] = typer.Option(None, "--status", help="ILO status: up-to-date, interim, outdated, abrogated, ..."),
    as_of: AsOfOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """List ILO instruments, filtered by set, category or status."""
    from ..views import conventions_view

    ds = state(ctx).dataset()
    on = parse_as_of(as_of)
    chosen = ds.resolve_instruments(set_, on) if set_ else list(ds.instruments.values())
    if category:
        chosen = [i for i in chosen if i.category_on(on) == category.lower()]
    if status:
        chosen = [i for i in chosen if (i.status or "") == status.lower()]
    emit(conventions_view(ds, chosen, on), format, output)


@command(epilog="Examples: ratify show KZ; ratify show C155 --as-of 2020-01-01")
def show(
    ctx: typer.Context,
    subject: str = typer.Argument(..., metavar="COUNTRY|INSTRUMENT", help="A country (KZ, Kazakhstan) or an instrument (C155, 155)."),
    group: GroupOption = None,
    as_of: AsOfOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Profile of a country (counts, ratifications, upgrades) or of an instrument (who ratified, when)."""
    from .. import analysis
    from ..model import normalise_instrument_id
    from ..views import instrument_view, profile_views

    ds = state(ctx).dataset()
    on = parse_as_of(as_of)
    if normalise_instrument_id(subject) and normalise_instrument_id(subject) in ds.instruments:
        instrument = ds.instrument(subject)
        profile = analysis.instrument_profile(ds, instrument, _selection(ctx, [], group, "all"), on)
        emit(instrument_view(ds, profile), format, output, json_data=profile.to_dict())
        return
    try:
        country = ds.country(subject)
    except UsageError:
        raise UsageError(f"unknown country or instrument {subject!r}") from None
    profile = analysis.country_profile(ds, country, on)
    emit(profile_views(ds, profile), format, output, json_data=profile.to_dict())


@command(epilog="Examples: ratify gaps; ratify gaps KZ UZ --set governance; ratify gaps --set C155,C187 --fail-on-gaps")
def gaps(
    ctx: typer.Context,
    countries: CountriesArgument = None,
    set_: SetOption = None,
    group: GroupOption = None,
    as_of: AsOfOption = None,
    upgrades: bool = typer.Option(False, "--upgrades", help="Also list outdated instruments still applied and their up-to-date revisions."),
    fail_on_gaps: bool = typer.Option(False, "--fail-on-gaps", help="Exit 1 when any gap remains (a CI gate)."),
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Instruments of a set that each country has not ratified, or has denounced.

    Default: the CTUCA countries against the fundamental conventions. Abrogated and withdrawn
    instruments are never gaps; a ratification registered but not yet in force is pending.
    """
    from .. import analysis
    from ..views import gaps_view, upgrades_view

    ds = state(ctx).dataset()
    on = parse_as_of(as_of)
    chosen = _selection(ctx, countries, group, "ctuca")
    set_name = set_ or "fundamental"
    result = analysis.gaps(ds, chosen, ds.resolve_instruments(set_name, on), on, set_name)
    reports = [gaps_view(ds, result)]
    if upgrades:
        found = [u for c in chosen for u in analysis.upgrades(ds, c, on)]
        reports.append(upgrades_view(ds, found, "Upgrades: older instruments still applied that a newer one revises"))
    emit(reports, format, output)
    if fail_on_gaps and result.gaps:
        raise typer.Exit(EXIT_FINDINGS)


@command(epilog="Example: ratify matrix --set governance --format markdown")
def matrix(
    ctx: typer.Context,
    countries: CountriesArgument = None,
    set_: SetOption = None,
    group: GroupOption = None,
    as_of: AsOfOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Countries x instruments: the year of ratification in each cell, or '-' for a gap."""
    from .. import analysis
    from ..views import matrix_view

    ds = state(ctx).dataset()
    on = parse_as_of(as_of)
    result = analysis.matrix(ds, _selection(ctx, countries, group, None), ds.resolve_instruments(set_ or "fundamental", on), on)
    emit(matrix_view(ds, result), format, output, json_data=result.to_dict())


@command(epilog="Examples: ratify targets; ratify targets KZ --as-of 2024-01-01; ratify targets ctuca --fail-on-open")
def targets(
    ctx: typer.Context,
    who: Optional[str] = typer.Argument(None, metavar="[COUNTRY|GROUP]", help="Only targets for this country or group."),
    as_of: AsOfOption = None,
    fail_on_open: bool = typer.Option(False, "--fail-on-open", help="Exit 1 when a target is open or overdue (a CI gate)."),
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Targets and claims from national agreements and declarations, with their progress."""
    from .. import analysis
    from ..views import targets_view

    ds = state(ctx).dataset()
    on = parse_as_of(as_of)
    selection = ds.resolve_countries([who]) if who else None
    rows = analysis.targets(ds, selection, on)
    emit(targets_view(ds, rows, on.isoformat() if on else None), format, output)
    if fail_on_open and any(r.state in ("open", "overdue") for r in rows if r.target.kind == "ratify"):
        raise typer.Exit(EXIT_FINDINGS)


@command(epilog="Example: ratify peers KZ --group ctuca")
def peers(
    ctx: typer.Context,
    country: str = typer.Argument(..., metavar="COUNTRY"),
    group: GroupOption = None,
    as_of: AsOfOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Up-to-date instruments a country has not ratified, ranked by how many of its peers have."""
    from .. import analysis
    from ..views import peers_view

    ds = state(ctx).dataset()
    on = parse_as_of(as_of)
    subject = ds.country(country)
    group_id = group or next((g for g in subject.groups if g in ds.groups), "all")
    members = ds.resolve_countries([], group_id)
    found = analysis.peers(ds, subject, members, on)
    emit(peers_view(ds, subject, group_id, found, on.isoformat() if on else None), format, output)


@command(epilog="Examples: ratify timeline KZ; ratify timeline C155; ratify timeline --group ctuca --format csv")
def timeline(
    ctx: typer.Context,
    subject: Optional[str] = typer.Argument(None, metavar="[COUNTRY|INSTRUMENT|GROUP]"),
    group: GroupOption = None,
    set_: SetOption = None,
    as_of: AsOfOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Ratifications registered per year, as a bar chart on a terminal."""
    from .. import analysis
    from ..model import normalise_instrument_id
    from ..views import timeline_view

    ds = state(ctx).dataset()
    on = parse_as_of(as_of)
    instruments = {i.id for i in ds.resolve_instruments(set_, on)} if set_ else None
    label = set_ or "all instruments"
    if subject and normalise_instrument_id(subject) in ds.instruments:
        label = ds.instrument(subject).id
        instruments = {label}
        chosen = _selection(ctx, [], group, None)
    else:
        chosen = _selection(ctx, [subject] if subject else [], group, None)
    years = analysis.timeline(ds, chosen, instruments, on)
    where = ", ".join(c.code for c in chosen)
    title = f"Ratifications per year: {label}; {where}" + (f" as of {on}" if on else "")
    emit(timeline_view(years, title), format, output)


@command(epilog="Example: ratify export --format json --output ratifications.json")
def export(
    ctx: typer.Context,
    countries: CountriesArgument = None,
    group: GroupOption = None,
    as_of: AsOfOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Every ratification record, with its date, status and source."""
    from .. import analysis
    from ..views import export_view

    ds = state(ctx).dataset()
    on = parse_as_of(as_of)
    records = []
    for country in _selection(ctx, countries, group, None):
        for r in sorted(country.ratifications, key=lambda r: r.instrument):
            s = analysis.standing(country, r.instrument, on)
            if s.state != analysis.NOT_RATIFIED and s.ratification is r:
                records.append((s, country))
    emit(export_view(ds, records, on.isoformat() if on else None), format, output)


@command(epilog="Example: ratify --data-dir ./mydata validate --strict")
def validate(
    ctx: typer.Context,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Check the data: references, dates, duplicates, sources, stated totals. Exits 2 on errors."""
    from ..validate import validate as run_checks
    from ..views import findings_view

    ds = state(ctx).dataset()
    findings = run_checks(ds)
    errors = [f for f in findings if f.level == "error"]
    warnings = [f for f in findings if f.level == "warning"]
    report = findings_view(findings)
    report.notes.append(
        f"{len(errors)} error(s), {len(warnings)} warning(s) in {ds.paths['conventions']} and {ds.paths['countries']}"
        f" ({len(ds.instruments)} instruments, {len(ds.countries)} countries, {len(ds.ratifications())} ratifications)"
    )
    emit(report, format, output)
    if errors:
        raise typer.Exit(EXIT_USAGE)
    if strict and warnings:
        raise typer.Exit(EXIT_FINDINGS)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except RatifyError as exc:  # raised outside a command (e.g. with --debug off in callbacks)
        stderr(f"ratify: error: {exc}")
        sys.exit(exc.exit_code)


from . import normlex_commands  # noqa: E402,F401
