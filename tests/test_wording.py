"""Counts in messages take the number of their noun."""

from ratify.wording import plural


def test_plural():
    assert plural(1, "gap") == "1 gap"
    assert plural(0, "gap") == "0 gaps"
    assert plural(4, "instrument") == "4 instruments"
    assert plural(1, "country", "countries") == "1 country"
    assert plural(5, "country", "countries") == "5 countries"
