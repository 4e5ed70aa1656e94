"""Where raw files live: raw/<source>/ingest_date=YYYY-MM-DD/<source>_YYYYMMDD_HHMMSS.<ext>."""
import re

from .lake_fs import join

ALL_DATES = "all"

SOURCES = {
    "covid_csv": "csv",
    "covid_api": "jsonl",
    "divipola": "csv",
    "departments": "csv",
}

_INGEST_DIR = re.compile(r"/ingest_date=(\d{4}-\d{2}-\d{2})/[^/]+$")


def _file_name_pattern(source):
    return re.compile(rf"/{source}_\d{{8}}_\d{{6}}\.{SOURCES[source]}$")


def ingest_date_of(uri):
    match = _INGEST_DIR.search(uri)
    return match.group(1) if match else None


def source_files(fs, raw, source, run_date=ALL_DATES):
    """Raw files of one source for one ingest date (or all), oldest first.

    Anything not named like the ingestion writes it (.crc files, _SUCCESS, stray copies) is
    ignored, so a half-written upload never becomes input.
    """
    date_glob = "*" if run_date == ALL_DATES else run_date
    pattern = join(raw, source, f"ingest_date={date_glob}", f"{source}_*.{SOURCES[source]}")
    name_ok = _file_name_pattern(source)
    files = [u for u in fs.glob(pattern) if name_ok.search(u) and ingest_date_of(u)]
    return sorted(files, key=lambda u: (ingest_date_of(u), u.rsplit("/", 1)[1]))


def latest_file(fs, raw, source):
    """The newest extract of a reference source (latest ingest date, then latest timestamp)."""
    files = source_files(fs, raw, source)
    return files[-1] if files else None
