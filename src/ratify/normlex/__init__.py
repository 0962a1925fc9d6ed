"""The NORMLEX source layer: URLs, page parser, polite client, page cache and snapshots.

Import from the modules: `urls` (page URLs and instrument ids), `parser` (pages 11300 and
11200 into records), `client` (fetching), `cache` (fetched pages on disk), `snapshot` (the
records of one run, saved), `pages` (the latest copy of each page across snapshots).
Nothing here imports typer or rich; httpx, bs4 and platformdirs are imported only by the
functions that use them.
"""
