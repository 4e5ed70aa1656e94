"""Case fatality rate by age group and sex (SparkSQL)."""

_QUERY = """
SELECT age_group,
       sex,
       COUNT(*) AS cases,
       SUM(CASE WHEN is_fatal THEN 1 ELSE 0 END) AS deaths,
       CAST(SUM(CASE WHEN is_fatal THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*) AS case_fatality_rate
FROM {cases}
GROUP BY age_group, sex
"""


def case_fatality_by_age_sex(spark, cases):
    return spark.sql(_QUERY, cases=cases)
