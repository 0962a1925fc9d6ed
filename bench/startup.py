"""Start-up: `ratify gaps` and `ratify --help` on the embedded data against a minimal Typer app.

Usage: python bench/startup.py [--runs N]   (median of N alternating runs, default 15)
Target: `ratify gaps` at most 1.15 x the minimal Typer application.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import alternate, compile_ratify, environment, minimal_app, ratify_command, report, runs_argument, tempdir  # noqa: E402


def main() -> None:
    runs = runs_argument(__doc__, 15)
    compile_ratify()
    with tempdir() as d:
        directory = Path(d)
        env = environment(RATIFY_CACHE_DIR=str(directory / "cache"))
        commands = {
            "minimal Typer app": minimal_app(directory),
            "ratify gaps": [*ratify_command(), "gaps"],
            "ratify --help": [*ratify_command(), "--help"],
        }
        medians = alternate(commands, runs, env)
    print(f"start-up, median of {runs} alternating runs (Python {sys.version.split()[0]}):")
    report(medians, "minimal Typer app")
    ratio = medians["ratify gaps"] / medians["minimal Typer app"]
    print(f"ratify gaps / minimal: {ratio:.2f} (target <= 1.15: {'met' if ratio <= 1.15 else 'NOT met'})")


if __name__ == "__main__":
    main()
