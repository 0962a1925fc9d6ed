"""Fetch: requests and wall time for `ratify fetch --set fundamental` from a local server.

Usage: python bench/fetch.py
A server on 127.0.0.1 answers every NORMLEX 11300 page after 50 ms (the test fixture page
in the real layout, relabelled per instrument). The first run fetches; the second, with the
same cache directory, should make zero requests.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).parent))
from _common import environment, ratify_command, run_once, tempdir  # noqa: E402

PAGE = (Path(__file__).resolve().parents[1] / "tests" / "normlex" / "pages" / "c155_11300.html").read_text(
    encoding="utf-8"
)
DELAY = 0.05
REQUESTS: list[str] = []


def page_for(instrument_id: int) -> str:
    number = instrument_id - 312145  # C001-C188 ids, as documented for NORMLEX
    return PAGE.replace(
        "C155 - Occupational Safety and Health Convention, 1981 (No. 155)",
        f"C{number:03d} - Benchmark Convention (No. {number})",
    )


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        REQUESTS.append(self.path)
        time.sleep(DELAY)
        match = re.search(r"P11300_INSTRUMENT_ID:(\d+)", unquote(self.path))
        body = (page_for(int(match.group(1))) if match else "<html><body>NORMLEX</body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/dyn/normlex/en/"
    with tempdir() as d:
        env = environment(RATIFY_CACHE_DIR=str(Path(d) / "cache"))
        cmd = [
            *ratify_command(),
            "fetch",
            "--set",
            "fundamental",
            "--base-url",
            base,
            "--delay",
            "0",
            "--format",
            "csv",
        ]
        for label in ("first run", "second run"):
            before = len(REQUESTS)
            seconds = run_once(cmd, env)
            print(f"{label:<11} {len(REQUESTS) - before:3d} requests  {seconds * 1000:7.1f} ms")
    server.shutdown()


if __name__ == "__main__":
    main()
