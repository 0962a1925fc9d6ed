"""Control characters out of text: stripped where text enters, made visible where it leaves.

Names and notes come from NORMLEX pages, saved pages, snapshots and YAML; an escape sequence
in one of them would otherwise reach the terminal (recolouring it, moving the cursor,
setting its title). C0 and C1 control characters and DEL are removed on input, except tab
and newline; on output any that got through are shown as ``\\x1b``.
"""

from __future__ import annotations

import re

_CONTROLS = [c for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if c not in (0x09, 0x0A)]
_STRIP = dict.fromkeys(_CONTROLS)
_ESCAPE = {c: f"\\x{c:02x}" for c in _CONTROLS}
_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in _CONTROLS) + "]")


def strip_controls(text: str) -> str:
    """Text without C0/C1 control characters and DEL (tab and newline kept)."""
    return text.translate(_STRIP) if _ANY.search(text) else text


def escape_controls(text: str) -> str:
    """Text with every C0/C1 control character (but tab and newline) written as ``\\xNN``."""
    return text.translate(_ESCAPE) if _ANY.search(text) else text


def one_line(text: str) -> str:
    """A message on one line: control characters escaped, line breaks turned into spaces."""
    return " ".join(part.strip() for part in escape_controls(text).splitlines() if part.strip())
