"""Counts in messages: ``1 gap``, ``4 gaps``, ``1 country``, ``5 countries``."""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """`n` followed by the noun in the number it takes (``many`` for irregular plurals)."""
    return f"{n} {one if n == 1 else many or one + 's'}"
