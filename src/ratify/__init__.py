"""ratify: track ratification of ILO conventions from curated, cited data and NORMLEX.

The Python API (results are dataclasses with `to_dict()`):

    import ratify
    data = ratify.load()                       # or ratify.load("path/to/data")
    report = ratify.gaps(data, data.resolve_countries(group="ctuca"), data.resolve_instruments("fundamental"))

Names are imported lazily so that `import ratify` stays cheap for the command line.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {
    "load": ("ratify.store", "load"),
    "load_dataset": ("ratify.loader", "load_dataset"),
    "gaps": ("ratify.analysis", "gaps"),
    "matrix": ("ratify.analysis", "matrix"),
    "targets": ("ratify.analysis", "targets"),
    "target_progress": ("ratify.analysis", "target_progress"),
    "peers": ("ratify.analysis", "peers"),
    "timeline": ("ratify.analysis", "timeline"),
    "upgrades": ("ratify.analysis", "upgrades"),
    "standing": ("ratify.analysis", "standing"),
    "country_profile": ("ratify.analysis", "country_profile"),
    "validate": ("ratify.validate", "validate"),
    "PartialDate": ("ratify.dates", "PartialDate"),
    "Dataset": ("ratify.model", "Dataset"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        import importlib

        module, attr = _API[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'ratify' has no attribute {name!r}")
