"""`ratify report`: the Markdown against golden files, the HTML's content and safety, the options."""

from __future__ import annotations

import datetime as _dt
import json
import re
import subprocess
import sys

import pytest

from ratify.report import build_report, format_for_path, render
from ratify.report.layout import _md_cell

from ..conftest import SMALL


def test_markdown_golden(run, golden):
    result = run("report", "--group", "trio", "--as-of", "2026-06-01", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    golden("report.md", result.stdout)


def test_markdown_golden_on_a_past_day(run, golden):
    result = run("report", "XA", "XB", "--as-of", "2016-11-04", "--format", "md")
    assert result.exit_code == 0, result.stderr
    golden("report_2016.md", result.stdout)


def test_format_from_the_output_extension(run, tmp_path):
    html, md = tmp_path / "r.html", tmp_path / "r.md"
    assert run("report", "--as-of", "2026-06-01", "-o", str(html)).exit_code == 0
    assert run("report", "--as-of", "2026-06-01", "--output", str(md)).exit_code == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert md.read_text(encoding="utf-8").startswith("# Ratification of ILO conventions")
    assert not list(tmp_path.glob(".*.tmp"))  # written through a temporary file, none left
    forced = tmp_path / "r.txt"
    assert run("report", "--format", "markdown", "-o", str(forced)).exit_code == 0
    assert forced.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    "args,message",
    [
        (["-o", "report.pdf"], "cannot tell the format from 'report.pdf'"),
        (["--format", "pdf"], "unknown report format 'pdf'"),
        (["--as-of", "yesterday-ish"], "--as-of"),
        (["XZ"], "unknown country 'XZ'"),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(run, tmp_path, monkeypatch, args, message):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run("report", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("ratify: error: ") and message in result.stderr
    assert not list(work.iterdir())


def test_format_for_path():
    from pathlib import Path

    assert format_for_path(None, None) == "html"
    assert format_for_path(Path("a.HTM"), None) == "html"
    assert format_for_path(Path("a.markdown"), None) == "markdown"
    assert format_for_path(Path("a.html"), "md") == "markdown"  # an explicit format wins


def test_html_is_self_contained_and_escaped(small):
    small.instruments["C029"].title = 'Forced <script>alert("x")</script> Labour'
    small.countries["XA"].ratifications[1].source = 'https://example.org/a?b=1&c="2"'
    html = render(build_report(small, list(small.countries.values()), _dt.date(2026, 6, 1)), "html")
    assert "<script" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'href="https://example.org/a?b=1&amp;c=&#34;2&#34;"' in html
    # Nothing is loaded when the page opens: no scripts, stylesheets, fonts or images from elsewhere.
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert "@import" not in html and "url(http" not in html and "@font-face" not in html


def test_embedded_data_html_has_no_external_resources(run):
    result = run("report", "--group", "all", "--format", "html", data_dir=None)
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert re.findall(r'\bsrc="', html) == []
    for name in ("Kazakhstan", "Kyrgyzstan", "Mongolia", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        assert name in html


def test_numbers_agree_with_the_tables(run, small):
    countries = small.resolve_countries([], "trio")
    content = build_report(small, countries, _dt.date(2026, 6, 1))
    gaps_json = json.loads(run("gaps", "--group", "trio", "--as-of", "2026-06-01", "--format", "json").stdout)
    assert [(g.country, g.instrument, g.reason) for g in content.gaps if g.set_name == "fundamental"] == [
        (g["country"], g["instrument"], g["reason"]) for g in gaps_json
    ]
    for headline in content.headlines:
        shown = json.loads(run("show", headline.code, "--as-of", "2026-06-01", "--format", "json").stdout)
        assert [(c.set_name, c.ratified, c.total) for c in headline.counts] == [
            (c["set_name"], c["ratified"], c["total"]) for c in shown["counts"]
        ]
    matrix = json.loads(run("matrix", "--group", "trio", "--as-of", "2026-06-01", "--format", "json").stdout)
    grid = next(g for g in content.grids if g.set_name == "fundamental")
    states = {(c["country"], c["instrument"]): c["state"] for c in matrix["cells"]}
    kinds = {
        "ratified": "ratified",
        "status-unknown": "status_unknown",
        "pending": "pending",
        "denounced": "denounced",
        "gap": "not_ratified",
        "no-record": "not_ratified",
        "uncertain": "uncertain",
    }
    for group in grid.groups:
        for row in group.rows:
            for code, cell in zip(grid.countries, row.cells, strict=False):
                assert kinds[cell.kind] == states[(code, row.instrument)]


def test_every_cell_has_a_symbol_and_words(small):
    html = render(build_report(small, list(small.countries.values()), _dt.date(2026, 6, 1)), "html")
    cells = re.findall(
        r'<td class="cell k-[a-z-]+" title="[^"]+"><span class="sym" aria-hidden="true">(.)</span>(.*?)</td>', html
    )
    assert len(cells) == 3 * (10 + 1 + 13)
    assert all(symbol.strip() and re.sub(r"<[^>]+>", "", text).strip() for symbol, text in cells)
    assert html.count('<th scope="col">') > 20 and '<th scope="row">' in html


def test_gaps_say_what_they_rest_on(small):
    text = render(build_report(small, small.resolve_countries([], "trio"), _dt.date(2026, 6, 1)), "markdown")
    # XA and XB are covered by a cited complete list of the fundamental conventions; XC is not.
    assert (
        "| XA | C187 | Promotional Framework for Occupational Safety and Health Convention, 2006 | fundamental | ✗ not_ratified | cited complete list (2026-06) | test fixture (fundamental table) |"
        in text
    )
    assert (
        "| XC | C087 | Freedom of Association and Protection of the Right to Organise Convention, 1948 | fundamental | – no_record | no record | none recorded |"
        in text
    )
    assert "- fundamental: 13 gaps: 4 on cited lists, 1 on curated records, 8 without a record" in text


def test_no_record_is_never_shown_as_a_gap(small):
    content = build_report(small, small.resolve_countries([], "trio"), _dt.date(2026, 6, 1))
    grid = next(g for g in content.grids if g.set_name == "fundamental")
    xc = grid.countries.index("XC")
    kinds = {row.instrument: row.cells[xc].kind for group in grid.groups for row in group.rows}
    assert kinds["C087"] == "no-record" and "gap" not in kinds.values()
    xa = grid.countries.index("XA")
    c187 = next(row for group in grid.groups for row in group.rows if row.instrument == "C187")
    assert c187.cells[xa].kind == "gap" and "cited complete list of 2026-06" in c187.cells[xa].label


def test_regional_shares_only_with_data_for_other_countries(small):
    chosen = [small.countries["XA"]]
    assert build_report(small, chosen, _dt.date(2026, 6, 1)).regional is None
    for code, region in (("XA", "Europe and Central Asia"), ("XB", "Europe and Central Asia"), ("XC", "Africa")):
        small.countries[code].region = region
    content = build_report(small, chosen, _dt.date(2026, 6, 1))
    assert content.regional is not None
    europe = next(r for r in content.regional.regions if r.region == "Europe and Central Asia")
    ids = content.regional.instruments
    assert europe.shares[ids.index("C087")] == (2, 2)
    assert europe.shares[ids.index("C138")] == (1, 2)  # XB's absence rests on the cited list
    africa = next(r for r in content.regional.regions if r.region == "Africa")
    # XC has no complete list: "no record" counts on neither side of the share.
    assert africa.shares[ids.index("C029")] == (1, 1) and africa.shares[ids.index("C087")] == (0, 0)
    text = render(content, "markdown")
    assert "## ILO regions" in text and "| Africa | 1 | 100% (1/1) | no data |" in text


def test_recent_ratifications_count_only_sure_dates(small):
    [xc] = small.resolve_countries(["XC"])
    headline = build_report(small, [xc], _dt.date(2026, 6, 1)).headlines[0]
    # C187 registered 2026-03-01 surely falls in the year to 2026-06-01; C190 "2025" only may.
    assert (headline.recent, headline.recent_possible) == (1, 1)


def test_markdown_cells_cannot_break_the_table():
    assert _md_cell("a | b\nc") == "a \\| b c"


def test_only_the_report_command_imports_jinja2():
    code = (
        "import sys\n"
        f"sys.argv = ['ratify', '--data-dir', {str(SMALL)!r}, 'gaps']\n"
        "from ratify.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('JINJA=' + str('jinja2' in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "JINJA=False" in out.stderr


def test_report_package_is_core_code():
    code = (
        "import sys, ratify.report.content, ratify.report.layout\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click', 'jinja2'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""  # and Jinja2 only once something is rendered


def test_merged_data_names_the_snapshot_and_rests_gaps_on_its_pages(run):
    from pathlib import Path

    page = (
        Path(__file__).resolve().parents[1] / "normlex" / "pages" / "small_c098_11300.html"
    )  # XC not among the ratifications
    assert run("fetch", "--from-html", str(page)).exit_code == 0
    result = run("report", "--group", "trio", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    head = result.stdout.split("## Headlines")[0]
    assert "Data: merged: curated + 1 NORMLEX page fetched " in head
    assert (
        "| XC | C098 | Right to Organise and Collective Bargaining Convention, 1949 | fundamental | ✗ not_ratified | NORMLEX page ("
        in result.stdout
    )
    assert "- fundamental: 13 gaps: 1 on NORMLEX pages, 4 on cited lists" in result.stdout


def test_regional_shares_do_not_build_member_states_packed_records(small):
    # World-scale data keeps member States' NORMLEX records packed; the report asks whether a
    # country has records, and builds only those of the instruments it reads.
    from types import SimpleNamespace

    from ratify.model import pack_normlex

    chosen = [small.countries["XA"]]
    for code, region in (("XA", "Europe and Central Asia"), ("XB", "Europe and Central Asia"), ("XC", "Africa")):
        small.countries[code].region = region
    xb = small.countries["XB"]
    rows = [
        SimpleNamespace(
            instrument=r.instrument,
            date=str(r.date) if r.date else None,
            status=r.status,
            url=r.source,
            note=r.note,
            denounced=r.denounced,
            denounced_by=r.denounced_by,
        )
        for r in xb.ratifications
    ]
    pack_normlex(xb, rows)
    content = build_report(small, chosen, _dt.date(2026, 6, 1))
    assert content.regional is not None
    assert "ratifications" not in xb.__dict__
