"""`ratify fetch` and `ratify diff` through CliRunner, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner
from werkzeug import Response

from ratify.cli.main import app
from ratify.normlex.snapshot import list_snapshots, load_snapshot

from ..conftest import BASE_PATH, SMALL

PAGE_PATH = BASE_PATH + "f"
HTML = "text/html; charset=utf-8"
C155_P = "NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312300"
C138_P = "NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312283"
C087_P = "NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312232"
C098_P = "NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312243"
XC_P = "NORMLEXPUB:11200:0::NO::P11200_COUNTRY_ID:900003"

C155_RECORDS = [  # country, id, date, status, note, denounced
    ("Algeria", "102558", "1984-06-06", "in_force", "", None),
    ("Kazakhstan", "103542", "2025-06-30", "in_force", "", None),
    (
        "Netherlands (Kingdom of the)",
        "102768",
        "1983-12-22",
        "in_force",
        "The Convention applies to the European part of the Netherlands and to Aruba. The Government has "
        "declared that the Convention also applies to the Caribbean part of the Netherlands.",
        None,
    ),
    ("Türkiye", "102893", "2005-04-22", "in_force", "", None),
    (
        "Mongolia",
        "103142",
        "1998-02-03",
        "in_force",
        "Excluded the provisions of Article 11(c) in accordance with Article 2, paragraph 2.",
        None,
    ),
    (
        "Uzbekistan",
        "103538",
        "2026-06-15",
        "not_in_force",
        "The Convention will enter into force for Uzbekistan on 15 Jun 2027.",
        None,
    ),
    ("Czechia", "102567", "2004-02-09", "denounced", "Denounced on 01 Jan 2020", "2020-01-01"),
    ("Zimbabwe", "103183", "2003-04-09", "in_force", "", None),
]


@pytest.fixture
def snaps(tmp_path) -> Path:
    return tmp_path / "snapshots"


@pytest.fixture
def cli(snaps):
    """Run ratify on the small fixture data; fetch and diff use the test's snapshot folder."""

    def invoke(*args: str, data_dir: Path = SMALL):
        args = list(args)
        if args and args[0] in ("fetch", "diff"):
            args[1:1] = ["--snapshot-dir", str(snaps)]
        if args and args[0] == "fetch":
            args[1:1] = ["--delay", "0", "--timeout", "2"]
        return CliRunner().invoke(app, ["--data-dir", str(data_dir), *args])

    return invoke


def serve(httpserver, p, body, status=200, headers=None):
    httpserver.expect_request(PAGE_PATH, query_string={"p": p}).respond_with_data(
        body, status=status, content_type=HTML, headers=headers
    )


def page_requests(httpserver):
    return [req for req, _ in httpserver.log if req.path == PAGE_PATH]


def tree_digest(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def records_of(snaps: Path) -> list[dict]:
    return [r.to_dict() for r in load_snapshot(list_snapshots(snaps)[-1]).records]


# --------------------------------------------------------------------------- fetch


def test_fetch_instrument_gives_every_row(cli, httpserver, base_url, page, snaps):
    serve(httpserver, C155_P, page("c155_11300.html"))
    result = cli("fetch", "--base-url", base_url, "--instrument", "C155", "--format", "json")
    assert result.exit_code == 0, result.stderr
    url = base_url + "f?p=" + C155_P
    expected = [
        {
            "country_name": c,
            "country_id": i,
            "instrument": "C155",
            "date": d,
            "status": s,
            "note": n,
            "denounced": den,
            "denounced_by": None,
            "url": url,
        }
        for c, i, d, s, n, den in C155_RECORDS
    ]
    assert records_of(snaps) == expected
    [path] = list_snapshots(snaps)
    assert json.loads(result.stdout) == [
        {
            "pages": 1,
            "fetched": 1,
            "from_cache": 0,
            "from_file": 0,
            "failed": 0,
            "records": 8,
            "warnings": 0,
            "snapshot": str(path),
        }
    ]
    assert f"snapshot saved to {path}" in result.stderr
    assert "\x1b[" not in result.stderr  # no progress bar when stderr is not a terminal


def test_second_fetch_uses_the_cache_and_refresh_forces_a_request(cli, httpserver, base_url, page, snaps):
    serve(httpserver, C155_P, page("c155_11300.html"))
    args = ("fetch", "--base-url", base_url, "--instrument", "c155", "--format", "json")
    assert cli(*args).exit_code == 0
    first = records_of(snaps)
    before = len(httpserver.log)
    second = cli(*args)
    assert second.exit_code == 0, second.stderr
    assert len(httpserver.log) == before  # zero requests, not even the priming one
    assert json.loads(second.stdout)[0]["from_cache"] == 1
    assert len(list_snapshots(snaps)) == 2  # each run is a snapshot; earlier ones are kept
    third = cli(*args, "--refresh")
    assert third.exit_code == 0, third.stderr
    assert len(page_requests(httpserver)) == 2
    assert json.loads(third.stdout)[0]["fetched"] == 1
    assert records_of(snaps) == first


def test_429_then_success(cli, httpserver, base_url, page):
    httpserver.expect_oneshot_request(PAGE_PATH).respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0"}
    )
    serve(httpserver, C155_P, page("c155_11300.html"))
    result = cli("fetch", "--base-url", base_url, "--instrument", "C155", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["records"] == 8
    assert len(page_requests(httpserver)) == 2


def _slow(done, release):
    """Answer only once the test has seen the client give up (no fixed sleep)."""

    def handler(request):
        release.wait(5)
        done.set()
        return Response("late", content_type=HTML)

    return handler


@pytest.mark.parametrize("fault", ["403", "5xx", "timeout", "max-time", "refused", "block"])
def test_faults_exit_3_and_change_nothing(cli, httpserver, base_url, page, snaps, tmp_path, fault):
    # An earlier good run: a cached page and a snapshot that a failed run must leave alone.
    serve(httpserver, C155_P, page("c155_11300.html"))
    assert cli("fetch", "--base-url", base_url, "--instrument", "C155", "--format", "json").exit_code == 0
    cache = tmp_path / "cache" / "pages"  # NORMLEX pages (the cache folder holds other things too)
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    before_cache, before_data, before_snaps = tree_digest(cache), tree_digest(data), tree_digest(snaps)
    assert before_cache and before_snaps
    httpserver.clear_all_handlers()
    httpserver.expect_request(BASE_PATH).respond_with_data("<html><body>home</body></html>", content_type=HTML)

    url = base_url
    done, release = threading.Event(), threading.Event()
    if fault == "403":
        serve(httpserver, C155_P, "Forbidden", status=403)
        expected = "NORMLEX refused the request (HTTP 403)"
    elif fault == "5xx":
        serve(httpserver, C155_P, "down", status=503, headers={"Retry-After": "0"})
        expected = "NORMLEX failed (HTTP 503) after 4 attempts"
    elif fault in ("timeout", "max-time"):
        httpserver.expect_request(PAGE_PATH).respond_with_handler(_slow(done, release))
        expected = "NORMLEX timed out after 1s"
    elif fault == "refused":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{s.getsockname()[1]}/dyn/normlex/en/"
        expected = "could not connect to 127.0.0.1"
    else:
        serve(httpserver, C155_P, page("block.html"))
        expected = "block"
    args = ["fetch", "--base-url", url, "--instrument", "C155", "--refresh"]
    if fault == "timeout":
        args += ["--timeout", "1"]  # not less: a loaded machine can be slow to answer at all
    elif fault == "max-time":  # the run's deadline, well before the request's own
        args += ["--timeout", "30", "--max-time", "1"]
    result = cli(*args, data_dir=data)
    assert result.exit_code == 3, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ratify: error: "), result.stderr
    assert expected.lower() in lines[0].lower()
    assert url in lines[0]  # names the URL
    assert result.stdout == ""
    assert tree_digest(snaps) == before_snaps
    assert tree_digest(cache) == before_cache
    assert tree_digest(data) == before_data
    if fault in ("timeout", "max-time"):
        release.set()
        assert done.wait(5)


def test_some_pages_failed_saves_the_rest_and_exits_3(cli, httpserver, base_url, page, snaps):
    serve(httpserver, C155_P, page("c155_11300.html"))
    serve(httpserver, C138_P, "Forbidden", status=403)
    result = cli("fetch", "--base-url", base_url, "--instrument", "C155", "--instrument", "C138", "--format", "json")
    assert result.exit_code == 3
    summary = json.loads(result.stdout)[0]
    assert (summary["pages"], summary["fetched"], summary["failed"], summary["records"]) == (2, 1, 1, 8)
    assert len(records_of(snaps)) == 8
    assert "ratify: warning: skipped C138: NORMLEX refused the request (HTTP 403)" in result.stderr
    assert result.stderr.splitlines()[-1] == "ratify: error: 1 of 2 pages failed; snapshot saved with the rest"


def test_from_html_gives_the_same_records_as_a_fetch(cli, httpserver, base_url, page, snaps, tmp_path):
    serve(httpserver, C155_P, page("c155_11300.html"))
    assert cli("fetch", "--base-url", base_url, "--instrument", "C155").exit_code == 0
    fetched = records_of(snaps)
    url = base_url + "f?p=" + C155_P
    saved = tmp_path / "c155.html"
    saved.write_text(f"<!-- saved from url=({len(url):04d}){url} -->\n" + page("c155_11300.html"), encoding="utf-8")
    requests = len(httpserver.log)
    result = cli("fetch", "--from-html", str(saved), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert len(httpserver.log) == requests
    assert json.loads(result.stdout)[0]["from_file"] == 1
    assert records_of(snaps) == fetched


def test_fetch_needs_a_selection(cli):
    result = cli("fetch")
    assert result.exit_code == 2
    assert result.stderr.startswith("ratify: error: nothing to fetch: pass --instrument ID, --set NAME")


def test_fetch_country_without_normlex_id_is_a_usage_error(cli, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    text = (data / "countries.yaml").read_text(encoding="utf-8").replace('    normlex_id: "900003"\n', "")
    (data / "countries.yaml").write_text(text, encoding="utf-8")
    result = cli("fetch", "--country", "XC", data_dir=data)
    assert result.exit_code == 2
    assert "XC has no NORMLEX id" in result.stderr


# --------------------------------------------------------------------------- diff


@pytest.fixture
def small_snapshot(cli, httpserver, base_url, page):
    serve(httpserver, C087_P, page("small_c087_11300.html"))
    serve(httpserver, C098_P, page("small_c098_11300.html"))
    serve(httpserver, XC_P, page("small_xc_11200.html"))
    result = cli(
        "fetch",
        "--base-url",
        base_url,
        "--instrument",
        "C087",
        "--instrument",
        "C098",
        "--country",
        "XC",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    return result


DIFF_JSON = [
    {
        "country": "XB",
        "instrument": "C087",
        "kind": "date",
        "curated": "1992-03-31",
        "normlex": "1993-03-31",
        "detail": "ratification date: curated 1992-03-31, NORMLEX 1993-03-31",
    },
    {
        "country": "XB",
        "instrument": "C098",
        "kind": "status",
        "curated": "in_force",
        "normlex": "not_in_force",
        "detail": "status: curated in force, NORMLEX not in force "
        "(The Convention will enter into force for Betastan on 12 May 2027.)",
    },
    {
        "country": "XC",
        "instrument": "C087",
        "kind": "missing_in_curated",
        "curated": None,
        "normlex": "2020-06-12 (in force)",
        "detail": "NORMLEX lists a ratification of 2020-06-12 (in force); the curated data has none",
    },
    {
        "country": "XC",
        "instrument": "C190",
        "kind": "missing_in_normlex",
        "curated": "2025 (in force)",
        "normlex": None,
        "detail": "the curated data records 2025 (in force); the NORMLEX page lists no ratification",
    },
]

DIFF_CSV_PRECISION = """\
country,instrument,kind,curated,normlex,detail
XA,C098,less_precise,1960,1960-03-15,ratification date: the curated data gives only 1960; NORMLEX gives 1960-03-15
XB,C087,date,1992-03-31,1993-03-31,"ratification date: curated 1992-03-31, NORMLEX 1993-03-31"
XB,C098,less_precise,2016-05,2016-05-12,ratification date: the curated data gives only 2016-05; NORMLEX gives 2016-05-12
XB,C098,status,in_force,not_in_force,"status: curated in force, NORMLEX not in force (The Convention will enter into force for Betastan on 12 May 2027.)"
XC,C029,less_precise,1993,1993-05-04,ratification date: the curated data gives only 1993; NORMLEX gives 1993-05-04
XC,C087,missing_in_curated,,2020-06-12 (in force),NORMLEX lists a ratification of 2020-06-12 (in force); the curated data has none
XC,C190,missing_in_normlex,2025 (in force),,the curated data records 2025 (in force); the NORMLEX page lists no ratification
"""


def test_diff_json_reports_the_planted_disagreements(cli, small_snapshot):
    result = cli("diff", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == DIFF_JSON
    assert "4 difference(s) between the curated data (checked 2026-01-01)" in result.stderr
    assert "3 less precise curated date(s)" in result.stderr
    assert "1 NORMLEX record(s) name a country the member registry does not know" in result.stderr
    assert "'Otherland' on http" in result.stderr and "P11300_INSTRUMENT_ID:312232" in result.stderr


def test_diff_csv_with_precision(cli, small_snapshot):
    result = cli("diff", "--format", "csv", "--include-precision")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == DIFF_CSV_PRECISION


def test_diff_fail_on_diff(cli, small_snapshot, snaps, tmp_path):
    assert cli("diff", "--fail-on-diff", "--format", "csv").exit_code == 1
    # --snapshot FILE: an explicit snapshot with no disagreement passes the gate
    empty = tmp_path / "empty.json"
    empty.write_text(
        json.dumps(
            {
                "format": "ratify-normlex-snapshot",
                "version": 1,
                "created": "2026-01-02T00:00:00Z",
                "base_url": "",
                "pages": [],
                "records": [],
                "warnings": [],
            }
        ),
        encoding="utf-8",
    )
    result = cli("diff", "--snapshot", str(empty), "--fail-on-diff", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_diff_without_snapshot(cli):
    result = cli("diff")
    assert result.exit_code == 2
    assert result.stderr == "ratify: error: no NORMLEX snapshot: run `ratify fetch` first\n"


def test_fetch_option_defaults_are_the_clients():
    import inspect

    from ratify.cli.commands import normlex as command
    from ratify.normlex.client import NormlexClient

    defaults = inspect.signature(NormlexClient).parameters
    assert defaults["delay"].default == command.DEFAULT_DELAY
    assert defaults["timeout"].default == command.DEFAULT_TIMEOUT
    assert defaults["run_timeout"].default == command.DEFAULT_RUN_TIMEOUT
