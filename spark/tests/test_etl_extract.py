"""Reading raw files: columns matched by header name, bad files stopped with a clear message."""
import pytest

from lakedeck_spark.errors import InputError
from lakedeck_spark.etl import extract
from lakedeck_spark.lake_fs import LakeFs
from lakedeck_spark.sources import COVID_CSV_HEADERS
from sparkkit import Lake, api_record, case_row, csv_text, file_uri, jsonl_text


@pytest.fixture
def lake(tmp_path):
    return Lake(tmp_path)


def read_csv(spark, path):
    return extract.read_covid_csv(spark, LakeFs(spark), [file_uri(path)])


def test_columns_are_taken_by_header_name_whatever_their_order(spark, lake):
    reordered = list(reversed(COVID_CSV_HEADERS))
    path = lake.put("covid_csv", "2020-04-01", "000000",
                    csv_text([case_row(case_id="7", age="41")], headers=reordered))
    row = read_csv(spark, path).first()
    assert (row["case_id"], row["age"], row["sex"]) == ("7", "41", "F")
    assert row["report_date"] == "6/3/2020 0:00:00"
    assert row["raw_line"] is None


def test_headers_match_without_accents_case_or_bom(spark, lake):
    loose = ["\ufeff" + COVID_CSV_HEADERS[0].upper()] + [
        h.replace("ó", "o").replace("í", "i").lower() for h in COVID_CSV_HEADERS[1:]]
    text = csv_text([case_row()], headers=COVID_CSV_HEADERS).split("\n", 1)[1]
    path = lake.put("covid_csv", "2020-04-01", "000000", ",".join(loose) + "\n" + text)
    assert read_csv(spark, path).first()["notification_date"] == "2/3/2020 0:00:00"


def test_an_extra_column_is_ignored_and_reported(spark, lake, capsys):
    headers = list(COVID_CSV_HEADERS[:5]) + ["Columna nueva"] + list(COVID_CSV_HEADERS[5:])
    row = dict(case_row(), **{"Columna nueva": "zzz"})
    path = lake.put("covid_csv", "2020-04-01", "000000", csv_text([row], headers=headers))
    got = read_csv(spark, path).first()
    assert got["municipality_code"] == "11001" and got["raw_line"] is None
    assert "zzz" not in got.asDict().values()
    assert "ignoring unexpected column(s) ['Columna nueva']" in capsys.readouterr().err


def test_a_missing_column_stops_the_read_naming_it(spark, lake):
    headers = [h for h in COVID_CSV_HEADERS if h != "Edad"]
    path = lake.put("covid_csv", "2020-04-01", "000000", csv_text([case_row()], headers=headers))
    with pytest.raises(InputError, match=r"missing column\(s\) \['Edad'\]"):
        read_csv(spark, path)


def test_an_empty_file_is_an_error_but_a_header_only_file_has_zero_rows(spark, lake):
    empty = lake.put("covid_csv", "2020-04-01", "000000", b"")
    with pytest.raises(InputError, match="empty file"):
        read_csv(spark, empty)
    header_only = lake.put("covid_csv", "2020-04-02", "000000", csv_text([]))
    assert read_csv(spark, header_only).count() == 0


def test_a_latin1_file_is_rejected_before_any_row_is_read(spark, lake):
    path = lake.put("covid_csv", "2020-04-01", "000000", csv_text([case_row()]),
                    encoding="latin-1")
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_csv(spark, path)


def test_latin1_bytes_inside_a_utf8_file_become_replacement_characters_not_silent_text(spark, lake):
    good = csv_text([case_row(case_id="1")])
    bad_row = csv_text([case_row(case_id="2", travel_country_name="ESPAÑA")]).split("\n", 1)[1]
    path = lake.put("covid_csv", "2020-04-01", "000000",
                    good.encode("utf-8") + bad_row.encode("latin-1"))
    rows = {r["case_id"]: r for r in read_csv(spark, path).collect()}
    assert rows["1"]["travel_country_name"] == "ITALIA"
    assert "\ufffd" in rows["2"]["travel_country_name"]


def test_rows_with_the_wrong_number_of_fields_keep_their_text(spark, lake):
    text = csv_text([case_row(case_id="1")]) + "garbage,line\n" + "1,2,3\n"
    path = lake.put("covid_csv", "2020-04-01", "000000", text)
    rows = read_csv(spark, path).collect()
    assert len(rows) == 3
    assert sorted(r["raw_line"] for r in rows if r["raw_line"]) == ["1,2,3", "garbage,line"]


def test_quoted_fields_with_commas_and_doubled_quotes(spark, lake):
    path = lake.put("covid_csv", "2020-04-01", "000000",
                    csv_text([case_row(ethnic_group_name='NASA "PAEZ", CAUCA')]))
    assert read_csv(spark, path).first()["ethnic_group_name"] == 'NASA "PAEZ", CAUCA'


def test_api_pages_use_api_names_absent_keys_are_null_and_broken_lines_are_kept(spark, lake):
    record = api_record(case_row(case_id="9"))
    record["edad"] = 19            # a JSON number still arrives as the string "19"
    record["columna_nueva"] = "x"  # new API fields are ignored
    assert "fecha_muerte" not in record  # SODA omits null fields
    path = lake.put("covid_api", "2020-04-01", "000000", jsonl_text([record]) + "{not json\n")
    df = extract.read_covid_api(spark, LakeFs(spark), [file_uri(path)])
    rows = sorted(df.collect(), key=lambda r: r["raw_line"] or "")
    assert (rows[0]["case_id"], rows[0]["age"], rows[0]["death_date"]) == ("9", "19", None)
    assert rows[0]["report_date"] == "2020-03-06T00:00:00.000"
    assert rows[1]["raw_line"] == "{not json"


def test_empty_api_pages_are_zero_records(spark, lake, capsys):
    path = lake.put("covid_api", "2020-04-01", "000000", b"")
    assert extract.read_covid_api(spark, LakeFs(spark), [file_uri(path)]) is None
    assert "0 records" in capsys.readouterr().err
