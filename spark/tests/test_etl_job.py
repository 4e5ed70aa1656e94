"""The ETL job end to end in-process: unification, accounting, re-runs and partitions."""
import datetime as dt

import pytest
from pyspark import StorageLevel

from lakedeck_spark.etl import job
from lakedeck_spark.lake_fs import LakeFs
from sparkkit import Lake, api_record, assert_no_silent_nulls, csv_text, etl_args, jsonl_text, read_table, sample_rows

SAMPLE = sample_rows()


def portal_day(text):
    return dt.datetime.strptime(text, "%d/%m/%Y %H:%M:%S").date().isoformat()


def by_id(ids):
    return [r for r in SAMPLE if int(r["ID de caso"]) in ids]


@pytest.fixture
def lake(tmp_path):
    lake = Lake(tmp_path)
    lake.put_reference()
    return lake


@pytest.mark.parametrize("cache_on_disk", [False, True], ids=["cached-in-memory", "cached-on-disk"])
def test_csv_and_api_unify_and_every_row_is_accounted_for(spark, lake, monkeypatch, cache_on_disk):
    if cache_on_disk:   # as if the batch were too big for the driver's heap
        monkeypatch.setattr(job, "CACHE_BYTES_PER_INPUT_BYTE", 10**12)
    broken_age = dict(by_id({61})[0], Edad="sesenta")
    lake.put("covid_csv", "2020-04-01", "080000",
             csv_text(by_id(range(1, 61)) + [broken_age]) + "basura,sin,forma\n")
    new_case = dict(SAMPLE[0], **{"ID de caso": "701"})
    lake.put("covid_api", "2020-04-02", "080000",
             jsonl_text([api_record(r) for r in by_id(range(51, 61)) + [new_case]]))

    summary = job.run(spark, etl_args(lake, "all"))

    assert summary["rows_read"] == 62 + 11
    assert (summary["rows_written"], summary["rows_rejected"], summary["duplicates"]) == (61, 2, 10)
    assert summary["rows_read"] == (summary["rows_written"] + summary["rows_rejected"]
                                    + summary["duplicates"])
    cases = read_table(spark, lake, "covid_cases").collect()
    ids = sorted(r["case_id"] for r in cases)
    assert ids == list(range(1, 61)) + [701]
    sources = {r["case_id"]: r["source"] for r in cases}
    assert {sources[i] for i in range(51, 61)} == {"covid_api"}   # the later ingest won
    assert {sources[i] for i in range(1, 51)} == {"covid_csv"}
    assert_no_silent_nulls([r for r in cases if r["case_id"] != 701], SAMPLE)

    rejects = read_table(spark, lake, "covid_cases_rejects").collect()
    reasons = sorted(r["reject_reason"] for r in rejects)
    assert reasons == ["duplicate_superseded"] * 10 + ["invalid_age", "malformed_record"]
    assert {r["ingest_date"] for r in rejects} == {dt.date(2020, 4, 1)}
    assert [r["raw_line"] for r in rejects if r["reject_reason"] == "malformed_record"] == [
        "basura,sin,forma"]
    assert lake.partitions("covid_cases_rejects") == ["ingest_date=2020-04-01"]


def test_api_and_csv_copies_of_a_case_type_identically(spark, lake):
    rows = by_id({3, 26, 157})   # Medellín (unpadded 5001), Cartagena without symptoms,
    #                              a death in the Santa Marta district
    lake.put("covid_csv", "2020-04-01", "080000", csv_text(rows))
    lake.put("covid_api", "2020-04-02", "080000", jsonl_text([api_record(r) for r in rows]))
    fs = LakeFs(spark)
    refs = job.extract_reference(spark, fs, lake.uri("raw"))
    batch, _, _ = job.extract_cases(spark, fs, lake.uri("raw"), "all")
    typed = job.classify(batch, refs["municipalities"][0], refs["departments"][0]).drop(
        "raw", "source_file", "ingest_date")
    by_source = {"covid_csv": {}, "covid_api": {}}
    for row in typed.collect():
        by_source[row["source"]][row["case_id"]] = {k: v for k, v in row.asDict().items()
                                                    if k != "source"}
    assert sorted(by_source["covid_csv"]) == [3, 26, 157]
    assert by_source["covid_csv"] == by_source["covid_api"]
    assert by_source["covid_api"][157]["is_fatal"] is True
    assert by_source["covid_api"][157]["department_code"] == "47"
    assert by_source["covid_api"][26]["symptom_onset_date"] is None
    assert all(r["reject_reason"] is None for r in by_source["covid_api"].values())


def test_rerunning_a_date_replaces_exactly_what_that_date_wrote(spark, lake):
    lake.put("covid_csv", "2020-04-01", "080000", csv_text(by_id(range(1, 101))))
    lake.put("covid_csv", "2020-04-02", "080000", csv_text(by_id(range(101, 201))))
    job.run(spark, etl_args(lake, "2020-04-01"))
    job.run(spark, etl_args(lake, "2020-04-02"))
    before = sorted(tuple(r) for r in read_table(spark, lake, "covid_cases").collect())
    folder = lake.root / "trusted" / "covid_cases"
    files_before = {p.relative_to(folder) for p in folder.rglob("*.parquet")}

    summary = job.run(spark, etl_args(lake, "2020-04-01"))

    after = sorted(tuple(r) for r in read_table(spark, lake, "covid_cases").collect())
    assert after == before and len(after) == 200
    assert summary["rows_written"] == 100 and summary["duplicates"] == 0
    files_after = {p.relative_to(folder) for p in folder.rglob("*.parquet")}
    d1_dates = {f"report_date={portal_day(r['fecha reporte web'])}" for r in by_id(range(1, 101))}
    untouched = {f for f in files_before if f.parts[0] not in d1_dates}
    assert untouched and untouched <= files_after   # other dates' files were not rewritten
    assert summary["existing_retained"] > 0          # shared dates kept the other ingest's rows


def test_a_newer_report_moves_a_case_and_a_corrected_rerun_drops_stale_rows(spark, lake):
    lake.put("covid_csv", "2020-04-01", "080000", csv_text(by_id(range(1, 21))))
    job.run(spark, etl_args(lake, "2020-04-01"))
    assert "report_date=2020-03-06" in lake.partitions("covid_cases")   # only case 1 that day

    re_report = dict(by_id({5})[0], **{"fecha reporte web": "1/4/2020 0:00:00", "Estado": "Grave"})
    lake.put("covid_api", "2020-04-02", "080000", jsonl_text([api_record(re_report)]))
    summary = job.run(spark, etl_args(lake, "2020-04-02"))
    assert summary["existing_superseded"] == 1
    cases = {r["case_id"]: r for r in read_table(spark, lake, "covid_cases").collect()}
    assert len(cases) == 20
    assert (cases[5]["report_date"], cases[5]["severity"]) == (dt.date(2020, 4, 1), "severe")

    # The source withdrew case 1: re-running that date must not leave it behind.
    lake.put("covid_csv", "2020-04-01", "080000", csv_text(by_id(range(2, 21))))
    summary = job.run(spark, etl_args(lake, "2020-04-01"))
    cases = {r["case_id"]: r for r in read_table(spark, lake, "covid_cases").collect()}
    assert sorted(cases) == list(range(2, 21))
    assert cases[5]["report_date"] == dt.date(2020, 4, 1)   # the newer ingest still wins
    assert "report_date=2020-03-06" not in lake.partitions("covid_cases")
    assert summary["partitions_deleted"] == 1


def test_a_date_without_covid_files_refreshes_reference_tables_only(spark, lake, capsys):
    summary = job.run(spark, etl_args(lake, "2020-04-05"))
    assert (summary["rows_read"], summary["rows_written"]) == (0, 0)
    assert "no covid files for ingest_date=2020-04-05" in capsys.readouterr().err
    assert read_table(spark, lake, "municipalities").count() == 1122
    departments = read_table(spark, lake, "departments")
    assert departments.count() == 33
    assert departments.groupBy().sum("population").first()[0] == 50_420_758
    assert not (lake.root / "trusted" / "covid_cases").exists()


def test_the_classified_batch_is_cached_in_memory_unless_it_would_crowd_the_heap(spark):
    heap = spark.sparkContext._jvm.java.lang.Runtime.getRuntime().maxMemory()
    fits = heap / 3 / job.CACHE_BYTES_PER_INPUT_BYTE   # input bytes whose cache takes a third
    assert job.cache_level(spark, int(fits * 0.9)) == StorageLevel.MEMORY_AND_DISK_DESER
    assert job.cache_level(spark, int(fits * 1.1)) == StorageLevel.DISK_ONLY
