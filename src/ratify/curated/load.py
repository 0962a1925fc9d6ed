"""Loading the curated YAML (cached by content). Which data a command uses is decided in `sources`."""

from __future__ import annotations

from pathlib import Path

from ..model import Dataset
from ..paths import CONVENTIONS_FILE, COUNTRIES_FILE, default_data_dir


def load(data_dir: Path | str | None = None) -> Dataset:
    """Load the curated data from `data_dir` (the embedded data by default).

    Parsed data is cached by content (see curated.cache), so YAML is imported and parsed only
    when a file changed.
    """
    from .cache import cached_load

    directory = Path(data_dir) if data_dir else default_data_dir()

    def build() -> Dataset:
        from .loader import load_dataset

        return load_dataset(directory)

    if not directory.is_dir():
        return build()  # the loader names the problem
    from .members import registry_path

    files = [directory / CONVENTIONS_FILE, directory / COUNTRIES_FILE]
    members = registry_path(directory)
    if members.exists():
        files.append(members)
    return cached_load(directory, files, build)
