"""The ETL job: raw covid files of one ingest date (or all) -> trusted.covid_cases (+ rejects).

Accounting: every row read ends up either in covid_cases or in covid_cases_rejects (with a
validation reason, or `duplicate_superseded`), so rows_read = rows_written + rows_rejected +
duplicates, checked before the job reports success.
"""
import datetime as dt
from collections import Counter

from pyspark import StorageLevel
from pyspark.sql import functions as F

from ..catalog import TABLES, conform, spark_schema
from ..cli import base_parser, require_zones, run_date_arg
from ..errors import InputError
from ..lake_fs import LakeFs, join
from ..metrics import emit, warn
from ..raw_layout import ingest_date_of, latest_file, source_files
from . import dedup, extract, load, reference, transform, validate

JOB = "etl"
CASES = "covid_cases"
REJECTS = "covid_cases_rejects"


def build_parser():
    parser = base_parser(JOB, "Clean raw covid data into trusted.covid_cases (and rejects).")
    parser.add_argument("--run-date", required=True, type=run_date_arg,
                        help="ingest_date partition to process (YYYY-MM-DD), or 'all'")
    return parser


# ---- extract -------------------------------------------------------------------------------

def extract_reference(spark, fs, raw):
    found = {}
    for source in ("divipola", "departments"):
        uri = latest_file(fs, raw, source)
        if uri is None:
            raise InputError(f"no {source} extract under {join(raw, source)}/ingest_date=*/")
        found[source] = uri
    municipalities, muni_rows = reference.municipalities(
        extract.read_divipola(spark, fs, found["divipola"]), found["divipola"])
    departments, dept_rows = reference.departments(
        extract.read_departments(spark, fs, found["departments"]), found["departments"])
    return {
        "municipalities": (municipalities, muni_rows, found["divipola"]),
        "departments": (departments, dept_rows, found["departments"]),
    }


def extract_cases(spark, fs, raw, run_date):
    """Union of the run's CSV and API files as raw string records with lineage."""
    files = {s: source_files(fs, raw, s, run_date) for s in ("covid_csv", "covid_api")}
    if not any(files.values()):
        # Normal when ingestion found nothing new (or only reference data changed): the
        # reference tables are refreshed and trusted cases stay as they are.
        warn(JOB, f"no covid files for ingest_date={run_date} under {join(raw, 'covid_csv')} "
                  f"or {join(raw, 'covid_api')}; covid_cases left unchanged")
    frames = []
    if files["covid_csv"]:
        frames.append(transform.with_lineage(
            extract.read_covid_csv(spark, fs, files["covid_csv"]), "covid_csv"))
    if files["covid_api"]:
        api = extract.read_covid_api(spark, fs, files["covid_api"], JOB)
        if api is not None:
            frames.append(transform.with_lineage(api, "covid_api"))
    batch = None
    for frame in frames:
        batch = frame if batch is None else batch.unionByName(frame)
    ingest_dates = sorted({dt.date.fromisoformat(ingest_date_of(u))
                           for fl in files.values() for u in fl})
    return batch, files, ingest_dates


def extract_existing(spark, fs, trusted):
    uri = join(trusted, CASES)
    if not fs.exists(uri):
        return None
    return spark.read.schema(spark_schema(CASES)).parquet(uri)


# ---- transform -----------------------------------------------------------------------------

def classify(batch, municipalities, departments):
    """Typed, joined rows with `reject_reason` (null when valid)."""
    typed = transform.type_cases(batch)
    joined = transform.join_reference(typed, municipalities, departments)
    return validate.with_reject_reason(transform.with_outcome(joined))


def touched_report_dates(batch_dates, existing, valid, ingest_dates):
    """Partitions this run rewrites: the batch's report dates (`batch_dates`, counted with the
    row accounting), plus those holding rows that the batch supersedes or that an earlier run of
    the same ingest dates wrote."""
    dates = set(batch_dates)
    if existing is not None:
        ids = valid.select("case_id").distinct().withColumn("_in_batch", F.lit(True))
        stale = (existing.select("case_id", "report_date", "ingest_date")
                 .join(ids, on="case_id", how="left")
                 .filter(F.col("_in_batch").isNotNull() | F.col("ingest_date").isin(ingest_dates))
                 .select("report_date").distinct())
        dates |= {r[0] for r in stale.collect()}
    return sorted(dates)


def merge_latest(valid, existing, touched, ingest_dates):
    """Batch rows and kept trusted rows of the touched partitions, ranked by case id; and the
    persisted repeated case ids the ranking uses (unpersist it when done)."""
    trusted_cols = [c.name for c in TABLES[CASES].all_columns()]
    rows = valid.select(*trusted_cols, "raw", F.lit(dedup.BATCH).alias("_origin"))
    if existing is not None and touched:
        kept = (existing
                .filter(F.col("report_date").isin(touched)
                        & ~F.col("ingest_date").isin(ingest_dates))
                .withColumn("_origin", F.lit(dedup.EXISTING)))
        rows = rows.unionByName(kept, allowMissingColumns=True)
    # The raw record joins the tie-break hash: ranking is recomputed by each action that reads
    # it, so two rows equal once cleaned but received differently must still rank the same way.
    repeated = dedup.repeated_ids(rows).persist()
    return dedup.rank_by_case(rows, trusted_cols + ["raw"], repeated), repeated


def rejects_frame(classified, ranked):
    """Invalid rows with their reasons plus this batch's superseded duplicates, as received."""
    def as_reject(df, reason):
        return df.select(F.col("raw.*"), F.col("raw_line").cast("string").alias("raw_line"),
                         reason.alias("reject_reason"), "source", "source_file", "ingest_date")

    invalid = as_reject(classified.filter(F.col("reject_reason").isNotNull()),
                        F.col("reject_reason"))
    superseded = as_reject(
        ranked.filter((F.col("_origin") == dedup.BATCH) & ~F.col("_is_latest"))
              .withColumn("raw_line", F.lit(None)),
        F.lit(validate.DUPLICATE_REASON))
    return conform(invalid.unionByName(superseded), REJECTS)


# The classified batch, cached in columns, takes about 4.3 bytes of memory per byte of raw input
# (761 MB for a 179 MB CSV; uncompressed, as local mode caches: session.local_conf).
CACHE_BYTES_PER_INPUT_BYTE = 4.5


def cache_level(spark, input_bytes):
    """Where to keep the classified batch for the passes that read it again.

    In local mode: in memory when it takes at most a third of the driver's heap, else on local
    disk. A cache filling the heap's storage share leaves the collector running full collections
    that free little (a 6.4M-row run with a 4 GB driver never finished); on disk it costs a write
    and local reads instead. Elsewhere the cache lives in the executors, as Spark places it.
    """
    context = spark.sparkContext
    if not context.master.startswith("local"):
        return StorageLevel.MEMORY_AND_DISK_DESER   # executors' memory: not the driver's to judge
    heap = context._jvm.java.lang.Runtime.getRuntime().maxMemory()
    if input_bytes * CACHE_BYTES_PER_INPUT_BYTE <= heap / 3:
        return StorageLevel.MEMORY_AND_DISK_DESER
    return StorageLevel.DISK_ONLY


# ---- load ----------------------------------------------------------------------------------

def load_reference(trusted, references):
    for name, (df, rows, uri) in references.items():
        load.write_small_table(df, join(trusted, name))
        emit(JOB, table=name, source_file=uri, rows_read=rows, rows_written=rows)


def _reason_counts(status_rows):
    reasons = Counter()
    for row in status_rows:
        if row["reject_reason"]:
            for reason in row["reject_reason"].split(";"):
                reasons[reason] += row["count"]
    return dict(sorted(reasons.items()))


def _load_rejects(fs, uri, classified, ranked, status_rows, rank_rows, ingest_dates):
    load.write_partitioned(rejects_frame(classified, ranked), uri, "ingest_date")
    with_rejects = ({r["ingest_date"] for r in status_rows if r["reject_reason"]}
                    | {r["ingest_date"] for r in rank_rows
                       if r["_origin"] == dedup.BATCH and not r["_is_latest"]})
    load.delete_partitions(fs, uri, "ingest_date",
                           [d for d in ingest_dates if d not in with_rejects])


def _load_cases(fs, uri, ranked, rank_rows, touched):
    load.write_partitioned(conform(ranked.filter(F.col("_is_latest")), CASES), uri, "report_date")
    written = {r["report_date"] for r in rank_rows if r["_is_latest"]}
    emptied = [d for d in touched if d not in written]
    deleted = load.delete_partitions(fs, uri, "report_date", emptied)
    return len(written), len(deleted)


def run(spark, args):
    """Run the ETL; return the covid_cases metric record."""
    require_zones(args, "raw", "trusted")
    fs = LakeFs(spark)
    references = extract_reference(spark, fs, args.raw)
    load_reference(args.trusted, references)
    municipalities, departments = references["municipalities"][0], references["departments"][0]

    batch, files, ingest_dates = extract_cases(spark, fs, args.raw, args.run_date)
    for source, source_list in files.items():
        emit(JOB, source=source, run_date=args.run_date, files=len(source_list))
    if batch is None:
        return emit(JOB, table=CASES, run_date=args.run_date, rows_read=0, rows_written=0,
                    rows_rejected=0, duplicates=0)

    classified = classify(batch, municipalities, departments).persist(
        cache_level(spark, sum(fs.size(u) for fl in files.values() for u in fl)))
    # One pass gives the row accounting and the report dates the valid rows will write.
    status_rows = (classified.groupBy("source", "ingest_date", "reject_reason", "report_date")
                   .count().collect())
    by_source = Counter()
    for r in status_rows:
        by_source[r["source"]] += r["count"]
    for source, count in sorted(by_source.items()):
        emit(JOB, source=source, rows_read=count)
    rows_read = sum(by_source.values())
    rows_rejected = sum(r["count"] for r in status_rows if r["reject_reason"])

    valid = classified.filter(F.col("reject_reason").isNull())
    existing = extract_existing(spark, fs, args.trusted)
    batch_dates = {r["report_date"] for r in status_rows if not r["reject_reason"]}
    touched = touched_report_dates(batch_dates, existing, valid, ingest_dates)
    # Not persisted: recomputing it from `classified` (a cache scan, a broadcast join, a window
    # over repeated ids only) costs less than building a second full-width cache.
    ranked, repeated = merge_latest(valid, existing, touched, ingest_dates)
    rank_rows = (ranked.groupBy("_origin", "_is_latest", "report_date", "ingest_date")
                 .count().collect())

    def total(origin, latest):
        return sum(r["count"] for r in rank_rows
                   if r["_origin"] == origin and r["_is_latest"] == latest)

    rows_written, duplicates = total(dedup.BATCH, True), total(dedup.BATCH, False)
    if rows_read != rows_written + rows_rejected + duplicates:
        raise RuntimeError(f"row accounting broken: read {rows_read} != written {rows_written} "
                           f"+ rejected {rows_rejected} + duplicates {duplicates}")

    _load_rejects(fs, join(args.trusted, REJECTS), classified, ranked, status_rows, rank_rows,
                  ingest_dates)
    written, deleted = _load_cases(fs, join(args.trusted, CASES), ranked, rank_rows, touched)
    repeated.unpersist()
    classified.unpersist()

    summary = emit(JOB, table=CASES, run_date=args.run_date, rows_read=rows_read,
                   rows_written=rows_written, rows_rejected=rows_rejected, duplicates=duplicates,
                   existing_retained=total(dedup.EXISTING, True),
                   existing_superseded=total(dedup.EXISTING, False),
                   partitions_written=written, partitions_deleted=deleted)
    emit(JOB, table=REJECTS, run_date=args.run_date, rows_written=rows_rejected + duplicates,
         reasons=_reason_counts(status_rows), duplicates=duplicates)
    return summary


def main(argv=None):
    from ..cli import run_job
    from ..session import build_session
    return run_job(JOB, build_parser(), argv, run, build_session)
