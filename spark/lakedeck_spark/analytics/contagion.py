"""Contagion-type mix of the cases reported each week (DataFrame API)."""
from pyspark.sql import Window
from pyspark.sql import functions as F


def contagion_mix_weekly(cases):
    weekly = (cases
              .select(F.date_trunc("week", "report_date").cast("date").alias("week_start"),
                      F.coalesce("contagion_type", F.lit("unknown")).alias("contagion_type"))
              .groupBy("week_start", "contagion_type")
              .agg(F.count(F.lit(1)).alias("cases")))
    week = Window.partitionBy("week_start")
    return weekly.select(
        "week_start", "contagion_type", "cases",
        (F.col("cases") / F.sum("cases").over(week)).alias("share"),
    )
