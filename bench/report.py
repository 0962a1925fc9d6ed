"""The report: `ratify report` for the six countries against `ratify gaps` for the same six.

Usage: python bench/report.py [--runs N]   (median of N alternating runs, default 15)
Target: the HTML report at most 2 x `ratify gaps --group all` on the embedded data.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import alternate, compile_ratify, environment, ratify_command, report, runs_argument, tempdir  # noqa: E402


def main() -> None:
    runs = runs_argument(__doc__, 15)
    compile_ratify()
    with tempdir() as d:
        directory = Path(d)
        env = environment(RATIFY_CACHE_DIR=str(directory / "cache"))
        commands = {
            "ratify gaps --group all": [*ratify_command(), "gaps", "--group", "all"],
            "ratify report --group all (HTML)": [
                *ratify_command(),
                "report",
                "--group",
                "all",
                "-o",
                str(directory / "r.html"),
            ],
            "ratify report --group all (Markdown)": [
                *ratify_command(),
                "report",
                "--group",
                "all",
                "-o",
                str(directory / "r.md"),
            ],
        }
        medians = alternate(commands, runs, env)
        size = (directory / "r.html").stat().st_size
    print(f"report, median of {runs} alternating runs (Python {sys.version.split()[0]}); HTML {size // 1024} KiB:")
    report(medians, "ratify gaps --group all")
    ratio = medians["ratify report --group all (HTML)"] / medians["ratify gaps --group all"]
    print(f"report (HTML) / gaps: {ratio:.2f} (target <= 2: {'met' if ratio <= 2 else 'NOT met'})")


if __name__ == "__main__":
    main()
