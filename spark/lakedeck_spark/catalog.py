"""The catalog: every trusted and refined table, its partition keys and typed columns.

This is the single source of truth. `spark/schemas.json` and `spark/SCHEMAS.md` are generated
from it (`python -m lakedeck_spark.catalog`), the jobs `conform()` their output to it, and the
tests check the written Parquet against it. Types are Spark simple strings, which are also the
Hive/Glue type names.
"""
from dataclasses import dataclass, field

from pyspark.sql import functions as F
from pyspark.sql import types as T

SPARK_TYPES = {
    "string": T.StringType(),
    "bigint": T.LongType(),
    "int": T.IntegerType(),
    "double": T.DoubleType(),
    "date": T.DateType(),
    "boolean": T.BooleanType(),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    comment: str


@dataclass(frozen=True)
class Table:
    name: str
    zone: str
    description: str
    columns: tuple
    partition_keys: tuple = field(default=())

    @property
    def location(self):
        return f"{self.zone}/{self.name}/"

    def all_columns(self):
        return self.columns + self.partition_keys


def C(name, type_, comment):
    return Column(name, type_, comment)


# The raw record as received, every field a string with its English name; kept in rejects.
RAW_RECORD_COLUMNS = (
    C("report_date", "string", "fecha reporte web / fecha_reporte_web"),
    C("case_id", "string", "ID de caso / id_de_caso"),
    C("notification_date", "string", "Fecha de notificación / fecha_de_notificaci_n"),
    C("department_code", "string", "Código DIVIPOLA departamento / departamento"),
    C("department_name", "string", "Nombre departamento / departamento_nom"),
    C("municipality_code", "string", "Código DIVIPOLA municipio / ciudad_municipio"),
    C("municipality_name", "string", "Nombre municipio / ciudad_municipio_nom"),
    C("age", "string", "Edad / edad"),
    C("age_unit", "string", "Unidad de medida de edad / unidad_medida"),
    C("sex", "string", "Sexo / sexo"),
    C("contagion_type", "string", "Tipo de contagio / fuente_tipo_contagio"),
    C("location", "string", "Ubicación del caso / ubicacion"),
    C("severity", "string", "Estado / estado"),
    C("travel_country_code", "string", "Código ISO del país / pais_viajo_1_cod"),
    C("travel_country_name", "string", "Nombre del país / pais_viajo_1_nom"),
    C("recovery_status", "string", "Recuperado / recuperado"),
    C("symptom_onset_date", "string", "Fecha de inicio de síntomas / fecha_inicio_sintomas"),
    C("death_date", "string", "Fecha de muerte / fecha_muerte"),
    C("diagnosis_date", "string", "Fecha de diagnóstico / fecha_diagnostico"),
    C("recovery_date", "string", "Fecha de recuperación / fecha_recuperado"),
    C("recovery_type", "string", "Tipo de recuperación / tipo_recuperacion"),
    C("ethnicity_code", "string", "Pertenencia étnica / per_etn_"),
    C("ethnic_group_name", "string", "Nombre del grupo étnico / nom_grupo_"),
)
RAW_FIELDS = tuple(c.name for c in RAW_RECORD_COLUMNS)

_LINEAGE = (
    C("source", "string", "covid_csv (portal CSV export) or covid_api (SODA JSON pages)"),
    C("source_file", "string", "raw file, relative to the raw zone root"),
    C("ingest_date", "date", "ingest_date partition of the raw file"),
)

TABLES = {
    t.name: t
    for t in (
        Table(
            "covid_cases", "trusted",
            "One row per confirmed COVID-19 case (latest report of each case id), typed, cleaned "
            "and joined with DIVIPOLA and department population on codes.",
            (
                C("case_id", "bigint", "ID de caso; unique in the table"),
                C("notification_date", "date", "date the case was notified"),
                C("department_code", "string", "2-digit DIVIPOLA department code; districts "
                  "8001/13001/47001/76109 mapped to 08/13/47/76"),
                C("department_name", "string", "department name from the population extract"),
                C("department_population", "bigint", "department population from the extract"),
                C("reported_department_code", "string", "department code as the source wrote it"),
                C("municipality_code", "string", "5-digit DIVIPOLA municipality code"),
                C("municipality_name", "string", "municipality name from DIVIPOLA"),
                C("municipality_longitude", "double", "DIVIPOLA longitude (decimal degrees)"),
                C("municipality_latitude", "double", "DIVIPOLA latitude (decimal degrees)"),
                C("age_years", "int", "age in whole years (months and days converted)"),
                C("age_group", "string", "0-9, 10-19, ..., 70-79, 80+"),
                C("sex", "string", "F or M"),
                C("contagion_type", "string", "imported, related, community, under_study; "
                  "null if not given"),
                C("location", "string", "home, hospital, icu, deceased, not_applicable"),
                C("severity", "string", "mild, moderate, severe, asymptomatic, deceased, "
                  "not_applicable"),
                C("travel_country_code", "string", "ISO 3166 numeric, 3 digits (imported cases)"),
                C("travel_country_name", "string", "country of travel as reported"),
                C("recovery_status", "string", "recovered, active, deceased, not_applicable"),
                C("symptom_onset_date", "date", "null for asymptomatic cases"),
                C("death_date", "date", "date of death or null"),
                C("diagnosis_date", "date", "date of diagnosis"),
                C("recovery_date", "date", "date of recovery or null"),
                C("recovery_type", "string", "pcr, time or null"),
                C("ethnicity_code", "int", "1 indigenous, 2 ROM, 3 raizal, 4 palenquero, 5 black, "
                  "6 other"),
                C("ethnic_group_name", "string", "ethnic group as reported (free text)"),
                C("is_fatal", "boolean", "COVID-19 death: severity or recovery_status is deceased "
                  "(Estado or Recuperado = Fallecido); a death date alone does not count"),
                C("outcome", "string", "covid_death (is_fatal), other_cause_death (death date "
                  "without a deceased status: another cause, or died after recovering), "
                  "recovered, active, unknown (status N/A or blank, no death date)"),
            ) + _LINEAGE,
            (C("report_date", "date", "fecha reporte web: date the case was published"),),
        ),
        Table(
            "covid_cases_rejects", "trusted",
            "Input rows that are not in covid_cases, as received (strings), with the reason: "
            "failed validation, or superseded by a later report of the same case id.",
            RAW_RECORD_COLUMNS + (
                C("raw_line", "string", "the unparsed line when the record was malformed"),
                C("reject_reason", "string", "';'-separated reasons, e.g. invalid_age;"
                  "unknown_municipality_code, or duplicate_superseded"),
                C("source", "string", "covid_csv or covid_api"),
                C("source_file", "string", "raw file, relative to the raw zone root"),
            ),
            (C("ingest_date", "date", "ingest_date partition of the raw file"),),
        ),
        Table(
            "municipalities", "trusted",
            "DIVIPOLA municipalities from the latest divipola extract in raw.",
            (
                C("municipality_code", "string", "5-digit DIVIPOLA code"),
                C("municipality_name", "string", "name as in DIVIPOLA"),
                C("municipality_type", "string", "Municipio, Isla or Área no municipalizada"),
                C("department_code", "string", "2-digit department code"),
                C("department_name", "string", "department name as in DIVIPOLA"),
                C("longitude", "double", "decimal degrees (source uses a decimal comma)"),
                C("latitude", "double", "decimal degrees"),
            ),
        ),
        Table(
            "departments", "trusted",
            "Departments and their population from the latest departments extract in raw.",
            (
                C("department_code", "string", "2-digit department code"),
                C("department_name", "string", "department name"),
                C("population", "bigint", "inhabitants"),
            ),
        ),
        Table(
            "cases_daily_by_department", "refined",
            "New and cumulative cases (by report date) and COVID-19 deaths (by death date) per "
            "department and day; days without events are absent.",
            (
                C("department_code", "string", "2-digit department code"),
                C("department_name", "string", "department name"),
                C("event_date", "date", "report date for cases, death date for deaths"),
                C("new_cases", "bigint", "cases reported that day"),
                C("new_deaths", "bigint", "COVID-19 deaths (is_fatal) that day (report date if "
                  "no death date)"),
                C("cumulative_cases", "bigint", "cases up to and including the day"),
                C("cumulative_deaths", "bigint", "deaths up to and including the day"),
            ),
        ),
        Table(
            "incidence_by_department", "refined",
            "Cases, deaths and rates per 100 000 inhabitants for every department in the "
            "population extract (departments without cases have 0).",
            (
                C("department_code", "string", "2-digit department code"),
                C("department_name", "string", "department name"),
                C("population", "bigint", "inhabitants"),
                C("cases", "bigint", "confirmed cases"),
                C("deaths", "bigint", "COVID-19 deaths (is_fatal)"),
                C("incidence_per_100k", "double", "cases per 100 000 inhabitants"),
                C("mortality_per_100k", "double", "COVID-19 deaths per 100 000 inhabitants"),
                C("case_fatality_rate", "double", "deaths / cases; null without cases"),
                C("other_cause_deaths", "bigint", "cases with outcome other_cause_death (not in "
                  "deaths or the rates)"),
            ),
        ),
        Table(
            "case_fatality_by_age_sex", "refined",
            "Case fatality rate by age group and sex.",
            (
                C("age_group", "string", "0-9 ... 80+"),
                C("sex", "string", "F or M"),
                C("cases", "bigint", "confirmed cases"),
                C("deaths", "bigint", "COVID-19 deaths (is_fatal)"),
                C("case_fatality_rate", "double", "deaths / cases"),
                C("other_cause_deaths", "bigint", "cases with outcome other_cause_death (not in "
                  "deaths or the rate)"),
            ),
        ),
        Table(
            "contagion_mix_weekly", "refined",
            "Share of each contagion type among the cases reported each ISO week.",
            (
                C("week_start", "date", "Monday of the report week"),
                C("contagion_type", "string", "imported, related, community, under_study, unknown"),
                C("cases", "bigint", "cases of that type reported that week"),
                C("share", "double", "cases / all cases reported that week"),
            ),
        ),
        Table(
            "top_municipalities", "refined",
            "Municipalities with the most cases (ties broken by code).",
            (
                C("rank", "int", "1 = most cases"),
                C("municipality_code", "string", "5-digit DIVIPOLA code"),
                C("municipality_name", "string", "name as in DIVIPOLA"),
                C("department_code", "string", "2-digit department code"),
                C("department_name", "string", "department name"),
                C("cases", "bigint", "confirmed cases"),
                C("deaths", "bigint", "COVID-19 deaths (is_fatal)"),
                C("case_fatality_rate", "double", "deaths / cases"),
            ),
        ),
        Table(
            "case_interval_stats", "refined",
            "Days from symptom onset to diagnosis and to recovery (cases whose recovery_status is "
            "recovered), nationally and per department. Negative intervals (data errors) are "
            "counted, not averaged.",
            (
                C("interval_kind", "string", "symptoms_to_diagnosis or symptoms_to_recovery"),
                C("scope", "string", "national or department"),
                C("department_code", "string", "2-digit code; null for the national row"),
                C("department_name", "string", "department name; null for the national row"),
                C("cases", "bigint", "cases with both dates and a non-negative interval"),
                C("mean_days", "double", "mean interval in days"),
                C("median_days", "double", "exact median in days"),
                C("p90_days", "double", "exact 90th percentile in days"),
                C("min_days", "int", "shortest interval"),
                C("max_days", "int", "longest interval"),
                C("negative_excluded", "bigint", "cases whose end date precedes symptom onset"),
            ),
        ),
        Table(
            "ml_fatality_metrics", "refined",
            "Evaluation of the COVID-19-death classifier (label: is_fatal) on the held-out split, one "
            "row per model "
            "variant (class_weighted is the saved model; unweighted shows what weighting changes).",
            (
                C("model_variant", "string", "class_weighted or unweighted"),
                C("model_type", "string", "Spark ML estimator"),
                C("features", "string", "comma-separated input columns"),
                C("as_of_date", "date", "latest report date in the training data"),
                C("seed", "int", "seed of the hash split"),
                C("test_fraction", "double", "share of case ids held out"),
                C("train_rows", "bigint", "training rows"),
                C("train_positives", "bigint", "COVID-19 deaths (is_fatal) in training"),
                C("test_rows", "bigint", "test rows"),
                C("test_positives", "bigint", "COVID-19 deaths (is_fatal) in test"),
                C("test_positive_rate", "double", "class balance of the test split"),
                C("positive_class_weight", "double", "weight of a fatal case in training (1.0 if "
                  "unweighted)"),
                C("threshold", "double", "probability threshold for precision/recall"),
                C("auc_roc", "double", "area under ROC on test; null if test has one class"),
                C("auc_pr", "double", "area under precision-recall on test"),
                C("precision", "double", "tp / (tp + fp); null without predicted positives"),
                C("recall", "double", "tp / (tp + fn); null without actual positives"),
                C("f1", "double", "harmonic mean of precision and recall"),
                C("accuracy", "double", "(tp + tn) / test rows"),
                C("majority_baseline_accuracy", "double", "accuracy of always predicting the "
                  "majority class (non-fatal)"),
                C("true_positives", "bigint", "confusion matrix"),
                C("false_positives", "bigint", "confusion matrix"),
                C("true_negatives", "bigint", "confusion matrix"),
                C("false_negatives", "bigint", "confusion matrix"),
            ),
        ),
    )
}

# Folders in a zone that hold something other than a catalog table.
ARTIFACTS = {
    "ml_fatality_model": {
        "zone": "refined",
        "location": "refined/ml_fatality_model/",
        "format": "spark-ml-pipeline",
        "description": "Saved Spark ML PipelineModel (class_weighted variant); load with "
                       "pyspark.ml.PipelineModel.load and transform trusted covid_cases rows.",
    },
}


def table(name):
    return TABLES[name]


def spark_schema(name):
    return T.StructType([T.StructField(c.name, SPARK_TYPES[c.type], True)
                         for c in TABLES[name].all_columns()])


def conform(df, name):
    """Select exactly the catalog columns, in order, and fail loudly on a type mismatch.

    No casting here: a silent cast is how a column becomes silently null.
    """
    cols = TABLES[name].all_columns()
    missing = [c.name for c in cols if c.name not in df.columns]
    if missing:
        raise ValueError(f"{name}: missing columns {missing}")
    out = df.select(*[F.col(c.name) for c in cols])
    wrong = [(c.name, f.dataType.simpleString(), c.type)
             for c, f in zip(cols, out.schema.fields) if f.dataType.simpleString() != c.type]
    if wrong:
        raise TypeError(f"{name}: column types differ from the catalog (name, got, want): {wrong}")
    return out
