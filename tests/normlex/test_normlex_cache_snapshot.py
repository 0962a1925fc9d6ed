"""Page cache, snapshots, the high-level fetch() and --from-html."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ratify.errors import DataError, SourceError, UsageError
from ratify.normlex.cache import PageCache, default_cache_dir
from ratify.normlex.client import NormlexClient
from ratify.normlex.parser import NormlexPageError
from ratify.normlex.snapshot import (
    Snapshot,
    fetch,
    list_snapshots,
    load_latest_snapshot,
    load_snapshot,
    parse_saved_files,
    read_snapshots,
    save_snapshot,
    snapshot_dir,
)

HTML = "text/html; charset=utf-8"
PAGE_PATH = "/dyn/normlex/en/f"
C155_P = "NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312300"
C138_P = "NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312283"
KZ_P = "NORMLEXPUB:11200:0::NO::P11200_COUNTRY_ID:103542"


def serve(httpserver, p, body, status=200):
    httpserver.expect_request(PAGE_PATH, query_string={"p": p}).respond_with_data(
        body, status=status, content_type=HTML
    )


def n_page_requests(httpserver):
    return sum(1 for req, _ in httpserver.log if req.path == PAGE_PATH)


def make_client(base_url, cache=None, **kw):
    return NormlexClient(base_url, cache=cache, sleep=lambda s: None, delay=0, **kw)


# --------------------------------------------------------------------------- cache


def test_second_fetch_within_lifetime_makes_no_request(httpserver, base_url, tmp_path, load_page):
    serve(httpserver, C155_P, load_page("c155_11300.html"))
    cache = PageCache(tmp_path / "pages")
    sleeps = []
    with NormlexClient(base_url, cache=cache, sleep=sleeps.append, delay=1.0) as c:
        first = c.fetch_instrument("C155")
    requests_after_first = len(httpserver.log)
    assert first.source == "network" and n_page_requests(httpserver) == 1
    sleeps.clear()
    with NormlexClient(base_url, cache=cache, sleep=sleeps.append, delay=1.0) as c:
        second = c.fetch_instrument("C155")
    assert len(httpserver.log) == requests_after_first  # not even the priming request
    assert second.source == "cache" and second.fetched_at == first.fetched_at
    assert second.records == first.records
    assert sleeps == []  # no pause for cache hits


def test_refresh_bypasses_the_cache(httpserver, base_url, tmp_path, load_page):
    serve(httpserver, C155_P, load_page("c155_11300.html"))
    cache = PageCache(tmp_path)
    with make_client(base_url, cache) as c:
        c.fetch_instrument("C155")
    with make_client(base_url, cache, refresh=True) as c:
        page = c.fetch_instrument("C155")
    assert page.source == "network"
    assert n_page_requests(httpserver) == 2


def test_expired_entry_is_fetched_again(httpserver, base_url, tmp_path, load_page):
    serve(httpserver, C155_P, load_page("c155_11300.html"))
    now = [1_800_000_000.0]
    cache = PageCache(tmp_path, max_age_seconds=3600, clock=lambda: now[0])
    url = base_url + "f?p=" + C155_P
    cache.store(url, load_page("c155_11300.html"))
    assert cache.get(url) is not None
    now[0] += 3601
    assert cache.get(url) is None
    with make_client(base_url, cache) as c:
        assert c.fetch_instrument("C155").source == "network"
    assert n_page_requests(httpserver) == 1


def test_cache_entry_format_and_encoded_url_key(tmp_path):
    cache = PageCache(tmp_path)
    url = "https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312300"
    entry = cache.store(url, "<html>é</html>")
    files = list(tmp_path.iterdir())
    assert [f.name for f in files] == [cache.path_for(url).name]  # no temp file left behind
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data == {"url": url, "fetched_at": entry.fetched_at, "final_url": None, "body": "<html>é</html>"}
    assert cache.get(url.replace(":", "%3A").replace("https%3A", "https:")).body == "<html>é</html>"
    files[0].write_text("{not json", encoding="utf-8")
    assert cache.get(url) is None


def test_failed_fetch_leaves_cache_and_snapshots_untouched(httpserver, base_url, tmp_path, load_page):
    serve(httpserver, C155_P, load_page("c155_11300.html"))
    cache = PageCache(tmp_path / "pages")
    snaps = tmp_path / "snapshots"
    with make_client(base_url, cache) as c:
        snap = fetch(["C155"], client=c)
    saved = save_snapshot(snap, snaps)
    cache_file = cache.path_for(base_url + "f?p=" + C155_P)
    cache_bytes, snap_bytes = cache_file.read_bytes(), saved.read_bytes()

    httpserver.clear_all_handlers()
    httpserver.expect_request("/dyn/normlex/en/").respond_with_data("<html></html>", content_type=HTML)
    serve(httpserver, C155_P, load_page("block.html"))
    with make_client(base_url, cache, refresh=True) as c, pytest.raises(NormlexPageError, match="block page"):
        fetch(["C155"], client=c)
    httpserver.clear_all_handlers()
    serve(httpserver, C155_P, load_page("truncated.html"))
    with make_client(base_url, cache, refresh=True) as c, pytest.raises(NormlexPageError, match="truncated"):
        c.fetch_instrument("C155")

    assert cache_file.read_bytes() == cache_bytes
    assert saved.read_bytes() == snap_bytes
    assert list_snapshots(snaps) == [saved]
    assert load_latest_snapshot(snaps).records == snap.records


def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("RATIFY_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    assert snapshot_dir() == tmp_path / "c" / "snapshots"
    assert PageCache().directory == tmp_path / "c" / "pages"
    monkeypatch.delenv("RATIFY_CACHE_DIR")
    import platformdirs

    assert default_cache_dir() == Path(platformdirs.user_cache_dir("ratify", appauthor=False))


# --------------------------------------------------------------------------- fetch()


def test_fetch_both_kinds_into_a_snapshot(httpserver, base_url, tmp_path, load_page):
    serve(httpserver, C155_P, load_page("c155_11300.html"))
    serve(httpserver, KZ_P, load_page("kazakhstan_11200.html"))
    cache = PageCache(tmp_path)
    with make_client(base_url, cache) as c:
        c.fetch_instrument("C155")  # now cached
        snap = fetch(["C155"], ["103542"], client=c)
    assert snap.base_url == base_url and snap.created.endswith("Z")
    assert len(snap.records) == 8 + 14
    assert [(p["kind"], p["key"], p["source"], p["from_cache"]) for p in snap.pages] == [
        ("instrument", "C155", "cache", True),
        ("country", "103542", "network", False),
    ]
    assert all(p["url"].startswith(base_url) and p["fetched_at"] for p in snap.pages)
    assert snap.warnings == []


def test_partial_failure_is_a_warning(httpserver, base_url, load_page):
    serve(httpserver, C155_P, load_page("c155_11300.html"))
    serve(httpserver, C138_P, "down", status=503)
    with make_client(base_url, retries=1) as c:
        snap = fetch(["C138", "C155"], client=c)
    assert {r.instrument for r in snap.records} == {"C155"}
    assert len(snap.warnings) == 1 and snap.warnings[0].startswith("skipped C138: ")
    assert "HTTP 503" in snap.warnings[0]


def test_all_pages_failing_raises(httpserver, base_url):
    serve(httpserver, C155_P, "down", status=500)
    serve(httpserver, KZ_P, "down", status=500)
    with make_client(base_url, retries=0) as c, pytest.raises(SourceError, match="all 2 NORMLEX pages failed"):
        fetch(["C155"], ["103542"], client=c)


def test_fetch_rejects_unknown_instruments_before_any_request(httpserver, base_url):
    with make_client(base_url) as c:
        with pytest.raises(UsageError, match="C191"):
            fetch(["C155", "C191"], client=c)
        with pytest.raises(UsageError, match="nothing to fetch"):
            fetch(client=c)
    assert httpserver.log == []


# --------------------------------------------------------------------------- snapshots


def _snapshot(created="2026-11-22T10:15:00Z") -> Snapshot:
    from ratify.normlex.parser import NormlexRecord

    rec = NormlexRecord("Kazakhstan", "103542", "C155", "2025-06-30", "in_force", "", None, None, "u")
    page = {
        "url": "u",
        "fetched_at": created,
        "kind": "instrument",
        "key": "C155",
        "from_cache": False,
        "source": "network",
    }
    return Snapshot(created, "https://normlex.ilo.org/dyn/normlex/en/", [page], [rec], ["w"])


def test_snapshot_round_trip():
    snap = _snapshot()
    again = Snapshot.from_dict(json.loads(json.dumps(snap.to_dict())))
    assert again == snap
    with pytest.raises(ValueError):
        Snapshot.from_dict({"format": "something-else"})


def test_save_snapshot_never_overwrites(tmp_path):
    first = save_snapshot(_snapshot(), tmp_path)
    assert first.name == "normlex-20261122T101500Z.json"
    before = first.read_bytes()
    second = save_snapshot(_snapshot(), tmp_path)
    third = save_snapshot(_snapshot(), tmp_path)
    assert (second.name, third.name) == ("normlex-20261122T101500Z-1.json", "normlex-20261122T101500Z-2.json")
    assert first.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, second.name, third.name])
    assert list_snapshots(tmp_path) == [first, second, third]


def test_load_latest_snapshot(tmp_path):
    assert load_latest_snapshot(tmp_path / "missing") is None
    assert load_latest_snapshot(tmp_path) is None
    save_snapshot(_snapshot("2026-11-22T10:15:00Z"), tmp_path)
    newest = _snapshot("2026-11-23T08:00:00+00:00")
    newest.warnings = ["newest"]
    save_snapshot(newest, tmp_path)
    save_snapshot(_snapshot("2025-01-01T00:00:00Z"), tmp_path)
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert load_latest_snapshot(tmp_path).warnings == ["newest"]


def test_corrupt_snapshot_is_named_once_and_skipped(tmp_path):
    bad = tmp_path / "normlex-20261122T101500Z.json"
    bad.write_text("{oops", encoding="utf-8")
    assert load_latest_snapshot(tmp_path) is None
    with pytest.raises(DataError, match="unreadable NORMLEX snapshot"):
        load_snapshot(bad)  # asked for by name, it is an error
    older = _snapshot("2025-01-01T00:00:00Z")
    older.warnings = ["older"]
    save_snapshot(older, tmp_path)
    assert load_latest_snapshot(tmp_path).warnings == ["older"]  # the newest readable one
    found, warnings = read_snapshots(tmp_path)
    assert len(found) == 1 and len(warnings) == 1
    assert str(bad) in warnings[0] and "unreadable NORMLEX snapshot" in warnings[0]


# --------------------------------------------------------------------------- --from-html


def test_from_html_gives_the_same_records_as_a_fetch(httpserver, base_url, tmp_path, load_page):
    serve(httpserver, C155_P, load_page("c155_11300.html"))
    serve(httpserver, KZ_P, load_page("kazakhstan_11200.html"))
    with make_client(base_url) as c:
        fetched = fetch(["C155"], ["103542"], client=c)
    files = []
    for name, p in (("c155_11300.html", C155_P), ("kazakhstan_11200.html", KZ_P)):
        url = base_url + "f?p=" + p
        saved = load_page(name).replace(
            "<!DOCTYPE html>", f"<!DOCTYPE html>\n<!-- saved from url=({len(url):04d}){url} -->", 1
        )
        path = tmp_path / f"saved-{name}"
        path.write_text(saved, encoding="utf-8")
        files.append(path)
    from_files = parse_saved_files(files)
    assert from_files.records == fetched.records
    assert [(p["kind"], p["key"], p["source"]) for p in from_files.pages] == [
        ("instrument", "C155", "file"),
        ("country", "103542", "file"),
    ]


def test_from_html_falls_back_to_the_file_name(tmp_path, load_page):
    path = tmp_path / "Ratifications of C059.html"
    path.write_text(load_page("c059_11300.html"), encoding="utf-8")
    bad = tmp_path / "blocked.html"
    bad.write_text(load_page("block.html"), encoding="utf-8")
    snap = parse_saved_files([path, bad])
    assert {r.url for r in snap.records} == {"Ratifications of C059.html"}
    assert len(snap.records) == 4
    assert len(snap.warnings) == 1 and snap.warnings[0].startswith("skipped blocked.html:")
    with pytest.raises(NormlexPageError, match="block page"):
        parse_saved_files([bad])
    with pytest.raises(DataError, match="cannot read saved page"):
        parse_saved_files([tmp_path / "missing.html"])
