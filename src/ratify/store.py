"""Loading the dataset for a command: the curated YAML (cached), optionally merged with NORMLEX."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from .model import Dataset


def load(data_dir: Optional[Path | str] = None) -> Dataset:
    """Load the curated data from `data_dir` (the embedded data by default)."""
    from .loader import load_dataset

    return load_dataset(data_dir)
