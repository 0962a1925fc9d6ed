"""Outside the happy path: closed pipes and stdout, unwritable outputs, narrow encodings, -o."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import SMALL

SRC = Path(__file__).resolve().parents[2] / "src"


def ratify(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SRC), **kwargs.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "ratify", "--data-dir", str(SMALL), *args],
        capture_output=True,
        text=True,
        env=env,
        **kwargs,
    )


def test_a_reader_that_stops_early_is_not_a_failure():
    """`ratify export | head -1` under pipefail: exit 0, no traceback."""
    code = (
        "import subprocess, sys\n"
        f"p = subprocess.Popen([sys.executable, '-m', 'ratify', '--data-dir', {str(SMALL)!r}, 'export',"
        " '--format', 'json'], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "p.stdout.readline(); p.stdout.close()\n"
        "err = p.stderr.read().decode(); print(p.wait()); print('Traceback' in err)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["0", "False"]


def test_closed_stdout_is_one_line():
    """`ratify gaps >&-`"""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m ratify --data-dir "{SMALL}" gaps >&-'],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "ratify: error: standard output is closed: use --output FILE"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_device_is_one_line_exit_2():
    result = ratify("export", "-o", "/dev/full")
    assert result.returncode == 2
    assert result.stderr == "ratify: error: cannot write /dev/full: No space left on device\n"


def test_a_directory_as_output_is_one_line_exit_2(tmp_path):
    result = ratify("export", "-o", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"ratify: error: cannot write {tmp_path}: Is a directory\n"


def test_a_cp1252_console_gets_no_traceback():
    result = ratify("timeline", "XA", "--format", "table", env={"PYTHONIOENCODING": "cp1252", "COLUMNS": "80"})
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "XA C005" in result.stdout


def test_dash_is_stdout_and_the_extension_picks_the_format(tmp_path):
    assert ratify("gaps", "-o", "-", "-f", "csv").stdout.startswith("country,country_name,")
    target = tmp_path / "gaps.json"
    result = ratify("gaps", "--group", "trio", "-o", str(target))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(target.read_text())[0]["country"] == "XA"
    odd = tmp_path / "gaps.out"
    result = ratify("gaps", "-o", str(odd))
    assert f"ratify: warning: wrote plain text to {odd}" in result.stderr


def test_shared_options_after_the_command():
    before = ratify("gaps", "--format", "csv")
    after = subprocess.run(
        [sys.executable, "-m", "ratify", "gaps", "--data-dir", str(SMALL), "--source", "curated", "--format", "csv"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert after.returncode == 0 and after.stdout == before.stdout


def test_debug_after_the_command_shows_the_traceback():
    result = ratify("gaps", "ZZ", "--debug")
    assert result.returncode == 2 and "Traceback" in result.stderr


def test_a_huge_argument_is_not_echoed_whole():
    result = ratify("gaps", "X" * 100_000)
    assert result.returncode == 2 and len(result.stderr) < 300
    assert "(100000 characters)" in result.stderr


def test_upgrades_are_one_json_document_and_refused_in_csv():
    import json as _json

    doc = _json.loads(ratify("gaps", "XB", "--upgrades", "-f", "json").stdout)
    assert set(doc) == {"gaps", "upgrades"} and doc["upgrades"][0]["replaces"] == ["C005"]
    refused = ratify("gaps", "XB", "--upgrades", "-f", "csv")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.startswith("ratify: error: CSV holds one table")


def test_format_guards_leave_plain_values_and_escape_markdown():
    import io

    from ratify.output import Column, Report
    from ratify.output.formats import neutralise, render

    assert [neutralise(v) for v in ("-", "-5", "+3.5", "2016-05")] == ["-", "-5", "+3.5", "2016-05"]
    assert [neutralise(v) for v in ("=SUM(A1)", "-1+1", "@x", "+cmd")] == ["'=SUM(A1)", "'-1+1", "'@x", "'+cmd"]
    out = io.StringIO()
    render(Report([Column("note", "Note")], [{"note": "a | b <i>x</i>"}]), "markdown", out)
    assert "a \\| b &lt;i&gt;x&lt;/i&gt;" in out.getvalue()
    assert out.getvalue().splitlines()[-1].count("|") - out.getvalue().splitlines()[-1].count("\\|") == 2
