"""A country's records indexed by instrument: the same answers as a scan, kept current."""

from __future__ import annotations

import copy

from ratify.analysis.standings import NOT_RATIFIED, RATIFIED, standing
from ratify.curated.loader import load_dataset
from ratify.dates import PartialDate
from ratify.model import Ratification

from ..conftest import SMALL


def test_records_of_gives_what_a_scan_gives(small):
    for country in small.countries.values():
        for ident in [*small.instruments, "C999"]:
            assert country.records_of(ident) == [r for r in country.ratifications if r.instrument == ident]


def test_the_index_follows_a_replaced_or_extended_list():
    country = copy.deepcopy(load_dataset(SMALL).countries["XC"])
    assert standing(country, "C029").state == RATIFIED  # builds the index
    country.ratifications = [r for r in country.ratifications if r.instrument != "C029"]
    assert standing(country, "C029").state == NOT_RATIFIED
    assert standing(country, "C155").state == NOT_RATIFIED
    country.ratifications.append(Ratification("XC", "C155", PartialDate(2020), "in_force", "test fixture"))
    assert standing(country, "C155").state == RATIFIED


def test_the_index_is_not_part_of_the_country(small):
    country = small.countries["XA"]
    before = copy.deepcopy(country)
    country.records_of("C029")
    assert country == before and "_records_by_instrument" not in repr(country)
