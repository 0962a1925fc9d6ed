"""Which countries, instruments and records a question is about: defaults and subject look-up.

The CLI and the Python API share these rules, so `ratify gaps` and `analysis.gaps` on the
default selection answer the same question.
"""

from __future__ import annotations

import datetime as _dt

from ..errors import UsageError
from ..model import Country, Dataset, Instrument, normalise_instrument_id
from .standings import NOT_RATIFIED, Standing, standing

# The countries a gap report looks at when none are named (the group this project started from).
DEFAULT_GAPS_GROUP = "ctuca"
DEFAULT_SET = "fundamental"


def select_countries(
    dataset: Dataset, queries: list[str], group: str | None = None, default_group: str | None = None
) -> list[Country]:
    """Countries named, or a group's; with neither, `default_group` when the data has it, else all.

    Naming countries and a group at once is refused: neither a union nor an intersection is
    what every reader would expect. (A group's name may be given as a country argument.)
    """
    if queries and group:
        raise UsageError(
            f"name countries or a group, not both (got {', '.join(queries)} and --group {group}); "
            "a group name may also be given as a country argument"
        )
    if not queries and not group:
        group = default_group if default_group and default_group in dataset.groups else "all"
    return dataset.resolve_countries(queries, group)


def peer_group(dataset: Dataset, country: Country, group: str | None = None) -> str:
    """The group a country is compared with: `group` if given, else its first group in the data (for
    a member State that is not curated, its ILO region), else all."""
    return group or next((g for g in country.groups if dataset.is_group(g)), "all")


def find_subject(dataset: Dataset, query: str) -> Instrument | Country:
    """An instrument (`C155`, `155`) if the data has it, else a country (code, alpha-3 or name)."""
    ident = normalise_instrument_id(query)
    if ident is not None and ident in dataset.instruments:
        return dataset.instruments[ident]
    try:
        return dataset.country(query)
    except UsageError:
        named = dataset.similar_countries(query)
        hint = f" (did you mean {named}?)" if named else ""
        raise UsageError(f"unknown country or instrument {query!r}{hint}") from None


def timeline_scope(
    dataset: Dataset,
    subject: str | None = None,
    group: str | None = None,
    set_name: str | None = None,
    on: _dt.date | None = None,
) -> tuple[list[Country], set[str] | None, str]:
    """Countries, instruments (None: all) and a label for a timeline of `subject`.

    The subject is an instrument (then over the group's countries), a country or a group.
    """
    ident = normalise_instrument_id(subject) if subject else None
    if ident is not None and ident in dataset.instruments:
        if set_name is not None:
            raise UsageError(f"the timeline of {ident} is about that instrument alone: drop --set {set_name}")
        return select_countries(dataset, [], group), {ident}, ident
    instruments = {i.id for i in dataset.resolve_instruments(set_name, on)} if set_name is not None else None
    label = set_name or "all instruments"
    return select_countries(dataset, [subject] if subject else [], group), instruments, label


def export_records(
    dataset: Dataset, countries: list[Country], on: _dt.date | None = None
) -> list[tuple[Standing, Country]]:
    """Every ratification record that stands on `on` (registered by then), by country and instrument.

    A record is left out when it was not yet registered on `on`, or when a later record for
    the same instrument is the one that stands.
    """
    records = []
    for country in countries:
        for r in sorted(country.ratifications, key=lambda r: r.instrument):
            s = standing(country, r.instrument, on)
            if s.state != NOT_RATIFIED and s.ratification is r:
                records.append((s, country))
    return records
