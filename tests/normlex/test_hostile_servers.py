"""A local server on 127.0.0.1 misbehaving in every way found so far; each ends promptly.

pytest-httpserver answers whole responses, so the faults that live below HTTP (a body
dripped a byte at a time, headers that never end, a gzip bomb, an endless body) are served
by a small socket server here. No test waits more than about a second.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from ratify.errors import SourceError
from ratify.normlex.cache import PageCache
from ratify.normlex.client import NormlexClient

PAGES = Path(__file__).parent / "pages"
C155 = (PAGES / "c155_11300.html").read_bytes()
BASE = "/dyn/normlex/en/"


class FaultServer:
    """Serves the priming page normally and every other path with `fault(conn)`."""

    def __init__(self, fault, prime=True):
        self.fault = fault
        self.prime = prime
        self.stop = threading.Event()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{BASE}"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn) -> None:
        with conn:
            conn.settimeout(5)
            try:
                while not self.stop.is_set():
                    request = b""
                    while b"\r\n\r\n" not in request:
                        data = conn.recv(65536)
                        if not data:
                            return
                        request += data
                    path = request.split(b" ", 2)[1].decode()
                    self.requests.append(path)
                    if path == BASE and self.prime:
                        send(conn, 200, b"<html><body>home</body></html>")
                        continue
                    self.fault(conn, self)
                    return
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def send(conn, status, body, headers=()):
    head = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}", "Content-Type: text/html; charset=utf-8", *headers]
    conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)


@pytest.fixture
def server():
    made = []

    def start(fault, **kw):
        made.append(FaultServer(fault, **kw))
        return made[-1]

    yield start
    for s in made:
        s.close()


def client(srv, **kw):
    kw.setdefault("delay", 0)
    kw.setdefault("timeout", 1.0)
    return NormlexClient(srv.base_url, sleep=kw.pop("sleep", lambda s: None), **kw)


def fetch_c155(c):
    with c:
        return c.fetch_instrument("C155")


def test_a_body_dripped_a_byte_at_a_time_is_cut_off(server):
    def drip(conn, srv):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nContent-Type: text/html\r\n\r\n")
        while not srv.stop.is_set():
            conn.sendall(b"x")
            time.sleep(0.05)

    srv = server(drip)
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"timed out after 0\.5s"):
        fetch_c155(client(srv, timeout=0.5))
    assert time.monotonic() - started < 1.5


def test_headers_that_never_end_are_cut_off(server):
    def drip(conn, srv):
        conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        while not srv.stop.is_set():
            conn.sendall(b"a")
            time.sleep(0.05)

    srv = server(drip)
    started = time.monotonic()
    with pytest.raises(SourceError, match="timed out"):
        fetch_c155(client(srv, timeout=0.5))
    assert time.monotonic() - started < 1.5


def test_a_gzip_bomb_stops_at_the_cap_in_bounded_time_and_memory(server):
    bomb = gzip.compress(b"\0" * 30_000_000, compresslevel=9)  # 30 KB on the wire, 30 MB decoded

    def serve_bomb(conn, srv):
        head = f"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {len(bomb)}\r\n\r\n"
        conn.sendall(head.encode() + bomb)

    srv = server(serve_bomb)
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(SourceError, match="larger than 5 MB"):
            fetch_c155(client(srv, timeout=5))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 2
    assert peak < 40_000_000


def test_an_endless_body_stops_at_the_cap(server):
    def endless(conn, srv):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")  # no length: until close
        chunk = b"<p>" + b"x" * 65533
        while not srv.stop.is_set():
            conn.sendall(chunk)

    srv = server(endless)
    with pytest.raises(SourceError, match="larger than 1 MB"):
        fetch_c155(client(srv, timeout=5, max_page_bytes=1_000_000))


def test_a_compressed_page_is_read(server):
    def serve_gzip(conn, srv):
        body = gzip.compress(C155)
        head = f"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
        conn.sendall(head.encode() + body)

    page = fetch_c155(client(server(serve_gzip)))
    assert page.instrument == "C155" and len(page.records) == 8


def test_a_huge_retry_after_fails_at_once_and_says_why(server):
    srv = server(lambda conn, srv: send(conn, 429, b"slow down", ["Retry-After: 999999"]))
    waits = []
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"asked to wait 999999s .*Retry-After.* try again later"):
        fetch_c155(client(srv, sleep=waits.append))
    assert waits == [] and time.monotonic() - started < 1


def test_the_run_has_a_deadline(server):
    srv = server(lambda conn, srv: send(conn, 503, b"down", ["Retry-After: 1"]))
    waits = []
    with pytest.raises(SourceError, match="the run's 0.5s would be over"):
        fetch_c155(client(srv, sleep=waits.append, run_timeout=0.5, retries=5))
    assert waits == []


def test_a_redirect_to_another_host_is_not_followed(server):
    srv = server(lambda conn, srv: send(conn, 302, b"", ["Location: http://evil.example/steal"]))
    with pytest.raises(SourceError, match="redirected to http://evil.example, not 127.0.0.1; not followed"):
        fetch_c155(client(srv))
    assert all("steal" not in r for r in srv.requests)


def test_requested_and_final_url_are_both_recorded(server, tmp_path):
    def moved(conn, srv):
        if "moved=1" in srv.requests[-1]:
            send(conn, 200, C155)
        else:
            send(conn, 301, b"", [f"Location: {srv.requests[-1]}&moved=1"])

    srv = server(moved)
    from ratify.normlex.snapshot import fetch, load_snapshot, save_snapshot

    with client(srv) as c:
        snap = fetch(["C155"], [], client=c)
    [page] = load_snapshot(save_snapshot(snap, tmp_path)).pages
    assert page["url"].endswith("312300")
    assert page["final_url"].endswith("312300&moved=1")


def test_an_unwritable_page_cache_is_one_warning_and_fetching_goes_on(server, tmp_path):
    srv = server(lambda conn, srv: send(conn, 200, C155))
    blocked = tmp_path / "pages"
    blocked.write_text("a file where the cache folder should be")
    messages = []
    page = fetch_c155(client(srv, cache=PageCache(blocked), on_progress=messages.append))
    assert page.source == "network" and len(page.records) == 8
    warnings = [m for m in messages if m.startswith("warning:")]
    assert len(warnings) == 1 and f"cannot write the page cache in {blocked}" in warnings[0]


def test_a_cached_page_that_no_longer_parses_is_fetched_again(server, tmp_path):
    srv = server(lambda conn, srv: send(conn, 200, C155))
    cache = PageCache(tmp_path / "pages")
    url = client(srv).instrument_url("C155")
    cache.store(url, "<html><body>an old layout</body></html>")
    messages = []
    page = fetch_c155(client(srv, cache=cache, on_progress=messages.append))
    assert page.source == "network" and len(page.records) == 8
    assert any("cached copy" in m and "no longer parses" in m for m in messages)
    assert "an old layout" not in cache.get(url).body  # replaced by the page that parsed


def test_fetch_says_on_stderr_when_it_waits(server, tmp_path):
    from typer.testing import CliRunner

    from ratify.cli.main import app

    answers = iter([(503, b"busy", ["Retry-After: 0.1"]), (200, C155, [])])
    srv = server(lambda conn, srv: send(conn, *next(answers)))
    result = CliRunner().invoke(
        app,
        [
            "fetch",
            "--base-url",
            srv.base_url,
            "--instrument",
            "C155",
            "--delay",
            "0",
            "--snapshot-dir",
            str(tmp_path),
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "ratify: waiting 0.1 s (Retry-After) after HTTP 503" in result.output


def test_fetch_with_a_read_only_snapshot_folder_is_one_line(server, tmp_path):
    from typer.testing import CliRunner

    from ratify.cli.main import app

    srv = server(lambda conn, srv: send(conn, 200, C155))
    blocked = tmp_path / "snapshots"
    blocked.write_text("a file where the folder should be")
    result = CliRunner().invoke(
        app,
        ["fetch", "--base-url", srv.base_url, "--instrument", "C155", "--delay", "0", "--snapshot-dir", str(blocked)],
    )
    assert result.exit_code == 2
    assert (
        result.output.strip()
        .splitlines()[-1]
        .startswith(f"ratify: error: cannot save the NORMLEX snapshot in {blocked}")
    )


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs RLIMIT_FSIZE")
def test_fetch_on_a_full_disk_warns_for_the_cache_and_names_the_snapshot_folder(server, tmp_path):
    import os
    import subprocess
    import sys

    srv = server(lambda conn, srv: send(conn, 200, C155))
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"  # writes fail as on a full disk
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))\n"
        "from ratify.cli.main import main\n"
        "sys.argv = ['ratify', *sys.argv[1:]]\n"
        "main()\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": str(root / "src"),
        "RATIFY_CACHE_DIR": str(tmp_path / "cache"),
        "RATIFY_NO_DATA_CACHE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", code, "fetch", "--base-url", srv.base_url, "--instrument", "C155", "--delay", "0"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert lines[0].startswith(
        f"ratify: warning: cannot write the page cache in {tmp_path / 'cache' / 'pages'}: File too large"
    )
    assert lines[-1].startswith(
        f"ratify: error: cannot save the NORMLEX snapshot in {tmp_path / 'cache' / 'snapshots'}"
    )
    assert len(lines) == 2
    leftovers = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert leftovers == []  # no partial page, no temporary file
