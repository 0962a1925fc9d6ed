import re
import subprocess
import sys
from pathlib import Path

import ratify

ROOT = Path(__file__).resolve().parents[1]
CORE_MODULES = [
    "ratify",
    "ratify.model",
    "ratify.dates",
    "ratify.curated.loader",
    "ratify.curated.validate",
    "ratify.analysis",
    "ratify.curated.load",
    "ratify.output.views",
    "ratify.sanitize",
    "ratify.lazy",
    "ratify.normlex",
    "ratify.normlex.parser",
    "ratify.normlex.client",
    "ratify.normlex.cache",
    "ratify.normlex.snapshot",
    "ratify.normlex.urls",
    "ratify.analysis.selection",
    "ratify.paths",
    "ratify.atomic",
    "ratify.utc",
    "ratify.curated.cache",
]


def test_core_imports_neither_typer_nor_rich():
    code = (
        "import importlib, sys\n"
        f"for m in {CORE_MODULES!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_readme_python_example_runs():
    readme = (ROOT / "README.md").read_text()
    [example] = re.findall(r"## Python API\n\n```python\n(.*?)```", readme, re.S)
    namespace: dict = {}
    exec(compile(example, "README.md", "exec"), namespace)
    assert namespace["report"].gaps is not None
    assert ("UZ", "C087") in [(g.country, g.instrument) for g in namespace["old"].gaps]


def test_public_api_names_resolve():
    for name in ratify.__all__:
        assert getattr(ratify, name) is not None
