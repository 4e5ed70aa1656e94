"""Helpers for the Spark suite: tiny lakes on disk, fixture rows, API conversion, metrics."""
import csv
import io
import json
import pathlib
import shutil
from datetime import datetime

from lakedeck_spark.catalog import RAW_FIELDS
from lakedeck_spark.metrics import parse_lines
from lakedeck_spark.sources import COVID_API_FIELDS, COVID_CSV_HEADERS

FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"
SAMPLE = FIXTURES / "covid_casos_sample_700.csv"
DIVIPOLA = FIXTURES / "divipola_municipios.csv"
DEPARTMENTS = FIXTURES / "departamentos_poblacion.csv"
CSV_DATE_HEADERS = {"fecha reporte web", "Fecha de notificación", "Fecha de inicio de síntomas",
                    "Fecha de muerte", "Fecha de diagnóstico", "Fecha de recuperación"}


def sample_rows():
    with open(SAMPLE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def csv_text(rows, headers=COVID_CSV_HEADERS):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(headers), lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def iso_date(portal_date):
    """'6/3/2020 0:00:00' -> '2020-03-06T00:00:00.000' (how SODA serves the same value)."""
    parsed = datetime.strptime(portal_date, "%d/%m/%Y %H:%M:%S")
    return parsed.strftime("%Y-%m-%dT%H:%M:%S.000")


def api_record(row):
    """A portal CSV row as the SODA API returns it: API names, ISO dates, empty fields omitted."""
    out = {}
    for header, field in zip(COVID_CSV_HEADERS, COVID_API_FIELDS):
        value = row[header]
        if value == "":
            continue
        out[field] = iso_date(value) if header in CSV_DATE_HEADERS else value
    return out


def jsonl_text(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def case_row(**overrides):
    """A valid portal CSV row (case 1 of the sample), with English-field overrides."""
    row = dict(sample_rows()[0])
    by_field = dict(zip(RAW_FIELDS, COVID_CSV_HEADERS))
    for field, value in overrides.items():
        row[by_field[field]] = value
    return row


def file_uri(path):
    """file:// URI as Hadoop wants it: '=' not percent-encoded (Path.as_uri encodes it)."""
    return "file://" + str(pathlib.Path(path).resolve())


class Lake:
    """A lake root on disk with raw/trusted/refined zones and file:// URIs."""

    def __init__(self, root):
        self.root = pathlib.Path(root)
        for zone in ("raw", "trusted", "refined"):
            (self.root / zone).mkdir(parents=True, exist_ok=True)

    def uri(self, zone):
        return file_uri(self.root / zone)

    def put(self, source, ingest_date, stamp, content, ext=None, encoding="utf-8"):
        ext = ext or ("jsonl" if source == "covid_api" else "csv")
        folder = self.root / "raw" / source / f"ingest_date={ingest_date}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{source}_{ingest_date.replace('-', '')}_{stamp}.{ext}"
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    def put_reference(self, ingest_date="2020-04-01"):
        for source, src in (("divipola", DIVIPOLA), ("departments", DEPARTMENTS)):
            self.put(source, ingest_date, "000000", src.read_bytes())

    def trusted_path(self, table):
        return str(self.root / "trusted" / table)

    def refined_path(self, table):
        return str(self.root / "refined" / table)

    def partitions(self, table, zone="trusted"):
        folder = self.root / zone / table
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and "=" in p.name)

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)


def etl_args(lake, run_date):
    from lakedeck_spark.etl import job
    return job.build_parser().parse_args(
        ["--raw", lake.uri("raw"), "--trusted", lake.uri("trusted"), "--run-date", run_date])


def metrics_from(captured_text):
    return parse_lines(captured_text)


def rows_by(df, key):
    return {r[key]: r.asDict() for r in df.collect()}


def frame(spark, rows, schema):
    """A small DataFrame as a LocalRelation (through pandas and Arrow).

    spark.createDataFrame(list) parallelizes the rows and costs a Spark job per use; a local
    relation does not, which keeps this suite fast. `schema`: StructType or DDL string.
    """
    import pandas as pd

    if isinstance(schema, str):
        schema = spark.createDataFrame([], schema).schema
    pdf = pd.DataFrame.from_records(list(rows), columns=schema.fieldNames()).astype(object)
    pdf = pdf.where(pdf.notna(), None)
    return spark.createDataFrame(pdf, schema)


def base_case():
    """Case 1 of the real sample as a dict of English raw fields."""
    return dict(zip(RAW_FIELDS, (sample_rows()[0][h] for h in COVID_CSV_HEADERS)))


def raw_frame(spark, rows, source="covid_csv", ingest_date="2020-04-01", stamp="120000"):
    """Raw records as extract+with_lineage would produce them; each row overrides base_case()."""
    import datetime as dt

    from pyspark.sql import types as T

    fields = [T.StructField(f, T.StringType()) for f in RAW_FIELDS] + [
        T.StructField("raw_line", T.StringType()),
        T.StructField("source", T.StringType()),
        T.StructField("source_file", T.StringType()),
        T.StructField("ingest_date", T.DateType()),
    ]
    data = []
    for overrides in rows:
        merged = dict(base_case(), **{k: v for k, v in overrides.items()
                                      if k not in ("raw_line", "ingest_date", "stamp")})
        day = overrides.get("ingest_date", ingest_date)
        file_name = (f"{source}/ingest_date={day}/{source}_{day.replace('-', '')}_"
                     f"{overrides.get('stamp', stamp)}.csv")
        data.append(tuple(merged[f] for f in RAW_FIELDS) + (
            overrides.get("raw_line"), source, file_name, dt.date.fromisoformat(day)))
    return frame(spark, data, T.StructType(fields))


def reference_frames(spark):
    """A few real municipalities and departments (Bolívar deliberately absent)."""
    municipalities = frame(
        spark,
        [("11001", "BOGOTÁ, D.C.", "Municipio", "11", "BOGOTÁ, D.C.", -74.1, 4.6),
         ("08001", "BARRANQUILLA", "Municipio", "08", "ATLÁNTICO", -74.8, 11.0),
         ("05001", "MEDELLÍN", "Municipio", "05", "ANTIOQUIA", -75.6, 6.2),
         ("76001", "CALI", "Municipio", "76", "VALLE DEL CAUCA", -76.5, 3.4),
         ("13001", "CARTAGENA DE INDIAS", "Municipio", "13", "BOLÍVAR", -75.5, 10.4)],
        "municipality_code string, municipality_name string, municipality_type string, "
        "department_code string, department_name string, longitude double, latitude double")
    departments = frame(
        spark,
        [("11", "Bogotá D.C.", 7743955), ("08", "Atlántico", 2722128),
         ("05", "Antioquia", 6677930), ("76", "Valle del Cauca", 4532152)],
        "department_code string, department_name string, population bigint")
    return municipalities, departments


def classified_rows(spark, rows, **kwargs):
    """Rows through the ETL's transform (type, join, flag, validate), keyed by raw case_id."""
    from lakedeck_spark.etl.job import classify

    municipalities, departments = reference_frames(spark)
    out = classify(raw_frame(spark, rows, **kwargs), municipalities, departments)
    return {r["raw"]["case_id"]: r for r in out.collect()}


def classify_tagged(spark, cases):
    """{tag: overrides} -> {tag: classified row}, in one Spark job.

    The tag rides in ethnic_group_name, a free-text field that no check looks at.
    """
    tagged = [dict(overrides, ethnic_group_name=tag) for tag, overrides in cases.items()]
    from lakedeck_spark.etl.job import classify

    municipalities, departments = reference_frames(spark)
    out = classify(raw_frame(spark, tagged), municipalities, departments)
    return {r["raw"]["ethnic_group_name"]: r for r in out.collect()}


# Trusted column -> raw field it is parsed from (one-to-one), for the "no silent null" check.
PARSED_FROM = {
    "case_id": "case_id", "report_date": "report_date", "notification_date": "notification_date",
    "department_code": "department_code", "municipality_code": "municipality_code",
    "age_years": "age", "sex": "sex", "contagion_type": "contagion_type", "location": "location",
    "severity": "severity", "travel_country_code": "travel_country_code",
    "travel_country_name": "travel_country_name", "recovery_status": "recovery_status",
    "symptom_onset_date": "symptom_onset_date", "death_date": "death_date",
    "diagnosis_date": "diagnosis_date", "recovery_date": "recovery_date",
    "recovery_type": "recovery_type", "ethnicity_code": "ethnicity_code",
    "ethnic_group_name": "ethnic_group_name",
}
FROM_REFERENCE = ("department_name", "department_population", "municipality_name",
                  "municipality_longitude", "municipality_latitude")


def assert_no_silent_nulls(trusted_rows, portal_rows):
    """Every trusted value is null exactly where the input was empty, reference values never."""
    by_field = dict(zip(RAW_FIELDS, COVID_CSV_HEADERS))
    source = {int(r["ID de caso"]): r for r in portal_rows}
    for row in trusted_rows:
        given = source[row["case_id"]]
        for column, field in PARSED_FROM.items():
            present = given[by_field[field]].strip() != ""
            assert (row[column] is not None) == present, (row["case_id"], column, row[column])
        for column in FROM_REFERENCE:
            assert row[column] is not None, (row["case_id"], column)


def read_table(spark, lake, table, zone="trusted"):
    from lakedeck_spark.catalog import spark_schema
    return spark.read.schema(spark_schema(table)).parquet(str(lake.root / zone / table))


_CASE_DEFAULTS = dict(
    notification_date=None, department_code="11", department_name="Bogotá D.C.",
    department_population=7743955, reported_department_code="11", municipality_code="11001",
    municipality_name="BOGOTÁ, D.C.", municipality_longitude=-74.1, municipality_latitude=4.6,
    age_years=30, age_group="30-39", sex="F", contagion_type="imported", location="home",
    severity="mild", travel_country_code=None, travel_country_name=None,
    recovery_status="recovered", symptom_onset_date=None, death_date=None, diagnosis_date=None,
    recovery_date=None, recovery_type=None, ethnicity_code=6, ethnic_group_name=None,
    is_fatal=False, source="covid_csv",
    source_file="covid_csv/ingest_date=2020-04-01/covid_csv_20200401_000000.csv",
)


def cases_frame(spark, rows):
    """trusted.covid_cases rows from partial dicts (report_date required), ids 1..n.

    `outcome` defaults to covid_death for is_fatal rows, else to the recovery status."""
    import datetime as dt

    from lakedeck_spark.catalog import TABLES, spark_schema

    names = [c.name for c in TABLES["covid_cases"].all_columns()]
    data = []
    for i, overrides in enumerate(rows, start=1):
        row = dict(_CASE_DEFAULTS, case_id=i, ingest_date=dt.date(2020, 4, 1), **overrides)
        # A COVID-19 death unless the row says which outcome it is (is_fatal alone is enough).
        row.setdefault("outcome", "covid_death" if row["is_fatal"] else row["recovery_status"])
        data.append(tuple(row[n] for n in names))
    return frame(spark, data, spark_schema("covid_cases"))
