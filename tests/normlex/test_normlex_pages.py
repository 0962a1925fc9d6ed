"""Pages combined across snapshots: the latest copy of each page wins, failures keep earlier copies."""

from __future__ import annotations

from ratify.normlex.pages import combine, load_pages
from ratify.normlex.parser import NormlexRecord
from ratify.normlex.snapshot import Snapshot, save_snapshot

URL = "https://normlex.example/c155"


def record(date: str, url: str = URL, country: str = "Kazakhstan") -> NormlexRecord:
    return NormlexRecord(country, "103542", "C155", date, "in_force", "", None, None, url)


def snap(created: str, pages=(), records=(), failed=()) -> Snapshot:
    return Snapshot(created, "https://normlex.example/", list(pages), list(records), [], list(failed))


def page(fetched_at: str, key: str = "C155", url: str = URL) -> dict:
    return {
        "url": url,
        "fetched_at": fetched_at,
        "kind": "instrument",
        "key": key,
        "from_cache": False,
        "source": "network",
    }


def test_the_latest_copy_of_a_page_wins_with_its_date():
    old = snap("2026-01-01T00:00:00Z", [page("2026-01-01T00:00:00Z")], [record("2025-06-30")])
    new = snap("2026-02-01T00:00:00Z", [page("2026-02-01T00:00:00Z")], [record("2025-07-01")])
    for order in ([("a", old), ("b", new)], [("b", new), ("a", old)]):
        combined = combine(order)
        [copy] = combined.pages.values()
        assert copy.fetched_at == "2026-02-01T00:00:00Z" and [r.date for r in copy.records] == ["2025-07-01"]
        assert [r.date for r in combined.as_snapshot().records] == ["2025-07-01"]


def test_pages_of_different_fetches_add_up():
    c155 = snap("2026-01-01T00:00:00Z", [page("2026-01-01T00:00:00Z")], [record("2025-06-30")])
    c187 = snap("2026-02-01T00:00:00Z", [page("2026-02-01T00:00:00Z", "C187", URL + "7")], [])
    combined = combine([("a", c155), ("b", c187)])
    assert sorted(combined.pages) == [("instrument", "C155"), ("instrument", "C187")]
    assert combined.oldest[:10] == "2026-01-01" and combined.latest[:10] == "2026-02-01"


def test_a_failed_page_keeps_its_earlier_copy_and_one_never_read_is_named():
    good = snap("2026-01-01T00:00:00Z", [page("2026-01-01T00:00:00Z")], [record("2025-06-30")])
    failed = {"label": "C155", "kind": "instrument", "key": "C155", "error": "HTTP 403", "at": "2026-02-01T00:00:00Z"}
    never = {"label": "C187", "kind": "instrument", "key": "C187", "error": "HTTP 403", "at": "2026-02-01T00:00:00Z"}
    partial = snap("2026-02-01T00:00:00Z", failed=[failed, never])
    combined = combine([("a", good), ("b", partial)])
    assert list(combined.pages) == [("instrument", "C155")]
    assert list(combined.failed) == [("instrument", "C187")]
    assert combined.warnings == ["NORMLEX page C187 has never been read: HTTP 403"]
    assert combined.as_snapshot().partial


def test_load_pages_reads_every_snapshot_and_skips_a_corrupt_one(tmp_path):
    assert load_pages(tmp_path) is None
    save_snapshot(snap("2026-01-01T00:00:00Z", [page("2026-01-01T00:00:00Z")], [record("2025-06-30")]), tmp_path)
    (tmp_path / "normlex-20260301T000000Z.json").write_text("garbage", encoding="utf-8")
    combined = load_pages(tmp_path)
    assert list(combined.pages) == [("instrument", "C155")]
    assert len(combined.warnings) == 1 and "normlex-20260301T000000Z.json" in combined.warnings[0]
