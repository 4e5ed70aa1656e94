"""Daily and cumulative cases and deaths per department (DataFrame API)."""
from pyspark.sql import Window
from pyspark.sql import functions as F

_KEYS = ["department_code", "department_name", "event_date"]


def cases_daily_by_department(cases):
    """Cases count on their report date; COVID-19 deaths (is_fatal, the source's rule) on their
    death date (report date if unknown). Deaths from other causes are not deaths here."""
    new_cases = (cases
                 .groupBy("department_code", "department_name",
                          F.col("report_date").alias("event_date"))
                 .agg(F.count(F.lit(1)).alias("new_cases")))
    new_deaths = (cases
                  .filter(F.col("is_fatal"))
                  .groupBy("department_code", "department_name",
                           F.coalesce("death_date", "report_date").alias("event_date"))
                  .agg(F.count(F.lit(1)).alias("new_deaths")))
    running = (Window.partitionBy("department_code").orderBy("event_date")
               .rowsBetween(Window.unboundedPreceding, Window.currentRow))
    return (new_cases
            .join(new_deaths, on=_KEYS, how="full")
            .select(*_KEYS,
                    F.coalesce("new_cases", F.lit(0)).alias("new_cases"),
                    F.coalesce("new_deaths", F.lit(0)).alias("new_deaths"))
            .select(*_KEYS, "new_cases", "new_deaths",
                    F.sum("new_cases").over(running).alias("cumulative_cases"),
                    F.sum("new_deaths").over(running).alias("cumulative_deaths")))
