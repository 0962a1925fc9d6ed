"""--output: the file is replaced whole or not at all (full disk, size limit, bad folder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_output_replaces_the_file_whole(run, tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "report.csv"
    out.write_text("old report\n")
    out.chmod(0o640)
    result = run("gaps", "--format", "csv", "--output", str(out))
    assert result.exit_code == 0
    assert out.read_text().startswith("country,")
    assert oct(out.stat().st_mode & 0o777) == oct(0o640)  # keeps the file's permissions
    assert [p.name for p in out.parent.iterdir()] == ["report.csv"]  # no temporary file left


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE")
def test_a_size_limit_keeps_the_old_report(tmp_path):
    out = tmp_path / "export.json"
    out.write_text("the previous export\n")
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"  # a failed write, not a killed process
        "resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))\n"
        "from ratify.cli.main import main\n"
        "sys.argv = ['ratify', 'export', '--format', 'json', '--output', sys.argv[1]]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "RATIFY_NO_DATA_CACHE": "1"}
    result = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert result.stderr.startswith(f"ratify: error: cannot write {out}:") and result.stderr.count("\n") == 1
    assert out.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_device_is_one_line(run):
    result = run("gaps", "--output", "/dev/full")
    assert result.exit_code == 2
    assert "cannot write /dev/full: No space left on device" in result.output


def test_a_missing_folder_is_one_line(run, tmp_path):
    result = run("gaps", "--output", str(tmp_path / "nowhere" / "x.md"))
    assert result.exit_code == 2
    assert result.output.startswith("ratify: error: cannot write ")
