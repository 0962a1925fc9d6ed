"""Terminal tables at 80 and 200 columns: whole-output comparison, and nothing wider than the screen."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ratify.cli.main import app

from ..conftest import SMALL

CASES = {
    "gaps": ["gaps", "--group", "trio"],
    "show_country": ["show", "XB"],
    "show_instrument": ["show", "C087", "--notes"],
    "matrix": ["matrix", "--set", "fundamental"],
    "timeline": ["timeline", "XA"],
    "targets": ["targets"],
    "export": ["export", "XB"],
    "validate": ["validate"],
    "countries": ["countries"],
    "conventions": ["conventions", "--set", "fundamental"],
}


def table(args: list[str], width: int):
    runner = CliRunner(env={"COLUMNS": str(width), "NO_COLOR": "1"})
    return runner.invoke(app, ["--data-dir", str(SMALL), *args, "--format", "table"])


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("name", sorted(CASES))
def test_table_layout(golden, name, width):
    result = table(CASES[name], width)
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    golden(f"layout/{name}_{width}.txt", result.stdout.replace(str(SMALL), "<data>"))


def test_codes_dates_and_states_are_never_cut_at_80_columns():
    out = table(["show", "XB"], 80).stdout
    assert "…" not in out
    assert "denounced" in out and "2020-01-01" in out and "2016-05" in out and "C105" in out


def test_a_wide_matrix_is_split_into_blocks_repeating_the_country():
    out = table(["matrix", "--set", "fundamental"], 40).stdout
    titles = [line.rstrip() for line in out.splitlines() if line.startswith("Ratification matrix")]
    assert len(titles) > 1 and titles[0].endswith(f"(1/{len(titles)})")
    assert sum(line.startswith("XA ") for line in out.splitlines()) == len(titles)
    assert "…" not in out


def test_bars_scale_to_the_width():
    def longest_bar(width: int) -> int:
        return max(line.count("█") for line in table(["timeline", "XA"], width).stdout.splitlines())

    assert longest_bar(60) < longest_bar(200) <= 40


def test_notes_show_detail_columns_in_tables_only_on_request():
    plain = table(["export", "XB"], 200).stdout
    assert "Source" not in plain
    assert "Source" in table(["export", "XB", "--notes"], 200).stdout
    assert "Source" in table(["export", "XB", "-v"], 200).stdout
