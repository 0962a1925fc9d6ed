"""The README's console examples are real output: each is run and compared.

A block starting with ``$ ratify ARGS`` is compared line by line with stdout followed by
stderr (the "source: ..." note is left out of the README). A line ``...`` stands for lines
left out: the parts around it must appear in order. Blocks whose command line carries a
``#`` comment show an excerpt and are only run.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ratify.cli.main import app

README = Path(__file__).resolve().parents[1] / "README.md"


def console_examples() -> list[tuple[str, list[str]]]:
    blocks = re.findall(r"```console\n(.*?)```", README.read_text(), re.S)
    examples = []
    for block in blocks:
        first, *rest = block.rstrip("\n").split("\n")
        assert first.startswith("$ ratify "), first
        examples.append((first[2:], rest))
    return examples


def chunks(lines: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for line in lines:
        if line == "...":
            parts.append([])
        else:
            parts[-1].append(line)
    return parts


def appears_in_order(parts: list[list[str]], actual: list[str]) -> bool:
    position = 0
    for index, part in enumerate(parts):
        if not part:
            continue
        width = len(part)
        if index == 0:  # the first part starts the output
            if actual[:width] != part:
                return False
            position = width
            continue
        for start in range(position, len(actual) - width + 1):
            if actual[start : start + width] == part:
                position = start + width
                break
        else:
            return False
    return True


@pytest.mark.parametrize("command,expected", console_examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_readme_console_example(command, expected):
    shown, _, comment = command.partition("#")
    args = shlex.split(shown)[1:]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    if comment:
        return
    actual = [line.rstrip() for line in (result.stdout + result.stderr).splitlines() if not line.startswith("source: ")]
    expected = [line.rstrip() for line in expected]
    if "..." not in expected:
        assert actual == expected
    else:
        assert appears_in_order(chunks(expected), actual), "\n".join(actual)
