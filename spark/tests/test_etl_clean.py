"""Column expressions of the ETL, each on a tiny DataFrame of (input, expected) pairs."""
import datetime as dt

import pytest
from chispa import assert_column_equality
from pyspark.sql import functions as F
from pyspark.sql import types as T

from lakedeck_spark.etl import clean
from sparkkit import frame


def pairs(spark, rows, expected_type, input_types=None):
    """DataFrame with string inputs (c0, c1...) and an `expected` column of the given type."""
    width = len(rows[0]) - 1
    fields = [T.StructField(f"c{i}", (input_types or [T.StringType()] * width)[i])
              for i in range(width)]
    schema = T.StructType(fields + [T.StructField("expected", expected_type)])
    return frame(spark, rows, schema)


def test_day_first_dates_and_api_iso_dates_parse_to_the_same_day(spark):
    df = pairs(spark, [
        ("6/3/2020 0:00:00", dt.date(2020, 3, 6)),       # day-first: 6 March, not 3 June
        ("13/12/2020 0:00:00", dt.date(2020, 12, 13)),
        ("06/03/2020 00:00:00", dt.date(2020, 3, 6)),
        ("6/3/2020", dt.date(2020, 3, 6)),
        ("2020-03-06T00:00:00.000", dt.date(2020, 3, 6)),  # SODA API
        ("2020-03-06T00:00:00", dt.date(2020, 3, 6)),
        ("2020-03-06 00:00:00", dt.date(2020, 3, 6)),
        (" 2020-03-06 ", dt.date(2020, 3, 6)),
        ("31/2/2020 0:00:00", None),                       # no such day
        ("03/13/2020 0:00:00", None),                      # month-first is not accepted
        ("6/3/2020 0:00", None),                           # each shape has one exact format
        ("2020-03-06T00:00", None),
        ("2020-3-6", None),
        ("ayer", None),
        ("", None),
        (None, None),
    ], T.DateType())
    out = df.withColumn("parsed", clean.parse_date(F.col("c0")))
    assert_column_equality(out, "parsed", "expected")


def test_a_plain_cast_of_a_portal_date_is_null_which_is_why_parse_date_exists(spark):
    df = frame(spark, [("6/3/2020 0:00:00",)], "d string")
    assert df.select(F.col("d").cast("date")).first()[0] is None
    assert df.select(clean.parse_date(F.col("d"))).first()[0] == dt.date(2020, 3, 6)


def test_ages_convert_months_and_days_to_whole_years(spark):
    df = pairs(spark, [
        ("19", "1", 19),
        ("0", "1", 0),
        ("6", "2", 0),       # 6 months
        ("18", "2", 1),      # 18 months
        ("29", "3", 0),      # 29 days
        ("400", "3", 1),     # 400 days
        (" 34 ", "1", 34),
        ("34", "4", None),   # unknown unit
        ("abc", "1", None),
        ("-3", "1", None),
        ("", "1", None),
        ("19", None, None),
    ], T.IntegerType())
    out = df.withColumn("years", clean.age_in_years(F.col("c0"), F.col("c1")))
    assert_column_equality(out, "years", "expected")


def test_age_groups_are_decades_with_an_open_80_plus(spark):
    df = pairs(spark, [(0, "0-9"), (9, "0-9"), (10, "10-19"), (79, "70-79"), (80, "80+"),
                       (104, "80+"), (None, None)],
               T.StringType(), input_types=[T.IntegerType()])
    out = df.withColumn("group", clean.age_group(F.col("c0")))
    assert_column_equality(out, "group", "expected")


def test_department_codes_are_padded_and_districts_map_to_their_department(spark):
    df = pairs(spark, [
        ("5", "05"), ("05", "05"), ("11", "11"), ("99", "99"),
        ("8001", "08"),      # Barranquilla -> Atlántico
        ("13001", "13"),     # Cartagena -> Bolívar
        ("47001", "47"),     # Santa Marta -> Magdalena
        ("76109", "76"),     # Buenaventura -> Valle del Cauca
        ("08001", "08"),
        ("76001", None),     # Cali is a municipality, not a listed district
        ("0", None), ("100", None), ("x5", None), ("", None), (None, None),
    ], T.StringType())
    out = df.withColumn("code", clean.department_code(F.col("c0")))
    assert_column_equality(out, "code", "expected")


def test_municipality_codes_are_padded_to_five_digits(spark):
    df = pairs(spark, [("5001", "05001"), ("05001", "05001"), ("11001", "11001"),
                       (" 8001 ", "08001"), ("123", None), ("123456", None), ("BOGOTA", None),
                       ("", None)], T.StringType())
    out = df.withColumn("code", clean.municipality_code(F.col("c0")))
    assert_column_equality(out, "code", "expected")


@pytest.mark.parametrize("mapping,rows", [
    (clean.SEVERITY, [("Leve", "mild"), ("leve", "mild"), ("LEVE", "mild"), (" Leve ", "mild"),
                      ("Asintomático", "asymptomatic"), ("asintomatico", "asymptomatic"),
                      ("Fallecido", "deceased"), ("N/A", "not_applicable"),
                      ("grave", "severe"), ("Moderado", "moderate"), ("Levísimo", None),
                      ("", None)]),
    (clean.LOCATION, [("Casa", "home"), ("casa", "home"), ("Hospital UCI", "icu"),
                      ("hospital  uci", "icu"), ("HOSPITAL", "hospital"), ("Clínica", None)]),
    (clean.SEX, [("F", "F"), ("f", "F"), ("m", "M"), ("X", None), (None, None)]),
    (clean.CONTAGION_TYPE, [("Importado", "imported"), ("En estudio", "under_study"),
                            ("EN ESTUDIO", "under_study"), ("comunitaria", "community"),
                            ("Relacionado", "related")]),
    (clean.RECOVERY_STATUS, [("Recuperado", "recovered"), ("fallecido", "deceased"),
                             ("Activo", "active"), ("N/A", "not_applicable")]),
    (clean.RECOVERY_TYPE, [("PCR", "pcr"), ("Tiempo", "time"), ("tiempo", "time")]),
])
def test_categories_are_case_and_accent_insensitive_and_unknowns_are_null(spark, mapping, rows):
    df = pairs(spark, rows, T.StringType())
    out = df.withColumn("code", clean.canonical(F.col("c0"), mapping))
    assert_column_equality(out, "code", "expected")


def test_decimal_comma_coordinates(spark):
    df = pairs(spark, [("-75,581775", -75.581775), ("6,246631", 6.246631), ("4.5", 4.5),
                       ("75", 75.0), ("n/a", None), ("", None)], T.DoubleType())
    out = df.withColumn("value", clean.decimal_comma_double(F.col("c0")))
    assert_column_equality(out, "value", "expected")


def test_travel_country_and_ethnicity_codes(spark):
    rows = frame(
        spark,
        [("724", "6", "724", 6), ("76", "1", "076", 1), ("", "", None, None),
         ("ES", "7", None, None)],
        "country string, ethnicity string, want_country string, want_ethnicity int")
    out = rows.select(clean.travel_country_code(F.col("country")).alias("country"),
                      clean.ethnicity_code(F.col("ethnicity")).alias("ethnicity"),
                      "want_country", "want_ethnicity")
    assert_column_equality(out, "country", "want_country")
    assert_column_equality(out, "ethnicity", "want_ethnicity")
