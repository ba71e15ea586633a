"""migdash pipeline: raw files in, clean DuckDB warehouse out."""
