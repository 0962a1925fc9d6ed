"""Curated data: reading, checking and caching the YAML of the data directory."""
