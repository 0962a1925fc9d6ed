import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ratify.curated.loader import load_dataset
from ratify.curated.yaml_reader import read_yaml
from ratify.errors import DataError

from ..conftest import SMALL


@pytest.fixture
def data_copy(tmp_path):
    for name in ("conventions.yaml", "countries.yaml"):
        shutil.copy(SMALL / name, tmp_path / name)
    return tmp_path


def replace(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_small_fixture_loads(small):
    assert sorted(small.countries) == ["XA", "XB", "XC"]
    assert small.instruments["P029"].parent == "C029"
    assert str(small.countries["XB"].ratifications[1].date) == "2016"


def test_broken_yaml_names_file_and_line(data_copy):
    replace(data_copy / "countries.yaml", "  - code: XB\n", "  - code: XB\n    name: [unclosed\n")
    with pytest.raises(DataError) as err:
        load_dataset(data_copy)
    message = str(err.value)
    assert message.startswith(f"{data_copy / 'countries.yaml'}:")
    broken_line = (data_copy / "countries.yaml").read_text().splitlines().index("    name: [unclosed") + 1
    # The parser notices the missing ']' on the next line; the message names both.
    assert err.value.line == broken_line + 1
    assert f"opened at line {broken_line}" in message
    assert "invalid YAML" in message


def test_wrong_type_names_the_record_and_line(data_copy):
    replace(data_copy / "conventions.yaml", "number: 155", "number: many")
    with pytest.raises(DataError, match=r"conventions.yaml:\d+: instrument C155: field 'number' must be int"):
        load_dataset(data_copy)


def test_impossible_date_is_an_error_with_line(data_copy):
    replace(data_copy / "countries.yaml", 'date: "2016-11-04"', 'date: "2016-02-30"')
    with pytest.raises(DataError, match=r"countries.yaml:\d+: ratification XA C087: field 'date': impossible date"):
        load_dataset(data_copy)


def test_unknown_status_value(data_copy):
    replace(data_copy / "countries.yaml", "status: not_in_force", "status: maybe")
    with pytest.raises(DataError, match="must be one of in_force, not_in_force, denounced"):
        load_dataset(data_copy)


def test_duplicate_key_is_an_error(data_copy):
    replace(data_copy / "countries.yaml", "    name: Betastan\n", "    name: Betastan\n    name: Other\n")
    with pytest.raises(DataError, match="duplicate key 'name'"):
        load_dataset(data_copy)


def test_missing_files_and_directory(tmp_path):
    with pytest.raises(DataError, match="data directory not found"):
        load_dataset(tmp_path / "nowhere")
    with pytest.raises(DataError, match="conventions.yaml: file not found"):
        load_dataset(tmp_path)


def test_unquoted_yaml_dates_and_years_are_accepted(data_copy):
    replace(data_copy / "countries.yaml", 'date: "2016-11-04"', "date: 2016-11-04")
    replace(data_copy / "countries.yaml", 'date: "1993"', "date: 1993")
    ds = load_dataset(data_copy)
    xa = {r.instrument: r for r in ds.countries["XA"].ratifications}
    assert str(xa["C087"].date) == "2016-11-04"
    assert str(ds.countries["XC"].ratifications[0].date) == "1993"


# Any document either loads or raises DataError: never another exception.
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(conventions=yaml_values, countries=yaml_values)
def test_loader_on_arbitrary_documents(tmp_path_factory, conventions, countries):
    directory = tmp_path_factory.mktemp("data")
    (directory / "conventions.yaml").write_text(yaml.safe_dump(conventions))
    (directory / "countries.yaml").write_text(yaml.safe_dump(countries))
    try:
        load_dataset(directory)
    except DataError as exc:
        assert str(exc)


@settings(max_examples=100)
@given(st.text(max_size=60))
def test_read_yaml_on_arbitrary_text(text):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            read_yaml(path)
        except DataError as exc:
            assert str(path) in str(exc)
