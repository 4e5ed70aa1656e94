"""One row per case id: which report wins."""
import datetime as dt

from lakedeck_spark.etl import dedup
from sparkkit import frame

D = dt.date


def raw_file(source, ingest_day, stamp):
    ext = "jsonl" if source == "covid_api" else "csv"
    day = ingest_day.isoformat()
    return f"{source}/ingest_date={day}/{source}_{day.replace('-', '')}_{stamp}.{ext}"


def row(case_id, report, ingest, source, stamp, note, origin=dedup.BATCH):
    return (case_id, report, ingest, raw_file(source, ingest, stamp), origin, note)


def winners(spark, rows):
    df = frame(spark, rows, "case_id bigint, report_date date, ingest_date date, "
                            "source_file string, _origin int, note string")
    out = dedup.rank_by_case(df, ["case_id", "report_date", "ingest_date", "source_file", "note"])
    return sorted(r["note"] for r in out.filter("_is_latest").collect())


def test_the_latest_report_date_wins(spark):
    assert winners(spark, [
        row(1, D(2020, 3, 6), D(2020, 4, 2), "covid_csv", "000000", "old report"),
        row(1, D(2020, 3, 9), D(2020, 4, 1), "covid_csv", "000000", "new report"),
    ]) == ["new report"]


def test_same_report_date_later_ingest_then_later_fetch_wins(spark):
    assert winners(spark, [
        row(1, D(2020, 3, 6), D(2020, 4, 1), "covid_csv", "230000", "a"),
        row(1, D(2020, 3, 6), D(2020, 4, 2), "covid_api", "010000", "b"),
        row(2, D(2020, 3, 6), D(2020, 4, 1), "covid_api", "090000", "c"),
        row(2, D(2020, 3, 6), D(2020, 4, 1), "covid_csv", "100000", "d"),
    ]) == ["b", "d"]


def test_this_run_beats_an_identical_row_already_in_trusted(spark):
    same = (D(2020, 3, 6), D(2020, 4, 1), "covid_csv", "000000")
    assert winners(spark, [row(1, *same, "existing", origin=dedup.EXISTING),
                           row(1, *same, "batch", origin=dedup.BATCH)]) == ["batch"]


def test_exact_duplicates_keep_exactly_one_row(spark):
    same = row(1, D(2020, 3, 6), D(2020, 4, 1), "covid_csv", "000000", "x")
    assert winners(spark, [same, same, same]) == ["x"]


def test_ids_seen_once_are_latest_beside_ranked_repeats(spark):
    assert winners(spark, [
        row(1, D(2020, 3, 6), D(2020, 4, 1), "covid_csv", "000000", "only 1"),
        row(2, D(2020, 3, 6), D(2020, 4, 1), "covid_csv", "000000", "old 2"),
        row(2, D(2020, 3, 7), D(2020, 4, 1), "covid_csv", "000000", "new 2"),
        row(3, D(2020, 3, 8), D(2020, 4, 1), "covid_csv", "000000", "kept 3",
            origin=dedup.EXISTING),
    ]) == ["kept 3", "new 2", "only 1"]


def test_many_repeated_ids_rank_the_same_through_a_shuffle_join(spark, monkeypatch):
    monkeypatch.setattr(dedup, "BROADCAST_IDS", 0)
    assert winners(spark, [
        row(1, D(2020, 3, 6), D(2020, 4, 1), "covid_csv", "000000", "old 1"),
        row(1, D(2020, 3, 9), D(2020, 4, 1), "covid_csv", "000000", "new 1"),
        row(2, D(2020, 3, 6), D(2020, 4, 1), "covid_csv", "000000", "only 2"),
    ]) == ["new 1", "only 2"]
