"""Property tests: the parser raises NormlexPageError or returns a result, nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ratify.errors import DataError
from ratify.normlex.parser import (
    CountryPage,
    InstrumentPage,
    NormlexPageError,
    format_date,
    parse_country_page,
    parse_date,
    parse_instrument_page,
    parse_page,
)
from ratify.normlex.snapshot import validate_records

PAGES = Path(__file__).parent / "pages"
_FIXTURES = [
    (PAGES / n).read_text(encoding="utf-8")
    for n in ("c155_11300.html", "c138_11300.html", "c059_11300.html", "kazakhstan_11200.html")
]

# Pieces of real-looking markup, to reach deep into the parser rather than fail at once.
FRAGMENTS = [
    "<html>",
    "</html>",
    "<body>",
    '<table class="horizontalLine">',
    "</table>",
    "<tr>",
    "</tr>",
    "<th>Country</th>",
    "<th>Date</th>",
    "<th>Status</th>",
    "<th>Note</th>",
    "<th>Convention</th>",
    '<td class="firstCol">',
    "<td>",
    "</td>",
    '<a href="f?p=NORMLEXPUB%3A11200%3A0%3A%3ANO%3A%3AP11200_COUNTRY_ID%3A1">',
    "</a>",
    "Kazakhstan",
    "C029 - Forced Labour Convention",
    "P029",
    "09 Feb 2004",
    "31 Feb 2004",
    "In Force",
    "Not in force",
    "Denounced on 01 Jan 2020",
    "Automatically denounced on 1 May 1999 by C138",
    "<h2>Ratifications of C155 - Occupational Safety and Health Convention</h2>",
    "<h2>Ratifications for Kazakhstan</h2>",
    "3 ratifications",
    "Denounced: 1",
    "&nbsp;",
    "<br/>",
    "Date of entry into force: 11 Aug 1983",
    "Date of entry into force: 99 Foo 1983",
    "Out of 2 Conventions and 1 Protocol ratified by Kazakhstan, of which 2 are in force",
    "Fundamental Conventions: 8 of 10",
    "<!--",
    "-->",
    "<![CDATA[",
    "<!DOCTYPE html>",
    "<?xml?>",
    "<",
]

html_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=60).map("".join)
mutated_fixture = st.tuples(
    st.sampled_from(_FIXTURES), st.integers(0, 10_000), st.integers(0, 400), st.text(max_size=30)
).map(lambda t: t[0][: t[1]] + t[3] + t[0][t[1] + t[2] :])

PARSERS = (parse_instrument_page, parse_country_page, parse_page)


def _check(html: str) -> None:
    for parse in PARSERS:
        try:
            result = parse(html, "https://example.org/f?p=NORMLEXPUB:11300")
        except NormlexPageError as exc:
            assert exc.url == "https://example.org/f?p=NORMLEXPUB:11300"
            assert str(exc) and "\n" not in str(exc)
        else:
            assert isinstance(result, (InstrumentPage, CountryPage))
            for r in result.records:
                assert r.status in ("in_force", "not_in_force", "denounced")
                assert dt.date.fromisoformat(r.date).isoformat() == r.date
            try:  # what a fetch keeps: a bad record is an error naming the page
                validate_records(result.records, "https://example.org/f?p=NORMLEXPUB:11300")
            except DataError as exc:
                assert "\n" not in str(exc)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_parses_or_raises_page_error(text):
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_like)
def test_html_like_input_parses_or_raises_page_error(html):
    _check(html)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_fixture)
def test_mutated_pages_parse_or_raise_page_error(html):
    _check(html)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_date_round_trip(d):
    assert parse_date(format_date(d.isoformat())) == d.isoformat()


@given(st.text(max_size=20))
def test_parse_date_text_round_trip_or_error(text):
    try:
        iso = parse_date(text)
    except NormlexPageError:
        return
    assert parse_date(format_date(iso)) == iso
    assert dt.date.fromisoformat(iso).isoformat() == iso
