"""The date a NORMLEX page saved from a browser states for itself.

A saved file's modification time says when the file was last written (copied, unpacked,
synced), not when NORMLEX showed the page. The page's footer does say something: its
copyright line ("Copyright and permissions 1996-2024") gives the year the site served the
copy. That is the only date a NORMLEX page carries about itself, and it is a year: ratify
records it as such and never turns it into a day.
"""

from __future__ import annotations

import re

# "Copyright and permissions 1996-2024", "Copyright © 1996-2025 International Labour
# Organization", "Copyright &copy; 2023 ILO": the last year of the range.
_COPYRIGHT = re.compile(
    r"copyright(?:\s+and\s+permissions)?\s*(?:&copy;|&#169;|\u00a9|\(c\))?\s*"
    r"(?:(?:19|20)\d\d\s*(?:-|\u2013|&ndash;)\s*)?((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def stated_year(html: str) -> str:
    """The year a saved page's copyright line gives (``"2024"``), or ``""`` when it has none."""
    years = [m.group(1) for m in _COPYRIGHT.finditer(html)]
    return max(years) if years else ""
