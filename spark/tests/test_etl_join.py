"""Reference joins: on codes only, districts resolved to their department first."""
from sparkkit import classified_rows


def test_districts_join_the_population_of_their_department(spark):
    rows = classified_rows(spark, [
        {"case_id": "1", "department_code": "8001", "department_name": "BARRANQUILLA",
         "municipality_code": "8001"},
        {"case_id": "2", "department_code": "76", "department_name": "VALLE",
         "municipality_code": "76001"},
    ])
    assert (rows["1"]["department_code"], rows["1"]["department_name"],
            rows["1"]["reported_department_code"]) == ("08", "Atlántico", "8001")
    assert rows["1"]["municipality_code"] == "08001"
    assert rows["1"]["municipality_name"] == "BARRANQUILLA"
    assert (rows["2"]["department_name"], rows["2"]["department_population"]) == (
        "Valle del Cauca", 4532152)


def test_names_play_no_part_in_the_join(spark):
    rows = classified_rows(spark, [
        {"case_id": "1", "department_name": "NOMBRE CUALQUIERA", "municipality_name": "OTRO"}])
    assert rows["1"]["department_name"] == "Bogotá D.C."
    assert rows["1"]["municipality_name"] == "BOGOTÁ, D.C."
    assert rows["1"]["reject_reason"] is None


def test_a_department_missing_from_the_population_extract_keeps_the_row_for_rejection(spark):
    rows = classified_rows(spark, [
        {"case_id": "1", "department_code": "13001", "municipality_code": "13001"}])
    assert rows["1"]["municipality_name"] == "CARTAGENA DE INDIAS"
    assert rows["1"]["department_population"] is None
    assert rows["1"]["reject_reason"] == "unknown_department_code"


def test_coordinates_come_from_divipola(spark):
    row = classified_rows(spark, [{"case_id": "1", "municipality_code": "5001",
                                   "department_code": "5"}])["1"]
    assert (row["municipality_longitude"], row["municipality_latitude"]) == (-75.6, 6.2)
