"""Case fatality rate by age group and sex (SparkSQL): COVID-19 deaths (is_fatal) over cases;
deaths from other causes are counted beside, never in the rate."""

_QUERY = """
SELECT age_group,
       sex,
       COUNT(*) AS cases,
       SUM(CASE WHEN is_fatal THEN 1 ELSE 0 END) AS deaths,
       CAST(SUM(CASE WHEN is_fatal THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*) AS case_fatality_rate,
       SUM(CASE WHEN outcome = 'other_cause_death' THEN 1 ELSE 0 END) AS other_cause_deaths
FROM {cases}
GROUP BY age_group, sex
"""


def case_fatality_by_age_sex(spark, cases):
    return spark.sql(_QUERY, cases=cases)
