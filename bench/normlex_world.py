"""World-scale NORMLEX data: fetch speed, and reports on merged data for 187 countries.

Usage: python bench/normlex_world.py [--runs N]

A local server answers NORMLEX instrument pages (11300) for every instrument of the
catalogue with a NORMLEX id (about 190), each listing about 75 of 187 synthetic countries
(about 14,000 ratifications in all; the ratifications are random, not real). The bench:

1. fetches every page with `ratify fetch --delay 0` and reports pages per second (the
   server answers at once, so this measures ratify: parsing, checks, cache, snapshot);
2. times, on a warm cache, `ratify matrix --group world --set up-to-date` and
   `ratify gaps --group world --set fundamental` on the merged data (curated + every page),
   against a minimal Typer app. Target: at most 1.5 x the minimal app.

The curated data is a synthetic data directory (the real catalogue, 187 synthetic countries
in a `world` group with a few curated records each), passed with --data-dir, so the bench
does not depend on the shipped country list.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from _common import alternate, environment, minimal_app, ratify_command, report, run_once, tempdir  # noqa: E402

COUNTRIES = 187
PER_PAGE = 75
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PAGES: dict[int, str] = {}  # NORMLEX instrument id -> page body


def country_code(n: int) -> str:
    return f"{chr(65 + n // 26)}{chr(65 + n % 26)}"


def country_id(n: int) -> str:
    return str(800000 + n)


def instrument_page(code: str, title: str, year: int, rng: random.Random) -> str:
    rows, denounced = [], 0
    for n in sorted(rng.sample(range(COUNTRIES), PER_PAGE)):
        day = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(max(year, 1950), 2025)}"
        if rng.random() < 0.05:
            denounced += 1
            status, note = "Not in force", f"Denounced on 01 Jan {rng.randint(2000, 2025)}"
        else:
            status, note = "In Force", ""
        rows.append(
            f'<tr><td class="firstCol"><a href="f?p=NORMLEXPUB:11200:0::NO:11200:P11200_COUNTRY_ID:{country_id(n)}">'
            f"Country {country_code(n)}</a> </td><td>{day}</td><td>{status}</td><td>{note}</td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ratifications of ILO conventions: Ratifications by Convention</title></head>
<body class="t-PageBody"><div class="t-Body-content"><div class="t-Region">
<div class="t-Region-header"><h2 class="t-Region-title">Ratifications of {code} - {title}, {year} (No. {int(code[1:])})</h2></div>
<div class="t-Region-body">
<div class="ratifSummary"><span class="total">{len(rows)} ratifications</span><br/>
<span class="denounced">Denounced: {denounced}</span></div>
<table class="horizontalLine" width="100%">
<thead><tr><th>Country</th><th>Date</th><th>Status</th><th>Note</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></div></div></div></body></html>
"""


def generate(directory: Path, seed: int = 187) -> list[str]:
    """The synthetic data directory and the pages; returns the instrument ids served."""
    from ratify.normlex.urls import normlex_instrument_id
    from ratify.paths import embedded_data_dir

    shutil.copy(embedded_data_dir() / "conventions.yaml", directory / "conventions.yaml")
    catalogue = yaml.safe_load((directory / "conventions.yaml").read_text())["instruments"]
    rng = random.Random(seed)
    served = []
    for inst in catalogue:
        numeric = normlex_instrument_id(inst["id"])
        if numeric is None:
            continue
        PAGES[numeric] = instrument_page(inst["id"], inst.get("title") or "Convention", inst.get("year") or 1919, rng)
        served.append(inst["id"])
    countries = []
    for n in range(COUNTRIES):
        records = [
            {"instrument": ident, "date": str(rng.randint(1992, 2025)), "source": "synthetic benchmark data"}
            for ident in rng.sample(served, 10)
        ]
        countries.append({"code": country_code(n), "name": f"Country {country_code(n)}", "normlex_id": country_id(n),
                          "groups": ["world"], "ratifications": records})
    document = {
        "checked": "2026-11-29",
        "groups": {"world": {"name": "Synthetic world", "members": [c["code"] for c in countries]}},
        "countries": countries,
        "targets": [],
    }
    (directory / "countries.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return served


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        match = re.search(r"P11300_INSTRUMENT_ID:(\d+)", unquote(self.path))
        body = PAGES.get(int(match.group(1)), "") if match else "<html><body>NORMLEX</body></html>"
        data = body.encode()
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/dyn/normlex/en/"
    with tempdir() as d:
        directory = Path(d)
        data = directory / "world"
        data.mkdir()
        served = generate(data)
        rows = sum(page.count("<tr><td") for page in PAGES.values())
        print(f"{len(served)} instrument pages, {COUNTRIES} countries, {rows} ratifications on the pages")
        env = environment(RATIFY_CACHE_DIR=str(directory / "cache"))
        ratify = [*ratify_command(), "--data-dir", str(data)]

        fetch = [*ratify, "fetch", "--set", ",".join(served), "--base-url", base, "--delay", "0", "--format", "csv"]
        start = time.perf_counter()
        run_once(fetch, env)
        seconds = time.perf_counter() - start
        print(f"fetch --delay 0: {len(served)} pages in {seconds:.2f} s = {len(served) / seconds:.0f} pages/s "
              "(a whole process: start-up, parsing, checks, cache and snapshot)")
        refetch = [*ratify, "fetch", "--set", ",".join(served), "--base-url", base, "--refresh", "--delay", "0",
                   "--format", "csv"]
        times = [run_once(refetch, env) for _ in range(3)]
        best = statistics.median(times)
        print(f"fetch --refresh --delay 0, median of 3: {len(served) / best:.0f} pages/s")

        matrix = [*ratify, "matrix", "--group", "world", "--set", "up-to-date"]
        gaps = [*ratify, "gaps", "--group", "world", "--set", "fundamental"]
        medians = alternate({"minimal Typer app": minimal_app(directory), "matrix --group world --set up-to-date": matrix,
                             "gaps --group world --set fundamental": gaps}, args.runs, env)
        print("warm cache (merged: curated + every page), median:")
        report(medians, "minimal Typer app")
        worst = max(v for k, v in medians.items() if k != "minimal Typer app") / medians["minimal Typer app"]
        print(f"target: at most 1.5 x the minimal app; worst here {worst:.2f} x")
    server.shutdown()


if __name__ == "__main__":
    main()
