"""The CLI's layering: command modules import the runtime, never the other way round."""

from __future__ import annotations

import ast
from pathlib import Path

import ratify.cli

CLI = Path(ratify.cli.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_runtime_imports_no_command_module_nor_main():
    imported = _imports(CLI / "runtime.py")
    assert not {name for name in imported if "commands" in name or name.endswith("main")}


def test_command_modules_import_only_the_runtime_from_the_cli():
    for path in (CLI / "commands").glob("*.py"):
        cli_imports = {name for name in _imports(path) if name.startswith("..") and not name.startswith("...")}
        assert cli_imports <= {"..runtime"}, (path.name, cli_imports)
