"""The NORMLEX source layer: URLs, page parser, polite client, page cache and snapshots.

Nothing here imports typer or rich. httpx, bs4 and platformdirs are imported only by the
modules and functions that use them; the names below are loaded on first use.
"""

from __future__ import annotations

from ..lazy import lazy_exports

_EXPORTS = {
    "DEFAULT_BASE_URL": ".urls",
    "FALLBACK_BASE_URLS": ".urls",
    "instrument_page_url": ".urls",
    "country_page_url": ".urls",
    "normlex_instrument_id": ".urls",
    "NormlexRecord": ".parser",
    "InstrumentPage": ".parser",
    "CountryPage": ".parser",
    "NormlexPageError": ".parser",
    "parse_instrument_page": ".parser",
    "parse_country_page": ".parser",
    "parse_page": ".parser",
    "detect_page_kind": ".parser",
    "NormlexClient": ".client",
    "PageCache": ".cache",
    "default_cache_dir": ".cache",
    "Snapshot": ".snapshot",
    "save_snapshot": ".snapshot",
    "load_latest_snapshot": ".snapshot",
    "load_snapshot": ".snapshot",
    "list_snapshots": ".snapshot",
    "snapshot_dir": ".snapshot",
    "parse_saved_files": ".snapshot",
    "fetch": ".snapshot",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
