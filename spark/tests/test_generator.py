"""The synthetic data generator: real shape, real codes, seeded, and clean enough for the ETL."""
import csv
import re

import pytest

from lakedeck_spark.etl import job
from lakedeck_spark.generator import profile, synth
from lakedeck_spark.generator.cli import main as generate_main
from lakedeck_spark.sources import COVID_CSV_HEADERS
from sparkkit import DIVIPOLA, SAMPLE, Lake, etl_args


@pytest.fixture(scope="module")
def fitted():
    return profile.fit(SAMPLE, DIVIPOLA)


def generate(tmp_path, fitted, rows, seed, name="g.csv", **knobs):
    path = tmp_path / name
    synth.write_csv(path, fitted, rows, seed, synth.Knobs(**knobs), chunk_rows=700)
    return path


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_header_is_the_portal_header_byte_for_byte(tmp_path, fitted):
    path = generate(tmp_path, fitted, 10, seed=1)
    with open(SAMPLE, "rb") as fh:
        portal_header = fh.readline()
    with open(path, "rb") as fh:
        assert fh.readline() == portal_header
    assert list(read(path)[0]) == list(COVID_CSV_HEADERS)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path, fitted):
    a = generate(tmp_path, fitted, 2000, seed=5, name="a.csv").read_bytes()
    b = generate(tmp_path, fitted, 2000, seed=5, name="b.csv").read_bytes()
    c = generate(tmp_path, fitted, 2000, seed=6, name="c.csv").read_bytes()
    assert a == b and a != c


def test_values_look_like_the_portal_export(tmp_path, fitted):
    rows = read(generate(tmp_path, fitted, 5000, seed=3, invalid_fraction=0.0))
    with open(DIVIPOLA, encoding="utf-8", newline="") as fh:
        real_codes = {r["Código Municipio"] for r in csv.DictReader(fh)}
    assert len(rows) == 5000
    date = re.compile(r"^\d{1,2}/\d{1,2}/20\d\d 0:00:00$")
    for row in rows:
        assert row["Código DIVIPOLA municipio"].zfill(5) in real_codes
        assert date.match(row["fecha reporte web"])
        assert row["Unidad de medida de edad"] in {"1", "2", "3"}
        dept, muni = row["Código DIVIPOLA departamento"], row["Código DIVIPOLA municipio"]
        assert dept == muni or muni.zfill(5).startswith(dept.zfill(2))   # districts are both
    departments = {r["Código DIVIPOLA departamento"] for r in rows}
    assert {"8001", "13001", "11", "5"} <= departments
    women = sum(r["Sexo"].upper() == "F" for r in rows) / len(rows)
    assert 0.43 < women < 0.53                                      # sample: 336/700 = 0.48
    fatal = sum(r["Estado"].lower() == "fallecido" for r in rows) / len(rows)
    assert 0.02 < fatal < 0.07                                      # sample: 28/700 = 0.04
    assert any(r["Estado"] == "leve" for r in rows)                 # casing varies, as in reality


def test_other_cause_deaths_have_a_death_date_but_no_deceased_status(tmp_path, fitted):
    import datetime as dt

    def day(text):
        return dt.datetime.strptime(text, "%d/%m/%Y %H:%M:%S").date()

    rows = read(generate(tmp_path, fitted, 20000, seed=4, invalid_fraction=0.0,
                         other_cause_death_fraction=0.01, death_after_recovery_fraction=0.01))
    not_applicable = [r for r in rows if r["Estado"].lower() == "n/a"]
    assert 120 < len(not_applicable) < 280
    assert all(r["Recuperado"].lower() == "n/a" and r["Fecha de muerte"]
               and not r["Fecha de recuperación"] for r in not_applicable)
    died_later = [r for r in rows if r["Recuperado"].lower() == "recuperado" and r["Fecha de muerte"]]
    assert 120 < len(died_later) < 280
    assert all(day(r["Fecha de muerte"]) > day(r["Fecha de recuperación"]) for r in died_later)
    covid = [r for r in rows if r["Estado"].lower() == "fallecido"]
    assert all(r["Recuperado"].lower() == "fallecido" for r in covid)


def test_duplicates_repeat_earlier_case_ids_with_a_later_report(tmp_path, fitted):
    rows = read(generate(tmp_path, fitted, 4000, seed=9, duplicate_fraction=0.05))
    ids = [r["ID de caso"] for r in rows]
    repeated = len(ids) - len(set(ids))
    assert 120 < repeated < 280


def test_the_etl_accounts_for_every_generated_row(spark, tmp_path, fitted):
    lake = Lake(tmp_path / "lake")
    lake.put_reference()
    folder = lake.root / "raw" / "covid_csv" / "ingest_date=2021-01-01"
    folder.mkdir(parents=True)
    synth.write_csv(folder / "covid_csv_20210101_000000.csv", fitted, 3000, 11,
                    synth.Knobs(duplicate_fraction=0.02, invalid_fraction=0.02), chunk_rows=1000)
    summary = job.run(spark, etl_args(lake, "2021-01-01"))
    assert summary["rows_read"] == 3000
    assert summary["rows_read"] == (summary["rows_written"] + summary["rows_rejected"]
                                    + summary["duplicates"])
    assert 25 < summary["rows_rejected"] < 100          # 2% broken on purpose, nothing else
    assert 30 < summary["duplicates"] < 100


def test_cli_writes_into_the_raw_layout_and_reports_a_metric(tmp_path, capsys):
    code = generate_main(["--rows", "50", "--seed", "1", "--raw", str(tmp_path / "raw"),
                          "--ingest-date", "2021-02-03"])
    assert code == 0
    files = list((tmp_path / "raw" / "covid_csv" / "ingest_date=2021-02-03").iterdir())
    assert len(files) == 1 and re.match(r"covid_csv_20210203_\d{6}\.csv$", files[0].name)
    out = capsys.readouterr().out
    assert out.startswith('LAKEDECK_METRIC {"job": "generate"') and '"rows": 50' in out
    assert len(read(files[0])) == 50
