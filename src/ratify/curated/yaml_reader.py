"""Reading curated YAML safely, keeping the line of every mapping for error messages.

Shared by the dataset loader and the member registry reader: a YAML error, a value PyYAML
cannot build, an alias or an over-deep document is one `DataError` naming file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, overload

import yaml

from ..dates import PartialDate
from ..errors import DataError
from ..model import normalise_instrument_id
from ..sanitize import strip_controls

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
            raise DataError(
                "invalid YAML: a mapping key must be a plain value, not a list or mapping",
                None,
                key_node.start_mark.line + 1,
            )
        key = _construct(loader, key_node)
        try:
            duplicate = key in result
        except TypeError:
            raise DataError(
                f"invalid YAML: a mapping key cannot be {type(key).__name__}", None, key_node.start_mark.line + 1
            ) from None
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
            raise DataError(
                f"invalid value {shown!r} ({node.tag.rsplit(':', 1)[-1]}): {_first_line(exc)}", None, line
            ) from None
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


class Reader:
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

    # A required field either has a value or raises, so its readers never return None.
    @overload
    def date(self, key: str, required: Literal[True]) -> PartialDate: ...
    @overload
    def date(self, key: str, required: bool = False) -> PartialDate | None: ...
    def date(self, key: str, required: bool = False) -> PartialDate | None:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise self.fail(f"missing required field {key!r}")
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            raise self.fail(f"field {key!r}: {exc}") from None

    @overload
    def instrument_id(self, key: str, value: Any = None, required: Literal[True] = True) -> str: ...
    @overload
    def instrument_id(self, key: str, value: Any = None, *, required: bool) -> str | None: ...
    def instrument_id(self, key: str, value: Any = None, required: bool = True) -> str | None:
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
        return [self.instrument_id(key, v) for v in values]

    def choice(self, key: str, choices: tuple, required: bool = False, default: Any = None) -> Any:
        value = self.get(key, str, required=required, default=default)
        if value is not None and value not in choices:
            raise self.fail(f"field {key!r} must be one of {', '.join(choices)}, got {value!r}")
        return value

    def records(self, key: str, what: str) -> list[Reader]:
        values = self.data.get(key) or []
        if not isinstance(values, list):
            raise self.fail(f"field {key!r} must be a list")
        return [Reader(self.path, v, what, self.line) for v in values]


def read_top(path: Path) -> Reader:
    document = read_yaml(path)
    if document is None:
        raise DataError("file is empty", str(path))
    return Reader(str(path), document, "document")
