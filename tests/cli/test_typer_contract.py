"""The start-up shortcut for absent option values must give exactly what Typer gives.

`ratify.cli.runtime` skips Typer's coercion of values the user did not give (it would import
pydantic on every run). These tests fail when a Typer release changes what that coercion
returns, or where it happens: then re-check the shortcut and move the pin in pyproject.toml.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from packaging.specifiers import SpecifierSet

from ratify.cli.main import app

ROOT = Path(__file__).resolve().parents[2]


def _typer_pin() -> SpecifierSet:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'"typer([^";]*)"', text)
    assert match, "typer is not a dependency in pyproject.toml"
    return SpecifierSet(match.group(1))


def test_installed_typer_is_in_the_pinned_range():
    pin = _typer_pin()
    assert pin.contains(typer.__version__), (
        f"typer {typer.__version__} is outside {pin}: check the absent-value shortcut in "
        "ratify/cli/runtime.py against this Typer, then move the pin"
    )
    assert "<" in str(pin), "the shortcut relies on Typer internals: keep an upper bound on typer"


def _parameters():
    group = typer.main.get_command(app)
    commands = [("ratify", group, None)]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        commands.append((name, command, group))
    for name, command, parent in commands:
        parent_ctx = typer.Context(parent) if parent is not None else None
        ctx = typer.Context(command, parent=parent_ctx, info_name=name)
        for param in command.get_params(ctx):
            yield name, param, ctx


PARAMETERS = list(_parameters())


def test_every_command_has_parameters_to_check():
    names = {name for name, _, _ in PARAMETERS}
    assert {"ratify", "gaps", "show", "fetch", "diff"} <= names


@pytest.mark.parametrize("name,param,ctx", PARAMETERS, ids=[f"{n}:{p.name}" for n, p, _ in PARAMETERS])
def test_shortcut_gives_what_typer_gives(name, param, ctx):
    process = param.process_value
    if param.required:
        assert not hasattr(process, "typer_process_value"), "required parameters keep Typer's own path"
        return
    assert hasattr(process, "typer_process_value"), f"{name} {param.name}: the shortcut is not installed"
    assert process(ctx, None) == process.typer_process_value(ctx, None)
    # Given text, for parameters declared as text: the shortcut hands on what Typer gives.
    from ratify.cli.runtime import _GIVEN_TEXT

    if param.name not in _GIVEN_TEXT.get(name, {}):
        return
    several = param.multiple or param.nargs == -1
    for given in [("KZ", "a/../b"), ("C155",), ()] if several else ["KZ", "", "C155,C187", "é ü", "~/x/../y.html"]:
        if several and not given and not param.multiple:
            continue  # click never hands an empty tuple to a variadic argument that was given
        ours, theirs = process(ctx, given), process.typer_process_value(ctx, given)
        assert ours == theirs and type(ours) is type(theirs), (name, param.name, given, ours, theirs)


def test_the_text_shortcut_covers_the_options_reports_are_asked_with():
    from ratify.cli.runtime import _GIVEN_TEXT

    # Registered under the names Typer gives the commands (else the shortcut finds nothing).
    assert set(_GIVEN_TEXT) == {"ratify", *typer.main.get_command(app).commands}  # type: ignore[attr-defined]

    assert {"countries", "group", "set_", "format", "output", "data_dir"} <= _GIVEN_TEXT["matrix"].keys()
    assert {"countries", "group", "format", "output", "title"} <= _GIVEN_TEXT["report"].keys()
    assert {"data_dir"} <= _GIVEN_TEXT["ratify"].keys()
    assert not {"as_of", "source", "notes"} & _GIVEN_TEXT["gaps"].keys()  # parsed, an enum, a flag: Typer's path


@pytest.mark.parametrize(
    "argv",
    [
        ["gaps"],
        ["gaps", "KZ,KG", "--set", "governance"],
        ["matrix", "--group", "ctuca", "--set", "fundamental", "-f", "csv"],
    ],
)
def test_reports_do_not_import_typers_coercion(argv, tmp_path):
    """The point of the shortcut: no pydantic adapters on a run with default or text options."""
    from ..conftest import SMALL

    argv = [{"DATA": str(SMALL), "OUT": str(tmp_path / "out.csv")}.get(a, a) for a in argv]
    code = (
        f"import sys; sys.argv = ['ratify', *{argv!r}]\n"
        "from ratify.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stdout = sys.__stdout__\n"
        "print('typer._adapters' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False", (
        "Typer now builds its coercers elsewhere: the start-up shortcut no longer works"
    )
