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
        capture_output=True, text=True, env=env, **kwargs,
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
        stderr=subprocess.PIPE, text=True, env=env,
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
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert after.returncode == 0 and after.stdout == before.stdout


def test_debug_after_the_command_shows_the_traceback():
    result = ratify("gaps", "ZZ", "--debug")
    assert result.returncode == 2 and "Traceback" in result.stderr


def test_a_huge_argument_is_not_echoed_whole():
    result = ratify("gaps", "X" * 100_000)
    assert result.returncode == 2 and len(result.stderr) < 300
    assert "(100000 characters)" in result.stderr
