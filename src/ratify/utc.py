"""UTC timestamps as ratify writes them (``2026-11-22T10:15:00Z``), and reading them back."""

from __future__ import annotations

import datetime as _dt
import time


def utc_iso(epoch: float | None = None) -> str:
    """`epoch` (seconds; now when None) as ``YYYY-MM-DDTHH:MM:SSZ``, to the second."""
    moment = time.time() if epoch is None else epoch
    return _dt.datetime.fromtimestamp(int(moment), _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now_iso() -> str:
    """The current time as ``2026-11-22T10:15:00Z``."""
    return utc_iso()


def parse_utc_iso(text: object) -> float | None:
    """Seconds since the epoch for an ISO timestamp (naive = UTC), or None if it is not one."""
    if not isinstance(text, str):
        return None
    try:
        moment = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    try:
        return moment.timestamp()
    except (OverflowError, ValueError, OSError):
        return None
