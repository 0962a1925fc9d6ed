# ruff: noqa: F811  (the fetch tests' fixtures are imported by name and requested as arguments)
"""Evidence and coverage through the CLI: plain fetch then diff, partial fetches, pages combined
across fetches, corrupt snapshots and cached pages, --from-html with several files, --evidence-only."""

from __future__ import annotations

import json

import pytest

from .test_fetch import (  # noqa: F401 - fixtures
    C087_P,
    C098_P,
    DIFF_JSON,
    cli,
    page_requests,
    serve,
    small_snapshot,
)


@pytest.fixture
def snaps(tmp_path):
    """The default snapshot folder (under RATIFY_CACHE_DIR), which reports read."""
    return tmp_path / "cache" / "snapshots"


def saved_page(folder, name, url, body):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"<!-- saved from url=({len(url):04d}){url} -->\n" + body, encoding="utf-8")
    return path


def gap_rows(result):
    assert result.exit_code == 0, result.stderr
    return {(r["country"], r["instrument"]): r for r in json.loads(result.stdout)}


def test_plain_fetch_then_diff_reads_the_curated_data(cli, small_snapshot):
    # A snapshot exists, so reports default to merged data; diff and validate must not.
    for args in (["diff"], ["--source", "merged", "diff"]):
        result = cli(*args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout) == DIFF_JSON  # XC C190 is not hidden by the merge
    assert cli("diff", "--fail-on-diff").exit_code == 1
    curated = cli("--source", "curated", "validate").stderr.splitlines()[-2]
    assert cli("validate").stderr.splitlines()[-2] == curated
    assert "23 ratifications" in curated  # the merged data has fewer: XC's page lists no C190


def test_partial_fetch_then_pages_combine(cli, httpserver, base_url, page, snaps):
    serve(httpserver, C087_P, page("small_c087_11300.html"))
    serve(httpserver, C098_P, "Forbidden", status=403)
    result = cli("fetch", "--base-url", base_url, "--instrument", "C087", "--instrument", "C098")
    assert result.exit_code == 3
    assert "partial snapshot: 1 of 2 page(s) failed (C098)" in result.stderr
    [saved] = snaps.iterdir()
    assert json.loads(saved.read_text())["failed"][0]["key"] == "C098"

    # NORMLEX only: C098 is not covered, so it is never a gap; stderr says so
    result = cli("--source", "normlex", "gaps", "--group", "trio", "--set", "C087,C098", "--format", "json")
    rows = gap_rows(result)
    assert {i for _, i in rows} <= {"C087"}
    assert "not covered: no fetched NORMLEX page covers 3 cell(s)" in result.stderr
    assert "NORMLEX page C098 has never been read" in result.stderr
    # merged: C087 from the page (Gammaria's ratification added), C098 from the curated data
    rows = gap_rows(cli("--source", "merged", "gaps", "--group", "trio", "--set", "C087,C098", "--format", "json"))
    assert list(rows) == [("XC", "C098")]
    assert (rows[("XC", "C098")]["basis"], rows[("XC", "C098")]["reason"]) == ("no_record", "no_record")

    # a later fetch of C098 alone does not hide C087 fetched before
    httpserver.clear_all_handlers()
    serve(httpserver, C098_P, page("small_c098_11300.html"))
    base = httpserver.url_for("/dyn/normlex/en/")
    httpserver.expect_request("/dyn/normlex/en/").respond_with_data("<html><body>home</body></html>")
    assert cli("fetch", "--base-url", base, "--instrument", "C098").exit_code == 0
    result = cli("--source", "normlex", "gaps", "--group", "trio", "--set", "C087,C098", "--format", "json")
    rows = gap_rows(result)
    assert "not covered" not in result.stderr and "never been read" not in result.stderr
    assert rows[("XC", "C098")]["basis"] == "normlex"
    assert rows[("XC", "C098")]["basis_source"].endswith(C098_P)
    result = cli("--source", "normlex", "matrix", "--group", "trio", "--set", "C087,C098", "--format", "csv")
    assert "n/c" not in result.stdout and "?" not in result.stdout


def test_corrupt_snapshot_is_one_warning_and_never_blocks(cli, small_snapshot, snaps, tmp_path, page, base_url):
    bad = snaps / "normlex-20990101T000000Z.json"
    bad.write_text("{not json", encoding="utf-8")
    result = cli("gaps", "--group", "trio")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert len(warnings) == 1 and warnings[0].startswith("ratify: warning: skipped")
    assert cli("diff", "--format", "json").exit_code == 0
    url = base_url + "f?p=" + C087_P
    saved = saved_page(tmp_path / "saved", "c087.html", url, page("small_c087_11300.html"))
    assert cli("fetch", "--from-html", str(saved)).exit_code == 0  # the fetch that replaces it works
    for other in snaps.iterdir():
        if other != bad:
            other.unlink()
    result = cli("gaps", "--group", "trio")  # only a corrupt snapshot: curated data, one warning
    assert result.exit_code == 0 and result.stderr.count(str(bad)) == 1
    assert "source: curated data" in result.stderr
    result = cli("--source", "normlex", "gaps")
    assert result.exit_code == 2 and "no NORMLEX snapshot" in result.stderr and str(bad) in result.stderr


def test_from_html_several_files_and_a_folder(cli, tmp_path, page, base_url):
    folder = tmp_path / "saved"
    a = saved_page(folder, "c087.html", base_url + "f?p=" + C087_P, page("small_c087_11300.html"))
    b = saved_page(folder, "c098.html", base_url + "f?p=" + C098_P, page("small_c098_11300.html"))
    result = cli("fetch", "--from-html", str(a), str(b), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["from_file"] == 2
    result = cli("fetch", "--from-html", str(folder), "--format", "json")
    assert json.loads(result.stdout)[0]["from_file"] == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("fetch", "--from-html", str(empty))
    assert result.exit_code == 2 and "no saved pages" in result.stderr
    result = cli("fetch", str(a))
    assert result.exit_code == 2 and "need --from-html" in result.stderr


def test_corrupt_cached_page_is_named_and_fetched_again(cli, httpserver, base_url, page, tmp_path):
    serve(httpserver, C087_P, page("small_c087_11300.html"))
    assert cli("fetch", "--base-url", base_url, "--instrument", "C087").exit_code == 0
    before = len(page_requests(httpserver))
    [cached] = (tmp_path / "cache" / "pages").iterdir()
    cached.write_text("{broken", encoding="utf-8")
    result = cli("fetch", "--base-url", base_url, "--instrument", "C087")
    assert result.exit_code == 0, result.stderr
    assert f"skipped unreadable cached page {cached}" in result.stderr
    assert len(page_requests(httpserver)) == before + 1


def test_gap_basis_summary_and_evidence_only(cli):
    result = cli("gaps", "--group", "trio", "--format", "json")
    rows = gap_rows(result)
    assert {r["basis"] for r in rows.values()} == {"curated_list", "curated_record", "no_record"}
    assert (
        "13 gaps across 3 countries and 10 instruments: 4 on cited lists,"
        " 1 on curated records, 8 without a record (no record: none found, and no complete list consulted)."
    ) in result.stderr.splitlines()
    result = cli("gaps", "--group", "trio", "--format", "json", "--evidence-only")
    rows = gap_rows(result)
    assert len(rows) == 5 and all(r["basis"] != "no_record" for r in rows.values())
    assert "8 cell(s) without a record not shown (--evidence-only)" in result.stderr
    table = cli("gaps", "--group", "trio", "--format", "plain").stdout
    assert "no record" in table and "list 2026-06" in table and "record 2020-01-01" in table
    assert "not ratified" not in [line for line in table.splitlines() if line.startswith("XC")][0]
    assert cli("gaps", "XC", "--evidence-only", "--fail-on-gaps").exit_code == 0


def test_saved_page_evidence_is_dated_by_its_copyright_line_or_labelled_as_the_file_date(cli, tmp_path, page, base_url):
    import datetime as dt
    import os

    url = base_url + "f?p=" + C098_P
    plain = saved_page(tmp_path / "a", "c098.html", url, page("small_c098_11300.html"))
    moment = dt.datetime(2026, 3, 5, 12, tzinfo=dt.timezone.utc).timestamp()
    os.utime(plain, (moment, moment))
    assert cli("fetch", "--from-html", str(plain)).exit_code == 0
    [row] = gap_rows(cli("--source", "normlex", "gaps", "XC", "--set", "C098", "--format", "json")).values()
    # No date on the page: the file's day, said to be the file's.
    assert (row["basis"], row["basis_date"], row["basis_date_kind"]) == ("normlex", "2026-03-05", "file")
    table = cli("--source", "normlex", "gaps", "XC", "--set", "C098", "--format", "plain").stdout
    assert "NORMLEX file 2026-03-05" in table

    footer = page("small_c098_11300.html").replace(
        "</body>", "<footer>Copyright and permissions 1996-2024</footer></body>"
    )
    dated = saved_page(tmp_path / "b", "c098.html", url, footer)
    later = dt.datetime(2026, 4, 1, tzinfo=dt.timezone.utc).timestamp()
    os.utime(dated, (later, later))
    assert cli("fetch", "--from-html", str(dated)).exit_code == 0
    [row] = gap_rows(cli("--source", "normlex", "gaps", "XC", "--set", "C098", "--format", "json")).values()
    # The page states its year (never a day made up from it).
    assert (row["basis_date"], row["basis_date_kind"]) == ("2024", "stated")


def test_copyright_years_of_saved_pages():
    from ratify.normlex.copy_date import stated_year

    assert stated_year("<p>Copyright and permissions 1996-2024</p>") == "2024"
    assert stated_year("<p>Copyright &copy; 1996&ndash;2025 International Labour Organization</p>") == "2025"
    assert stated_year("<p>Copyright \u00a9 2023 ILO</p>") == "2023"
    assert stated_year("<p>Copyright &copy; International Labour Organization</p>") == ""
