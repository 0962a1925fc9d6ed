"""Every command through CliRunner; whole-output comparison for machine formats."""

import csv
import io
import json
import shutil

import pytest

from ratify import __version__

from ..conftest import SMALL


@pytest.mark.parametrize(
    "name,args",
    [
        ("gaps.json", ["gaps", "--group", "trio", "--format", "json"]),
        ("gaps.csv", ["gaps", "--group", "trio", "--format", "csv"]),
        ("gaps_as_of.json", ["gaps", "--group", "trio", "--as-of", "2016-11-04", "--format", "json"]),
        ("export.json", ["export", "--format", "json"]),
        ("export.csv", ["export", "--format", "csv"]),
        ("export_as_of.csv", ["export", "--as-of", "2016-11-04", "--format", "csv"]),
        ("matrix.csv", ["matrix", "--format", "csv"]),
        ("matrix.md", ["matrix", "--set", "fundamental", "--format", "markdown"]),
        ("targets.json", ["targets", "--as-of", "2026-01-01", "--format", "json"]),
        ("peers.json", ["peers", "XC", "--format", "json"]),
        ("timeline.csv", ["timeline", "XA", "--format", "csv"]),
        ("show_country.json", ["show", "XB", "--format", "json"]),
        ("show_instrument.csv", ["show", "c87", "--format", "csv"]),
        ("conventions.tsv", ["conventions", "--format", "tsv"]),
        ("countries.json", ["countries", "--format", "json"]),
        ("validate.csv", ["validate", "--format", "csv"]),
    ],
)
def test_machine_formats_golden(run, golden, name, args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    golden(name, result.stdout.replace(str(SMALL), "<data>"))


def test_gaps_json_shape(run):
    rows = json.loads(run("gaps", "--group", "trio", "--format", "json").stdout)
    assert rows and all({"country", "instrument"} <= set(r) for r in rows)
    assert {"country": "XB", "instrument": "C105"}.items() <= next(
        r for r in rows if r["instrument"] == "C105" and r["country"] == "XB"
    ).items()


def test_export_json_shape(run):
    rows = json.loads(run("export", "--format", "json").stdout)
    assert len(rows) == 23
    first = rows[0]
    assert {k: first[k] for k in ("country", "instrument", "date", "status", "source")} == {
        "country": "XA",
        "instrument": "C005",
        "date": "1950-02-01",
        "status": "denounced",
        "source": "test fixture",
    }
    assert {r["date"] for r in rows if r["country"] == "XB" and r["instrument"] in ("C029", "C098")} == {
        "2016",
        "2016-05",
    }


def test_plain_default_when_piped_has_no_escape_codes(run):
    result = run("matrix")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert result.stdout.splitlines()[2].split() == [
        "Country",
        "C029",
        "C087",
        "C098",
        "C100",
        "C105",
        "C111",
        "C138",
        "C155",
        "C182",
        "C187",
    ]


def test_table_format_and_tabulate_formats(run):
    table = run("gaps", "XC", "--format", "table", "--notes")
    assert table.exit_code == 0 and "Gammaria" in table.stdout and "\x1b[" not in table.stdout  # NO_COLOR
    latex = run("gaps", "XC", "--format", "latex")
    assert latex.stdout.startswith("\\begin{tabular}")
    github = run("countries", "--format", "github")
    assert github.stdout.splitlines()[0].startswith("| Code")


def test_unknown_format_is_a_usage_error(run):
    result = run("gaps", "--format", "yaml-ish")
    assert result.exit_code == 2
    assert result.stderr.startswith("ratify: error: unknown format 'yaml-ish'")


def test_output_file(run, tmp_path):
    target = tmp_path / "gaps.json"
    result = run("gaps", "--group", "trio", "--format", "json", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text()) == json.loads(run("gaps", "--group", "trio", "--format", "json").stdout)
    assert f"wrote {target}" in result.stderr


def test_fail_on_gaps_is_a_ci_gate(run):
    assert run("gaps", "--group", "trio", "--fail-on-gaps").exit_code == 1
    clean = run("gaps", "XA", "--set", "C029,C087", "--fail-on-gaps")
    assert clean.exit_code == 0, clean.stderr
    assert "0 gaps across 1 country and 2 instruments." in clean.stderr
    one = run("gaps", "XA", "--set", "C029", "--format", "plain")
    # One totals line, each count in its own number.
    totals = [line for line in one.stderr.splitlines() if " across " in line]
    assert totals == ["0 gaps across 1 country and 1 instrument."]


def test_fail_on_open_targets(run):
    assert run("targets", "--fail-on-open").exit_code == 1
    assert run("targets", "XA", "--fail-on-open", "--as-of", "2010-01-01").exit_code == 0  # none set by then


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["gaps", "ZZ"],
            "ratify: error: unknown country 'ZZ' (known: XA, XB, XC; or any ILO member State by ISO code or name)",
        ),
        (["show", "C999"], "ratify: error: unknown country or instrument 'C999'"),
        (["gaps", "--set", "C999"], "ratify: error: unknown instrument 'C999' (expected e.g. C087, 87 or P029)"),
        (
            ["gaps", "--set", "nosuchset"],
            "ratify: error: unknown set 'nosuchset' (known sets: fundamental, governance, osh, up-to-date; or instrument ids such as C155,C187)",
        ),
        (
            ["gaps", "--set", "fundamentals"],
            "ratify: error: unknown set 'fundamentals' (did you mean fundamental? known sets: fundamental, governance, osh, up-to-date; or instrument ids such as C155,C187)",
        ),
        (
            ["gaps", "--set", ""],
            "ratify: error: empty instrument set (give a set name: fundamental, governance, osh, up-to-date; or ids such as C155,C187)",
        ),
        (["gaps", "Alphalnd"], "ratify: error: unknown country 'Alphalnd' (did you mean Alphaland (XA)?)"),
        (
            ["gaps", "XA", "--group", "trio"],
            "ratify: error: name countries or a group, not both (got XA and --group trio); a group name may also be given as a country argument",
        ),
        (
            ["timeline", "C155", "--set", "fundamental"],
            "ratify: error: the timeline of C155 is about that instrument alone: drop --set fundamental",
        ),
        (
            ["show", "XA", "--group", "trio"],
            "ratify: error: --group chooses the countries of an instrument's profile; XA is a country",
        ),
        (
            ["conventions", "--category", "fundamentl"],
            "ratify: error: --category: unknown value 'fundamentl' (did you mean fundamental? expected fundamental, governance, technical)",
        ),
        (
            ["gaps", "--as-of", "2016-13"],
            "ratify: error: --as-of: invalid date '2016-13': use YYYY-MM-DD, or YYYY-MM or YYYY for the end of that period",
        ),
        (
            ["fetch", "--set", "fundamental", "--base-url", "normlex.ilo.org"],
            "ratify: error: --base-url: not an http(s) URL: 'normlex.ilo.org' (e.g. https://normlex.ilo.org/dyn/normlex/en/)",
        ),
        (
            ["gaps", "--nosuch"],
            "ratify: error: No such option: --nosuch (Possible options: --notes, --source) (see 'ratify gaps --help')",
        ),
        (
            ["gaps", "--group", "nosuch"],
            "ratify: error: unknown group 'nosuch' (known: africa, all, americas, arab-states, asia-pacific, europe-central-asia, pair, trio, world)",
        ),
        (
            ["gaps", "--as-of", "2016-02-30"],
            "ratify: error: --as-of: invalid date '2016-02-30': use YYYY-MM-DD, or YYYY-MM or YYYY for the end of that period",
        ),
    ],
)
def test_bad_arguments_exit_2_with_one_line(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert result.stdout == ""


def test_broken_yaml_exit_2_names_file_and_line(run, tmp_path):
    for name in ("conventions.yaml", "countries.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    path = tmp_path / "conventions.yaml"
    lines = path.read_text().splitlines()
    lines[5] = "  governance: [oops"
    path.write_text("\n".join(lines) + "\n")
    result = run("gaps", data_dir=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ratify: error: {path}:")
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_debug_shows_the_traceback(run):
    result = run("--debug", "gaps", "ZZ")
    assert result.exit_code != 0 and result.exception is not None


def test_forgiving_arguments(run):
    for spelling in ("XA", "xaa", "Alphaland", "alphaland"):
        assert run("show", spelling, "--format", "json").exit_code == 0
    for spelling in ("C87", "87", "c087"):
        assert json.loads(run("show", spelling, "--format", "json").stdout)["instrument"] == "C087"
    assert json.loads(run("show", "P29", "--format", "json").stdout)["instrument"] == "P029"


def test_data_dir_from_environment(monkeypatch, run):
    monkeypatch.setenv("RATIFY_DATA_DIR", str(SMALL))
    result = run("countries", "--format", "csv", data_dir=None)
    assert result.stdout.splitlines()[1].startswith("XA,Alphaland")


def test_csv_neutralises_formulas(run, tmp_path):
    for name in ("conventions.yaml", "countries.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    path = tmp_path / "countries.yaml"
    path.write_text(path.read_text().replace('note: "Minimum age specified: 16 years"', 'note: "=HYPERLINK(\\"x\\")"'))
    out = run("export", "XA", "--format", "csv", data_dir=tmp_path).stdout
    assert "'=HYPERLINK" in out and ",=HYPERLINK" not in out


def test_version(run):
    assert run("--version").stdout == f"ratify {__version__}\n"  # help per command: tests/cli/test_help.py


def test_validate_reports_errors_with_exit_2(run, tmp_path):
    for name in ("conventions.yaml", "countries.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    path = tmp_path / "countries.yaml"
    text = path.read_text()
    text = text.replace('{instrument: C029, date: "1993"', '{instrument: C999, date: "1993"')
    text = text.replace(
        '{instrument: C105, date: "1999", status: denounced, denounced: "2020-01-01"',
        '{instrument: C105, date: "1999", status: denounced',
    )
    text = text.replace("instruments: [C155, C187]\n    start", "instruments: [C155, C888]\n    start")
    text = text.replace('{instrument: C182, date: "2004"', '{instrument: C182, date: "1998"')
    text = text.replace('{instrument: C087, date: "1992-03-31"', '{instrument: C087, date: "1991"')
    text = text.replace(
        '{instrument: C029, date: "1950-02-01", status: in_force, source: test fixture}',
        '{instrument: C029, date: "1950-02-01", status: in_force, source: test fixture}\n      - {instrument: C029, date: "1951", status: in_force, source: test fixture}',
    )
    path.write_text(text)
    result = run("validate", "--format", "csv", data_dir=tmp_path)
    assert result.exit_code == 2
    out = result.stdout
    for expected in [
        "XC C999: unknown instrument",
        "XB C105: denounced without a date",
        "target trio-osh names unknown instrument C888",
        "XB C182: registered 1998, before the instrument's adoption (1999)",
        "XB C087: registered 1991, before ILO membership (1992-03-31)",
        "duplicate ratification XA C029",
    ]:
        assert expected in out, expected


def test_validate_strict_fails_on_warnings(run):
    assert run("validate").exit_code == 0
    assert run("validate", "--strict").exit_code == 1


def test_no_arguments_shows_help(run):
    result = run()
    assert "Usage" in result.stdout and "Exit codes" in result.stdout
    assert result.exit_code == 0


def test_reports_say_which_data_they_used(run):
    result = run("gaps", "--format", "csv")
    assert result.stderr.splitlines()[-1] == "source: curated data (checked 2026-01-01)"


def test_source_normlex_without_a_snapshot_is_a_usage_error(run):
    result = run("--source", "normlex", "gaps")
    assert result.exit_code == 2
    assert result.stderr == "ratify: error: no NORMLEX snapshot: run `ratify fetch` first\n"


def test_validate_checks_undated_ratifications_too(run, tmp_path):
    for name in ("conventions.yaml", "countries.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    path = tmp_path / "countries.yaml"
    path.write_text(
        path.read_text().replace(
            '{instrument: C105, date: "1999", status: denounced, denounced: "2020-01-01"',
            "{instrument: C105, status: denounced",
        )
    )
    out = run("validate", "--format", "csv", data_dir=tmp_path).stdout
    assert "XB C105: no registration date" in out
    assert "XB C105: denounced without a date" in out


def test_comma_separated_countries_and_period_dates(run):
    assert run("gaps", "XA,XB", "-f", "csv").stdout == run("gaps", "XA", "XB", "-f", "csv").stdout
    assert (
        run("gaps", "--as-of", "2016", "-f", "json").stdout == run("gaps", "--as-of", "2016-12-31", "-f", "json").stdout
    )
    assert (
        run("gaps", "--as-of", "2016-02", "-f", "json").stdout
        == run("gaps", "--as-of", "2016-02-29", "-f", "json").stdout
    )


def test_gaps_summarises_every_country_asked_about(run):
    lines = run("gaps", "--group", "trio").stderr.splitlines()
    assert lines[0].startswith("XA 9/10: C187")
    assert any(line.startswith("XC ") for line in lines)


def test_data_dir_naming_a_file(run):
    result = run("gaps", data_dir=SMALL / "countries.yaml")
    assert result.exit_code == 2
    assert "is a file: give the directory holding conventions.yaml and countries.yaml" in result.stderr


def test_gaps_summary_shares_one_line_for_complete_countries_past_a_region(small):
    from ratify import analysis
    from ratify.output.views import gaps_summary

    countries = small.resolve_countries([], "trio")
    result = analysis.gaps(small, countries, small.resolve_instruments("C029"), None, "C029")
    assert gaps_summary(result) == ["XA 1/1 C029", "XB 1/1 C029", "XC 1/1 C029"]
    assert gaps_summary(result, compact_after=2) == ["3 countries 1/1 C029: XA, XB, XC"]


def test_export_json_carries_the_research_trail(run, tmp_path):
    import shutil

    from ..conftest import SMALL

    for name in ("conventions.yaml", "countries.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    path = tmp_path / "countries.yaml"
    old = '{instrument: C029, date: "1950-02-01", status: in_force, source: test fixture}'
    new = old[:-1] + ', sources: [{url: "https://example.org/c29", says: "Ratification: 1950", consulted: "2026-11"}]}'
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))
    rows = json.loads(run("export", "--format", "json", data_dir=tmp_path).stdout)
    trail = {(r["country"], r["instrument"]): r["sources"] for r in rows}
    assert trail[("XA", "C029")] == [
        {"url": "https://example.org/c29", "says": "Ratification: 1950", "consulted": "2026-11"}
    ]
    assert trail[("XA", "C087")] == []
    csv_header = run("export", "--format", "csv", data_dir=tmp_path).stdout.splitlines()[0]
    assert "sources" not in csv_header  # a list has no place in a CSV cell; JSON carries it


def test_validate_names_rules_and_ignores_known_warnings(run):
    rows = list(csv.DictReader(io.StringIO(run("validate", "--format", "csv").stdout)))
    assert [r["rule"] for r in rows] == ["stated-but-not-found"]
    result = run("validate", "--strict", "--ignore", "stated-but-not-found")
    assert result.exit_code == 0, result.stderr
    assert "warnings left out (--ignore): stated-but-not-found" in result.stderr
    assert "0 warning(s)" in result.stderr
    both = run("validate", "--strict", "--ignore", "status-unknown, stated-but-not-found")
    assert both.exit_code == 0, both.stderr
    assert run("validate", "--strict", "--ignore", "status-unknown").exit_code == 1


@pytest.mark.parametrize(
    "rule,message",
    [
        ("nosuch", "--ignore: unknown rule nosuch (warning rules: "),
        ("duplicate-ratification", "--ignore: duplicate-ratification is an error rule: errors cannot be ignored"),
    ],
)
def test_validate_ignore_refuses_unknown_and_error_rules(run, rule, message):
    result = run("validate", "--ignore", rule)
    assert result.exit_code == 2
    assert result.stderr.startswith("ratify: error: " + message)
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_conventions_not_recorded_lists_the_unclassified(run, tmp_path):
    for name in ("conventions.yaml", "countries.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    path = tmp_path / "conventions.yaml"
    text = path.read_text()
    old = "category: governance, status: up-to-date, source: test fixture"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "category: governance, source: test fixture"))
    rows = json.loads(run("conventions", "--status", "not-recorded", "--format", "json", data_dir=tmp_path).stdout)
    assert [r["id"] for r in rows] == ["C081"] and rows[0]["status"] is None
    assert rows[0]["status_source"] is None  # no status, so no evidence for one
    up_to_date = json.loads(run("conventions", "--status", "up-to-date", "--format", "json", data_dir=tmp_path).stdout)
    assert "C081" not in [r["id"] for r in up_to_date] and "C029" in [r["id"] for r in up_to_date]
    wrong = run("conventions", "--status", "nosuch")
    assert wrong.exit_code == 2 and "not-recorded" in wrong.stderr
