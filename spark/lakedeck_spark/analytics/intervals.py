"""Days from symptom onset to diagnosis and to recovery (DataFrame API).

Recovery counts only for cases the source marks recovered (Recuperado): a recovery date beside
a deceased status is not a recovery.
"""
from pyspark.sql import functions as F

INTERVALS = (
    ("symptoms_to_diagnosis", "diagnosis_date", None),
    ("symptoms_to_recovery", "recovery_date", "recovery_status = 'recovered'"),
)


def _interval_days(cases):
    """One row per (case, interval) where both dates are known."""
    long = None
    for name, end_column, applies in INTERVALS:
        rows = cases if applies is None else cases.filter(applies)
        part = rows.select(
            F.lit(name).alias("interval_kind"),
            "department_code",
            "department_name",
            F.datediff(end_column, "symptom_onset_date").alias("days"),
        ).filter(F.col("days").isNotNull())
        long = part if long is None else long.unionByName(part)
    return long


def _stats():
    valid = F.when(F.col("days") >= 0, F.col("days"))
    return [
        F.count(valid).alias("cases"),
        F.avg(valid).alias("mean_days"),
        F.percentile(valid, F.lit(0.5)).alias("median_days"),
        F.percentile(valid, F.lit(0.9)).alias("p90_days"),
        F.min(valid).alias("min_days"),
        F.max(valid).alias("max_days"),
        F.count(F.when(F.col("days") < 0, F.lit(1))).alias("negative_excluded"),
    ]


def case_interval_stats(cases):
    days = _interval_days(cases)
    national = days.groupBy("interval_kind").agg(*_stats()).select(
        "interval_kind", F.lit("national").alias("scope"),
        F.lit(None).cast("string").alias("department_code"),
        F.lit(None).cast("string").alias("department_name"),
        "cases", "mean_days", "median_days", "p90_days", "min_days", "max_days",
        "negative_excluded")
    per_department = days.groupBy("interval_kind", "department_code", "department_name").agg(
        *_stats()).select(
        "interval_kind", F.lit("department").alias("scope"), "department_code", "department_name",
        "cases", "mean_days", "median_days", "p90_days", "min_days", "max_days",
        "negative_excluded")
    return national.unionByName(per_department)
