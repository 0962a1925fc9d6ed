from __future__ import annotations

import re

import pytest

from ratify.errors import SourceError
from ratify.normlex.parser import (
    CountryPage,
    InstrumentPage,
    NormlexPageError,
    NormlexRecord,
    detect_page_kind,
    format_date,
    normalize_space,
    page_url_from_html,
    parse_country_page,
    parse_date,
    parse_instrument_page,
    parse_page,
)

URL = "https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:312300"
KZ_URL = "https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:11200:0::NO::P11200_COUNTRY_ID:103542"


def by_country(page):
    return {r.country_name: r for r in page.records}


def test_c155_page_header_and_totals(load_page):
    page = parse_instrument_page(load_page("c155_11300.html"), URL)
    assert isinstance(page, InstrumentPage)
    assert page.instrument == "C155"
    assert page.title == "Occupational Safety and Health Convention, 1981 (No. 155)"
    assert page.entry_into_force == "1983-08-11"
    assert (page.stated_total, page.stated_denounced) == (8, 1)
    assert len(page.records) == 8
    assert page.warnings == []
    assert {r.instrument for r in page.records} == {"C155"}
    assert {r.url for r in page.records} == {URL}


def test_c155_rows(load_page):
    rows = by_country(parse_instrument_page(load_page("c155_11300.html"), URL))
    assert rows["Algeria"] == NormlexRecord("Algeria", "102558", "C155", "1984-06-06", "in_force", "", None, None, URL)
    # percent-encoded href; &nbsp; around the date
    assert rows["Kazakhstan"].country_id == "103542"
    assert rows["Kazakhstan"].date == "2025-06-30"
    # notes both in the first cell and in the note cell, whitespace normalised
    nl = rows["Netherlands (Kingdom of the)"]
    assert nl.note == (
        "The Convention applies to the European part of the Netherlands and to Aruba. "
        "The Government has declared that the Convention also applies to the "
        "Caribbean part of the Netherlands."
    )
    assert rows["Türkiye"].status == "in_force" and rows["Türkiye"].note == ""
    assert rows["Mongolia"].note.startswith("Excluded the provisions of Article 11(c)")
    assert rows["Mongolia"].country_id == "103142"
    uz = rows["Uzbekistan"]
    assert (uz.status, uz.denounced) == ("not_in_force", None)
    assert "will enter into force" in uz.note
    cz = rows["Czechia"]
    assert (cz.status, cz.date, cz.denounced, cz.denounced_by) == ("denounced", "2004-02-09", "2020-01-01", None)
    assert rows["Zimbabwe"].date == "2003-04-09"
    for r in rows.values():
        assert r.note == normalize_space(r.note) and "\xa0" not in r.note


def test_c138_minimum_age_notes(load_page):
    page = parse_instrument_page(load_page("c138_11300.html"), "c138")
    rows = by_country(page)
    assert rows["Kazakhstan"].note == "Minimum age specified: 16 years"
    assert rows["Mongolia"].note == "Minimum age specified: 15 years"
    tm = rows["Turkmenistan"]
    assert tm.status == "not_in_force"
    assert tm.note == (
        "Minimum age specified: 16 years; The Convention will enter into force for Turkmenistan on 10 Mar 2027."
    )
    assert page.stated_denounced == 0


def test_c059_automatic_denunciations(load_page):
    page = parse_instrument_page(load_page("c059_11300.html"), "c059")
    rows = by_country(page)
    assert (rows["China"].denounced, rows["China"].denounced_by) == ("1999-04-28", "C138")
    ru = rows["Russian Federation"]
    assert (ru.status, ru.denounced, ru.denounced_by) == ("denounced", "1979-05-03", "C138")
    assert (rows["Lebanon"].denounced, rows["Lebanon"].denounced_by) == ("2003-06-10", None)
    assert rows["Dominican Republic"].status == "in_force"
    assert sum(r.status == "denounced" for r in page.records) == page.stated_denounced == 3


def test_country_page(load_page):
    page = parse_country_page(load_page("kazakhstan_11200.html"), KZ_URL)
    assert isinstance(page, CountryPage)
    assert page.country_name == "Kazakhstan" and page.country_id == "103542"
    assert page.stated_counts["fundamental"] == 8
    assert page.stated_counts["governance"] == 2
    assert page.stated_counts["technical_of"] == 177
    assert (page.stated_counts["conventions"], page.stated_counts["protocols"]) == (13, 1)
    codes = [r.instrument for r in page.records]
    assert len(codes) == 14 and codes[:2] == ["C029", "C087"] and "P029" in codes
    recs = {r.instrument: r for r in page.records}
    assert recs["C138"].note == "Minimum age specified: 16 years"
    assert recs["C081"].note == "Excluding Part II"
    assert recs["C182"].date == "2003-02-26"
    assert (recs["C059"].status, recs["C059"].denounced, recs["C059"].denounced_by) == (
        "denounced",
        "2001-05-18",
        "C138",
    )
    assert {r.country_name for r in page.records} == {"Kazakhstan"}
    assert {r.country_id for r in page.records} == {"103542"}


def test_country_id_argument_wins_and_url_without_id(load_page):
    html = load_page("kazakhstan_11200.html")
    assert parse_country_page(html, "saved.html").country_id is None
    assert parse_country_page(html, "saved.html", country_id="103542").records[0].country_id == "103542"


def test_country_page_count_mismatch(load_page):
    html = load_page("kazakhstan_11200.html")
    html = re.sub(r"<tr><td class=\"firstCol\"><a [^>]*>C167 .*?</tr>", "", html, flags=re.S)
    with pytest.raises(NormlexPageError, match="13 conventions.*12 conventions"):
        parse_country_page(html, KZ_URL)


@pytest.mark.parametrize(
    "name, message",
    [
        ("block.html", "block page"),
        ("cookie_wall.html", "cookie wall"),
        ("login.html", "login"),
        ("truncated.html", "truncated"),
    ],
)
def test_bad_pages_raise_naming_the_url(load_page, name, message):
    for parse in (parse_instrument_page, parse_country_page, parse_page):
        with pytest.raises(NormlexPageError, match=message) as info:
            parse(load_page(name), URL)
        assert info.value.url == URL and URL in str(info.value)
        assert isinstance(info.value, SourceError) and info.value.exit_code == 3


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "<html></html>",
        "garbage \x00 <<<>>> </html>",
        "<html><body><p>Welcome to NORMLEX, the information system on international "
        "labour standards. " + "Lorem ipsum dolor sit amet. " * 20 + "</p></body></html>",
    ],
)
def test_empty_and_garbage_pages(html):
    with pytest.raises(NormlexPageError):
        parse_instrument_page(html, URL)
    with pytest.raises(NormlexPageError):
        parse_country_page(html, URL)


def test_changed_layout_header_renamed(load_page):
    html = load_page("c155_11300.html").replace('<th scope="col">Country</th>', '<th scope="col">Pays</th>')
    with pytest.raises(NormlexPageError, match="no table"):
        parse_instrument_page(html, URL)


def test_missing_row_is_caught_by_stated_total(load_page):
    html = re.sub(
        r"<tr><td class=\"firstCol\"><a [^>]*>Zimbabwe</a>.*?</tr>", "", load_page("c155_11300.html"), flags=re.S
    )
    assert "Zimbabwe" not in html
    with pytest.raises(NormlexPageError, match="states 8 ratifications but 7 rows"):
        parse_instrument_page(html, URL)


def test_changed_denunciation_wording_is_caught(load_page):
    html = load_page("c155_11300.html").replace("Denounced on 01 Jan 2020", "Withdrawn 01 Jan 2020")
    with pytest.raises(NormlexPageError, match="1 denounced but 0"):
        parse_instrument_page(html, URL)


def test_unreadable_date_raises(load_page):
    html = load_page("c155_11300.html").replace("06 Jun 1984", "06 juin 1984")
    with pytest.raises(NormlexPageError, match="unreadable date '06 juin 1984'"):
        parse_instrument_page(html, URL)


def test_french_status_raises(load_page):
    html = load_page("c138_11300.html").replace(">In Force<", ">En vigueur<")
    with pytest.raises(NormlexPageError, match="unknown ratification status"):
        parse_instrument_page(html, URL)


def test_page_without_totals_parses_with_warning(load_page):
    html = load_page("c138_11300.html").replace("<p><b>5 ratifications</b></p>", "").replace("<p>Denounced: 0</p>", "")
    page = parse_instrument_page(html, URL)
    assert page.stated_total is None and len(page.records) == 5
    assert page.warnings and "states no total" in page.warnings[0]


def test_instrument_with_no_ratifications_is_empty_not_an_error():
    html = (
        "<html><body><h2>Ratifications of C191 - Some Convention, 2026 (No. 191)</h2>"
        "<p>0 ratifications</p><p>Denounced: 0</p>"
        "<p>No ratification has been registered for this instrument.</p></body></html>"
    )
    page = parse_instrument_page(html, URL)
    assert (page.instrument, page.stated_total, page.records) == ("C191", 0, [])


def test_table_without_totals_and_without_rows_raises(load_page):
    html = re.sub(r"<tr><td class=\"firstCol\">.*?</tr>", "", load_page("c138_11300.html"), flags=re.S)
    html = html.replace("<p><b>5 ratifications</b></p>", "")
    with pytest.raises(NormlexPageError, match="no ratifications"):
        parse_instrument_page(html, URL)


def test_detect_page_kind(load_page):
    assert detect_page_kind(load_page("c155_11300.html")) == "instrument"
    assert detect_page_kind(load_page("kazakhstan_11200.html")) == "country"
    assert isinstance(parse_page(load_page("kazakhstan_11200.html"), KZ_URL), CountryPage)
    with pytest.raises(NormlexPageError):
        detect_page_kind(load_page("block.html"))


def test_page_url_from_saved_html():
    saved = f"<!DOCTYPE html>\n<!-- saved from url=(0090){URL} -->\n<html></html>"
    assert page_url_from_html(saved) == URL
    canonical = f'<html><head><link rel="canonical" href="{KZ_URL}"></head></html>'
    assert page_url_from_html(canonical) == KZ_URL
    assert page_url_from_html("<html><body>nothing</body></html>") is None


def test_dates():
    assert parse_date("09 Feb 2004") == "2004-02-09"
    assert parse_date("\xa09 Feb 2004 ") == "2004-02-09"
    assert format_date("2004-02-09") == "09 Feb 2004"
    for bad in ("31 Feb 2004", "09 Fév 2004", "2004-02-09", "", "9 Feb 04"):
        with pytest.raises(NormlexPageError):
            parse_date(bad, URL)


def test_record_and_page_to_dict(load_page):
    page = parse_instrument_page(load_page("c059_11300.html"), URL)
    d = page.records[0].to_dict()
    assert d == {
        "country_name": "China",
        "country_id": "102582",
        "instrument": "C059",
        "date": "1940-02-21",
        "status": "denounced",
        "note": "Automatically denounced on 28 Apr 1999 by C138",
        "denounced": "1999-04-28",
        "denounced_by": "C138",
        "url": URL,
    }
    assert NormlexRecord.from_dict(d) == page.records[0]
    pd = page.to_dict()
    assert pd["kind"] == "instrument" and len(pd["records"]) == 4


def test_header_cells_with_sort_marks_still_match(load_page):
    html = load_page("c155_11300.html").replace(
        '<th scope="col">Country</th><th scope="col">Date</th>',
        '<th scope="col"><a href="#">Country</a> \u25b2</th><th scope="col">Date of ratification</th>',
    )
    assert len(parse_instrument_page(html, URL).records) == 8


@pytest.fixture
def html_parses(monkeypatch):
    """Count the HTML trees built (the parse is most of the cost of reading a page)."""
    import bs4

    built = []
    real = bs4.BeautifulSoup

    def counting(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(bs4, "BeautifulSoup", counting)
    return built


@pytest.mark.parametrize("name, url", [("c155_11300.html", URL), ("kazakhstan_11200.html", KZ_URL)])
def test_either_page_kind_is_parsed_once(load_page, html_parses, name, url):
    page = parse_page(load_page(name), url)
    assert page.records and len(html_parses) == 1


@pytest.mark.parametrize("mark", ["<!-- saved from url=(0090){url} -->", '<link rel="canonical" href="{url}">', ""])
def test_a_saved_page_is_parsed_once_and_keeps_its_url(load_page, html_parses, tmp_path, mark):
    from ratify.normlex.snapshot import parse_saved_files

    html = load_page("c155_11300.html").replace("<head>", "<head>" + mark.format(url=URL), 1)
    (tmp_path / "saved.html").write_text(html, encoding="utf-8")
    [entry] = parse_saved_files([tmp_path / "saved.html"]).pages
    assert len(html_parses) == 1
    assert entry["url"] == (URL if mark else "saved.html")


def test_a_truncated_saved_page_is_named_by_the_url_it_carries(load_page, tmp_path):
    from ratify.errors import DataError
    from ratify.normlex.snapshot import parse_saved_files

    html = f'<html><head><link rel="canonical" href="{KZ_URL}"></head><body><table>'
    (tmp_path / "cut.html").write_text(html, encoding="utf-8")
    with pytest.raises((NormlexPageError, DataError), match="truncated") as info:
        parse_saved_files([tmp_path / "cut.html"])
    assert KZ_URL in str(info.value)
