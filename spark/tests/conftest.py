"""One local SparkSession for the whole Spark suite (starting the JVM is the slow part)."""
import os
import pathlib
import sys
import tempfile

import pytest

SPARK_DIR = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(SPARK_DIR))
sys.path.insert(0, str(SPARK_DIR / "tests"))


@pytest.fixture(scope="session")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from lakedeck_spark.session import build_session

    warehouse = tempfile.mkdtemp(prefix="lakedeck-spark-warehouse-")
    session = build_session("lakedeck-spark-tests", master="local[2]", extra_conf={
        "spark.sql.shuffle.partitions": "2",
        "spark.default.parallelism": "2",
        "spark.ui.enabled": "false",
        "spark.sql.warehouse.dir": warehouse,
        # Small test frames become local relations through Arrow (see sparkkit.frame).
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        # Short-lived JVM: C1 alone warms up faster than tiered compilation.
        "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1",
    })
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def pytest_configure(config):
    # pyspark's pandas bridge uses APIs that pandas and setuptools deprecate; not our code.
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning:pyspark.*")
    config.addinivalue_line("filterwarnings", "ignore::FutureWarning:pyspark.*")
