"""ratify: track ratification of ILO conventions from curated, cited data and NORMLEX."""

__version__ = "0.1.0"
