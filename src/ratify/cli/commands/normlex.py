"""`ratify fetch` and `ratify diff`: read NORMLEX into dated snapshots, compare with the curated data.

The curated YAML is only read.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ...errors import RatifyError, SourceError, UsageError
from ...wording import plural
from ..runtime import ExitCode, GroupOption, command, curated_dataset, emit, stderr

# The client's defaults, repeated so that `--help` need not import httpx (a test keeps them equal).
DEFAULT_DELAY = 1.0
DEFAULT_TIMEOUT = 20.0
DEFAULT_RUN_TIMEOUT = 1800.0
NOTHING_TO_FETCH = (
    "nothing to fetch: pass --instrument ID, --set NAME, --country CODE, --group NAME or --from-html FILE"
)


def _instruments(ds, explicit: list[str], set_name: str | None) -> list[str]:
    """Instrument codes to fetch: explicit ones must have a known NORMLEX id; a set's skip those without."""
    from ...model import normalise_instrument_id
    from ...normlex.urls import normlex_instrument_id

    codes: list[str] = []
    for query in explicit:
        ident = normalise_instrument_id(query)
        if ident is None:
            ds.instrument(query)  # raises the usual "unknown instrument" error
            continue
        codes.append(ident)  # the client says when its NORMLEX id is not known
    if set_name:
        for inst in ds.resolve_instruments(set_name):
            if normlex_instrument_id(inst.id) is None:
                stderr(
                    f"ratify: warning: skipping {inst.id}: its NORMLEX id is not known "
                    "(save its page from a browser and use --from-html)"
                )
                continue
            codes.append(inst.id)
    return list(dict.fromkeys(codes))


def _country_ids(ds, explicit: list[str], group: str | None, snapshot_dir: Path | None = None) -> list[str]:
    ids: list[str] = []
    learned = _learned_ids(ds, snapshot_dir)
    for country in ds.resolve_countries(explicit, None):
        if not country.normlex_id and country.code in learned:
            ids.append(learned[country.code])
            continue
        if not country.normlex_id:
            raise UsageError(
                f"{country.code} has no NORMLEX id in the data (normlex_id in countries.yaml or members.yaml); "
                "fetch instrument pages (--set, --instrument), which list every country, or save its page "
                "and use --from-html"
            )
        ids.append(str(country.normlex_id))
    if group:
        chosen = ds.resolve_countries([], group)
        ids.extend(str(c.normlex_id or learned.get(c.code)) for c in chosen if c.normlex_id or c.code in learned)
        missing = [c.code for c in chosen if not c.normlex_id and c.code not in learned]
        used = sum(1 for c in chosen if not c.normlex_id and c.code in learned)
        if used:
            stderr(
                f"using the NORMLEX ids of {plural(used, 'country', 'countries')} read from links on earlier fetched pages"
            )
        if missing:  # one line for the group, not one per country
            stderr(
                f"ratify: warning: skipping {len(missing)} of {len(chosen)} countries whose NORMLEX id is not "
                f"known: {', '.join(missing)} (instrument pages list them: use --set)"
            )
    return list(dict.fromkeys(ids))


class _Progress:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None
        self.task = None
        self.started = 0
        if total and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.bar.add_task("NORMLEX", total=total)

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=self.total)
            self.bar.stop()

    def message(self, text: str) -> None:
        if text.startswith(("waiting ", "warning: ")):  # the user must see these, bar or not
            line = f"ratify: {text}"
            if self.bar is not None:
                self.bar.console.print(line, markup=False, highlight=False)
            else:
                stderr(line)
            return
        if self.bar is None or self.task is None:
            return
        if text.startswith(("fetching ", "cached ")):
            self.started += 1
            self.bar.update(self.task, completed=max(0, self.started - 1))
        self.bar.update(self.task, description=text if len(text) <= 70 else text[:67] + "...")


def _learned_ids(ds, snapshot_dir: Path | None) -> dict[str, str]:
    """NORMLEX country ids read from the links of earlier fetched pages, for members whose id the data lacks.

    An instrument page links every ratifying country to its country page, so after
    `ratify fetch --set fundamental` the country pages of most member States can be fetched.
    """
    from ...sources import normlex_pages
    from ...sources.reconcile import learned_country_ids

    try:
        pages = normlex_pages(snapshot_dir)
    except RatifyError:  # unreadable snapshots only mean nothing was learned
        return {}
    return learned_country_ids(ds, pages.as_snapshot()) if pages is not None else {}


def _unknown_names(ctx: typer.Context, snapshot) -> list[str]:
    """Names on the pages that no curated country or member State answers to, said once here."""
    from ...sources import reconcile

    matched = reconcile.match(curated_dataset(ctx), snapshot)
    return [f"ratify: warning: {note}" for note in matched.notes() if "member registry" in note]


@command(
    examples=[
        "ratify fetch --set fundamental",
        "ratify fetch --group ctuca",
        "ratify fetch --from-html saved/*.html",
        "ratify fetch --from-html saved/",
    ]
)
def fetch(
    ctx: typer.Context,
    instrument: list[str] | None = typer.Option(
        None, "--instrument", "-i", metavar="ID", help="An instrument (C155, 155, P029); repeatable."
    ),
    set_: str | None = typer.Option(
        None, "--set", "-s", metavar="NAME", help="Every instrument of a set (fundamental, governance, ...)."
    ),
    country: list[str] | None = typer.Option(
        None, "--country", "-c", metavar="CODE", help="A country page, by code or name (KZ); repeatable."
    ),
    group: GroupOption = None,
    base_url: str | None = typer.Option(
        None, "--base-url", metavar="URL", help="NORMLEX base URL (default https://normlex.ilo.org/dyn/normlex/en/)."
    ),
    refresh: bool = typer.Option(False, "--refresh", help="Ignore the page cache and download again."),
    delay: float = typer.Option(DEFAULT_DELAY, "--delay", metavar="SECONDS", min=0, help="Pause between requests."),
    timeout: float = typer.Option(
        DEFAULT_TIMEOUT,
        "--timeout",
        metavar="SECONDS",
        min=0.01,
        help="Deadline for each request: the whole answer, however slowly it arrives.",
    ),
    max_time: float = typer.Option(
        DEFAULT_RUN_TIMEOUT,
        "--max-time",
        metavar="SECONDS",
        min=0.01,
        help="Deadline for the whole run, waits and retries included: pages not read by then fail, "
        "and the snapshot keeps the rest.",
    ),
    from_html: bool = typer.Option(
        False,
        "--from-html",
        help="Parse pages saved from a browser (the FILE and DIR arguments) instead of downloading.",
    ),
    saved: list[Path] | None = typer.Argument(
        None,
        metavar="FILE|DIR",
        show_default=False,
        help="With --from-html: saved NORMLEX pages, or folders of them (*.html, *.htm).",
    ),
    snapshot_dir: Path | None = typer.Option(
        None,
        "--snapshot-dir",
        metavar="DIR",
        help="Where to save the snapshot (default: the cache's snapshots folder).",
    ),
) -> None:
    """Read NORMLEX ratification pages (by instrument and/or by country) into a dated snapshot.

    Pages are cached (RATIFY_CACHE_DIR) for a day; --refresh downloads again. If NORMLEX refuses
    automated requests, save the pages from a browser and use --from-html. Exit 3 when a page
    failed (the snapshot is still saved when others succeeded).
    """
    from ...normlex import snapshot as snap

    if base_url is not None:
        _check_base_url(base_url)
    selected = bool(instrument or set_ or country or group)
    if saved and not from_html:
        raise UsageError("files to read need --from-html (ratify fetch --from-html saved/*.html)")
    if from_html:
        if selected:
            raise UsageError("--from-html cannot be combined with --instrument, --set, --country or --group")
        files = snap.saved_page_files(saved or [])
        total = len(files)
        snapshot = snap.parse_saved_files(files, base_url=base_url or snap.DEFAULT_BASE_URL)
    else:
        if not selected:
            raise UsageError(NOTHING_TO_FETCH)
        ds = curated_dataset(ctx)
        codes = _instruments(ds, instrument or [], set_)
        ids = _country_ids(ds, country or [], group, snapshot_dir)
        if not codes and not ids:
            raise UsageError(NOTHING_TO_FETCH.replace("nothing to fetch", "nothing left to fetch"))
        from ...normlex.cache import PageCache
        from ...normlex.client import NormlexClient

        total = len(codes) + len(ids)
        with (
            _Progress(total) as progress,
            NormlexClient(
                base_url or snap.DEFAULT_BASE_URL,
                cache=PageCache(on_warning=stderr),
                refresh=refresh,
                delay=delay,
                timeout=timeout,
                run_timeout=max_time,
                on_progress=progress.message,
            ) as client,
        ):
            snapshot = snap.fetch(codes, ids, client=client)
    from ...output.views import fetch_summary_view

    path = snap.save_snapshot(snapshot, snapshot_dir)
    summary = fetch_summary_view(snapshot, total, path)
    summary.notes.extend(_unknown_names(ctx, snapshot))
    emit(ctx, summary)
    failed = total - len(snapshot.pages)
    if failed:
        raise SourceError(f"{failed} of {total} pages failed; snapshot saved with the rest")


def _check_base_url(url: str) -> None:
    """A malformed --base-url is the user's mistake (exit 2), not a network failure (exit 3)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--base-url: not an http(s) URL: {url!r} (e.g. https://normlex.ilo.org/dyn/normlex/en/)")


def load_snapshot_for_diff(snapshot_file: Path | None, snapshot_dir: Path | None):
    """The pages to compare with: one snapshot file, or the latest copy of every fetched page."""
    from ...normlex.snapshot import load_snapshot
    from ...sources import NO_SNAPSHOT, normlex_pages, pages_label

    if snapshot_file is not None:
        return load_snapshot(snapshot_file), None, []
    pages = normlex_pages(snapshot_dir)
    warnings = [f"ratify: warning: {w}" for w in pages.warnings] if pages is not None else []
    if pages is None or not pages.pages:
        for warning in warnings:
            stderr(warning)
        raise UsageError(NO_SNAPSHOT)
    return pages.as_snapshot(), f"the {pages_label(pages)}", warnings


@command(examples=["ratify diff", "ratify diff --format csv", "ratify diff --fail-on-diff"])
def diff(
    ctx: typer.Context,
    snapshot: Path | None = typer.Option(
        None, "--snapshot", metavar="FILE", help="Compare with this snapshot file only, instead of every fetched page."
    ),
    snapshot_dir: Path | None = typer.Option(
        None, "--snapshot-dir", metavar="DIR", help="Where to look for snapshots."
    ),
    fail_on_diff: bool = typer.Option(False, "--fail-on-diff", help="Exit 1 when any difference is shown (a CI gate)."),
    include_precision: bool = typer.Option(
        False, "--include-precision", help="Also list curated dates that are less precise than NORMLEX's but agree."
    ),
) -> None:
    """Every disagreement between the curated data and the fetched NORMLEX pages.

    Compares the curated YAML (never the merged data) with the latest copy of every page
    fetched so far, or with one snapshot file (--snapshot). Kinds: missing_in_curated, missing_in_normlex (only where the snapshot has the page), date,
    status, denunciation, and with --include-precision less_precise.
    """
    from ...output.views import diff_view
    from ...sources import reconcile

    ds = curated_dataset(ctx)
    snap, what, warnings = load_snapshot_for_diff(snapshot, snapshot_dir)
    matched = reconcile.match(ds, snap)
    found = reconcile.diff(ds, snap, matched)
    report = diff_view(ds, snap, matched, found, include_precision, what)
    report.notes[:0] = warnings
    emit(ctx, report)
    if fail_on_diff and report.rows:
        raise typer.Exit(ExitCode.FINDINGS)
