"""World scale: 187 countries x 50 ratifications over the full catalogue, via --data-dir.

Usage: python bench/world.py [--runs N]
Measures `ratify gaps --group all` and `ratify matrix --group all` on the first run (empty
cache: YAML is parsed) and on later runs (parsed data cached), against a minimal Typer app.
Targets: a later `matrix` run at most 2 x the minimal app; the first run at most 4 x.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from _common import alternate, environment, minimal_app, ratify_command, report, run_once, tempdir  # noqa: E402

STATUSES = ["in_force"] * 18 + ["not_in_force", "denounced"]


def generate(directory: Path, countries: int = 187, per_country: int = 50, seed: int = 187) -> None:
    """A synthetic dataset of the real catalogue's size (ratifications are random, not real)."""
    from ratify.paths import embedded_data_dir

    shutil.copy(embedded_data_dir() / "conventions.yaml", directory / "conventions.yaml")
    catalogue = yaml.safe_load((directory / "conventions.yaml").read_text())["instruments"]
    ids = [(i["id"], i.get("year") or 1919) for i in catalogue]
    rng = random.Random(seed)
    records = []
    for n in range(countries):
        code = f"{chr(65 + n // 26)}{chr(65 + n % 26)}"
        ratifications = []
        for ident, year in rng.sample(ids, per_country):
            registered = rng.randint(min(max(year, 1950), 2026), 2026)
            status = rng.choice(STATUSES)
            record = {"instrument": ident, "date": f"{registered}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                      "status": status, "source": "synthetic benchmark data"}
            if status == "denounced":
                record["denounced"] = f"{min(registered + 5, 2026)}"
            ratifications.append(record)
        records.append({"code": code, "name": f"Country {code}", "ilo_member_since": "1919", "groups": ["world"],
                        "ratifications": ratifications})
    document = {"checked": "2026-11-22", "groups": {"world": {"name": "Synthetic world", "members": [c["code"] for c in records]}},
                "countries": records, "targets": []}
    (directory / "countries.yaml").write_text(yaml.safe_dump(document, sort_keys=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempdir() as d:
        directory = Path(d)
        data = directory / "world"
        data.mkdir()
        generate(data)
        size = (data / "countries.yaml").stat().st_size
        print(f"generated {data / 'countries.yaml'}: {size / 1e6:.1f} MB, 187 countries x 50 ratifications")
        base = minimal_app(directory)
        gaps = [*ratify_command(), "--data-dir", str(data), "gaps", "--group", "all"]
        matrix = [*ratify_command(), "--data-dir", str(data), "matrix", "--group", "all"]

        # First runs: each with an empty cache directory of its own.
        first = {"minimal Typer app": [], "ratify gaps (first run)": [], "ratify matrix (first run)": []}
        for n in range(max(3, args.runs // 2)):
            first["minimal Typer app"].append(run_once(base, environment()))
            first["ratify gaps (first run)"].append(run_once(gaps, environment(RATIFY_CACHE_DIR=str(directory / f"c-g{n}"))))
            first["ratify matrix (first run)"].append(run_once(matrix, environment(RATIFY_CACHE_DIR=str(directory / f"c-m{n}"))))
        import statistics

        print("first run (empty cache), median:")
        report({k: statistics.median(v) for k, v in first.items()}, "minimal Typer app")

        env = environment(RATIFY_CACHE_DIR=str(directory / "warm"))
        later = alternate({"minimal Typer app": base, "ratify gaps (later run)": gaps, "ratify matrix (later run)": matrix},
                          args.runs, env)
        print(f"later runs (cache warm), median of {args.runs} alternating runs:")
        report(later, "minimal Typer app")
        first_ratio = statistics.median(first["ratify matrix (first run)"]) / statistics.median(first["minimal Typer app"])
        later_ratio = later["ratify matrix (later run)"] / later["minimal Typer app"]
        print(f"matrix first/minimal {first_ratio:.2f} (target <= 4: {'met' if first_ratio <= 4 else 'NOT met'}); "
              f"later/minimal {later_ratio:.2f} (target <= 2: {'met' if later_ratio <= 2 else 'NOT met'})")


if __name__ == "__main__":
    main()
