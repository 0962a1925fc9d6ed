"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

FormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="table (default on a terminal), plain (default when piped), markdown, csv, tsv, json, "
        "or any tabulate format (github, latex, html, ...).",
    ),
]
OutputOption = Annotated[
    Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")
]
AsOfOption = Annotated[
    Optional[str],
    typer.Option("--as-of", metavar="DATE", help="Report the state on DATE (YYYY-MM-DD) instead of today's."),
]
SetOption = Annotated[
    Optional[str],
    typer.Option(
        "--set", "-s", metavar="NAME|IDS",
        help="An instrument set (fundamental, governance, up-to-date, or one defined in the data) "
        "or comma-separated ids such as C155,C187.",
    ),
]
GroupOption = Annotated[
    Optional[str], typer.Option("--group", "-g", metavar="NAME", help="A country group: ctuca, central-asia, all, ...")
]
CountriesArgument = Annotated[
    Optional[List[str]],
    typer.Argument(metavar="[COUNTRY]...", help="Countries by code or name (KZ, kaz, Kazakhstan) or a group name.", show_default=False),
]
