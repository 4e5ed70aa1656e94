"""The three jobs through spark-submit, shipped the EMR way (zip on --py-files), on real data.

The real 700-row portal sample arrives as CSV, and its last 100 cases again through the API a
day later, plus a CSV of hand-written cases whose death date and status disagree (the sample
has none). Counts must add up, and cases and COVID-19 deaths per department must equal a
computation made with pandas straight from the CSVs, without Spark, by the source's rule: a
death is a case whose Estado or Recuperado is Fallecido, whatever the death date says.
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
from sparkkit import SAMPLE, Lake, api_record, case_row, csv_text, jsonl_text, sample_rows

SPARK_DIR = pathlib.Path(__file__).resolve().parents[1]
ARROW_TYPES = {"string": "string", "bigint": "int64", "int": "int32", "double": "double",
               "date": "date32[day]", "boolean": "bool"}
DISTRICTS = {"8001": "08", "13001": "13", "47001": "47", "76109": "76"}
ANTIOQUIA = dict(department_code="5", department_name="ANTIOQUIA", municipality_code="5001",
                 municipality_name="MEDELLIN")
NO_RECOVERY = dict(recovery_date="", recovery_type="")
# Case ids after the sample's; each row tells "has a death date" apart from the source's rule.
OUTCOME_CASES = [
    case_row(case_id="9001", location="N/A", severity="N/A", recovery_status="N/A",
             death_date="20/3/2020 0:00:00", **NO_RECOVERY),                  # other cause
    case_row(case_id="9002", death_date="2/9/2020 0:00:00", **ANTIOQUIA),     # recovered, died later
    case_row(case_id="9003", location="fallecido", severity="fallecido",
             recovery_status="FALLECIDO", death_date="", **NO_RECOVERY),      # no death date
    case_row(case_id="9004", severity="Fallecido", recovery_status="n/a",
             death_date="25/3/2020 0:00:00", **ANTIOQUIA, **NO_RECOVERY),
]


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
    lake.put("covid_csv", "2020-04-01", "061500", csv_text(OUTCOME_CASES).encode("utf-8"))
    late = [r for r in sample_rows() if int(r["ID de caso"]) > 600]
    lake.put("covid_api", "2020-04-02", "060000", jsonl_text([api_record(r) for r in late]))
    lake.metrics = {job: spark_submit(artifacts, job, lake, run_date)
                    for job, run_date in (("etl", "all"), ("analytics", "2020-04-02"),
                                          ("ml", "2020-04-02"))}
    return lake


@pytest.fixture(scope="module")
def expected():
    """Cases and deaths per department, computed with pandas from the CSVs alone."""
    df = pd.concat([pd.read_csv(SAMPLE, dtype=str, keep_default_na=False),
                    pd.DataFrame(OUTCOME_CASES, dtype=str)], ignore_index=True)
    raw = df["Código DIVIPOLA departamento"]
    df["department_code"] = raw.map(DISTRICTS).fillna(raw.str.zfill(2))
    status = [df[c].str.strip().str.lower() for c in ("Estado", "Recuperado")]
    df["dead"] = (status[0] == "fallecido") | (status[1] == "fallecido")
    df["other_death"] = ~df["dead"] & (df["Fecha de muerte"].str.strip() != "")
    df["day"] = pd.to_datetime(df["fecha reporte web"], format="%d/%m/%Y %H:%M:%S").dt.date
    per_department = df.groupby("department_code").agg(
        cases=("dead", "size"), deaths=("dead", "sum"), other_cause_deaths=("other_death", "sum"))
    per_day = df.groupby(["department_code", "day"]).size()
    return per_department, per_day


def parquet_table(lake, zone, name):
    return pq.ParquetDataset(str(lake.root / zone / name)).read().to_pandas()


def test_etl_accounts_for_every_row(lake):
    cases = [m for m in lake.metrics["etl"] if m.get("table") == "covid_cases"][0]
    assert (cases["rows_read"], cases["rows_written"], cases["rows_rejected"],
            cases["duplicates"]) == (804, 704, 0, 100)
    trusted = parquet_table(lake, "trusted", "covid_cases")
    assert len(trusted) == 704 and trusted["case_id"].is_unique
    resent = trusted["case_id"].between(601, 700)     # the sample's last 100, again by API
    assert set(trusted.loc[resent, "source"]) == {"covid_api"}
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
    assert with_cases["other_cause_deaths"].to_dict() == \
        per_department["other_cause_deaths"].astype(int).to_dict()
    assert (int(per_department["deaths"].sum()), int(per_department["other_cause_deaths"].sum())) \
        == (28 + 2, 2)
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
    assert weighted["train_rows"] + weighted["test_rows"] == 704
    assert weighted["train_positives"] + weighted["test_positives"] == 28 + 2   # 9003, 9004
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


def test_trusted_outcome_of_the_hand_written_cases(lake):
    trusted = parquet_table(lake, "trusted", "covid_cases").set_index("case_id")
    got = trusted.loc[[9001, 9002, 9003, 9004], ["outcome", "is_fatal"]]
    assert [tuple(r) for r in got.itertuples(index=False)] == [
        ("other_cause_death", False), ("other_cause_death", False),
        ("covid_death", True), ("covid_death", True)]
    fatality = parquet_table(lake, "refined", "case_fatality_by_age_sex")
    assert (int(fatality["deaths"].sum()), int(fatality["other_cause_deaths"].sum())) == (30, 2)
