"""Client tests against a real HTTP server on 127.0.0.1 (pytest-httpserver)."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest
from werkzeug import Response

from ratify.errors import SourceError, UsageError
from ratify.normlex.client import FORBIDDEN_MESSAGE, NormlexClient, retry_after_seconds
from ratify.normlex.parser import NormlexPageError

HTML = "text/html; charset=utf-8"
PAGE_PATH = "/dyn/normlex/en/f"
C155_P = "NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312300"
C138_P = "NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312283"
KZ_P = "NORMLEXPUB:11200:0::NO::P11200_COUNTRY_ID:103542"


def serve(httpserver, p, body, status=200, headers=None):
    httpserver.expect_request(PAGE_PATH, query_string={"p": p}).respond_with_data(
        body, status=status, content_type=HTML, headers=headers
    )


def page_requests(httpserver):
    return [req for req, _ in httpserver.log if req.path == PAGE_PATH]


def client(base_url, sleeps, **kw):
    kw.setdefault("timeout", 5.0)
    return NormlexClient(base_url, sleep=sleeps, **kw)


def test_fetch_instrument_page(httpserver, base_url, sleeps, load_page):
    serve(httpserver, C155_P, load_page("c155_11300.html"))
    messages = []
    with client(base_url, sleeps, delay=1.5, on_progress=messages.append) as c:
        page = c.fetch_instrument("C155")
    assert page.instrument == "C155" and len(page.records) == 8
    assert page.source == "network" and page.fetched_at.endswith("Z")
    assert page.url == base_url + "f?p=" + C155_P
    assert {r.url for r in page.records} == {page.url}
    # primed once, then the page: browser-like headers and the session cookie
    paths = [req.path for req, _ in httpserver.log]
    assert paths == ["/dyn/normlex/en/", PAGE_PATH]
    req = page_requests(httpserver)[0]
    assert req.headers["User-Agent"].startswith("Mozilla/5.0")
    assert "text/html" in req.headers["Accept"]
    assert req.headers["Accept-Language"].startswith("en")
    assert "ORA_WWV_APP_1000=ORA_WWV-session123" in req.headers.get("Cookie", "")
    # a pause between the priming request and the page (fake sleep: no real wait)
    assert len(sleeps) == 1 and 1.0 < sleeps[0] <= 1.5
    assert any(m.startswith("fetching ") for m in messages)


def test_fetch_country_page(httpserver, base_url, sleeps, load_page):
    serve(httpserver, KZ_P, load_page("kazakhstan_11200.html"))
    with client(base_url, sleeps) as c:
        page = c.fetch_country("103542")
    assert page.country_name == "Kazakhstan" and page.country_id == "103542"
    assert len(page.records) == 14 and page.key == "103542"


def test_percent_encoded_redirect_target(httpserver, base_url, sleeps, load_page):
    """The site may redirect to the same page with encoded colons; that still parses."""
    encoded = C155_P.replace(":", "%3A")
    httpserver.expect_request(PAGE_PATH, query_string=f"p={encoded}").respond_with_data(
        load_page("c155_11300.html"), content_type=HTML
    )
    httpserver.expect_request(PAGE_PATH, query_string={"p": C155_P}).respond_with_data(
        "", status=302, headers={"Location": f"{base_url}f?p={encoded}"}
    )
    with client(base_url, sleeps) as c:
        page = c.fetch_instrument("c155")
    assert page.instrument == "C155"
    assert page_requests(httpserver)[-1].query_string.decode() == f"p={encoded}"
    assert page.records[1].country_id == "103542"  # from a %3A-encoded country link


def test_403_gives_the_save_from_browser_message(httpserver, base_url, sleeps):
    serve(httpserver, C155_P, "<html><body>Forbidden</body></html>", status=403)
    with client(base_url, sleeps) as c, pytest.raises(SourceError) as info:
        c.fetch_instrument("C155")
    assert str(info.value).startswith(FORBIDDEN_MESSAGE)
    assert "\n" not in str(info.value)
    assert len(page_requests(httpserver)) == 1  # no retries on 403


def test_429_with_retry_after_then_success(httpserver, base_url, sleeps, load_page):
    httpserver.expect_oneshot_request(PAGE_PATH).respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_oneshot_request(PAGE_PATH).respond_with_data(load_page("c155_11300.html"), content_type=HTML)
    with client(base_url, sleeps, delay=0) as c:
        page = c.fetch_instrument("C155")
    assert len(page.records) == 8
    assert sleeps == [7.0]
    assert len(page_requests(httpserver)) == 2


def test_retry_after_beyond_the_cap_fails_at_once(httpserver, base_url, sleeps, load_page):
    httpserver.expect_oneshot_request(PAGE_PATH).respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3600"}
    )
    with client(base_url, sleeps, delay=0, max_retry_after=30) as c, pytest.raises(SourceError) as info:
        c.fetch_instrument("C155")
    assert "asked to wait 3600s" in str(info.value) and "more than the 30s" in str(info.value)
    assert sleeps == [] and len(page_requests(httpserver)) == 1


def test_waiting_is_said(httpserver, base_url, sleeps, load_page):
    httpserver.expect_oneshot_request(PAGE_PATH).respond_with_data(
        "slow down", status=503, headers={"Retry-After": "12"}
    )
    serve(httpserver, C155_P, load_page("c155_11300.html"))
    messages = []
    with client(base_url, sleeps, delay=0, on_progress=messages.append) as c:
        c.fetch_instrument("C155")
    assert sleeps == [12.0]
    assert any(m.startswith("waiting 12 s (Retry-After) after HTTP 503") for m in messages)


def test_5xx_then_success_uses_exponential_backoff(httpserver, base_url, sleeps, load_page):
    for status in (503, 502):
        httpserver.expect_oneshot_request(PAGE_PATH).respond_with_data("oops", status=status)
    httpserver.expect_oneshot_request(PAGE_PATH).respond_with_data(load_page("c138_11300.html"), content_type=HTML)
    with client(base_url, sleeps, delay=0, backoff=0.5) as c:
        page = c.fetch_instrument("C138")
    assert page.instrument == "C138"
    assert sleeps == [0.5, 1.0]


def test_5xx_exhausted(httpserver, base_url, sleeps):
    serve(httpserver, C155_P, "down", status=500)
    with client(base_url, sleeps, delay=0, retries=2, backoff=1.0) as c, pytest.raises(SourceError) as info:
        c.fetch_instrument("C155")
    assert "HTTP 500" in str(info.value) and "after 3 attempts" in str(info.value)
    assert len(page_requests(httpserver)) == 3
    assert sleeps == [1.0, 2.0]


def test_429_exhausted(httpserver, base_url, sleeps):
    serve(httpserver, C155_P, "slow down", status=429, headers={"Retry-After": "1"})
    with client(base_url, sleeps, delay=0, retries=1) as c, pytest.raises(SourceError, match="HTTP 429"):
        c.fetch_instrument("C155")
    assert len(page_requests(httpserver)) == 2


def test_timeout(httpserver, base_url, sleeps):
    done, release = threading.Event(), threading.Event()

    def slow(request):  # answers only once the client has given up: no fixed sleep
        release.wait(5)
        done.set()
        return Response("late", content_type=HTML)

    httpserver.expect_request(PAGE_PATH).respond_with_handler(slow)
    # 1 s, not less: on a loaded machine the cookie-priming request alone can take a few tenths.
    with client(base_url, sleeps, timeout=1.0) as c, pytest.raises(SourceError) as info:
        c.fetch_instrument("C155")
    assert "timed out after 1s" in str(info.value)
    assert info.value.exit_code == 3
    # Let the slow handler finish (and be logged) before the next test uses the server.
    release.set()
    assert done.wait(5)
    deadline = time.monotonic() + 5
    while not page_requests(httpserver) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(page_requests(httpserver)) == 1  # a timeout is not retried


def test_connection_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # the port is closed now
    c = NormlexClient(f"http://127.0.0.1:{port}/dyn/normlex/en/", sleep=lambda s: None, timeout=2)
    with c, pytest.raises(SourceError) as info:
        c.fetch_instrument("C155")
    assert str(info.value).startswith("could not connect to 127.0.0.1")
    assert "\n" not in str(info.value)


def test_dns_failure_is_a_connect_error():
    def no_such_host(request):
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    c = NormlexClient(
        "https://normlex.invalid/dyn/normlex/en/", sleep=lambda s: None, transport=httpx.MockTransport(no_such_host)
    )
    with c, pytest.raises(SourceError) as info:
        c.fetch_country("103542")
    assert str(info.value).startswith("could not connect to normlex.invalid: [Errno -2] Name or service")


def test_redirect_loop(httpserver, base_url, sleeps):
    httpserver.expect_request(PAGE_PATH).respond_with_data(
        "", status=302, headers={"Location": f"{base_url}f?p={C155_P}"}
    )
    with client(base_url, sleeps, max_redirects=5) as c, pytest.raises(SourceError, match="redirect loop"):
        c.fetch_instrument("C155")
    assert len(page_requests(httpserver)) == 6


def test_block_page_with_status_200(httpserver, base_url, sleeps, load_page):
    serve(httpserver, C155_P, load_page("block.html"))
    with client(base_url, sleeps) as c, pytest.raises(NormlexPageError, match="block page") as info:
        c.fetch_instrument("C155")
    assert info.value.url.endswith(C155_P)


def test_garbage_html(httpserver, base_url, sleeps):
    serve(httpserver, KZ_P, "<html><body><div><<<%%%>>></div><table><tr><td>x</td></tr></table></body></html>")
    with client(base_url, sleeps) as c, pytest.raises(NormlexPageError):
        c.fetch_country("103542")


def test_wrong_instrument_page_is_an_error(httpserver, base_url, sleeps, load_page):
    serve(httpserver, C155_P, load_page("c138_11300.html"))
    with client(base_url, sleeps) as c, pytest.raises(NormlexPageError, match="page of C138, not C155"):
        c.fetch_instrument("C155")


def test_unknown_instrument_id_is_a_usage_error_without_requests(httpserver, base_url, sleeps):
    with client(base_url, sleeps) as c, pytest.raises(UsageError, match="cannot fetch C191"):
        c.fetch_instrument("C191")
    with client(base_url, sleeps) as c, pytest.raises(UsageError):
        c.fetch_country("Kazakhstan")
    assert httpserver.log == []


def test_retry_after_parsing():
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    now = 1_800_000_000.0  # 2027-01-15T08:00:00Z
    assert retry_after_seconds("Fri, 15 Jan 2027 08:00:30 GMT", now=now) == pytest.approx(30.0)
    assert retry_after_seconds("Fri, 15 Jan 2027 07:00:00 GMT", now=now) == 0.0
