from __future__ import annotations

import pytest

from ratify.normlex.urls import (
    DEFAULT_BASE_URL,
    apex_page,
    canonical_url,
    country_id_from_url,
    country_page_url,
    instrument_id_from_url,
    instrument_page_url,
    normlex_instrument_id,
    url_item,
)


@pytest.mark.parametrize(
    "code, expected",
    [
        ("C001", 312146),
        ("C029", 312174),
        ("C087", 312232),
        ("c155", 312300),
        ("C187", 312332),
        ("C188", 312333),
        ("C189", 2551460),
        ("C190", 3999810),
        ("P029", 3174672),
        ("C29", 312174),
        ("155", 312300),  # a bare number is a convention, as everywhere else
    ],
)
def test_known_instrument_ids(code, expected):
    assert normlex_instrument_id(code) == expected


@pytest.mark.parametrize("code", ["C191", "P081", "P155", "R205", "C000", "", "C1555", "Cxyz"])
def test_unknown_instrument_ids_are_none(code):
    assert normlex_instrument_id(code) is None


def test_one_instrument_id_reader():
    from ratify.model import normalise_instrument_id

    assert normalise_instrument_id(" c 29 ") == "C029"
    assert normalise_instrument_id("P029") == "P029"
    assert normalise_instrument_id("87") == "C087"
    assert normalise_instrument_id("R205") is None
    assert normalise_instrument_id("C000") is None
    assert normalise_instrument_id("0") is None
    assert normlex_instrument_id("87") == normlex_instrument_id("C087")


def test_page_urls():
    assert DEFAULT_BASE_URL == "https://normlex.ilo.org/dyn/normlex/en/"
    assert instrument_page_url(DEFAULT_BASE_URL, 312300) == (
        "https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312300"
    )
    # A base without its trailing slash gives the same URL.
    assert country_page_url("https://normlex.ilo.org/dyn/normlex/en", "103542") == (
        "https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:11200:0::NO::P11200_COUNTRY_ID:103542"
    )


@pytest.mark.parametrize(
    "href",
    [
        "f?p=NORMLEXPUB:11200:0::NO:11200:P11200_COUNTRY_ID:103542",
        "f?p=NORMLEXPUB%3A11200%3A0%3A%3ANO%3A11200%3AP11200_COUNTRY_ID%3A103542",
        "f?p=NORMLEXPUB%253A11200%253A0%253A%253ANO%253A11200%253AP11200_COUNTRY_ID%253A103542",
        "https://normlex.ilo.org/dyn/normlex/en/f?p=1000:11200:0::NO::P11200_COUNTRY_ID:103542",
        "https://www.ilo.org/dyn/normlex/en/f?p=1000:11110:0::NO::P11110_COUNTRY_ID:103542#x",
    ],
)
def test_country_id_from_plain_and_encoded_hrefs(href):
    assert country_id_from_url(href) == "103542"


def test_items_with_encoded_commas():
    url = "f?p=NORMLEXPUB%3A10011%3A0%3A%3ANO%3A%3AP10011_DISPLAY_BY%2CP10011_CONVENTION_TYPE_CODE%3A1%2CF"
    assert apex_page(url) == "10011"
    assert url_item(url, "P10011_DISPLAY_BY") == "1"
    assert url_item(url, "p10011_convention_type_code") == "F"
    assert url_item(url, "P11200_COUNTRY_ID") is None


def test_instrument_id_from_url_and_canonical_form():
    url = instrument_page_url(DEFAULT_BASE_URL, 312300)
    encoded = url.replace(":", "%3A").replace("https%3A", "https:")
    assert instrument_id_from_url(encoded) == "312300"
    assert canonical_url(encoded) == url
    assert country_id_from_url("https://normlex.ilo.org/") is None
