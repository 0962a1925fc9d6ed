"""Reading the member registry (members.yaml): every fact with its source, every problem
with file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..member_states import MEMBERS_FILE, REGION_IDS, Member, Region, Registry, fold


def registry_path(directory: Path) -> Path:
    """members.yaml of `directory`, or the embedded one when the directory has none.

    The registry is about the world, not a user's data: a data directory with its own
    countries.yaml but no members.yaml still knows every member State.
    """
    own = directory / MEMBERS_FILE
    if own.exists():
        return own
    from ..paths import embedded_data_dir

    return embedded_data_dir() / MEMBERS_FILE


def load_registry(path: Path) -> Registry:
    """Read and check a members.yaml (file and line named for every problem)."""
    # Imported here: finding the registry (`registry_path`) is on every command's path,
    # reading it (and so importing YAML) only when the data cache misses.
    from .yaml_reader import Reader, read_top

    top = read_top(path)
    sources: dict[str, dict[str, Any]] = {}
    block = top.data.get("sources") or {}
    if not isinstance(block, dict):
        raise top.fail("field 'sources' must be a mapping of ids to sources")
    for key, value in block.items():
        reader = Reader(top.path, value, f"source {key}", getattr(block, "line", 0))
        reader.get("url", required=True)
        sources[str(key)] = dict(value)

    regions: dict[str, Region] = {}
    block = top.data.get("regions") or {}
    if not isinstance(block, dict):
        raise top.fail("field 'regions' must be a mapping of region ids")
    for key, value in block.items():
        reader = Reader(top.path, value, f"region {key}", getattr(block, "line", 0))
        if key not in REGION_IDS:
            raise reader.fail(f"unknown ILO region (expected one of {', '.join(REGION_IDS)})")
        regions[key] = Region(key, reader.get("name", required=True), _source(reader, "source", sources))

    members: dict[str, Member] = {}
    for r in top.records("members", "member"):
        code = str(r.get("code", required=True)).upper()
        r.what = f"member {code}"
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise r.fail("code must be an ISO 3166-1 alpha-2 code")
        if code in members:
            raise r.fail(f"duplicate member (first at line {members[code].line})")
        region = r.choice("region", REGION_IDS, required=True)
        facts = r.get("sources", dict, required=True)
        checked_sources = {}
        for fact, ref in facts.items():
            checked_sources[str(fact)] = _resolve(r, str(ref), sources, f"sources.{fact}")
        for needed in ("member", "region"):
            if needed not in checked_sources:
                raise r.fail(f"sources must name the source of {needed!r}")
        member_since = r.date("member_since")
        normlex_id = r.get("normlex_id")
        if member_since and "member_since" not in checked_sources:
            raise r.fail("member_since needs sources.member_since")
        if normlex_id and "normlex_id" not in checked_sources:
            raise r.fail("normlex_id needs sources.normlex_id")
        members[code] = Member(
            code=code,
            alpha3=str(r.get("alpha3", required=True)).upper(),
            name=r.get("name", required=True),
            normlex_name=r.get("normlex_name", required=True),
            region=region,
            aliases=tuple(str(a) for a in r.get("aliases", list, default=[])),
            member_since=member_since,
            normlex_id=str(normlex_id) if normlex_id else None,
            curated=bool(r.data.get("curated")),
            sources=checked_sources,
            line=r.line,
        )
    registry = Registry(members, regions, sources, str(path), str(top.date("checked") or ""))
    _check_unique_names(registry, top)
    return registry


def _source(reader, key: str, sources: dict) -> str:
    return _resolve(reader, reader.get(key, required=True), sources, key)


def _resolve(reader, ref: str, sources: dict, where: str) -> str:
    """A source id must be defined under `sources:`; a URL or document name stands for itself."""
    if ref in sources or "://" in ref or " " in ref or ref.endswith(".yaml"):
        return ref
    raise reader.fail(f"{where}: unknown source {ref!r} (define it under 'sources:')")


def _check_unique_names(registry: Registry, top) -> None:
    """Two members answering to the same name would make look-ups depend on file order."""
    owner: dict[str, str] = {}
    for member in registry.members.values():
        for name in member.names():
            key = fold(name)
            if key in owner and owner[key] != member.code:
                raise DataError(f"member {member.code}: name {name!r} also names {owner[key]}", top.path, member.line)
            owner[key] = member.code
