import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ratify.dates import PartialDate, parse_day


def test_precision_is_kept_not_padded():
    assert str(PartialDate.parse("1992")) == "1992"
    assert str(PartialDate.parse("1992-03")) == "1992-03"
    assert str(PartialDate.parse("1992-03-31")) == "1992-03-31"
    assert PartialDate.parse(1992).precision == "year"
    assert PartialDate.parse(dt.date(2001, 5, 18)) == PartialDate(2001, 5, 18)


@pytest.mark.parametrize("bad", ["1992-02-30", "1992-13", "92", "2001/05/18", "", "1800", True, 3.5])
def test_impossible_or_malformed_dates_are_rejected(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_comparison_with_a_day_has_three_answers():
    day = dt.date(2016, 11, 4)
    assert PartialDate.parse("2016-11-04").on_or_before(day) is True  # the day itself counts
    assert PartialDate.parse("2016-11-05").on_or_before(day) is False
    assert PartialDate.parse("2016").on_or_before(day) is None
    assert PartialDate.parse("2016-11").on_or_before(day) is None
    assert PartialDate.parse("2016-10").on_or_before(day) is True
    assert PartialDate.parse("2017").on_or_before(day) is False
    assert PartialDate.parse("2015").on_or_before(day) is True


def test_parse_day():
    assert parse_day("2022-06-10") == dt.date(2022, 6, 10)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_day("10/06/2022")


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)), st.sampled_from(["day", "month", "year"])
)
def test_round_trip_and_interval(day, precision):
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
    parsed = PartialDate.parse(text)
    assert str(parsed) == text
    assert parsed.earliest <= day <= parsed.latest
    assert parsed.on_or_before(parsed.latest) is True


@given(st.text(max_size=20))
def test_any_text_parses_or_raises_value_error(text):
    try:
        PartialDate.parse(text)
    except ValueError:
        pass
