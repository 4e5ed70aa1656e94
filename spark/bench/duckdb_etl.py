"""The ETL's cleaning rules written in DuckDB SQL: the 'near the machine's limit' baseline.

Same inputs, same rules (day-first dates, age units, districts, padding, casing, code joins,
reject reasons, latest report per case id) and the same outputs (partitioned Parquet for
trusted cases and rejects) as lakedeck_spark.etl; built on DuckDB's vectorised engine.
"""
import duckdb

from lakedeck_spark.catalog import RAW_FIELDS
from lakedeck_spark.etl import clean
from lakedeck_spark.sources import COVID_CSV_HEADERS, DEPARTMENTS_HEADERS, DIVIPOLA_HEADERS

_OPTIONAL_DATES = ("notification_date", "symptom_onset_date", "death_date", "diagnosis_date",
                   "recovery_date")
_DATE_FORMATS = ("['%d/%m/%Y %H:%M:%S', '%d/%m/%Y', '%Y-%m-%dT%H:%M:%S.%g', "
                 "'%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d']")


def _q(name):
    return '"' + name.replace('"', '""') + '"'


def _lookup(mapping):
    pairs = ", ".join(f"'{k}': '{v}'" for k, v in mapping.items())
    return f"MAP {{{pairs}}}"


def _canonical(column, mapping):
    return f"{_lookup(mapping)}[norm({column})]"


def _macros(con):
    con.execute("CREATE OR REPLACE MACRO blank(x) AS nullif(trim(x), '')")
    con.execute("CREATE OR REPLACE MACRO present(x) AS coalesce(trim(x) <> '', false)")
    con.execute(r"CREATE OR REPLACE MACRO norm(x) AS "
                r"lower(regexp_replace(strip_accents(trim(x)), '\s+', ' ', 'g'))")
    con.execute(f"CREATE OR REPLACE MACRO pdate(x) AS "
                f"CAST(try_strptime(blank(x), {_DATE_FORMATS}) AS DATE)")
    con.execute("CREATE OR REPLACE MACRO digits(x, lo, hi) AS "
                "regexp_full_match(trim(x), '[0-9]{' || lo || ',' || hi || '}')")


def _typed_select():
    districts = " ".join(f"WHEN {k} THEN '{v}'" for k, v in clean.DISTRICT_DEPARTMENTS.items())
    units = " ".join(f"WHEN '{k}' THEN {v}" for k, v in clean.AGE_UNITS_PER_YEAR.items())
    dept_num = ("CASE WHEN digits(raw_department_code, 1, 5) "
                "THEN CAST(trim(raw_department_code) AS INTEGER) END")
    age_num = "CASE WHEN digits(raw_age, 1, 6) THEN CAST(trim(raw_age) AS INTEGER) END"
    return f"""
    CASE WHEN digits(raw_case_id, 1, 18) THEN CAST(trim(raw_case_id) AS BIGINT) END AS case_id,
    pdate(raw_report_date) AS report_date,
    pdate(raw_notification_date) AS notification_date,
    CASE WHEN {dept_num} BETWEEN 1 AND 99 THEN lpad(CAST({dept_num} AS VARCHAR), 2, '0')
         ELSE (CASE {dept_num} {districts} END) END AS department_code,
    blank(raw_department_code) AS reported_department_code,
    CASE WHEN digits(raw_municipality_code, 4, 5) THEN lpad(trim(raw_municipality_code), 5, '0')
         END AS municipality_code,
    CAST(floor({age_num} / (CASE trim(raw_age_unit) {units} END)) AS INTEGER) AS age_years,
    {_canonical('raw_sex', clean.SEX)} AS sex,
    {_canonical('raw_contagion_type', clean.CONTAGION_TYPE)} AS contagion_type,
    {_canonical('raw_location', clean.LOCATION)} AS location,
    {_canonical('raw_severity', clean.SEVERITY)} AS severity,
    CASE WHEN digits(raw_travel_country_code, 1, 3) THEN lpad(trim(raw_travel_country_code), 3, '0')
         END AS travel_country_code,
    blank(regexp_replace(raw_travel_country_name, '\\s+', ' ', 'g')) AS travel_country_name,
    {_canonical('raw_recovery_status', clean.RECOVERY_STATUS)} AS recovery_status,
    pdate(raw_symptom_onset_date) AS symptom_onset_date,
    pdate(raw_death_date) AS death_date,
    pdate(raw_diagnosis_date) AS diagnosis_date,
    pdate(raw_recovery_date) AS recovery_date,
    {_canonical('raw_recovery_type', clean.RECOVERY_TYPE)} AS recovery_type,
    CASE WHEN regexp_full_match(trim(raw_ethnicity_code), '[1-6]')
         THEN CAST(trim(raw_ethnicity_code) AS INTEGER) END AS ethnicity_code,
    blank(regexp_replace(raw_ethnic_group_name, '\\s+', ' ', 'g')) AS ethnic_group_name
    """


def _reasons():
    def unparsed(raw, typed):
        return f"present(raw_{raw}) AND {typed} IS NULL"

    checks = [
        ("NOT present(raw_case_id)", "missing_case_id"),
        (unparsed("case_id", "case_id"), "invalid_case_id"),
        ("NOT present(raw_report_date)", "missing_report_date"),
        (unparsed("report_date", "report_date"), "invalid_report_date"),
        *[(unparsed(d, d), f"invalid_{d}") for d in _OPTIONAL_DATES],
        ("NOT present(raw_department_code)", "missing_department_code"),
        (unparsed("department_code", "department_code"), "invalid_department_code"),
        ("department_code IS NOT NULL AND department_population IS NULL",
         "unknown_department_code"),
        ("NOT present(raw_municipality_code)", "missing_municipality_code"),
        (unparsed("municipality_code", "municipality_code"), "invalid_municipality_code"),
        ("municipality_code IS NOT NULL AND municipality_department_code IS NULL",
         "unknown_municipality_code"),
        ("municipality_department_code <> department_code", "municipality_department_mismatch"),
        ("NOT present(raw_age)", "missing_age"),
        ("NOT present(raw_age_unit)", "missing_age_unit"),
        ("present(raw_age) AND NOT digits(raw_age, 1, 6)", "invalid_age"),
        ("present(raw_age_unit) AND trim(raw_age_unit) NOT IN ('1', '2', '3')", "invalid_age_unit"),
        (f"age_years > {clean.MAX_AGE_YEARS}", "age_out_of_range"),
        ("NOT present(raw_sex)", "missing_sex"),
        (unparsed("sex", "sex"), "invalid_sex"),
        *[(unparsed(c, c), f"invalid_{c}") for c in ("contagion_type", "location", "severity",
                                                      "recovery_status", "recovery_type",
                                                      "ethnicity_code", "travel_country_code")],
    ]
    fields = ", ".join(f"CASE WHEN {cond} THEN '{reason}' END" for cond, reason in checks)
    everything = " || ".join(f"coalesce(raw_{f}, '')" for f in RAW_FIELDS)
    return (f"CASE WHEN strpos({everything}, chr(65533)) > 0 THEN 'invalid_encoding' "
            f"ELSE nullif(concat_ws(';', {fields}), '') END")


def _outcome():
    """clean.OUTCOMES by the source's rule: a deceased status, not a death date, is a COVID death."""
    return (f"CASE WHEN coalesce(severity = 'deceased' OR recovery_status = 'deceased', false) "
            f"THEN '{clean.COVID_DEATH}' "
            f"WHEN death_date IS NOT NULL THEN '{clean.OTHER_CAUSE_DEATH}' "
            f"WHEN recovery_status = 'recovered' THEN '{clean.RECOVERED}' "
            f"WHEN recovery_status = 'active' THEN '{clean.ACTIVE}' "
            f"ELSE '{clean.UNKNOWN}' END")


def run(csv_paths, divipola_csv, departments_csv, trusted_dir, threads=2, memory_limit="6GB"):
    """Clean `csv_paths` into trusted_dir/{covid_cases,covid_cases_rejects}; return counts."""
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET preserve_insertion_order = false")
    _macros(con)
    file_list = "[" + ", ".join(f"'{p}'" for p in csv_paths) + "]"
    raw_cols = ", ".join(f"{_q(h)} AS raw_{f}" for h, f in zip(COVID_CSV_HEADERS, RAW_FIELDS))
    con.execute(f"""CREATE TEMP VIEW raw AS
        SELECT {raw_cols},
               regexp_extract(filename, '([^/]+/ingest_date=[0-9-]+/[^/]+)$', 1) AS source_file,
               CAST(regexp_extract(filename, 'ingest_date=([0-9-]+)/', 1) AS DATE) AS ingest_date
        FROM read_csv({file_list}, header = true, all_varchar = true, filename = true,
                      quote = '"', escape = '"')""")
    dcode, dname, mcode, mname, mtype, lon, lat = (_q(h) for h in DIVIPOLA_HEADERS)
    con.execute(f"""CREATE TEMP TABLE municipalities AS SELECT
        lpad(trim({mcode}), 5, '0') AS municipality_code, trim({mname}) AS municipality_name,
        lpad(trim({dcode}), 2, '0') AS municipality_department_code,
        CAST(replace({lon}, ',', '.') AS DOUBLE) AS municipality_longitude,
        CAST(replace({lat}, ',', '.') AS DOUBLE) AS municipality_latitude
        FROM read_csv('{divipola_csv}', header = true, all_varchar = true)""")
    pcode, pname, pop = (_q(h) for h in DEPARTMENTS_HEADERS)
    con.execute(f"""CREATE TEMP TABLE departments AS SELECT
        lpad(trim({pcode}), 2, '0') AS department_code, trim({pname}) AS department_name,
        CAST({pop} AS BIGINT) AS department_population
        FROM read_csv('{departments_csv}', header = true, all_varchar = true)""")
    con.execute(f"""CREATE TEMP TABLE classified AS
        WITH typed AS (SELECT *, {_typed_select()} FROM raw),
        joined AS (SELECT typed.*, m.* EXCLUDE (municipality_code), d.* EXCLUDE (department_code)
                   FROM typed
                   LEFT JOIN municipalities m USING (municipality_code)
                   LEFT JOIN departments d USING (department_code))
        SELECT *, {_reasons()} AS reject_reason FROM joined""")
    con.execute("""CREATE TEMP TABLE ranked AS
        SELECT *, row_number() OVER (PARTITION BY case_id ORDER BY report_date DESC,
               ingest_date DESC, source_file DESC) = 1 AS is_latest
        FROM classified WHERE reject_reason IS NULL""")
    trusted_cols = f"""case_id, notification_date, department_code, department_name,
        department_population, reported_department_code, municipality_code, municipality_name,
        municipality_longitude, municipality_latitude, age_years,
        CASE WHEN age_years >= 80 THEN '80+' ELSE CAST(age_years // 10 * 10 AS VARCHAR) || '-'
             || CAST(age_years // 10 * 10 + 9 AS VARCHAR) END AS age_group,
        sex, contagion_type, location, severity, travel_country_code, travel_country_name,
        recovery_status, symptom_onset_date, death_date, diagnosis_date, recovery_date,
        recovery_type, ethnicity_code, ethnic_group_name,
        {_outcome()} = '{clean.COVID_DEATH}' AS is_fatal,
        {_outcome()} AS outcome,
        'covid_csv' AS source, source_file, ingest_date, report_date"""
    con.execute(f"""COPY (SELECT {trusted_cols} FROM ranked WHERE is_latest)
        TO '{trusted_dir}/covid_cases' (FORMAT parquet, PARTITION_BY (report_date),
                                        OVERWRITE_OR_IGNORE)""")
    raw_out = ", ".join(f"raw_{f} AS {f}" for f in RAW_FIELDS)
    con.execute(f"""COPY (
        SELECT {raw_out}, reject_reason, 'covid_csv' AS source, source_file, ingest_date
        FROM classified WHERE reject_reason IS NOT NULL
        UNION ALL
        SELECT {raw_out}, 'duplicate_superseded', 'covid_csv', source_file, ingest_date
        FROM ranked WHERE NOT is_latest)
        TO '{trusted_dir}/covid_cases_rejects' (FORMAT parquet, PARTITION_BY (ingest_date),
                                                OVERWRITE_OR_IGNORE)""")
    read, rejected = con.execute(
        "SELECT count(*), count(reject_reason) FROM classified").fetchone()
    written, duplicates = con.execute(
        "SELECT count(*) FILTER (is_latest), count(*) FILTER (NOT is_latest) FROM ranked"
    ).fetchone()
    con.close()
    return {"rows_read": read, "rows_written": written, "rows_rejected": rejected,
            "duplicates": duplicates}
