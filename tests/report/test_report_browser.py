"""The HTML report as a person sees it: opened in a real headless Chromium.

Uses the system's Chromium (Debian's `chromium` package), never a downloaded browser. The
test is skipped only when Chromium or Playwright is missing outside CI; in CI (CI=true) a
missing browser is a failure, so the check cannot silently stop running.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("RATIFY_TEST_CHROMIUM", "/usr/bin/chromium"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _browser_or_skip():
    found = CHROMIUM.exists() or shutil.which(str(CHROMIUM))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if found and sync_playwright is not None:
        return sync_playwright
    missing = "Playwright" if sync_playwright is None else f"Chromium at {CHROMIUM}"
    if IN_CI:
        pytest.fail(f"{missing} is missing in CI: .ci/run installs chromium from the system packages")
    pytest.skip(f"{missing} not installed")


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _browser_or_skip()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def report_file(run, tmp_path):
    path = tmp_path / "trio.html"
    result = run("report", "--group", "trio", "--as-of", "2026-06-01", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def _open(browser, path: Path, javascript: bool = True):
    """A page with the report loaded; records console errors, page errors and any network request."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return context, page, problems, requests


def test_rendered_page_shows_countries_conventions_and_charts(browser, report_file):
    context, page, problems, requests = _open(browser, report_file)
    try:
        text = page.inner_text("body")
        for name in ("Alphaland (XA)", "Betastan (XB)", "Gammaria (XC)"):
            assert name in text
        for ident in ("C029", "C087", "C155", "C187", "C081"):
            assert (
                page.locator("#set-fundamental th[scope=row], #set-governance th[scope=row]")
                .filter(has_text=ident)
                .count()
                >= 1
            )
        assert page.locator("#set-fundamental tbody tr").count() == 10
        # The grid's cells carry a symbol and a word, not colour alone.
        first_gap = page.locator("#set-fundamental td.k-gap").first.inner_text()
        assert "✗" in first_gap and "gap" in first_gap
        # Charts: the region's history and one small chart per country, drawn with visible bars.
        assert page.locator("svg.history rect.bar").count() > 5
        assert page.locator("svg.mini").count() == 3
        box = page.locator("svg.history").bounding_box()
        assert box and box["width"] > 300 and box["height"] > 80
        assert page.locator("#targets .bar-fill").count() == 4
        assert problems == []
        assert requests == []  # nothing fetched from the network
    finally:
        context.close()


def test_readable_without_javascript_and_in_print(browser, report_file):
    context, page, problems, requests = _open(browser, report_file, javascript=False)
    try:
        assert "Ratification matrix" in page.inner_text("main")
        assert page.locator("svg.history rect.bar").count() > 5
        page.emulate_media(media="print")
        assert page.locator("nav").evaluate("e => getComputedStyle(e).display") == "none"
        assert problems == [] and requests == []
    finally:
        context.close()


def test_screenshot_is_not_blank(browser, report_file, tmp_path):
    context, page, _, _ = _open(browser, report_file)
    try:
        png = page.screenshot(clip={"x": 0, "y": 0, "width": 800, "height": 500})
    finally:
        context.close()
    colours = _distinct_colours(png)
    assert len(colours) > 20, f"screenshot looks blank ({len(colours)} colours)"


def _distinct_colours(png: bytes) -> set[bytes]:
    """The distinct pixel colours of an 8-bit RGB(A) PNG (decoded here: no imaging library needed)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, header = 8, b"", None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        chunk = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + length
    assert header is not None
    width, height, depth, colour_type = header[:4]
    assert depth == 8 and colour_type in (2, 6)
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(data)
    stride = width * bpp
    previous = bytearray(stride)
    colours: set[bytes] = set()
    offset = 0
    for _ in range(height):
        kind = raw[offset]
        line = bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            upper_left = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upper_left)) & 255
        previous = line
        for i in range(0, stride, bpp * 7):  # a sample of pixels is enough
            colours.add(bytes(line[i : i + 3]))
    return colours


def test_the_checks_can_fail(browser, tmp_path):
    """A blank page counts as blank, and a script error is seen: the checks above can fail."""
    page_file = tmp_path / "blank.html"
    page_file.write_text("<!DOCTYPE html><html><body><script>undefinedFunction()</script></body></html>")
    context, page, problems, _ = _open(browser, page_file)
    try:
        png = page.screenshot(clip={"x": 0, "y": 0, "width": 800, "height": 500})
    finally:
        context.close()
    assert len(_distinct_colours(png)) <= 20
    assert any("undefinedFunction" in p for p in problems)
