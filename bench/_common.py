"""Helpers for the benchmark scripts: timing whole commands, alternately, against a baseline."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# A minimal Typer application that prints one line: the floor for any Typer CLI's start-up.
MINIMAL_APP = """
import typer
app = typer.Typer()

@app.command()
def main() -> None:
    print("hello")

app()
"""


def environment(**extra: str) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as installed: with bytecode caches
    env.update(extra)
    return env


def minimal_app(directory: Path) -> list[str]:
    path = directory / "minimal_typer_app.py"
    path.write_text(MINIMAL_APP)
    return [sys.executable, str(path)]


def ratify_command() -> list[str]:
    return [sys.executable, "-m", "ratify"]


def run_once(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def alternate(commands: dict[str, list[str]], runs: int, env: dict, warmup: int = 2) -> dict[str, float]:
    """Median wall time of each command, run in turn so that machine noise hits all alike."""
    for _ in range(warmup):
        for cmd in commands.values():
            run_once(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(run_once(cmd, env))
    return {name: statistics.median(values) for name, values in times.items()}


def report(medians: dict[str, float], baseline: str) -> None:
    base = medians[baseline]
    for name, value in medians.items():
        print(f"  {name:<40} {value * 1000:7.1f} ms   {value / base:5.2f} x {baseline}")


def tempdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="ratify-bench-")


def runs_argument(doc: str, default: int) -> int:
    """`--runs N` from the command line, for a script whose docstring's first line describes it."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=default)
    return parser.parse_args().runs


def compile_ratify() -> None:
    """Byte-compile the package first, as an installed copy is: runs then time ratify, not the compiler."""
    import compileall

    import ratify

    compileall.compile_dir(str(Path(ratify.__file__).parent), quiet=1)
