"""Reasons a case row cannot be trusted. A row is valid when `reject_reason` is null."""
import functools
import operator

from pyspark.sql import functions as F

from ..catalog import RAW_FIELDS
from . import clean

REPLACEMENT_CHAR = "\ufffd"
DUPLICATE_REASON = "duplicate_superseded"

_OPTIONAL_DATES = ("notification_date", "symptom_onset_date", "death_date", "diagnosis_date",
                   "recovery_date")
_OPTIONAL_CODES = ("contagion_type", "location", "severity", "recovery_status", "recovery_type",
                   "ethnicity_code", "travel_country_code")


def _raw(name):
    return F.col(f"raw.{name}")


def _missing(name):
    return ~clean.is_present(_raw(name))


def _unparsed(name, typed=None):
    """Raw value given but the typed column is null: the value did not parse or is not known."""
    return clean.is_present(_raw(name)) & F.col(typed or name).isNull()


def _field_checks():
    """(condition, reason) pairs, in the order they are reported."""
    return [
        (_missing("case_id"), "missing_case_id"),
        (_unparsed("case_id"), "invalid_case_id"),
        (_missing("report_date"), "missing_report_date"),
        (_unparsed("report_date"), "invalid_report_date"),
        *[(_unparsed(d), f"invalid_{d}") for d in _OPTIONAL_DATES],
        (_missing("department_code"), "missing_department_code"),
        (_unparsed("department_code"), "invalid_department_code"),
        (F.col("department_code").isNotNull() & F.col("department_population").isNull(),
         "unknown_department_code"),
        (_missing("municipality_code"), "missing_municipality_code"),
        (_unparsed("municipality_code"), "invalid_municipality_code"),
        (F.col("municipality_code").isNotNull() & F.col("municipality_department_code").isNull(),
         "unknown_municipality_code"),
        (F.col("municipality_department_code") != F.col("department_code"),
         "municipality_department_mismatch"),
        (_missing("age"), "missing_age"),
        (_missing("age_unit"), "missing_age_unit"),
        (clean.is_present(_raw("age")) & ~F.trim(_raw("age")).rlike(r"^[0-9]{1,6}$"),
         "invalid_age"),
        (clean.is_present(_raw("age_unit"))
         & ~F.trim(_raw("age_unit")).isin(*clean.AGE_UNITS_PER_YEAR), "invalid_age_unit"),
        (F.col("age_years") > clean.MAX_AGE_YEARS, "age_out_of_range"),
        (_missing("sex"), "missing_sex"),
        (_unparsed("sex"), "invalid_sex"),
        *[(_unparsed(c), f"invalid_{c}") for c in _OPTIONAL_CODES],
    ]


def reject_reason():
    """';'-joined reasons, or null for a valid row.

    A malformed line (wrong number of fields, broken JSON) is reported as just that: its field
    values are positional guesses, so field-level reasons would mislead.
    """
    # One test per field, OR-ed: no concatenated copy of the whole record per row.
    tests = [F.coalesce(c.contains(REPLACEMENT_CHAR), F.lit(False))
             for c in [_raw(f) for f in RAW_FIELDS] + [F.col("raw_line")]]
    encoding = functools.reduce(operator.or_, tests)
    fields = F.concat_ws(";", *[F.when(cond, F.lit(reason)) for cond, reason in _field_checks()])
    return (F.when(F.col("raw_line").isNotNull(), F.lit("malformed_record"))
            .when(encoding, F.lit("invalid_encoding"))
            .when(fields != "", fields))


def with_reject_reason(cases):
    return cases.withColumn("reject_reason", reject_reason())
