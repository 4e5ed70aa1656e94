"""Regenerates test/fixtures/query-lake: the trusted and refined Parquet tables that the real
Spark jobs (etl, analytics, ml through spark-submit, as on EMR) write from the 700-row portal
sample. The query tests read this small lake instead of running Spark (about a minute) each time.

Run: .venv/bin/python scripts/build-query-fixture.py
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
SPARK_DIR = ROOT / "spark"
sys.path.insert(0, str(SPARK_DIR))
sys.path.insert(0, str(SPARK_DIR / "tests"))

from sparkkit import SAMPLE, Lake, api_record, jsonl_text, sample_rows  # noqa: E402

OUT = ROOT / "test" / "fixtures" / "query-lake"


def spark_submit(artifacts, job, lake, run_date):
    cmd = [str(pathlib.Path(sys.executable).parent / "spark-submit"), "--master", "local[2]",
           "--driver-java-options", "-XX:TieredStopAtLevel=1",
           "--conf", "spark.sql.shuffle.partitions=1", "--conf", "spark.ui.enabled=false",
           "--py-files", str(artifacts / "lakedeck-spark.zip"), str(artifacts / "jobs" / f"{job}.py"),
           "--raw", lake.uri("raw"), "--trusted", lake.uri("trusted"),
           "--refined", lake.uri("refined"), "--run-date", run_date]
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=artifacts)
    if done.returncode != 0:
        sys.exit(f"{job} failed:\n{done.stderr[-4000:]}")


def main():
    with tempfile.TemporaryDirectory(prefix="lakedeck-query-fixture-") as tmp:
        root = pathlib.Path(tmp)
        artifacts = root / "artifacts"
        subprocess.run([sys.executable, str(SPARK_DIR / "build_artifacts.py"), "--out", str(artifacts)],
                       check=True, capture_output=True)
        lake = Lake(root / "lake")
        lake.put_reference("2020-04-01")
        lake.put("covid_csv", "2020-04-01", "060000", SAMPLE.read_bytes())
        late = [r for r in sample_rows() if int(r["ID de caso"]) > 600]
        lake.put("covid_api", "2020-04-02", "060000", jsonl_text([api_record(r) for r in late]))
        for job, run_date in (("etl", "all"), ("analytics", "2020-04-02"), ("ml", "2020-04-02")):
            spark_submit(artifacts, job, lake, run_date)
        if OUT.exists():
            shutil.rmtree(OUT)
        for zone in ("trusted", "refined"):
            shutil.copytree(lake.root / zone, OUT / zone,
                            ignore=shutil.ignore_patterns("*.crc", "_SUCCESS", "_*"))
        # The fitted model is an artifact, not a catalog table: the query tests never read it.
        shutil.rmtree(OUT / "refined" / "ml_fatality_model", ignore_errors=True)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
