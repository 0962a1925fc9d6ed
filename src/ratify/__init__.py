"""ratify: track ratification of ILO conventions from curated, cited data and NORMLEX.

The Python API (results are dataclasses with `to_dict()`):

    import ratify
    data = ratify.load()                       # or ratify.load("path/to/data")
    report = ratify.gaps(data, data.resolve_countries(group="ctuca"), data.resolve_instruments("fundamental"))

Names are imported lazily so that `import ratify` stays cheap for the command line.
"""

from __future__ import annotations

from .lazy import lazy_exports

__version__ = "0.1.0"

_API = {
    "load": "ratify.curated.load",
    "load_dataset": "ratify.curated.loader",
    "gaps": "ratify.analysis",
    "matrix": "ratify.analysis",
    "targets": "ratify.analysis",
    "target_progress": "ratify.analysis",
    "peers": "ratify.analysis",
    "timeline": "ratify.analysis",
    "upgrades": "ratify.analysis",
    "standing": "ratify.analysis",
    "country_profile": "ratify.analysis",
    "validate": "ratify.curated.validate",
    "PartialDate": "ratify.dates",
    "Dataset": "ratify.model",
}

__all__ = ["__version__", *_API]

__getattr__, __dir__ = lazy_exports(__name__, _API)
