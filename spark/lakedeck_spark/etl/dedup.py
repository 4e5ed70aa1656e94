"""One row per case id: the latest report wins, across this batch and what trusted already holds."""
from pyspark.sql import Window
from pyspark.sql import functions as F

BATCH = 0
EXISTING = 1

_FETCHED_AT = r"_([0-9]{8}_[0-9]{6})\.[a-z]+$"
# Repeated case ids up to this many (~16 MB as a hash relation) are broadcast to every task; a
# run that repeats more (a re-ingest over existing trusted rows) falls back to a shuffle join.
BROADCAST_IDS = 1_000_000


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


def repeated_ids(rows):
    """case_id -> `_repeated` (true) for the ids that occur more than once in `rows`."""
    return (rows.groupBy("case_id").count()
            .filter(F.col("count") > 1)
            .select("case_id", F.lit(True).alias("_repeated")))


def rank_by_case(rows, hash_columns, repeated=None):
    """Add `_is_latest`: true for exactly one row per case_id. `rows` carries `_origin`.

    Most case ids occur once and are their own latest row; only rows of repeated ids are ranked
    with a window. So the full-width rows never cross a shuffle for ranking: the ids seen more
    than once (`repeated_ids(rows)`, pass it persisted when the result is read several times)
    are found on the narrow case_id column and joined back, broadcast when they fit.
    Deterministic, so each action that reads the result may recompute it.
    """
    if repeated is None:
        repeated = repeated_ids(rows)
    few = repeated.count() <= BROADCAST_IDS
    flagged = rows.join(F.broadcast(repeated) if few else repeated, on="case_id", how="left")
    single = (flagged.filter(F.col("_repeated").isNull())
              .drop("_repeated")
              .withColumn("_is_latest", F.lit(True)))
    window = Window.partitionBy("case_id").orderBy(*latest_first())
    ranked = (flagged.filter(F.col("_repeated").isNotNull())
              .drop("_repeated")
              .withColumn("_row_hash", F.xxhash64(*hash_columns))
              .withColumn("_is_latest", F.row_number().over(window) == 1)
              .drop("_row_hash"))
    return single.unionByName(ranked)
