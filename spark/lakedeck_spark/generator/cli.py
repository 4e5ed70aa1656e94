"""Command line of the generator: `python spark/jobs/generate_data.py --rows N --out FILE`."""
import argparse
import datetime as dt
import os
import time

from ..metrics import emit
from . import profile as profile_mod
from . import synth

_FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "tests", "fixtures")


def build_parser():
    p = argparse.ArgumentParser(
        prog="lakedeck-generate",
        description="Seeded synthetic covid cases in the portal's 23-column CSV shape.")
    p.add_argument("--rows", type=int, required=True, help="rows to write (duplicates included)")
    p.add_argument("--seed", type=int, default=7)
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="CSV file to write")
    target.add_argument("--raw", help="local raw zone folder: writes covid_csv/ingest_date=.../")
    p.add_argument("--ingest-date", default=None,
                   help="with --raw: ingest_date partition (default: today, UTC)")
    p.add_argument("--days", type=int, default=365, help="report dates span (default 365)")
    p.add_argument("--duplicate-fraction", type=float, default=0.01)
    p.add_argument("--invalid-fraction", type=float, default=0.001)
    p.add_argument("--casing-fraction", type=float, default=0.05)
    p.add_argument("--other-cause-death-fraction", type=float, default=0.004,
                   help="death date with Estado/Recuperado N/A (not a COVID-19 death)")
    p.add_argument("--death-after-recovery-fraction", type=float, default=0.002,
                   help="recovered cases with a later death date (not a COVID-19 death)")
    p.add_argument("--chunk-rows", type=int, default=500_000)
    p.add_argument("--sample", default=os.path.join(_FIXTURES, "covid_casos_sample_700.csv"),
                   help="real portal sample the distributions are fitted to")
    p.add_argument("--divipola", default=os.path.join(_FIXTURES, "divipola_municipios.csv"),
                   help="DIVIPOLA list the municipality codes come from")
    return p


def target_path(args, now=None):
    if args.out:
        return args.out
    now = now or dt.datetime.now(dt.UTC)
    day = args.ingest_date or now.date().isoformat()
    folder = os.path.join(args.raw, "covid_csv", f"ingest_date={day}")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, f"covid_csv_{day.replace('-', '')}_{now:%H%M%S}.csv")


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.rows < 0:
        raise SystemExit("lakedeck generate: --rows must be >= 0")
    started = time.monotonic()
    fitted = profile_mod.fit(args.sample, args.divipola)
    knobs = synth.Knobs(days=args.days, duplicate_fraction=args.duplicate_fraction,
                        invalid_fraction=args.invalid_fraction,
                        casing_fraction=args.casing_fraction,
                        other_cause_death_fraction=args.other_cause_death_fraction,
                        death_after_recovery_fraction=args.death_after_recovery_fraction)
    path = target_path(args)
    rows = synth.write_csv(path, fitted, args.rows, args.seed, knobs, args.chunk_rows)
    seconds = time.monotonic() - started
    emit("generate", path=path, rows=rows, seed=args.seed, bytes=os.path.getsize(path),
         seconds=round(seconds, 3), rows_per_second=round(rows / seconds) if seconds else None)
    return 0
