"""Questions asked of a dataset: gaps, matrix, profiles, targets, peers, upgrades, timeline.

Every function takes `on`, the as-of day (None means today's state as the data records it).
Results are plain dataclasses with `to_dict()`; nothing here formats output.

Each topic is a module named for what it answers: `standings` (where a country stands on an
instrument), `evidence` (what a gap rests on), `gap_report` (gaps, matrix, upgrades),
`profiles` (a country's or an instrument's profile), `targets_and_claims` (targets and claims),
`peer_suggestions` (peers), `timelines` (ratifications per year) and `selection` (default
selections, subject look-up, export records). Module names differ from the functions they
export, so importing a module never hides a function of the same name. Their names are
importable from here; all but the standings are loaded on first use, so a command imports
only the analysis it runs.
"""

from __future__ import annotations

from ..lazy import lazy_exports
from .standings import (  # noqa: F401 - the vocabulary every analysis shares
    DENOUNCED,
    GAP_STATES,
    NOT_RATIFIED,
    PENDING,
    RATIFIED,
    REGISTERED,
    STATUS_UNKNOWN,
    UNCERTAIN,
    Standing,
    open_instruments,
    standing,
)

_LAZY = {
    "gap_report": ("GapReport", "gaps", "Matrix", "matrix", "Upgrade", "upgrades"),
    "profiles": ("SetCount", "CountryProfile", "country_profile", "InstrumentProfile", "instrument_profile"),
    "targets_and_claims": (
        "MET",
        "OPEN",
        "OVERDUE",
        "TRUE",
        "FALSE",
        "TargetProgress",
        "target_progress",
        "targets",
        "target_countries",
    ),
    "peer_suggestions": ("PeerSuggestion", "peers"),
    "timelines": ("TimelineYear", "timeline"),
    "selection": ("select_countries", "peer_group", "find_subject", "timeline_scope", "export_records"),
}
__getattr__, __dir__ = lazy_exports(__name__, {name: f".{module}" for module, names in _LAZY.items() for name in names})
