"""Arguments shared by the jobs and the wrapper that turns outcomes into exit codes."""
import argparse
import datetime as dt
import sys
import time
import traceback

from .errors import LakedeckError, UsageError
from .lake_fs import normalise_uri
from .metrics import emit
from .raw_layout import ALL_DATES


def run_date_arg(value):
    if value == ALL_DATES:
        return value
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD or '{ALL_DATES}', got {value!r}") from None


def base_parser(job, description):
    # Every job accepts the three zone URIs so a caller can pass one argument set to all steps;
    # each job checks that the zones it uses are given.
    parser = argparse.ArgumentParser(prog=f"lakedeck-{job}", description=description)
    parser.add_argument("--raw", help="raw zone URI, e.g. file:///abs/lake/raw or s3://bucket/raw")
    parser.add_argument("--trusted", help="trusted zone URI")
    parser.add_argument("--refined", help="refined zone URI")
    return parser


def require_zones(args, *zones):
    missing = [z for z in zones if not getattr(args, z)]
    if missing:
        raise UsageError("missing " + ", ".join(f"--{z}" for z in missing))
    for zone in ("raw", "trusted", "refined"):
        if getattr(args, zone):
            setattr(args, zone, normalise_uri(getattr(args, zone)))


def _first_line(exc):
    # py4j errors start with "An error occurred while calling o42.parquet."; the Java
    # exception's own message is the useful part.
    java = getattr(exc, "java_exception", None)
    text = str(java.toString()) if java is not None else str(exc)
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def run_job(job, parser, argv, body, session_factory):
    """Parse, run `body(spark, args)`, report; return the process exit code.

    0 success, 2 expected failure (bad input or arguments: one clear line), 1 anything else
    (with the traceback, because that is a bug or an infrastructure problem).
    """
    args = parser.parse_args(argv)
    started = time.monotonic()
    spark = None
    try:
        spark = session_factory(f"lakedeck-{job}")
        body(spark, args)
        emit(job, status="succeeded", duration_seconds=round(time.monotonic() - started, 3))
        return 0
    except LakedeckError as exc:
        sys.stderr.write(f"lakedeck {job}: error: {exc}\n")
        emit(job, status="failed", error=str(exc),
             duration_seconds=round(time.monotonic() - started, 3))
        return 2
    except Exception as exc:  # report, then fail; never "continue on failure"
        traceback.print_exc()
        first_line = _first_line(exc)
        sys.stderr.write(f"lakedeck {job}: error: {type(exc).__name__}: {first_line}\n")
        emit(job, status="failed", error=f"{type(exc).__name__}: {first_line}",
             duration_seconds=round(time.monotonic() - started, 3))
        return 1
    finally:
        if spark is not None:
            spark.stop()
