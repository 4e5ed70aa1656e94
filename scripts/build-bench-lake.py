"""Builds the lake the query bench reads: a generated trusted covid_cases table of --rows rows and
the refined tables the real analytics job (spark-submit, local mode, as on EMR) writes from it.

    .venv/bin/python scripts/build-bench-lake.py --rows 5000000 [--out bench-out/query-lake-5000000]

The rows come from the ETL bench's seeded generator (fitted on the 700-row portal sample, cached
under bench-out/). Raw → trusted runs the ETL bench's DuckDB rendering of the ETL's cleaning
rules (spark/bench/duckdb_etl.py: same rules, same outputs as the Spark ETL, minutes faster on a
shared 2-core machine); the reference tables (departments, municipalities) are the query
fixture's; trusted → refined is the real analytics job. The lake is built once and reused: a
BUILD.txt beside the zones says how it was built, and its presence marks the lake complete.

The DuckDB rendering writes several files per report_date partition (one per batch it flushes);
the Spark ETL writes one (`load.write_partitioned`), so each partition's files are merged into
one, as the pipeline would have left them (a lake built before this step is merged on reuse).
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SPARK_DIR = ROOT / "spark"
sys.path.insert(0, str(SPARK_DIR))
sys.path.insert(0, str(SPARK_DIR / "bench"))

import etl_bench  # noqa: E402

FIXTURE = ROOT / "test" / "fixtures" / "query-lake"


def analytics(lake, run_date):
    with tempfile.TemporaryDirectory(prefix="lakedeck-bench-artifacts-") as tmp:
        artifacts = pathlib.Path(tmp)
        subprocess.run([sys.executable, str(SPARK_DIR / "build_artifacts.py"), "--out", str(artifacts)],
                       check=True, capture_output=True)
        cmd = [str(pathlib.Path(sys.executable).parent / "spark-submit"), "--master", "local[2]",
               "--driver-memory", "3g", "--conf", "spark.ui.enabled=false",
               "--py-files", str(artifacts / "lakedeck-spark.zip"), str(artifacts / "jobs" / "analytics.py"),
               "--raw", (lake / "raw").as_uri(), "--trusted", (lake / "trusted").as_uri(),
               "--refined", (lake / "refined").as_uri(), "--run-date", run_date]
        env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=artifacts)
        if done.returncode != 0:
            sys.exit(f"analytics failed:\n{done.stderr[-4000:]}")


def one_file_per_partition(table):
    """Merge each partition folder's Parquet files into one (rows in file order); return how many were merged."""
    import duckdb

    merged = 0
    for folder in sorted(p for p in table.iterdir() if p.is_dir()):
        files = sorted(folder.glob("*.parquet"))
        if len(files) < 2:
            continue
        target = folder / "part-00000.parquet"
        staging = folder / ".merging.parquet.tmp"
        listed = ", ".join(f"'{f}'" for f in files)
        duckdb.sql(f"COPY (SELECT * FROM read_parquet([{listed}])) TO '{staging}' (FORMAT parquet)")
        for file in files:
            file.unlink()
        staging.rename(target)
        merged += 1
    return merged


def merge_note(out):
    merged = one_file_per_partition(out / "trusted" / "covid_cases")
    return f"trusted covid_cases partitions merged to one file each, as the Spark ETL writes them ({merged} merged)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", help="the lake folder (default bench-out/query-lake-ROWS)")
    args = parser.parse_args()
    out = pathlib.Path(args.out or ROOT / "bench-out" / f"query-lake-{args.rows}")
    if (out / "BUILD.txt").exists():
        built = (out / "BUILD.txt").read_text().strip()
        if "merged to one file each" not in built:
            (out / "BUILD.txt").write_text(f"{built}; {merge_note(out)}\n")
        print(f"reusing {out}: {(out / 'BUILD.txt').read_text().strip()}")
        return
    import duckdb

    shutil.rmtree(out, ignore_errors=True)
    (out / "raw").mkdir(parents=True)
    steps = []
    started = time.monotonic()
    gen_root, csv_path = etl_bench.prepare_lake(ROOT / "bench-out" / "generated", args.rows, args.seed)
    steps.append(f"generated raw CSV ({args.rows:,} rows, seed {args.seed}) {time.monotonic() - started:.0f}s")

    started = time.monotonic()
    counts = etl_bench.run_duckdb(gen_root, csv_path)
    shutil.copytree(gen_root / "out-duckdb", out / "trusted")
    shutil.rmtree(gen_root / "out-duckdb")
    # The DuckDB rendering writes rejects without the catalog's raw_line column; the named queries
    # never read rejects, so the bench lake has none (the catalog shows an empty table).
    shutil.rmtree(out / "trusted" / "covid_cases_rejects")
    for table in ("departments", "municipalities"):
        shutil.copytree(FIXTURE / "trusted" / table, out / "trusted" / table)
    steps.append(f"raw → trusted by spark/bench/duckdb_etl.py (the ETL's rules in DuckDB): "
                 f"{counts['rows_written']:,} trusted rows, {counts['rows_rejected']:,} rejected, "
                 f"{time.monotonic() - started:.0f}s")

    steps.append(merge_note(out))

    run_date = duckdb.sql(f"SELECT CAST(max(report_date) AS VARCHAR) FROM read_parquet("
                          f"'{out}/trusted/covid_cases/*/*.parquet', hive_partitioning = true)").fetchone()[0]
    started = time.monotonic()
    analytics(out, run_date)
    for junk in out.rglob("*"):
        if junk.is_file() and (junk.name.endswith(".crc") or junk.name.startswith("_")):
            junk.unlink()
    steps.append(f"trusted → refined by the analytics Spark job (spark-submit local[2], run date {run_date}) "
                 f"{time.monotonic() - started:.0f}s")
    (out / "BUILD.txt").write_text("; ".join(steps) + "\n")
    print(f"wrote {out}:\n  " + "\n  ".join(steps))


if __name__ == "__main__":
    main()
