"""One row per case id: which report wins."""
import datetime as dt

from lakedeck_spark.etl import dedup
from sparkkit import frame


def rank(spark, rows):
    df = frame(spark, rows, "case_id bigint, report_date date, ingest_date date, "
                                     "source_file string, _origin int, note string")
    out = dedup.rank_by_case(df, ["case_id", "report_date", "ingest_date", "source_file", "note"])
    return sorted(r["note"] for r in out.filter("_is_latest").collect())


D = dt.date


def test_the_latest_report_date_wins(spark):
    assert rank(spark, [
        (1, D(2020, 3, 6), D(2020, 4, 2), "covid_csv/ingest_date=2020-04-02/covid_csv_20200402_000000.csv", 0, "old report"),
        (1, D(2020, 3, 9), D(2020, 4, 1), "covid_csv/ingest_date=2020-04-01/covid_csv_20200401_000000.csv", 0, "new report"),
    ]) == ["new report"]


def test_same_report_date_later_ingest_then_later_fetch_wins(spark):
    assert rank(spark, [
        (1, D(2020, 3, 6), D(2020, 4, 1), "covid_csv/ingest_date=2020-04-01/covid_csv_20200401_230000.csv", 0, "a"),
        (1, D(2020, 3, 6), D(2020, 4, 2), "covid_api/ingest_date=2020-04-02/covid_api_20200402_010000.jsonl", 0, "b"),
        (2, D(2020, 3, 6), D(2020, 4, 1), "covid_api/ingest_date=2020-04-01/covid_api_20200401_090000.jsonl", 0, "c"),
        (2, D(2020, 3, 6), D(2020, 4, 1), "covid_csv/ingest_date=2020-04-01/covid_csv_20200401_100000.csv", 0, "d"),
    ]) == ["b", "d"]


def test_this_run_beats_an_identical_row_already_in_trusted(spark):
    same = (D(2020, 3, 6), D(2020, 4, 1), "covid_csv/ingest_date=2020-04-01/covid_csv_20200401_000000.csv")
    assert rank(spark, [(1, *same, dedup.EXISTING, "existing"),
                        (1, *same, dedup.BATCH, "batch")]) == ["batch"]


def test_exact_duplicates_keep_exactly_one_row(spark):
    same = (1, D(2020, 3, 6), D(2020, 4, 1), "covid_csv/ingest_date=2020-04-01/covid_csv_20200401_000000.csv", 0, "x")
    assert rank(spark, [same, same, same]) == ["x"]
