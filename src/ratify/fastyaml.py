"""Read YAML with rapidyaml when it is installed, keeping PyYAML's meaning.

PyYAML, even with its C loader, needs about a second for a megabyte of YAML (it builds a
Python node per scalar); rapidyaml parses the same file in a few milliseconds. The tree it
gives is turned into the plain values PyYAML's safe loader would give: plain scalars are
resolved with PyYAML's own resolver and constructors (so ``yes``, ``1992``, ``~`` and dates
mean what they mean to PyYAML), quoted scalars stay strings, and every mapping is a `LineDict`
remembering its line.

Anything this reader does not handle exactly as PyYAML would (anchors, aliases, tags, merge
keys, complex keys, flow collections, block scalars, several documents, duplicate keys, tabs,
invalid YAML) raises `Unsupported`,
and the caller reads the file with PyYAML instead, which gives the same data or the precise
error message with its line.
"""

from __future__ import annotations

import bisect
import ctypes
import os
import re
from typing import Any

import yaml

try:  # an optional accelerator: without it, PyYAML reads everything
    import ryml
except ImportError:  # pragma: no cover - depends on the platform
    ryml = None


class LineDict(dict):
    """A mapping that remembers the line it started on (1-based)."""

    line = 0


class Unsupported(Exception):
    """This text needs PyYAML: read it with PyYAML."""


AVAILABLE = ryml is not None


def load(text: str) -> Any:
    """The value PyYAML's safe loader gives for `text` (mappings as LineDict), or Unsupported."""
    if ryml is None:
        raise Unsupported("rapidyaml is not installed")
    if _PYYAML_ONLY_CHARACTERS.search(text):
        raise Unsupported("control characters, a byte-order mark or line breaks other than \\n")
    if _DOCUMENT_MARKERS.search(text):
        raise Unsupported("document markers, directives or explicit keys")
    data = text.encode("utf-8")
    newlines = []  # found before parsing: parsing in place rewrites the buffer
    position = data.find(b"\n")
    while position != -1:
        newlines.append(position)
        position = data.find(b"\n", position + 1)
    buffer = bytearray(data)
    tree = _parse(buffer)
    return _Converter(tree, buffer, newlines, data).document()


def _parse(buffer: bytearray):
    # rapidyaml writes its own description of a parse error to file descriptor 2 before it
    # raises; PyYAML then reports the error properly, so that text is kept off the terminal
    # (descriptor 2 is redirected only around the parse call).
    try:
        saved = os.dup(2)
    except OSError:
        saved = None
    try:
        if saved is not None:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
        return ryml.parse_in_place(buffer)
    except Exception as exc:  # noqa: BLE001 - any parse failure means "ask PyYAML"
        raise Unsupported(f"rapidyaml: {type(exc).__name__}") from None
    finally:
        if saved is not None:
            os.dup2(saved, 2)
            os.close(saved)


class _PyBuffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p), ("obj", ctypes.py_object), ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t), ("readonly", ctypes.c_int), ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p), ("shape", ctypes.c_void_p), ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p), ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_PyBuffer)]


def _address(view) -> int:
    """Where a memoryview's bytes are (keys parsed in place point into the source buffer)."""
    info = _PyBuffer()
    _get_buffer(view, ctypes.byref(info), 0)
    try:
        return info.buf or 0
    finally:
        _release_buffer(ctypes.byref(info))


_UNSUPPORTED_FLAGS = _MAP = _SEQ = _KEY_PLAIN = _VAL_PLAIN = _NONE = _FLOW = 0
# `key: []`, the one flow collection ratify's files have (PyYAML writes empty lists so).
_EMPTY_LIST_AFTER_KEY = re.compile(rb" *: *\[ *\] *(?:#[^\n]*)?(?:\n|$)")
if ryml is not None:
    # Block scalars (| and >) and flow collections ([...], {...}) too: rapidyaml accepts
    # some of them where PyYAML finds an error, and block style is what ratify writes.
    _UNSUPPORTED_FLAGS = (
        ryml.KEYANCH | ryml.VALANCH | ryml.KEYREF | ryml.VALREF | ryml.KEYTAG | ryml.VALTAG
        | ryml.KEY_LITERAL | ryml.KEY_FOLDED | ryml.VAL_LITERAL | ryml.VAL_FOLDED | ryml.CONTAINER_STYLE_FLOW
    )
    _FLOW = ryml.CONTAINER_STYLE_FLOW
    # The extension's own functions, when present, skip a Python wrapper per call (a third of
    # the time on large files); the public methods do the same work.
    _native = getattr(ryml, "_ryml", None)
    _type, _first_child, _next_sibling, _key, _val = (
        getattr(_native, f"Tree_{name}", None) or getattr(ryml.Tree, name)
        for name in ("type", "first_child", "next_sibling", "key", "val")
    )
    _MAP, _SEQ, _KEY_PLAIN, _VAL_PLAIN, _NONE = ryml.MAP, ryml.SEQ, ryml.KEY_PLAIN, ryml.VAL_PLAIN, ryml.NONE

_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STR_TAG = "tag:yaml.org,2002:str"
# Document markers, directives, and explicit keys or values (`? key`, `: value`) at a line's start.
_DOCUMENT_MARKERS = re.compile(r"^(?:---|\.\.\.|%|[ -]*[?:](?:[ \n]|$))", re.M)
# Text PyYAML rejects (control characters) or reads its own way (tabs, \r, NEL, LS, PS, BOM).
_PYYAML_ONLY_CHARACTERS = re.compile("[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# Indicators a plain scalar may not start with (YAML 1.1, as PyYAML's scanner enforces).
_NOT_PLAIN_STARTS = {bytes([c]) for c in b"[]{}#&*!|>'\"%@`,"}
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Converter:
    def __init__(self, tree, buffer: bytearray, newlines: list[int], source: bytes):
        self.tree = tree
        self.source = source
        self.base = _address(memoryview(buffer))
        self.size = len(buffer)
        self.newlines = newlines
        self.plain: dict[bytes, Any] = {}

    def document(self) -> Any:
        t = self.tree
        node = t.root_id()
        if t.is_stream(node):
            if t.num_children(node) != 1:
                raise Unsupported("several documents")
            node = t.first_child(node)
        if not (t.is_map(node) or t.is_seq(node) or t.has_val(node)):
            return None  # an empty document, as PyYAML reads it
        return self.value(node)

    def offset_of(self, view) -> int:
        offset = _address(view) - self.base
        if not 0 <= offset < self.size:
            raise Unsupported("a key outside the source")
        return offset

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self.newlines, offset - 1) + 1

    def is_empty_list_after_key(self, node, flags: int) -> bool:
        t = self.tree
        if not (flags & _SEQ and flags & _KEY_PLAIN) or t.num_children(node) != 0:
            return False
        key = t.key(node)
        end = self.offset_of(key) + len(key)
        return _EMPTY_LIST_AFTER_KEY.match(self.source, end) is not None

    def scalar(self, view, plain: bool) -> Any:
        raw = bytes(view)
        if not plain:
            return raw.decode("utf-8")
        if raw[:1] in _NOT_PLAIN_STARTS:
            raise Unsupported("a plain scalar YAML does not allow")  # rapidyaml is more lenient
        try:
            return self.plain[raw]
        except KeyError:
            pass
        text = raw.decode("utf-8")
        tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
        if tag == _STR_TAG:
            value: Any = text
        else:
            construct = _constructor.yaml_constructors.get(tag)
            if construct is None or tag == _MERGE_TAG:
                raise Unsupported(f"plain scalar {text!r} ({tag})")
            try:
                value = construct(_constructor, yaml.ScalarNode(tag, text))
            except (yaml.YAMLError, ValueError, TypeError):
                raise Unsupported(f"plain scalar {text!r}") from None
        self.plain[raw] = value
        return value

    def value(self, node, flags: int = -1) -> Any:
        # One type() call per node, bits tested here: the tree's accessors cost a call each.
        t = self.tree
        if flags == -1:
            flags = _type(t, node)
        if flags & _UNSUPPORTED_FLAGS:
            if flags & _UNSUPPORTED_FLAGS == flags & _FLOW and self.is_empty_list_after_key(node, flags):
                return []
            raise Unsupported("anchor, alias, tag, block scalar or flow collection")
        if flags & _MAP:
            result = LineDict()
            child = _first_child(t, node)
            if child == _NONE:
                raise Unsupported("empty mapping")  # its line is that of its brace: PyYAML knows it
            first_key = _key(t, child)
            if first_key is None:
                raise Unsupported("empty key")
            result.line = self.line_at(self.offset_of(first_key))
            while child != _NONE:
                view = _key(t, child)
                if view is None:
                    raise Unsupported("empty key")
                child_flags = _type(t, child)
                key = self.scalar(view, child_flags & _KEY_PLAIN)
                if key in result:
                    raise Unsupported("duplicate key")  # PyYAML's reading names its line
                result[key] = self.value(child, child_flags)
                child = _next_sibling(t, child)
            return result
        if flags & _SEQ:
            items = []
            child = _first_child(t, node)
            while child != _NONE:
                items.append(self.value(child))
                child = _next_sibling(t, child)
            return items
        view = _val(t, node)
        if view is None:
            return None  # `key:` with nothing after it
        return self.scalar(view, flags & _VAL_PLAIN)
