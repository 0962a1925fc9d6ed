"""rapidyaml's reading must mean exactly what PyYAML's does, or step aside."""

from __future__ import annotations

import datetime as dt
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ratify import fastyaml
from ratify.loader import _LineLoader

pytestmark = pytest.mark.skipif(not fastyaml.AVAILABLE, reason="rapidyaml not installed")


def pyyaml(text: str):
    return yaml.load(text, Loader=_LineLoader)


def lines(value, out=None):
    out = [] if out is None else out
    if isinstance(value, dict):
        out.append(value.line)
        for item in value.values():
            lines(item, out)
    elif isinstance(value, list):
        for item in value:
            lines(item, out)
    return out


def same_as_pyyaml(text: str) -> bool:
    """True if the fast reader agrees with PyYAML (values and lines), False if it stepped aside."""
    try:
        fast = fastyaml.load(text)
    except fastyaml.Unsupported:
        return False
    expected = pyyaml(text)
    assert fast == expected
    assert type(fast) is type(expected)
    assert lines(fast) == lines(expected)
    return True


# Words PyYAML resolves to something other than a string, and look-alikes it does not.
TRICKY = ["yes", "No", "ON", "off", "~", "null", "NULL", "true", "False", "1992", "0x1F", "0o17", "017",
          "1_000", "1:30", "3.5", ".inf", "-.Inf", ".nan", "1e3", "2001-05-18", "2001-05-18 10:00:00",
          "2001-5-1", "C087", "KZ", "in_force", "", " ", "a: b", "- x", "#c", "@x", "`x", "'q'", '"dq"',
          "é", "Ωmega", "line\nbreak", "tab\there", "trailing ", "%pct", "!bang", "&amp", "*star", "<<"]
scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=string.ascii_letters + string.digits + " -_:.,'\"#é", max_size=20),
    st.integers(-10**6, 10**6),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
keys = st.one_of(st.sampled_from(["id", "date", "note", "yes", "1992", "null", "C087"]),
                 st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=8))
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)
styles = st.sampled_from([
    {"default_flow_style": False}, {"default_flow_style": True}, {"default_flow_style": None},
    {"default_style": '"'}, {"default_style": "'"}, {"width": 20}, {"allow_unicode": True},
])


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(documents, styles)
def test_agrees_with_pyyaml_on_documents_pyyaml_writes(document, style):
    text = yaml.safe_dump(document, sort_keys=False, **style)
    same_as_pyyaml(text)


@settings(max_examples=1500)
@given(st.one_of(
    st.text(alphabet=string.printable + "éΩ", max_size=60),
    st.text(alphabet=" :-[]{},#\n'\"?&*!|>ab1é.~\\", max_size=40),  # dense in YAML's indicators
))
def test_any_text_is_read_as_pyyaml_reads_it_or_handed_to_pyyaml(text):
    try:
        expected = pyyaml(text)
    except Exception:  # noqa: BLE001 - PyYAML rejects it: the fast reader must not accept it
        with pytest.raises(fastyaml.Unsupported):
            fastyaml.load(text)
        return
    try:
        fast = fastyaml.load(text)
    except fastyaml.Unsupported:
        return
    assert fast == expected
    assert lines(fast) == lines(expected)


def test_shipped_files_read_the_same(tmp_path):
    from ratify.paths import embedded_data_dir

    for name in ("conventions.yaml", "countries.yaml"):
        assert same_as_pyyaml((embedded_data_dir() / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",            # anchors and aliases
    "a: !!str 1\n",                # tags
    "base: {a: 1}\nmore:\n  <<: {b: 2}\n",  # merge keys
    "a: 1\na: 2\n",                # duplicate keys: PyYAML's reading names the line
    "---\na: 1\n---\nb: 2\n",      # several documents
    "a: [1, 2\n",                  # broken YAML: PyYAML names the problem
])
def test_steps_aside_for_what_pyyaml_must_read(text):
    with pytest.raises(fastyaml.Unsupported):
        fastyaml.load(text)


def test_a_parse_error_leaves_stderr_clean(capfd):
    with pytest.raises(fastyaml.Unsupported):
        fastyaml.load("a: [1, 2\nb: {\n")
    assert capfd.readouterr().err == ""


def test_mapping_lines_are_those_of_their_first_key():
    text = "# comment\n\ncountries:\n- code: KZ\n  ratifications:\n  - instrument: C087\n    date: '2000'\n"
    data = fastyaml.load(text)
    assert data.line == 3
    assert data["countries"][0].line == 4
    assert data["countries"][0]["ratifications"][0].line == 6


def test_empty_lists_as_pyyaml_writes_them_are_read_fast():
    assert same_as_pyyaml("targets: []\ncountries:\n- code: XA\n  groups: []  # none\n")
