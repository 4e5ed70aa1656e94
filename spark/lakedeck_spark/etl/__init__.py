"""raw -> trusted: extract (read raw files), transform (type, clean, join, validate, dedup),
load (partitioned Parquet)."""
