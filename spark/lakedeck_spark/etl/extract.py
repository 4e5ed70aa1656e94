"""Reading raw files into string DataFrames with English field names. No cleaning here.

Every input row comes out as one output row: lines that do not parse keep their text in
`raw_line` so validation can reject them with a reason instead of dropping them.
"""
import csv

from pyspark.sql import functions as F
from pyspark.sql import types as T

from ..catalog import RAW_FIELDS
from ..errors import InputError
from ..metrics import warn
from ..sources import API_TO_FIELD, CSV_TO_FIELD, DEPARTMENTS_FIELDS, DEPARTMENTS_HEADERS, DIVIPOLA_FIELDS, DIVIPOLA_HEADERS, header_key

CORRUPT = "_corrupt_record"


def parse_header(fs, uri, expected):
    """Check a CSV file's header against `expected` {header: field}; return (names, extra).

    Columns are matched by name, never by position: a missing column is an error, an extra
    one is reported and ignored, so data never lands in the wrong column.
    """
    if fs.size(uri) == 0:
        raise InputError(f"{uri}: empty file (0 bytes); a CSV export always has a header line")
    line = fs.first_line(uri) or ""
    if "\ufffd" in line:
        raise InputError(f"{uri}: header is not valid UTF-8 (a Latin-1/Windows-1252 export?); "
                         "raw files must be stored as UTF-8")
    names = next(csv.reader([line])) if line.strip() else []
    keys = [header_key(n) for n in names]
    if len(set(keys)) != len(keys):
        raise InputError(f"{uri}: duplicate column names in header: {names}")
    wanted = {header_key(h): h for h in expected}
    missing = [h for k, h in wanted.items() if k not in keys]
    if missing:
        raise InputError(f"{uri}: missing column(s) {missing}; header has {names}")
    extra = [n for n, k in zip(names, keys) if k not in wanted]
    return names, extra


def _read_csv_file(spark, uri, names, expected):
    """Read one CSV file; select the expected columns by header name."""
    schema = T.StructType([T.StructField(n, T.StringType()) for n in names]
                          + [T.StructField(CORRUPT, T.StringType())])
    df = (spark.read
          .option("header", True)
          .option("encoding", "UTF-8")
          .option("escape", '"')          # RFC 4180: a quote inside a field is doubled
          .option("mode", "PERMISSIVE")
          .option("columnNameOfCorruptRecord", CORRUPT)
          .schema(schema)
          .csv(uri))
    # Positional names: header text may hold dots or colons that column references would parse.
    df = df.toDF(*[f"_c{i}" for i in range(len(names))], CORRUPT)
    by_key = {header_key(n): f"_c{i}" for i, n in enumerate(names)}
    return df.select(
        *[F.col(by_key[header_key(h)]).alias(field) for h, field in expected.items()],
        F.col(CORRUPT).alias("raw_line"),
        _file_path(uri),
    )


def _file_path(uri):
    # A literal per file rather than _metadata.file_path per row: lineage derived from it
    # folds to constants instead of costing a regex on every row.
    return F.lit(uri).alias("file_path")


def _union(frames):
    out = frames[0]
    for frame in frames[1:]:
        out = out.unionByName(frame)
    return out


def read_csv_files(spark, fs, files, expected, job="etl"):
    """CSV files as strings named by `expected` {header: field}, plus raw_line, file_path."""
    frames = []
    for uri in files:
        names, extra = parse_header(fs, uri, expected)
        if extra:
            warn(job, f"{uri}: ignoring unexpected column(s) {extra}")
        frames.append(_read_csv_file(spark, uri, names, expected))
    return _union(frames)


def read_covid_csv(spark, fs, files):
    return read_csv_files(spark, fs, files, CSV_TO_FIELD)


def read_covid_api(spark, fs, files, job="etl"):
    """SODA pages as JSON lines; absent keys are null (SODA omits nulls); extra keys ignored."""
    nonempty = [u for u in files if fs.size(u) > 0]
    for uri in sorted(set(files) - set(nonempty)):
        warn(job, f"{uri}: empty JSON lines file (0 records)")
    if not nonempty:
        return None
    schema = T.StructType([T.StructField(f, T.StringType()) for f in API_TO_FIELD]
                          + [T.StructField(CORRUPT, T.StringType())])
    frames = []
    for uri in nonempty:
        df = (spark.read
              .option("mode", "PERMISSIVE")
              .option("columnNameOfCorruptRecord", CORRUPT)
              .option("encoding", "UTF-8")
              .schema(schema)
              .json(uri))
        frames.append(df.select(
            *[F.col(api).alias(field) for api, field in API_TO_FIELD.items()],
            F.col(CORRUPT).alias("raw_line"),
            _file_path(uri),
        ))
    return _union(frames)


def read_divipola(spark, fs, uri):
    return read_csv_files(spark, fs, [uri], dict(zip(DIVIPOLA_HEADERS, DIVIPOLA_FIELDS)))


def read_departments(spark, fs, uri):
    return read_csv_files(spark, fs, [uri], dict(zip(DEPARTMENTS_HEADERS, DEPARTMENTS_FIELDS)))


def covid_raw_columns():
    return list(RAW_FIELDS) + ["raw_line", "file_path"]
