"""Load the curated YAML into the data model, naming file and line for every problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import yaml

from .dates import PartialDate
from .errors import DataError
from .model import (
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
    normalise_instrument_id,
)
from .paths import CONVENTIONS_FILE, COUNTRIES_FILE, default_data_dir
from .sanitize import strip_controls

# The C loader is many times faster than the pure-Python one.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Deeper than any curated record needs (a document is five levels deep); past it, building
# the values would recurse without bound.
MAX_DEPTH = 64


class LineDict(dict):
    """A mapping that remembers the line it started on (1-based)."""

    line = 0


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    def get_single_node(self):
        node = super().get_single_node()
        if node is not None:
            _check_tree(node)
        return node


def _check_tree(root: yaml.Node) -> None:
    """Refuse aliases and very deep nesting before any value is built.

    An alias makes the same node appear twice in the tree; a few of them nested ("billion
    laughs") expand to more values than memory holds. The curated data uses none.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int, yaml.Node]] = [(root, 1, root)]
    while stack:
        node, depth, parent = stack.pop()
        if id(node) in seen:
            line = parent.start_mark.line + 1
            raise DataError("invalid YAML: anchors and aliases (&name, *name) are not supported", None, line)
        if depth > MAX_DEPTH:
            raise DataError(f"invalid YAML: nested more than {MAX_DEPTH} levels deep", None, node.start_mark.line + 1)
        seen.add(id(node))
        # Pushed in reverse so that nodes are visited in document order: the second
        # occurrence of a node is the alias, and its parent tells the line.
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1, node) for child in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, depth + 1, key))
                stack.append((key, depth + 1, key))


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise DataError("invalid YAML: a mapping key must be a plain value, not a list or mapping",
                            None, key_node.start_mark.line + 1)
        key = _construct(loader, key_node)
        try:
            duplicate = key in result
        except TypeError:
            raise DataError(f"invalid YAML: a mapping key cannot be {type(key).__name__}", None,
                            key_node.start_mark.line + 1) from None
        if duplicate:
            raise DataError(f"duplicate key {key!r}", None, key_node.start_mark.line + 1)
        result[key] = _construct(loader, value_node)
    return result


def _construct(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """Build one value; a scalar PyYAML cannot convert is a data error at its line."""
    try:
        return loader.construct_object(node, deep=True)
    except (DataError, yaml.YAMLError):
        raise
    except Exception as exc:  # PyYAML's constructors fail in many ways on bad explicit tags
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            raise DataError(f"invalid value {shown!r} ({node.tag.rsplit(':', 1)[-1]}): {_first_line(exc)}",
                            None, line) from None
        raise DataError(f"invalid value: {_first_line(exc)}", None, line) from None


def _construct_str(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return strip_controls(loader.construct_scalar(node))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else type(exc).__name__


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def read_yaml(path: Path) -> Any:
    """The YAML document in `path`, mappings as LineDict; every problem a DataError with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError("file not found", str(path)) from None
    except UnicodeDecodeError as exc:
        raise DataError(f"cannot read: not UTF-8 text (byte {exc.start})", str(path)) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except DataError as exc:
        if exc.path is not None:
            raise
        raise DataError(str(exc), str(path), exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = _first_line(Exception(exc.problem or "invalid YAML"))
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            # Where the broken construct began is often what the user needs to see.
            problem += f" ({exc.context} opened at line {exc.context_mark.line + 1})"
        elif exc.context:
            problem = f"{exc.context}: {problem}"
        raise DataError(f"invalid YAML: {problem}", str(path), line) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise DataError(f"invalid YAML: character #x{exc.character:04x} is not allowed", str(path), line) from None
    except yaml.YAMLError as exc:
        raise DataError(f"invalid YAML: {_first_line(exc)}", str(path)) from None
    except RecursionError:
        raise DataError("invalid YAML: nested too deeply", str(path)) from None


class _Reader:
    """Typed field access on one YAML mapping, raising DataError with file and line."""

    def __init__(self, path: str, mapping: Any, what: str, parent_line: int = 0):
        if not isinstance(mapping, dict):
            raise DataError(f"{what} must be a mapping, got {type(mapping).__name__}", path, parent_line or None)
        self.path, self.data, self.what = path, mapping, what
        self.line = getattr(mapping, "line", parent_line)

    def fail(self, message: str) -> DataError:
        return DataError(f"{self.what}: {message}", self.path, self.line)

    def get(self, key: str, kind: type | tuple = str, required: bool = False, default: Any = None) -> Any:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise self.fail(f"missing required field {key!r}")
            return default
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            name = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(f"field {key!r} must be {name}, got {type(value).__name__} {value!r}")
        return value

    def date(self, key: str, required: bool = False) -> Optional[PartialDate]:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise self.fail(f"missing required field {key!r}")
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            raise self.fail(f"field {key!r}: {exc}") from None

    def instrument_id(self, key: str, value: Any = None, required: bool = True) -> Optional[str]:
        raw = self.data.get(key) if value is None else value
        if raw is None:
            if required:
                raise self.fail(f"missing required field {key!r}")
            return None
        ident = normalise_instrument_id(str(raw))
        if ident is None:
            raise self.fail(f"field {key!r}: not an instrument id: {raw!r}")
        return ident

    def ids(self, key: str) -> list[str]:
        values = self.get(key, list, default=[])
        return [self.instrument_id(key, v) for v in values]  # type: ignore[misc]

    def choice(self, key: str, choices: tuple, required: bool = False, default: Any = None) -> Any:
        value = self.get(key, str, required=required, default=default)
        if value is not None and value not in choices:
            raise self.fail(f"field {key!r} must be one of {', '.join(choices)}, got {value!r}")
        return value

    def records(self, key: str, what: str) -> list["_Reader"]:
        values = self.data.get(key) or []
        if not isinstance(values, list):
            raise self.fail(f"field {key!r} must be a list")
        return [_Reader(self.path, v, what, self.line) for v in values]


def _top(path: Path) -> _Reader:
    document = read_yaml(path)
    if document is None:
        raise DataError("file is empty", str(path))
    return _Reader(str(path), document, "document")


def _instrument(r: _Reader) -> Instrument:
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
    )


def _ratification(country: str, r: _Reader) -> Ratification:
    ident = r.instrument_id("instrument")
    r.what = f"ratification {country} {ident}"
    return Ratification(
        country=country,
        instrument=ident,  # type: ignore[arg-type]
        date=r.date("date"),
        status=r.choice("status", RATIFICATION_STATUSES, default="in_force"),
        source=r.get("source", default=""),
        note=r.get("note", default=""),
        denounced=r.date("denounced"),
        denounced_by=r.instrument_id("denounced_by", required=False),
        confidence=r.choice("confidence", CONFIDENCE, default="ilo"),
        line=r.line,
        sources=[
            TrailSource(url=t.get("url", required=True), says=t.get("says", default=""), consulted=t.date("consulted"), line=t.line)
            for t in r.records("sources", f"source of {country} {ident}")
        ],
    )


def _complete_list(r: _Reader) -> CompleteList:
    ident = r.get("id", required=True)
    r.what = f"complete list {ident}"
    raw_instruments = r.data.get("instruments")
    instruments: Optional[frozenset[str]]
    if isinstance(raw_instruments, str) and raw_instruments.strip().lower() == "all":
        instruments = None
    elif isinstance(raw_instruments, list) and raw_instruments:
        instruments = frozenset(r.ids("instruments"))  # type: ignore[arg-type]
    else:
        raise r.fail("field 'instruments' must be a non-empty list of instrument ids or `all`")
    raw_countries = r.data.get("countries")
    countries: Optional[frozenset[str]] = None
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


def _country(r: _Reader) -> Country:
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


def _target(r: _Reader) -> Target:
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


def _named(r: _Reader, key: str, what: str) -> list[tuple[str, _Reader]]:
    block = r.data.get(key) or {}
    if not isinstance(block, dict):
        raise r.fail(f"field {key!r} must be a mapping of names to {what}s")
    return [(str(name), _Reader(r.path, value, f"{what} {name}", getattr(block, "line", 0))) for name, value in block.items()]


def load_dataset(data_dir: Optional[Path | str] = None) -> Dataset:
    """Load `conventions.yaml` and `countries.yaml` from `data_dir` (embedded data by default)."""
    directory = Path(data_dir) if data_dir else default_data_dir()
    if data_dir and not directory.is_dir():
        raise DataError("data directory not found", str(directory))
    return _build(directory)


def _build(directory: Path) -> Dataset:
    conventions_path, countries_path = directory / CONVENTIONS_FILE, directory / COUNTRIES_FILE
    conventions, countries = _top(conventions_path), _top(countries_path)

    instruments: dict[str, Instrument] = {}
    for rec in conventions.records("instruments", "instrument"):
        inst = _instrument(rec)
        if inst.id in instruments:
            raise DataError(f"duplicate instrument {inst.id} (first at line {instruments[inst.id].line})", rec.path, rec.line)
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
        paths={"conventions": str(conventions_path), "countries": str(countries_path),
               **({"members": str(members_path)} if registry else {})},
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
    from .members import disagreements

    for _code, line, message in disagreements(registry, countries):
        raise DataError(message, registry.path, line)
