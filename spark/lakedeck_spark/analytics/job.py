"""The analytics job: trusted.covid_cases (+ departments) -> refined aggregate tables.

Every table is recomputed from the whole trusted zone (cumulative figures need all history);
--run-date, when given, is an as-of date: only cases reported up to that day count.
"""
from pyspark import StorageLevel
from pyspark.sql import functions as F

from ..catalog import conform, spark_schema
from ..cli import base_parser, require_zones, run_date_arg
from ..errors import InputError
from ..lake_fs import LakeFs, join
from ..metrics import emit
from ..raw_layout import ALL_DATES
from . import contagion, daily, fatality, incidence, intervals, municipalities

JOB = "analytics"


def build_parser():
    parser = base_parser(JOB, "Aggregate trusted covid cases into refined tables.")
    parser.add_argument("--run-date", default=ALL_DATES, type=run_date_arg,
                        help="as-of report date (YYYY-MM-DD), or 'all' (default)")
    parser.add_argument("--top-n", type=int, default=20,
                        help="rows in top_municipalities (default 20)")
    return parser


def extract(spark, fs, trusted, run_date):
    tables = {}
    for name in ("covid_cases", "departments"):
        uri = join(trusted, name)
        if not fs.exists(uri):
            raise InputError(f"trusted table {name} not found at {uri}; run the etl job first")
        tables[name] = spark.read.schema(spark_schema(name)).parquet(uri)
    cases = tables["covid_cases"]
    if run_date != ALL_DATES:
        cases = cases.filter(F.col("report_date") <= F.lit(run_date).cast("date"))
    return cases, tables["departments"]


def transform(spark, cases, departments, top_n):
    """Refined table name -> DataFrame conformed to the catalog."""
    outputs = {
        "cases_daily_by_department": daily.cases_daily_by_department(cases),
        "incidence_by_department": incidence.incidence_by_department(spark, cases, departments),
        "case_fatality_by_age_sex": fatality.case_fatality_by_age_sex(spark, cases),
        "contagion_mix_weekly": contagion.contagion_mix_weekly(cases),
        "top_municipalities": municipalities.top_municipalities(spark, cases, top_n),
        "case_interval_stats": intervals.case_interval_stats(cases),
    }
    return {name: conform(df, name) for name, df in outputs.items()}


def load(spark, refined, name, df):
    """Replace the table (small: one file); return the row count read back from what was written."""
    uri = join(refined, name)
    df.coalesce(1).write.mode("overwrite").parquet(uri)
    return spark.read.parquet(uri).count()


def run(spark, args):
    require_zones(args, "trusted", "refined")
    fs = LakeFs(spark)
    cases, departments = extract(spark, fs, args.trusted, args.run_date)
    cases = cases.persist(StorageLevel.MEMORY_AND_DISK)
    rows_read = cases.count()
    if rows_read == 0:
        raise InputError(f"no trusted cases reported up to {args.run_date}; nothing to aggregate")
    emit(JOB, table="covid_cases", run_date=args.run_date, rows_read=rows_read)
    for name, df in transform(spark, cases, departments, args.top_n).items():
        written = load(spark, args.refined, name, df)
        emit(JOB, table=name, run_date=args.run_date, rows_written=written)
    cases.unpersist()


def main(argv=None):
    from ..cli import run_job
    from ..session import build_session
    return run_job(JOB, build_parser(), argv, run, build_session)
