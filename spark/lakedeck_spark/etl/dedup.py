"""One row per case id: the latest report wins, across this batch and what trusted already holds."""
from pyspark.sql import Window
from pyspark.sql import functions as F

BATCH = 0
EXISTING = 1

_FETCHED_AT = r"_([0-9]{8}_[0-9]{6})\.[a-z]+$"


def latest_first():
    """Ordering within one case id, most authoritative row first.

    Later report date, then later ingest, then later fetch (timestamp in the file name), then
    this run's rows over rows already in trusted, then a content hash so ties are deterministic.
    """
    return [
        F.col("report_date").desc(),
        F.col("ingest_date").desc(),
        F.regexp_extract("source_file", _FETCHED_AT, 1).desc(),
        F.col("source_file").desc(),
        F.col("_origin").asc(),
        F.col("_row_hash").desc(),
    ]


def rank_by_case(rows, hash_columns):
    """Add `_is_latest`: true for exactly one row per case_id. `rows` carries `_origin`."""
    window = Window.partitionBy("case_id").orderBy(*latest_first())
    return (rows
            .withColumn("_row_hash", F.xxhash64(*hash_columns))
            .withColumn("_is_latest", F.row_number().over(window) == 1)
            .drop("_row_hash"))
