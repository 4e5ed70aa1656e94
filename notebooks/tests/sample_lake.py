"""A lake built from the real 700-row sample by the project's own Spark jobs, as the console does.

The notebook tests read this lake; it is also runnable alone to make a lake to try the notebook on:
    .venv/bin/python notebooks/tests/sample_lake.py /tmp/notebook-lake
"""
import os
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
SPARK_DIR = REPO / "spark"
for path in (SPARK_DIR, SPARK_DIR / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from lakedeck_spark.metrics import parse_lines  # noqa: E402
from sparkkit import SAMPLE, Lake  # noqa: E402

JOBS = ("etl", "analytics", "ml")


def spark_submit(artifacts, job, lake):
    """One job through spark-submit in local mode, shipped the EMR way (zip on --py-files)."""
    cmd = [str(pathlib.Path(sys.executable).parent / "spark-submit"),
           "--master", "local[2]",
           "--driver-java-options", "-XX:TieredStopAtLevel=1",
           "--conf", "spark.sql.shuffle.partitions=4",
           "--conf", "spark.ui.enabled=false",
           "--py-files", str(artifacts / "lakedeck-spark.zip"),
           str(artifacts / "jobs" / f"{job}.py"),
           "--raw", lake.uri("raw"), "--trusted", lake.uri("trusted"),
           "--refined", lake.uri("refined"), "--run-date", "all"]
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900,
                          cwd=artifacts)
    if done.returncode != 0:
        raise RuntimeError(f"spark job {job} failed:\n{done.stderr[-4000:]}")
    metrics = parse_lines(done.stdout)
    if not metrics or metrics[-1].get("status") != "succeeded":
        raise RuntimeError(f"spark job {job} did not report success: {metrics}")
    return metrics


def build_sample_lake(root):
    """raw (sample CSV + DIVIPOLA + departments) -> trusted -> refined under root/lake."""
    root = pathlib.Path(root)
    artifacts = root / "artifacts"
    subprocess.run([sys.executable, str(SPARK_DIR / "build_artifacts.py"), "--out",
                    str(artifacts)], check=True, capture_output=True)
    lake = Lake(root / "lake")
    lake.put_reference("2020-04-01")
    lake.put("covid_csv", "2020-04-01", "060000", SAMPLE.read_bytes())
    for job in JOBS:
        spark_submit(artifacts, job, lake)
    return lake.root


if __name__ == "__main__":
    print(build_sample_lake(sys.argv[1] if len(sys.argv) > 1 else "/tmp/notebook-lake"))
