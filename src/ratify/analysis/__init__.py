"""Questions asked of a dataset: gaps, matrix, profiles, targets, peers, upgrades, timeline.

Every function takes `on`, the as-of day (None means today's state as the data records it).
Results are plain dataclasses with `to_dict()`; nothing here formats output.

Each topic is a module: `states` (where a country stands on an instrument), `coverage`
(gaps, matrix, upgrades), `profiles`, `progress` (targets and claims), `suggestions` (peers)
and `history` (timeline). Their names are importable from here; all but the states are
loaded on first use, so a command imports only the analysis it runs.
"""

from __future__ import annotations

from .states import (  # noqa: F401 - the vocabulary every analysis shares
    DENOUNCED,
    GAP_STATES,
    NOT_RATIFIED,
    PENDING,
    RATIFIED,
    REGISTERED,
    UNCERTAIN,
    Standing,
    open_instruments,
    standing,
)

_LAZY = {
    "coverage": ("GapReport", "gaps", "Matrix", "matrix", "Upgrade", "upgrades"),
    "profiles": ("SetCount", "CountryProfile", "country_profile", "InstrumentProfile", "instrument_profile"),
    "progress": ("MET", "OPEN", "OVERDUE", "TRUE", "FALSE", "TargetProgress", "target_progress", "targets",
                 "target_countries"),
    "suggestions": ("PeerSuggestion", "peers"),
    "history": ("TimelineYear", "timeline"),
}
_WHERE = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'ratify.analysis' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
