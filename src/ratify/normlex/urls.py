"""NORMLEX URLs: base hosts, page URLs, instrument ids, and reading APEX item values back.

NORMLEX is an Oracle APEX application: every page is
``f?p=APP:PAGE:SESSION:REQUEST:DEBUG:CLEARCACHE:ITEMS:VALUES[:PRINTER_FRIENDLY]``, where
ITEMS and VALUES are comma-separated lists. Colons and commas may arrive percent-encoded
(``%3A``, ``%2C``), so every function here decodes before splitting.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..model import normalise_instrument_id

DEFAULT_BASE_URL = "https://normlex.ilo.org/dyn/normlex/en/"

APP = "NORMLEXPUB"
INSTRUMENT_PAGE = "11300"
COUNTRY_PAGE = "11200"

# Instruments whose ids do not follow 312145 + number (the others must be read from list pages).
_SPECIAL_IDS: dict[str, int] = {
    "C189": 2551460,
    "C190": 3999810,
    "P029": 3174672,
}
_FIRST_SERIES_OFFSET = 312145
_FIRST_SERIES_LAST = 188


def normlex_instrument_id(code: str) -> int | None:
    """The NORMLEX instrument id for an instrument code, or None when it is not known.

    Conventions C001-C188 have id ``312145 + number``; C189, C190 and P029 have known ids;
    for any other instrument the id must be read from NORMLEX's list pages, so the caller
    should say it cannot fetch that instrument (a page saved from a browser still works).
    """
    norm = normalise_instrument_id(code)
    if norm is None:
        return None
    if norm in _SPECIAL_IDS:
        return _SPECIAL_IDS[norm]
    number = int(norm[1:])
    if norm[0] == "C" and 1 <= number <= _FIRST_SERIES_LAST:
        return _FIRST_SERIES_OFFSET + number
    return None


def _base(base: str) -> str:
    return base if base.endswith("/") else base + "/"


def instrument_page_url(base: str, instrument_id_numeric: int | str) -> str:
    """URL of page 11300 (ratifications of one instrument)."""
    return f"{_base(base)}f?p={APP}:{INSTRUMENT_PAGE}:0::NO::P11300_INSTRUMENT_ID:{instrument_id_numeric}"


def country_page_url(base: str, normlex_country_id: int | str) -> str:
    """URL of page 11200 (ratifications for one country)."""
    return f"{_base(base)}f?p={APP}:{COUNTRY_PAGE}:0::NO::P11200_COUNTRY_ID:{normlex_country_id}"


def _apex_args(url: str) -> list[str] | None:
    """The colon-separated ``f?p=`` arguments of a URL or href (decoded), or None."""
    if not url:
        return None
    text = url
    # Decode repeatedly: hrefs are sometimes encoded twice (%253A).
    for _ in range(3):
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    m = re.search(r"[?&]p=([^&#]*)", text)
    if not m:
        return None
    return m.group(1).split(":")


def apex_page(url: str) -> str | None:
    """The APEX page number of a NORMLEX URL (``"11300"``), or None."""
    args = _apex_args(url)
    if not args or len(args) < 2:
        return None
    return args[1].strip() or None


def apex_items(url: str) -> dict[str, str]:
    """Item name -> value pairs set by a NORMLEX URL (empty when there are none)."""
    args = _apex_args(url)
    if not args or len(args) < 8:
        return {}
    names = [n.strip() for n in args[6].split(",")]
    values = [v.strip() for v in args[7].split(",")]
    return {n.upper(): v for n, v in zip(names, values, strict=False) if n}


def url_item(url: str, name: str) -> str | None:
    """The value of one APEX item in a URL (e.g. ``P11200_COUNTRY_ID``), or None."""
    value = apex_items(url).get(name.upper())
    return value or None


def country_id_from_url(url: str) -> str | None:
    """``P11200_COUNTRY_ID`` (or ``P11110_COUNTRY_ID``) from a URL or link href."""
    return url_item(url, "P11200_COUNTRY_ID") or url_item(url, "P11110_COUNTRY_ID")


def instrument_id_from_url(url: str) -> str | None:
    """``P11300_INSTRUMENT_ID`` (or ``P12100_INSTRUMENT_ID``) from a URL or link href."""
    return url_item(url, "P11300_INSTRUMENT_ID") or url_item(url, "P12100_INSTRUMENT_ID")


def canonical_url(url: str) -> str:
    """A URL with its ``f?p=`` part decoded, so encoded and plain forms compare equal."""
    if "?" not in url:
        return url
    head, _, query = url.partition("?")
    return f"{head}?{unquote(query)}"
