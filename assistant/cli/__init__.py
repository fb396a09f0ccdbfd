"""Command-line adapters over the service (`python -m ingest` is `assistant.cli.ingest`)."""
