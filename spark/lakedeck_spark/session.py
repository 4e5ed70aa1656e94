"""The SparkSession every job uses; the same settings locally and on EMR."""
import pathlib
import sys

from pyspark.sql import SparkSession

# Set at session level because they change results, not just speed:
# - UTC so dates never shift with the machine's time zone;
# - CORRECTED so an unparseable day-first date is null (then rejected), not an upgrade exception;
# - dynamic overwrite so writing a partitioned table replaces only the partitions written;
# - no CSV column pruning: with it, a line with too few or too many fields is silently padded
#   or cut whenever a column (say an unexpected extra one) is not selected, instead of being
#   flagged malformed and rejected.
# - hugeMethodLimit 8000, HotSpot's own limit, as Spark's docs advise for HotSpot: the ETL's
#   cleaning and validation projection fuses into one generated method above 8000 bytes, which
#   the JIT then never compiles; with the limit Spark runs split, compiled expression code
#   instead (measured: half the CPU time for classification, no stage slower).
SESSION_CONF = {
    "spark.sql.codegen.hugeMethodLimit": "8000",
    "spark.sql.csv.parser.columnPruning.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.legacy.timeParserPolicy": "CORRECTED",
    "spark.sql.sources.partitionOverwriteMode": "dynamic",
    "spark.ui.showConsoleProgress": "false",
}


# Performance defaults for Spark local mode (one machine, a few cores), applied only where the
# submitter set nothing (spark-submit --conf, extra_conf win); EMR keeps Spark's own defaults.
# - 4 shuffle partitions per core instead of 200: each is a task and, when writing a
#   partitioned table, a set of files;
# - 32 MB input splits instead of 128 MB, so one big CSV keeps every core busy;
# - AQE coalesces shuffle output to ~16 MB partitions instead of "as many as cores", which
#   left one core idle through the last third of the trusted write (measured: 3 tasks, 2 cores);
# - cached frames are kept uncompressed: choosing and applying an encoding per column cost the ETL
#   more than the memory it saves (measured: 4.3 instead of 3.0 bytes per input byte, and the
#   cache built in 8.9 s instead of 11.4 s at 1M rows; the 5M-row run, cached on disk, 8% faster).
def local_conf(cores):
    return {
        "spark.sql.shuffle.partitions": str(4 * cores),
        "spark.sql.files.maxPartitionBytes": "32m",
        "spark.sql.adaptive.coalescePartitions.parallelismFirst": "false",
        "spark.sql.adaptive.advisoryPartitionSizeInBytes": "16m",
        "spark.sql.inMemoryColumnarStorage.compressed": "false",
    }


# Hadoop's local file system sets each file's and folder's permissions through its native library
# or, without it (pyspark ships none), by starting a `chmod` process: three per Parquet file
# written (folder, file, checksum), 1,100 for the 368 daily partitions of trusted covid_cases,
# about 5 s of a 1M-row ETL. This one (Apache-2.0, fetched by scripts/setup-python.sh into the
# venv) does the same through Java NIO. Used where the jar is present, else Hadoop's own.
LOCAL_FS_JAR = "hadoop-bare-naked-local-fs-0.1.0.jar"
LOCAL_FS_CLASS = "com.globalmentor.apache.hadoop.fs.BareLocalFileSystem"


def local_fs_conf(venv=None):
    """Settings that give a local-mode driver the NIO file system; empty when the jar is missing.
    Only at launch: the class path of a running JVM does not change."""
    jar = pathlib.Path(venv or sys.prefix) / "jars" / LOCAL_FS_JAR
    if not jar.is_file():
        return {}
    return {"spark.driver.extraClassPath": str(jar), "spark.hadoop.fs.file.impl": LOCAL_FS_CLASS}


def launch_conf(master, extra_conf=None):
    """What a new local-mode JVM is started with: the NIO file system. A caller's own class path
    wins, and then the file system class it would not hold stays out too."""
    if not (master or "").startswith("local") or "spark.driver.extraClassPath" in (extra_conf or {}):
        return {}
    return local_fs_conf()


# JVM options of a local-mode driver (the local backend's spark-submit passes the same:
# src/backends/local/steps/spark-runtime.ts); they must be set before the JVM starts, so a session
# can only document them. Measured on the ETL at 1M rows on 2 cores: HotSpot's C2 compiler spent
# ~50 s of CPU compiling Spark's and the generated code, more than all tasks together, and G1's
# concurrent marking kept scanning the cached batch; both compete with the tasks for the cores.
# The parallel collector and a JIT that compiles only the hotter methods (thresholds x4) cut the
# job's CPU time (spark/README.md, Performance). EMR keeps its own JVM settings.
LOCAL_JAVA_OPTIONS = "-XX:+UseParallelGC -XX:CompileThresholdScaling=4"


def build_session(app_name, master=None, extra_conf=None):
    """The session with SESSION_CONF; `master` and `extra_conf` (tests, benchmarks) tune the rest,
    never the settings above, which win over them."""
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for key, value in {**launch_conf(master, extra_conf), **(extra_conf or {}),
                       **SESSION_CONF}.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    # getOrCreate may return an existing session (tests, notebooks): apply the SQL settings anyway.
    for key, value in SESSION_CONF.items():
        if key.startswith("spark.sql."):
            spark.conf.set(key, value)
    context = spark.sparkContext
    if context.master.startswith("local"):
        submitted = context.getConf()
        for key, value in local_conf(context.defaultParallelism).items():
            if key not in (extra_conf or {}) and not submitted.contains(key):
                spark.conf.set(key, value)
    return spark

