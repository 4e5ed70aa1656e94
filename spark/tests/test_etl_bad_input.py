"""Bad input: a clear error or quarantined rows, never a silently null column."""
import io
import json

import pytest

from lakedeck_spark.cli import run_job
from lakedeck_spark.etl import job
from lakedeck_spark.metrics import PREFIX
from lakedeck_spark.sources import COVID_CSV_HEADERS
from sparkkit import DIVIPOLA, Lake, assert_no_silent_nulls, csv_text, etl_args, read_table, sample_rows

ROWS = sample_rows()[:20]


@pytest.fixture
def lake(tmp_path):
    lake = Lake(tmp_path)
    lake.put_reference()
    return lake


class KeepAlive:
    """The shared test session, minus stop(): run_job stops the session it was given."""

    def __init__(self, spark):
        self._spark = spark

    def __getattr__(self, name):
        return getattr(self._spark, name)

    def stop(self):
        pass


def run_cli(spark, lake, run_date, capsys):
    argv = ["--raw", lake.uri("raw"), "--trusted", lake.uri("trusted"), "--run-date", run_date]
    code = run_job(job.JOB, job.build_parser(), argv, job.run, lambda _: KeepAlive(spark))
    out = capsys.readouterr()
    metrics = [json.loads(line[len(PREFIX):]) for line in out.out.splitlines()
               if line.startswith(PREFIX)]
    return code, out.err, metrics


def test_empty_file_exits_2_with_a_clear_message(spark, lake, capsys):
    lake.put("covid_csv", "2020-04-01", "000000", b"")
    code, err, metrics = run_cli(spark, lake, "2020-04-01", capsys)
    assert code == 2
    assert "lakedeck etl: error:" in err and "empty file (0 bytes)" in err
    assert "Traceback" not in err
    assert metrics[-1]["status"] == "failed" and "empty file" in metrics[-1]["error"]


def test_missing_column_exits_2_naming_the_column(spark, lake, capsys):
    headers = [h for h in COVID_CSV_HEADERS if h != "Fecha de muerte"]
    lake.put("covid_csv", "2020-04-01", "000000", csv_text(ROWS, headers=headers))
    code, err, _ = run_cli(spark, lake, "2020-04-01", capsys)
    assert code == 2 and "missing column(s) ['Fecha de muerte']" in err
    assert not (lake.root / "trusted" / "covid_cases").exists()


def test_latin1_file_exits_2_asking_for_utf8(spark, lake, capsys):
    lake.put("covid_csv", "2020-04-01", "000000", csv_text(ROWS), encoding="latin-1")
    code, err, _ = run_cli(spark, lake, "2020-04-01", capsys)
    assert code == 2 and "not valid UTF-8" in err


def test_unreadable_reference_extract_exits_2(spark, tmp_path, capsys):
    lake = Lake(tmp_path)
    broken = DIVIPOLA.read_text(encoding="utf-8").replace('"-75,581775"', '"cerca"', 1)
    lake.put("divipola", "2020-04-01", "000000", broken)
    lake.put("departments", "2020-04-01", "000000",
             (DIVIPOLA.parent / "departamentos_poblacion.csv").read_bytes())
    lake.put("covid_csv", "2020-04-01", "000000", csv_text(ROWS))
    code, err, _ = run_cli(spark, lake, "2020-04-01", capsys)
    assert code == 2 and "1 divipola row(s) with missing or unparseable values" in err
    assert "05001" in err


def test_missing_reference_extract_exits_2(spark, tmp_path, capsys):
    lake = Lake(tmp_path)
    lake.put("covid_csv", "2020-04-01", "000000", csv_text(ROWS))
    code, err, _ = run_cli(spark, lake, "2020-04-01", capsys)
    assert code == 2 and "no divipola extract under" in err


def test_an_unexpected_failure_exits_1_with_the_traceback(spark, lake, capsys):
    def explode(spark, args):
        raise ZeroDivisionError("boom")

    code = run_job("etl", job.build_parser(), ["--run-date", "all"], explode,
                   lambda _: KeepAlive(spark))
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" in err and "ZeroDivisionError: boom" in err


def test_missing_zone_argument_is_a_usage_error(spark, capsys):
    code = run_job("etl", job.build_parser(), ["--run-date", "all"], job.run,
                   lambda _: KeepAlive(spark))
    assert code == 2 and "missing --raw, --trusted" in capsys.readouterr().err


def test_extra_column_and_garbage_rows_are_handled_without_silent_nulls(spark, lake):
    headers = ["Fuente"] + list(COVID_CSV_HEADERS)          # a new first column shifts nothing
    rows = [dict(r, Fuente="portal") for r in ROWS]
    text = csv_text(rows, headers=headers)
    text += "esto,no,es,una,fila\n" + ",".join(["x"] * 30) + "\n"
    lake.put("covid_csv", "2020-04-01", "000000", text)

    summary = job.run(spark, etl_args(lake, "2020-04-01"))

    assert (summary["rows_read"], summary["rows_written"], summary["rows_rejected"]) == (22, 20, 2)
    cases = read_table(spark, lake, "covid_cases")
    assert "Fuente" not in cases.columns and "fuente" not in cases.columns
    assert_no_silent_nulls(cases.collect(), ROWS)
    rejects = read_table(spark, lake, "covid_cases_rejects").collect()
    assert [r["reject_reason"] for r in rejects] == ["malformed_record"] * 2


def test_latin1_rows_in_a_utf8_file_are_quarantined(spark, lake):
    good = csv_text(ROWS[:5])
    latin = csv_text([dict(ROWS[5], **{"Nombre del país": "ESPAÑA"})]).split("\n", 1)[1]
    lake.put("covid_csv", "2020-04-01", "000000", good.encode() + latin.encode("latin-1"))
    summary = job.run(spark, etl_args(lake, "2020-04-01"))
    assert (summary["rows_written"], summary["rows_rejected"]) == (5, 1)
    reject = read_table(spark, lake, "covid_cases_rejects").first()
    assert reject["reject_reason"] == "invalid_encoding" and reject["case_id"] == "6"


def test_header_only_file_writes_nothing_and_succeeds(spark, lake):
    lake.put("covid_csv", "2020-04-01", "000000", csv_text([]))
    summary = job.run(spark, etl_args(lake, "2020-04-01"))
    assert (summary["rows_read"], summary["rows_written"]) == (0, 0)


def test_metric_lines_are_one_json_object_each():
    from lakedeck_spark.metrics import emit, parse_lines
    buf = io.StringIO()
    emit("etl", stream=buf, table="covid_cases", rows_read=3, note="Bogotá")
    line = buf.getvalue()
    assert line.startswith("LAKEDECK_METRIC {") and line.endswith("}\n") and line.count("\n") == 1
    assert parse_lines("noise\n" + line + "more noise\n") == [
        {"job": "etl", "table": "covid_cases", "rows_read": 3, "note": "Bogotá"}]
