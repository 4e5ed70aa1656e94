"""The analytics job in-process: reads trusted, honours the as-of date, writes every table."""
import datetime as dt

import pytest

from lakedeck_spark.analytics import job
from lakedeck_spark.catalog import TABLES
from lakedeck_spark.errors import InputError
from sparkkit import DEPARTMENTS, Lake, cases_frame, read_table

D = dt.date


def args_for(lake, *extra):
    return job.build_parser().parse_args(
        ["--trusted", lake.uri("trusted"), "--refined", lake.uri("refined"), *extra])


def test_missing_trusted_tables_are_a_clear_error(spark, tmp_path):
    with pytest.raises(InputError, match="run the etl job first"):
        job.run(spark, args_for(Lake(tmp_path)))


def test_as_of_date_limits_the_cases_and_every_refined_table_is_written(spark, tmp_path):
    lake = Lake(tmp_path)
    rows = [dict(report_date=D(2020, 3, 10))] * 3 + [dict(report_date=D(2020, 3, 20))] * 2
    cases_frame(spark, rows).write.partitionBy("report_date").parquet(
        lake.trusted_path("covid_cases"))
    (spark.read.option("header", True).csv(str(DEPARTMENTS))
     .selectExpr("codigo_departamento AS department_code", "departamento AS department_name",
                 "CAST(poblacion AS BIGINT) AS population")
     .write.parquet(lake.trusted_path("departments")))

    job.run(spark, args_for(lake, "--run-date", "2020-03-15", "--top-n", "5"))

    refined = [name for name, t in TABLES.items() if t.zone == "refined"
               and not name.startswith("ml_")]
    assert sorted(p.name for p in (lake.root / "refined").iterdir()) == sorted(refined)
    bogota = [r for r in read_table(spark, lake, "incidence_by_department", "refined").collect()
              if r["department_code"] == "11"][0]
    assert bogota["cases"] == 3
    daily = read_table(spark, lake, "cases_daily_by_department", "refined").collect()
    assert [(r["event_date"], r["cumulative_cases"]) for r in daily] == [(D(2020, 3, 10), 3)]
    assert read_table(spark, lake, "incidence_by_department", "refined").count() == 33
