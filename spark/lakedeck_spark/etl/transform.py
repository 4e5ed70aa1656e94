"""Raw string records -> typed case records (still unvalidated), and the reference tables."""
from pyspark.sql import functions as F

from ..catalog import RAW_FIELDS
from . import clean

_SOURCE_FILE = r"([^/]+/ingest_date=[0-9]{4}-[0-9]{2}-[0-9]{2}/[^/]+)$"
_INGEST_DATE = r"/ingest_date=([0-9]{4}-[0-9]{2}-[0-9]{2})/"


def with_lineage(raw, source):
    """Add source, source_file (relative to the raw root) and ingest_date from the file path."""
    return raw.select(
        *RAW_FIELDS,
        "raw_line",
        F.lit(source).alias("source"),
        F.regexp_extract("file_path", _SOURCE_FILE, 1).alias("source_file"),
        F.to_date(F.regexp_extract("file_path", _INGEST_DATE, 1)).alias("ingest_date"),
    )


def type_cases(raw):
    """Typed columns next to the untouched raw record (kept as a struct for the rejects table)."""
    r = {f: F.col(f) for f in RAW_FIELDS}
    age_years = clean.age_in_years(r["age"], r["age_unit"])
    return raw.select(
        F.struct(*RAW_FIELDS).alias("raw"),
        "raw_line",
        "source",
        "source_file",
        "ingest_date",
        clean.parse_case_id(r["case_id"]).alias("case_id"),
        clean.parse_date(r["report_date"]).alias("report_date"),
        clean.parse_date(r["notification_date"]).alias("notification_date"),
        clean.department_code(r["department_code"]).alias("department_code"),
        clean.blank_to_null(r["department_code"]).alias("reported_department_code"),
        clean.municipality_code(r["municipality_code"]).alias("municipality_code"),
        age_years.alias("age_years"),
        clean.age_group(age_years).alias("age_group"),
        clean.canonical(r["sex"], clean.SEX).alias("sex"),
        clean.canonical(r["contagion_type"], clean.CONTAGION_TYPE).alias("contagion_type"),
        clean.canonical(r["location"], clean.LOCATION).alias("location"),
        clean.canonical(r["severity"], clean.SEVERITY).alias("severity"),
        clean.travel_country_code(r["travel_country_code"]).alias("travel_country_code"),
        clean.clean_text(r["travel_country_name"]).alias("travel_country_name"),
        clean.canonical(r["recovery_status"], clean.RECOVERY_STATUS).alias("recovery_status"),
        clean.parse_date(r["symptom_onset_date"]).alias("symptom_onset_date"),
        clean.parse_date(r["death_date"]).alias("death_date"),
        clean.parse_date(r["diagnosis_date"]).alias("diagnosis_date"),
        clean.parse_date(r["recovery_date"]).alias("recovery_date"),
        clean.canonical(r["recovery_type"], clean.RECOVERY_TYPE).alias("recovery_type"),
        clean.ethnicity_code(r["ethnicity_code"]).alias("ethnicity_code"),
        clean.clean_text(r["ethnic_group_name"]).alias("ethnic_group_name"),
    )


def outcome():
    """The case's outcome (clean.OUTCOMES), from the canonical severity/recovery_status codes."""
    deceased = (F.col("severity") == "deceased") | (F.col("recovery_status") == "deceased")
    return (F.when(F.coalesce(deceased, F.lit(False)), F.lit(clean.COVID_DEATH))
            .when(F.col("death_date").isNotNull(), F.lit(clean.OTHER_CAUSE_DEATH))
            .when(F.col("recovery_status") == "recovered", F.lit(clean.RECOVERED))
            .when(F.col("recovery_status") == "active", F.lit(clean.ACTIVE))
            .otherwise(F.lit(clean.UNKNOWN)))


def with_outcome(cases):
    """Add `outcome` and `is_fatal` (a COVID-19 death: the source's rule, not the death date)."""
    return (cases.withColumn("outcome", outcome())
            .withColumn("is_fatal", F.col("outcome") == clean.COVID_DEATH))


def join_reference(cases, municipalities, departments):
    """Left joins on codes (never names), so unmatched rows survive to be rejected with a reason."""
    muni = municipalities.select(
        "municipality_code",
        "municipality_name",
        F.col("department_code").alias("municipality_department_code"),
        F.col("longitude").alias("municipality_longitude"),
        F.col("latitude").alias("municipality_latitude"),
    )
    dept = departments.select(
        "department_code",
        "department_name",
        F.col("population").alias("department_population"),
    )
    return (cases
            .join(F.broadcast(muni), on="municipality_code", how="left")
            .join(F.broadcast(dept), on="department_code", how="left"))


def type_municipalities(raw):
    return raw.select(
        clean.municipality_code(F.col("municipality_code")).alias("municipality_code"),
        clean.clean_text(F.col("municipality_name")).alias("municipality_name"),
        clean.clean_text(F.col("municipality_type")).alias("municipality_type"),
        clean.department_code(F.col("department_code")).alias("department_code"),
        clean.clean_text(F.col("department_name")).alias("department_name"),
        clean.decimal_comma_double(F.col("longitude")).alias("longitude"),
        clean.decimal_comma_double(F.col("latitude")).alias("latitude"),
        "raw_line",
    )


def type_departments(raw):
    population = clean.blank_to_null(F.col("population"))
    return raw.select(
        clean.department_code(F.col("department_code")).alias("department_code"),
        clean.clean_text(F.col("department_name")).alias("department_name"),
        F.when(population.rlike(r"^[0-9]{1,12}$"), population.cast("bigint")).alias("population"),
        "raw_line",
    )
