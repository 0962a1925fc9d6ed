"""The ILO member States: the registry in members.yaml, name matching and ILO regions.

The registry knows every member State (ISO codes, the English name, the name as NORMLEX
writes it, older names, the ILO region); countries.yaml knows the six curated countries and
their ratifications. A member that is not curated has no ratifications of its own: its
answers come from NORMLEX snapshots, or it has no data (see ``no_data_message``).

Matching is forgiving: ISO alpha-2 or alpha-3 code, English name, NORMLEX (UN) name or an
alias, compared case- and accent-insensitively ("turkiye", "TÜRKIYE" and "Turkey" are TR).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate

MEMBERS_FILE = "members.yaml"

# The ILO's five regions (its regional offices), in the order the ILO lists them.
REGION_IDS = ("africa", "americas", "arab-states", "asia-pacific", "europe-central-asia")
WORLD = "world"


def fold(text: str) -> str:
    """Case- and accent-insensitive key for forgiving look-ups: "Côte d'Ivoire" -> "cotedivoire"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass(frozen=True)
class Member:
    code: str  # ISO 3166-1 alpha-2
    alpha3: str
    name: str
    normlex_name: str  # the UN short name, as NORMLEX writes it
    region: str
    aliases: tuple[str, ...] = ()
    member_since: PartialDate | None = None
    normlex_id: str | None = None
    curated: bool = False  # ratifications in countries.yaml
    sources: dict[str, str] = field(default_factory=dict)  # fact -> source id (or URL)
    line: int = 0

    def names(self) -> list[str]:
        """Every form the member can be asked for or written as."""
        return [self.code, self.alpha3, self.name, self.normlex_name, *self.aliases]


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    source: str


@dataclass
class Registry:
    """Every ILO member State, with look-ups by any of its names and by NORMLEX id."""

    members: dict[str, Member]
    regions: dict[str, Region]
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: str = ""
    checked: str = ""

    def __post_init__(self) -> None:
        self._keys: dict[str, str] = {}
        self._by_normlex_id: dict[str, str] = {}
        for member in self.members.values():
            for key in member.names():
                self._keys.setdefault(fold(key), member.code)
            if member.normlex_id:
                self._by_normlex_id.setdefault(member.normlex_id, member.code)

    def match(self, text: str) -> str | None:
        """The alpha-2 code of the member `text` names, or None."""
        return self._keys.get(fold(text)) if text else None

    def by_normlex_id(self, country_id: str | None) -> str | None:
        return self._by_normlex_id.get(str(country_id).strip()) if country_id else None

    def in_region(self, region: str) -> list[str]:
        return sorted(c for c, m in self.members.items() if m.region == region)


def no_data_message(code: str, normlex_id: str | None = None) -> str:
    """Why a member has no answers, and how to get some (one line for stderr)."""
    if normlex_id:
        how = f"run `ratify fetch --country {code}`"
    else:
        how = "run `ratify fetch --set fundamental`, whose instrument pages list every country; its country page id is not known"
    return f"{code}: no data (not curated; no NORMLEX page covers it: {how})"


def disagreements(registry: Registry, countries: dict) -> list[tuple[str, int, str]]:
    """(code, registry line, message) for each fact the registry and countries.yaml give differently."""
    found = []
    for code, country in countries.items():
        member = registry.members.get(code)
        if member is None:
            continue  # a country outside the registry (test data, a territory) stays curated only
        if member.normlex_id and country.normlex_id and member.normlex_id != country.normlex_id:
            found.append(
                (
                    code,
                    member.line,
                    f"member {code}: normlex_id {member.normlex_id} disagrees with "
                    f"countries.yaml ({country.normlex_id})",
                )
            )
        if member.member_since and country.ilo_member_since and member.member_since != country.ilo_member_since:
            found.append(
                (
                    code,
                    member.line,
                    f"member {code}: member_since {member.member_since} disagrees with "
                    f"countries.yaml ({country.ilo_member_since})",
                )
            )
    return found


# --------------------------------------------------------------------------- loading
