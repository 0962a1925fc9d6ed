"""World-scale NORMLEX data: fetch speed, and reports on merged data for 187 countries.

Usage: python bench/normlex_world.py [--runs N]

A local server answers NORMLEX instrument pages (11300) for every instrument of the
catalogue with a NORMLEX id (about 190), each listing about 75 of the 187 ILO member States
by the names NORMLEX uses (about 14,000 ratifications in all; the ratifications are random,
not real). The bench:

1. fetches every page with `ratify fetch --delay 0` and reports pages per second (the
   server answers at once, so this measures ratify: parsing, checks, cache, snapshot);
2. times, on a warm cache, `ratify matrix --group world --set up-to-date` and
   `ratify gaps --group world --set fundamental` on the merged data (curated + every page),
   against a minimal Typer app. Target: at most 1.5 x the minimal app.

The curated data is the embedded data (the six curated countries and the registry of
member States, whose `world` group names all 187). Without a registry in the data (before
it existed), a synthetic `world` of 187 countries is written to a data directory instead.
"""

from __future__ import annotations

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
from _common import alternate, environment, minimal_app, ratify_command, report, run_once, runs_argument, tempdir  # noqa: E402

COUNTRIES = 187
PER_PAGE = 75
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PAGES: dict[int, str] = {}  # NORMLEX instrument id -> page body


def country_code(n: int) -> str:
    return f"{chr(65 + n // 26)}{chr(65 + n % 26)}"


MONTH_DAYS = 28


def instrument_page(code: str, title: str, year: int, names: list[tuple[str, str]], rng: random.Random) -> str:
    rows, denounced = [], 0
    for name, cid in sorted(rng.sample(names, min(PER_PAGE, len(names)))):
        day = f"{rng.randint(1, MONTH_DAYS):02d} {rng.choice(MONTHS)} {rng.randint(max(year, 1950), 2025)}"
        if rng.random() < 0.05:
            denounced += 1
            status, note = "Not in force", f"Denounced on 01 Jan {rng.randint(2000, 2025)}"
        else:
            status, note = "In Force", ""
        link = f"f?p=NORMLEXPUB:11200:0::NO:11200:P11200_COUNTRY_ID:{cid}" if cid else "f?p=NORMLEXPUB:11001:0::NO:::"
        rows.append(
            f'<tr><td class="firstCol"><a href="{link}">{name}</a> </td><td>{day}</td><td>{status}</td><td>{note}</td></tr>'
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


def world_names() -> list[tuple[str, str]] | None:
    """(NORMLEX name, NORMLEX id or "") of every member State, from the embedded registry."""
    from ratify.curated.load import load

    data = load()
    if not getattr(data, "members", None):
        return None
    try:
        world = data.group("world")
    except Exception:  # a ratify without the registry's groups
        return None
    names = []
    for code in world.members:
        country = data.lookup(code)
        names.append((getattr(country, "normlex_name", "") or country.name, str(country.normlex_id or "")))
    return names


def generate(directory: Path, seed: int = 187) -> tuple[list[str], bool]:
    """The pages (and, without a registry, a synthetic data directory); returns the ids served
    and whether the synthetic data directory is used."""
    from ratify.normlex.urls import normlex_instrument_id
    from ratify.paths import embedded_data_dir

    catalogue = yaml.safe_load((embedded_data_dir() / "conventions.yaml").read_text())["instruments"]
    rng = random.Random(seed)
    names = world_names()
    synthetic = names is None
    if synthetic:
        names = [(f"Country {country_code(n)}", str(800000 + n)) for n in range(COUNTRIES)]
    served = []
    for inst in catalogue:
        numeric = normlex_instrument_id(inst["id"])
        if numeric is None:
            continue
        PAGES[numeric] = instrument_page(
            inst["id"], inst.get("title") or "Convention", inst.get("year") or 1919, names, rng
        )
        served.append(inst["id"])
    if synthetic:
        shutil.copy(embedded_data_dir() / "conventions.yaml", directory / "conventions.yaml")
        countries = [
            {
                "code": country_code(n),
                "name": name,
                "normlex_id": cid,
                "groups": ["world"],
                "ratifications": [
                    {"instrument": i, "date": str(rng.randint(1992, 2025)), "source": "synthetic"}
                    for i in rng.sample(served, 10)
                ],
            }
            for n, (name, cid) in enumerate(names)
        ]
        document = {
            "checked": "2026-11-29",
            "countries": countries,
            "targets": [],
            "groups": {"world": {"name": "Synthetic world", "members": [c["code"] for c in countries]}},
        }
        (directory / "countries.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return served, synthetic


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
    runs = runs_argument(__doc__, 10)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/dyn/normlex/en/"
    with tempdir() as d:
        directory = Path(d)
        data = directory / "world"
        data.mkdir()
        served, synthetic = generate(data)
        rows = sum(page.count("<tr><td") for page in PAGES.values())
        world = "synthetic countries" if synthetic else "member States from the registry"
        print(f"{len(served)} instrument pages, {COUNTRIES} {world}, {rows} ratifications on the pages")
        env = environment(RATIFY_CACHE_DIR=str(directory / "cache"))
        ratify = [*ratify_command(), *(["--data-dir", str(data)] if synthetic else [])]

        fetch = [*ratify, "fetch", "--set", ",".join(served), "--base-url", base, "--delay", "0", "--format", "csv"]
        start = time.perf_counter()
        run_once(fetch, env)
        seconds = time.perf_counter() - start
        print(
            f"fetch --delay 0: {len(served)} pages in {seconds:.2f} s = {len(served) / seconds:.0f} pages/s "
            "(a whole process: start-up, parsing, checks, cache and snapshot)"
        )
        refetch = [
            *ratify,
            "fetch",
            "--set",
            ",".join(served),
            "--base-url",
            base,
            "--refresh",
            "--delay",
            "0",
            "--format",
            "csv",
        ]
        times = [run_once(refetch, env) for _ in range(3)]
        best = statistics.median(times)
        print(f"fetch --refresh --delay 0, median of 3: {len(served) / best:.0f} pages/s")

        matrix = [*ratify, "matrix", "--group", "world", "--set", "up-to-date"]
        gaps = [*ratify, "gaps", "--group", "world", "--set", "fundamental"]
        medians = alternate(
            {
                "minimal Typer app": minimal_app(directory),
                "matrix --group world --set up-to-date": matrix,
                "gaps --group world --set fundamental": gaps,
            },
            runs,
            env,
        )
        print("warm cache (merged: curated + every page), median:")
        report(medians, "minimal Typer app")
        worst = max(v for k, v in medians.items() if k != "minimal Typer app") / medians["minimal Typer app"]
        print(f"target: at most 1.5 x the minimal app; worst here {worst:.2f} x")
    server.shutdown()


if __name__ == "__main__":
    main()
