"""Load the curated YAML into the data model, naming file and line for every problem."""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..model import (
    CATEGORIES,
    CONFIDENCE,
    RATIFICATION_STATUSES,
    CategoryPeriod,
    CompleteList,
    Country,
    Dataset,
    Group,
    Instrument,
    InstrumentSet,
    KnownTotal,
    Ratification,
    Target,
    TrailSource,
)
from ..paths import CONVENTIONS_FILE, COUNTRIES_FILE, default_data_dir
from .yaml_reader import Reader, read_top


def _instrument(r: Reader) -> Instrument:
    ident = r.instrument_id("id")
    r.what = f"instrument {ident}"
    history = []
    for h in r.records("category_history", f"category history of {ident}"):
        history.append(CategoryPeriod(h.choice("category", CATEGORIES, required=True), h.date("until", required=True)))
    return Instrument(
        id=ident,
        number=r.get("number", int, required=True),
        type=r.choice("type", ("convention", "protocol"), required=True),
        title=r.get("title", default=""),
        year=r.get("year", int),
        category=r.choice("category", CATEGORIES, default="technical"),
        category_history=history,
        status=r.get("status"),
        status_note=r.get("status_note", default=""),
        subject=r.get("subject", default=""),
        revises=r.ids("revises"),
        parent=r.instrument_id("parent", required=False),
        entry_into_force=r.date("entry_into_force"),
        adopted=r.date("adopted"),
        source=r.get("source", default=""),
        status_source=r.get("status_source", default=""),
        category_source=r.get("category_source", default=""),
        confidence=r.choice("confidence", CONFIDENCE, default="ilo"),
        note=r.get("note", default=""),
        line=r.line,
        sources=_trail(r, f"source of {ident}"),
    )


def _trail(r: Reader, what: str) -> tuple[TrailSource, ...]:
    """A record's research trail: the pages read, what each says, when it was read."""
    return tuple(
        TrailSource(
            url=t.get("url", required=True), says=t.get("says", default=""), consulted=t.date("consulted"), line=t.line
        )
        for t in r.records("sources", what)
    )


def _ratification(country: str, r: Reader) -> Ratification:
    ident = r.instrument_id("instrument")
    r.what = f"ratification {country} {ident}"
    return Ratification(
        country=country,
        instrument=ident,
        date=r.date("date"),
        status=r.choice("status", RATIFICATION_STATUSES, default="unknown"),
        source=r.get("source", default=""),
        note=r.get("note", default=""),
        denounced=r.date("denounced"),
        denounced_by=r.instrument_id("denounced_by", required=False),
        confidence=r.choice("confidence", CONFIDENCE, default="ilo"),
        line=r.line,
        sources=_trail(r, f"source of {country} {ident}"),
    )


def _complete_list(r: Reader) -> CompleteList:
    ident = r.get("id", required=True)
    r.what = f"complete list {ident}"
    raw_instruments = r.data.get("instruments")
    instruments: frozenset[str] | None
    if isinstance(raw_instruments, str) and raw_instruments.strip().lower() == "all":
        instruments = None
    elif isinstance(raw_instruments, list) and raw_instruments:
        instruments = frozenset(r.ids("instruments"))
    else:
        raise r.fail("field 'instruments' must be a non-empty list of instrument ids or `all`")
    raw_countries = r.data.get("countries")
    countries: frozenset[str] | None = None
    if raw_countries is not None:
        if not isinstance(raw_countries, list) or not raw_countries:
            raise r.fail("field 'countries' must be a non-empty list of country codes (leave it out for every country)")
        countries = frozenset(str(c).strip().upper() for c in raw_countries)
    return CompleteList(
        id=ident,
        source=r.get("source", required=True),
        instruments=instruments,
        countries=countries,
        description=r.get("description", default=""),
        as_of=r.date("as_of"),
        consulted=r.date("consulted"),
        note=r.get("note", default=""),
        line=r.line,
    )


def _check_complete_lists(lists: list[CompleteList], instruments: dict, countries: dict, path: str) -> None:
    """A list citing an id the data does not know would silently cover nothing: an error."""
    seen: dict[str, int] = {}
    for cl in lists:
        if cl.id in seen:
            raise DataError(f"duplicate complete list {cl.id} (first at line {seen[cl.id]})", path, cl.line)
        seen[cl.id] = cl.line
        unknown = sorted(i for i in cl.instruments or () if i not in instruments)
        if unknown:
            raise DataError(f"complete list {cl.id}: unknown instrument(s) {', '.join(unknown)}", path, cl.line)
        unknown = sorted(c for c in cl.countries or () if c not in countries)
        if unknown:
            raise DataError(f"complete list {cl.id}: unknown country code(s) {', '.join(unknown)}", path, cl.line)


def _country(r: Reader) -> Country:
    code = r.get("code", required=True).upper()
    r.what = f"country {code}"
    totals = [
        KnownTotal(
            conventions=t.get("conventions", int),
            protocols=t.get("protocols", int),
            as_of=t.date("as_of"),
            source=t.get("source", default=""),
            note=t.get("note", default=""),
            line=t.line,
        )
        for t in r.records("known_totals", f"known total of {code}")
    ]
    normlex_id = r.get("normlex_id")
    return Country(
        code=code,
        name=r.get("name", required=True),
        aliases=[str(a) for a in r.get("aliases", list, default=[])],
        normlex_id=str(normlex_id) if normlex_id else None,
        ilo_member_since=r.date("ilo_member_since"),
        member_source=r.get("member_source", default=""),
        groups=[str(g).lower() for g in r.get("groups", list, default=[])],
        known_totals=totals,
        ratifications=[_ratification(code, x) for x in r.records("ratifications", f"ratification of {code}")],
        line=r.line,
    )


def _target(r: Reader) -> Target:
    ident = r.get("id", required=True)
    r.what = f"target {ident}"
    applies = r.get("applies_to", (list, str), required=True)
    return Target(
        id=ident,
        set_by=r.get("set_by", default=""),
        applies_to=[str(a) for a in applies] if isinstance(applies, list) else [applies],
        kind=r.choice("kind", ("ratify", "claim"), default="ratify"),
        instruments=r.ids("instruments"),
        description=r.get("description", required=True),
        source=r.get("source", default=""),
        count=r.get("count", int),
        start=r.date("start"),
        deadline=r.date("deadline"),
        stated=r.date("stated"),
        note=r.get("note", default=""),
        confidence=r.choice("confidence", CONFIDENCE, default="ilo"),
        line=r.line,
    )


def _named(r: Reader, key: str, what: str) -> list[tuple[str, Reader]]:
    block = r.data.get(key) or {}
    if not isinstance(block, dict):
        raise r.fail(f"field {key!r} must be a mapping of names to {what}s")
    return [
        (str(name), Reader(r.path, value, f"{what} {name}", getattr(block, "line", 0))) for name, value in block.items()
    ]


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Load `conventions.yaml` and `countries.yaml` from `data_dir` (embedded data by default)."""
    directory = Path(data_dir) if data_dir else default_data_dir()
    if data_dir and not directory.is_dir():
        raise DataError("data directory not found", str(directory))
    return _build(directory)


def _build(directory: Path) -> Dataset:
    conventions_path, countries_path = directory / CONVENTIONS_FILE, directory / COUNTRIES_FILE
    conventions, countries = read_top(conventions_path), read_top(countries_path)

    instruments: dict[str, Instrument] = {}
    for rec in conventions.records("instruments", "instrument"):
        inst = _instrument(rec)
        if inst.id in instruments:
            raise DataError(
                f"duplicate instrument {inst.id} (first at line {instruments[inst.id].line})", rec.path, rec.line
            )
        instruments[inst.id] = inst
    sets = {}
    for name, rec in _named(conventions, "sets", "set"):
        rule = rec.get("rule", dict, default={})
        sets[name.lower()] = InstrumentSet(
            id=name.lower(),
            description=rec.get("description", default=""),
            rule=dict(rule),
            members=rec.ids("members"),
            source=rec.get("source", default=""),
            line=rec.line,
        )

    groups = {}
    for name, rec in _named(countries, "groups", "group"):
        groups[name.lower()] = Group(
            id=name.lower(),
            name=rec.get("name", required=True),
            members=[str(m).upper() for m in rec.get("members", list, default=[])],
            source=rec.get("source", default=""),
            line=rec.line,
        )
    country_map: dict[str, Country] = {}
    for rec in countries.records("countries", "country"):
        country = _country(rec)
        if country.code in country_map:
            raise DataError(f"duplicate country {country.code}", rec.path, rec.line)
        country_map[country.code] = country
    targets = [_target(rec) for rec in countries.records("targets", "target")]
    complete_lists = [_complete_list(rec) for rec in countries.records("complete_lists", "complete list")]
    _check_complete_lists(complete_lists, instruments, country_map, countries.path)
    checked = {
        "conventions": str(conventions.date("checked") or ""),
        "countries": str(countries.date("checked") or ""),
    }
    from .members import load_registry, registry_path

    members_path = registry_path(directory)
    registry = load_registry(members_path) if members_path.exists() else None
    _check_against_registry(registry, country_map, members_path.parent == directory)
    return Dataset(
        instruments=instruments,
        countries=country_map,
        groups=groups,
        sets=sets,
        targets=targets,
        checked=checked,
        paths={
            "conventions": str(conventions_path),
            "countries": str(countries_path),
            **({"members": str(members_path)} if registry else {}),
        },
        complete_lists=complete_lists,
        registry=registry,
    )


def _check_against_registry(registry, countries: dict[str, Country], same_directory: bool) -> None:
    """The registry's facts about a curated country must agree with countries.yaml.

    An error when both files are in the data directory (one curator, one truth); with the
    embedded registry beside a user's own countries.yaml, `ratify validate` warns instead.
    """
    if registry is None or not same_directory:
        return
    from ..member_states import disagreements

    for _code, line, message in disagreements(registry, countries):
        raise DataError(message, registry.path, line)
