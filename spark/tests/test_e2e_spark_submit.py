"""The three jobs through spark-submit, shipped the EMR way (zip on --py-files), on real data.

The real 700-row portal sample arrives as CSV, and its last 100 cases again through the API a
day later. Counts must add up, and cases and deaths per department must equal a computation
made with pandas straight from the CSV, without Spark.
"""
import json
import os
import pathlib
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from lakedeck_spark.catalog import TABLES
from lakedeck_spark.metrics import parse_lines
from sparkkit import SAMPLE, Lake, api_record, jsonl_text, sample_rows

SPARK_DIR = pathlib.Path(__file__).resolve().parents[1]
ARROW_TYPES = {"string": "string", "bigint": "int64", "int": "int32", "double": "double",
               "date": "date32[day]", "boolean": "bool"}
DISTRICTS = {"8001": "08", "13001": "13", "47001": "47", "76109": "76"}


def spark_submit(artifacts, job, lake, run_date):
    cmd = [str(pathlib.Path(sys.executable).parent / "spark-submit"),
           "--master", "local[2]",
           "--driver-java-options", "-XX:TieredStopAtLevel=1",
           "--conf", "spark.sql.shuffle.partitions=4",
           "--conf", "spark.ui.enabled=false",
           "--py-files", str(artifacts / "lakedeck-spark.zip"),
           str(artifacts / "jobs" / f"{job}.py"),
           "--raw", lake.uri("raw"), "--trusted", lake.uri("trusted"),
           "--refined", lake.uri("refined"), "--run-date", run_date]
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900,
                          cwd=artifacts)
    assert done.returncode == 0, done.stderr[-4000:]
    metrics = parse_lines(done.stdout)
    assert metrics[-1]["status"] == "succeeded", metrics
    return metrics


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e")
    artifacts = root / "artifacts"
    subprocess.run([sys.executable, str(SPARK_DIR / "build_artifacts.py"), "--out",
                    str(artifacts)], check=True, capture_output=True)
    lake = Lake(root / "lake")
    lake.put_reference("2020-04-01")
    lake.put("covid_csv", "2020-04-01", "060000", SAMPLE.read_bytes())
    late = [r for r in sample_rows() if int(r["ID de caso"]) > 600]
    lake.put("covid_api", "2020-04-02", "060000", jsonl_text([api_record(r) for r in late]))
    lake.metrics = {job: spark_submit(artifacts, job, lake, run_date)
                    for job, run_date in (("etl", "all"), ("analytics", "2020-04-02"),
                                          ("ml", "2020-04-02"))}
    return lake


@pytest.fixture(scope="module")
def expected():
    """Cases and deaths per department, computed with pandas from the CSV alone."""
    df = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    raw = df["Código DIVIPOLA departamento"]
    df["department_code"] = raw.map(DISTRICTS).fillna(raw.str.zfill(2))
    df["dead"] = (df["Estado"] == "Fallecido") | (df["Fecha de muerte"] != "")
    df["day"] = pd.to_datetime(df["fecha reporte web"], format="%d/%m/%Y %H:%M:%S").dt.date
    per_department = df.groupby("department_code").agg(cases=("dead", "size"),
                                                       deaths=("dead", "sum"))
    per_day = df.groupby(["department_code", "day"]).size()
    return per_department, per_day


def parquet_table(lake, zone, name):
    return pq.ParquetDataset(str(lake.root / zone / name)).read().to_pandas()


def test_etl_accounts_for_every_row(lake):
    cases = [m for m in lake.metrics["etl"] if m.get("table") == "covid_cases"][0]
    assert (cases["rows_read"], cases["rows_written"], cases["rows_rejected"],
            cases["duplicates"]) == (800, 700, 0, 100)
    trusted = parquet_table(lake, "trusted", "covid_cases")
    assert len(trusted) == 700 and trusted["case_id"].is_unique
    assert set(trusted.loc[trusted["case_id"] > 600, "source"]) == {"covid_api"}
    rejects = parquet_table(lake, "trusted", "covid_cases_rejects")
    assert list(rejects["reject_reason"].unique()) == ["duplicate_superseded"]
    assert len(rejects) == 100


def test_cases_and_deaths_per_department_match_pandas(lake, expected):
    per_department, per_day = expected
    incidence = parquet_table(lake, "refined", "incidence_by_department").set_index(
        "department_code")
    with_cases = incidence[incidence["cases"] > 0]
    assert with_cases["cases"].to_dict() == per_department["cases"].to_dict()
    assert with_cases["deaths"].to_dict() == per_department["deaths"].astype(int).to_dict()
    assert len(incidence) == 33

    daily = parquet_table(lake, "refined", "cases_daily_by_department")
    totals = daily.groupby("department_code")[["new_cases", "new_deaths"]].sum()
    assert totals["new_cases"].to_dict() == per_department["cases"].to_dict()
    assert totals["new_deaths"].to_dict() == per_department["deaths"].astype(int).to_dict()
    last = daily.sort_values("event_date").groupby("department_code").last()
    assert last["cumulative_cases"].to_dict() == per_department["cases"].to_dict()
    reported = daily[daily["new_cases"] > 0].set_index(["department_code", "event_date"])
    assert reported["new_cases"].to_dict() == per_day.to_dict()


def test_ml_metrics_are_written_with_the_model(lake):
    metrics = parquet_table(lake, "refined", "ml_fatality_metrics").set_index("model_variant")
    weighted = metrics.loc["class_weighted"]
    assert weighted["train_rows"] + weighted["test_rows"] == 700
    assert weighted["train_positives"] + weighted["test_positives"] == 28
    assert 0.5 < weighted["auc_roc"] <= 1.0
    assert (lake.root / "refined" / "ml_fatality_model" / "metadata").is_dir()
    reported = [m for m in lake.metrics["ml"] if m.get("model_variant") == "class_weighted"][0]
    assert reported["auc_roc"] == pytest.approx(weighted["auc_roc"])


def test_every_written_table_has_exactly_the_catalog_schema(lake):
    for table in TABLES.values():
        files = sorted((lake.root / table.zone / table.name).rglob("part-*.parquet"))
        assert files, table.name
        schema = pq.read_schema(files[0])
        got = [(f.name, str(f.type)) for f in schema]
        want = [(c.name, ARROW_TYPES[c.type]) for c in table.columns]
        assert got == want, table.name
        keys = [k.name for k in table.partition_keys]
        assert [p.split("=")[0] for p in files[0].relative_to(
            lake.root / table.zone / table.name).parts[:-1]] == keys


def test_every_job_reports_parseable_metric_lines(lake):
    for job, metrics in lake.metrics.items():
        assert all(m["job"] == job for m in metrics)
        json.dumps(metrics)
    tables = {m["table"] for m in lake.metrics["analytics"] if "rows_written" in m}
    assert tables == {n for n, t in TABLES.items() if t.zone == "refined"
                      and not n.startswith("ml_")}
