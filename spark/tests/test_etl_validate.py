"""Reject reasons: every way a row can fail, and a valid row that passes."""
import datetime as dt

from sparkkit import classified_rows, classify_tagged


def reasons(spark, **overrides):
    return classify_tagged(spark, {"only": overrides})["only"]["reject_reason"]


def test_the_real_first_case_is_valid_and_typed(spark):
    row = classified_rows(spark, [{}])["1"]
    assert row["reject_reason"] is None
    assert (row["case_id"], row["report_date"], row["department_code"], row["municipality_code"],
            row["age_years"], row["sex"], row["contagion_type"], row["severity"]) == (
        1, dt.date(2020, 3, 6), "11", "11001", 19, "F", "imported", "mild")
    assert (row["department_name"], row["department_population"]) == ("Bogotá D.C.", 7743955)
    assert row["is_fatal"] is False


def test_each_field_failure_has_its_reason(spark):
    cases = [
        ({"case_id": ""}, "missing_case_id"),
        ({"report_date": "2020-13-45"}, "invalid_report_date"),
        ({"report_date": ""}, "missing_report_date"),
        ({"death_date": "ayer"}, "invalid_death_date"),
        ({"department_code": "ABC"}, "invalid_department_code"),
        ({"department_code": "91", "municipality_code": "91001"},
         "unknown_department_code;unknown_municipality_code"),
        ({"municipality_code": "99999"}, "unknown_municipality_code"),
        ({"municipality_code": "5001"}, "municipality_department_mismatch"),
        ({"age": "diecinueve"}, "invalid_age"),
        ({"age_unit": "4"}, "invalid_age_unit"),
        ({"age": ""}, "missing_age"),
        ({"age": "130"}, "age_out_of_range"),
        ({"sex": "X"}, "invalid_sex"),
        ({"severity": "Regular"}, "invalid_severity"),
        ({"contagion_type": "Otro"}, "invalid_contagion_type"),
        ({"ethnicity_code": "9"}, "invalid_ethnicity_code"),
    ]
    got = classify_tagged(spark, {str(i): overrides for i, (overrides, _) in enumerate(cases)})
    for i, (overrides, expected) in enumerate(cases):
        assert got[str(i)]["reject_reason"] == expected, overrides


def test_a_row_with_several_problems_lists_them_all(spark):
    got = reasons(spark, age="x", sex="?", recovery_type="Milagro")
    assert got == "invalid_age;invalid_sex;invalid_recovery_type"


def test_a_malformed_line_is_reported_as_such_only(spark):
    assert reasons(spark, raw_line="1,2,3", age="x") == "malformed_record"


def test_replacement_characters_mean_a_wrong_encoding(spark):
    assert reasons(spark, travel_country_name="ESPA\ufffdA") == "invalid_encoding"


def test_empty_optional_fields_are_fine(spark):
    assert reasons(spark, symptom_onset_date="", contagion_type="", recovery_type="",
                   travel_country_code="", notification_date="") is None
