"""ETL throughput: lakedeck's Spark ETL vs the same cleaning in DuckDB SQL and in pandas.

    .venv/bin/python spark/bench/etl_bench.py --rows 1000000 [--rows 5000000]

For each size: generate the rows once (seeded, cached in --work-dir), lay them out as a raw
zone, then time each engine from reading the raw CSV to written Parquet (trusted cases and
rejects). Spark is timed inside a started session (JVM start-up is printed separately: it is
paid once per spark-submit, not per row). Prints rows/s, ratios to Spark, and checks that all
engines wrote the same counts and content. Each run is measured the same way for all three
engines: wall time, and CPU time (user + system of every thread: this process, plus the JVM
for Spark), since on a shared machine the wall time mostly measures the other work. --repeat
runs each engine several times, interleaved, and reports min and median with the machine's
load average (compare engines within one run). Not part of the test suite.
"""
import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import time

SPARK_DIR = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(SPARK_DIR))
sys.path.insert(0, str(SPARK_DIR / "bench"))

from lakedeck_spark.metrics import emit  # noqa: E402
from lakedeck_spark.session import LOCAL_JAVA_OPTIONS  # noqa: E402

FIXTURES = SPARK_DIR / "tests" / "fixtures"
INGEST_DATE = "2021-06-01"
ENGINES = ("spark", "duckdb", "pandas")


def prepare_lake(work, rows, seed):
    """work/rows-N/raw with the generated covid CSV and the two real reference extracts."""
    from lakedeck_spark.generator import profile, synth

    # v2: the generator writes other-cause deaths (N/A status or recovered, with a death date).
    root = work / f"rows-{rows}-seed-{seed}-v2"
    raw = root / "raw"
    csv_dir = raw / "covid_csv" / f"ingest_date={INGEST_DATE}"
    csv_path = csv_dir / f"covid_csv_{INGEST_DATE.replace('-', '')}_000000.csv"
    if not csv_path.exists():
        csv_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        fitted = profile.fit(FIXTURES / "covid_casos_sample_700.csv",
                             FIXTURES / "divipola_municipios.csv")
        synth.write_csv(str(csv_path) + ".tmp", fitted, rows, seed)
        os.replace(str(csv_path) + ".tmp", csv_path)
        print(f"generated {rows:,} rows in {time.monotonic() - started:.1f}s "
              f"({csv_path.stat().st_size / 1e6:.0f} MB)", flush=True)
    for source, name in (("divipola", "divipola_municipios.csv"),
                         ("departments", "departamentos_poblacion.csv")):
        folder = raw / source / f"ingest_date={INGEST_DATE}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{source}_{INGEST_DATE.replace('-', '')}_000000.csv"
        if not target.exists():
            shutil.copyfile(FIXTURES / name, target)
    return root, csv_path


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def start_spark(driver_memory, shuffle_partitions, event_log=None, java_options=None, conf=()):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from lakedeck_spark.session import build_session

    profiling = {}
    if event_log:
        # The Spark UI's data, kept for after the run: bench/stage_profile.py summarises it.
        pathlib.Path(event_log).mkdir(parents=True, exist_ok=True)
        profiling = {"spark.eventLog.enabled": "true",
                     "spark.eventLog.dir": pathlib.Path(event_log).resolve().as_uri()}
    started = time.monotonic()
    spark = build_session("lakedeck-etl-bench", master="local[2]", extra_conf={
        **profiling,
        "spark.driver.memory": driver_memory,
        # Split size, shuffle partitions and AQE sizing: the session's local-mode defaults,
        # the same a spark-submit of the ETL job gets (lakedeck_spark/session.py).
        **({"spark.sql.shuffle.partitions": str(shuffle_partitions)} if shuffle_partitions else {}),
        **({"spark.driver.extraJavaOptions": java_options} if java_options else {}),
        **dict(setting.split("=", 1) for setting in conf),
        "spark.ui.enabled": "false",
    })
    spark.sparkContext.setLogLevel("ERROR")
    spark.range(1).count()
    return spark, time.monotonic() - started


def run_spark(spark, root):
    from lakedeck_spark.etl import job
    from lakedeck_spark.lake_fs import normalise_uri

    trusted = fresh(root / "out-spark")
    args = job.build_parser().parse_args(
        ["--raw", normalise_uri(str(root / "raw")), "--trusted", normalise_uri(str(trusted)),
         "--run-date", INGEST_DATE])
    summary = job.run(spark, args)
    return {k: summary[k] for k in ("rows_read", "rows_written", "rows_rejected", "duplicates")}


def run_duckdb(root, csv_path):
    import duckdb_etl
    raw = root / "raw"
    return duckdb_etl.run([str(csv_path)], _ref(raw, "divipola"), _ref(raw, "departments"),
                          str(fresh(root / "out-duckdb")))


def run_pandas(root, csv_path):
    import pandas_etl
    raw = root / "raw"
    return pandas_etl.run([str(csv_path)], _ref(raw, "divipola"), _ref(raw, "departments"),
                          str(fresh(root / "out-pandas")))


def _ref(raw, source):
    return str(next((raw / source).rglob(f"{source}_*.csv")))


def fingerprint(trusted_dir):
    """Content summary of a trusted covid_cases output, read with DuckDB whatever wrote it."""
    import duckdb

    from lakedeck_spark.etl import clean

    outcomes = ", ".join(f"count(*) FILTER (outcome = '{o}')" for o in clean.OUTCOMES)
    return duckdb.sql(f"""
        SELECT count(*), sum(age_years), sum(CAST(is_fatal AS INTEGER)),
               count(DISTINCT department_code), count(DISTINCT municipality_code),
               count(symptom_onset_date), count(contagion_type), count(recovery_date),
               min(CAST(report_date AS DATE)), max(CAST(report_date AS DATE)),
               sum(department_population) % 1000003, {outcomes},
               count(*) FILTER (is_fatal <> (outcome = '{clean.COVID_DEATH}'))
        FROM read_parquet('{trusted_dir}/covid_cases/*/*.parquet', hive_partitioning = true)
    """).fetchone()


def jvm_pid(spark):
    return spark._jvm.java.lang.ProcessHandle.current().pid() if spark is not None else None


def cpu_seconds(pid=None):
    """CPU seconds (user + system, all threads) used so far by this process and by `pid`.

    Wall time on a machine shared with other work mostly measures the others' load; CPU time is
    what an engine itself spent, so the ratios are also given on it (same measure for all three).
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    total = own.ru_utime + own.ru_stime
    if pid is not None:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def timed(fn, *args, pid=None):
    cpu, started = cpu_seconds(pid), time.monotonic()
    counts = fn(*args)
    return time.monotonic() - started, cpu_seconds(pid) - cpu, counts


def import_seconds(module):
    """Cold import time of `module` in a fresh interpreter (what a one-shot job pays)."""
    code = ("import time; t = time.perf_counter(); import " + module
            + "; print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return float(done.stdout.strip())


def load():
    """1-minute load average against the cores: how shared the machine was during a run."""
    return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def run_engine(engine, spark, root, csv_path):
    if engine == "spark":
        return timed(run_spark, spark, root, pid=jvm_pid(spark))
    if engine == "duckdb":
        return timed(run_duckdb, root, csv_path)
    return timed(run_pandas, root, csv_path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append",
                        help="rows per run (repeat for several sizes; default 1000000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="comma-separated subset of spark,duckdb,pandas")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per engine and size, interleaved; medians are reported")
    parser.add_argument("--work-dir", default=str(SPARK_DIR / "bench-out"),
                        help="where generated inputs (cached) and outputs go")
    parser.add_argument("--driver-memory", default="6g")
    parser.add_argument("--shuffle-partitions", type=int,
                        help="override the session's local default (4 per core)")
    parser.add_argument("--event-log", help="write Spark's event log (stage timeline, SQL plans) "
                        "to this folder; summarise it with bench/stage_profile.py")
    parser.add_argument("--java-options", default=LOCAL_JAVA_OPTIONS,
                        help="driver JVM options (default: what the local backend's spark-submit "
                        f"passes, {LOCAL_JAVA_OPTIONS}); write --java-options=... since the value "
                        "starts with a dash; --java-options= for the JVM's defaults")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                        help="extra Spark setting for the session (repeatable)")
    args = parser.parse_args(argv)
    sizes = args.rows or [1_000_000]
    engines = [e for e in args.engines.split(",") if e]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engines {sorted(unknown)}")
    work = pathlib.Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)

    # Fixed costs, paid once per process and reported beside each engine's per-run time.
    startup = {e: import_seconds(e) for e in engines if e != "spark"}
    spark = None
    if "spark" in engines:
        spark, startup["spark"] = start_spark(args.driver_memory, args.shuffle_partitions,
                                              args.event_log, args.java_options, args.conf)
    for engine, seconds in startup.items():
        what = "JVM + session start-up" if engine == "spark" else f"import {engine}"
        print(f"{engine:<7} {what}: {seconds:.1f}s (once per process)", flush=True)

    results = []
    for rows in sizes:
        root, csv_path = prepare_lake(work, rows, args.seed)
        runs = {e: [] for e in engines}
        loads = [load()]
        for attempt in range(args.repeat):
            for engine in engines:
                seconds, cpu, counts = run_engine(engine, spark, root, csv_path)
                counts["fingerprint"] = str(fingerprint(root / f"out-{engine}"))
                runs[engine].append((seconds, cpu, counts))
                print(f"{rows:>10,} rows  {engine:<7} run {attempt + 1}  {seconds:8.1f}s  "
                      f"cpu {cpu:7.1f}s  {rows / seconds:>12,.0f} rows/s  load {load()}  "
                      f"{counts}", flush=True)
                emit("bench", engine=engine, rows=rows, run=attempt + 1,
                     seconds=round(seconds, 3), cpu_seconds=round(cpu, 3),
                     rows_per_second=round(rows / seconds), **counts)
                loads.append(load())
        results.append((rows, runs, loads))

    print("\nspark's throughput / engine's: on wall time (min, median, first run) and on CPU time "
          "(median).\nA first run pays for warming the JIT, as every spark-submit does; later runs "
          "in the same JVM do not.")
    print("rows        engine  wall min  median   run 1       rows/s  ratio min  median  run 1"
          "   cpu s  ratio cpu  start-up")
    for rows, runs, loads in results:
        walls = {e: sorted(s for s, _, _ in r) for e, r in runs.items()}
        firsts = {e: r[0][0] for e, r in runs.items()}
        cpus = {e: statistics.median(c for _, c, _ in r) for e, r in runs.items()}
        for engine, seconds in walls.items():
            median = statistics.median(seconds)
            if "spark" in walls:
                ratios = (f"{seconds[0] / walls['spark'][0]:9.2f} "
                          f"{median / statistics.median(walls['spark']):7.2f} "
                          f"{firsts[engine] / firsts['spark']:6.2f}")
                cpu_ratio = f"{cpus[engine] / cpus['spark']:9.2f}"
            else:
                ratios, cpu_ratio = f"{'n/a':>24}", f"{'n/a':>9}"
            print(f"{rows:<11,} {engine:<7} {seconds[0]:8.1f} {median:7.1f} {firsts[engine]:7.1f} "
                  f"{rows / median:>12,.0f}  {ratios}  {cpus[engine]:6.1f}  {cpu_ratio}"
                  f"  {startup[engine]:7.1f}s")
        print(f"  1-minute load average during these runs: {', '.join(loads)}")
        distinct = {tuple(sorted(c.items())) for r in runs.values() for _, _, c in r}
        if len(distinct) != 1:
            print(f"WARNING: engines disagree on counts or content for {rows:,} rows: {runs}")
        else:
            print(f"{rows:,} rows: all engines wrote the same counts and content fingerprint")
    if spark is not None:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
