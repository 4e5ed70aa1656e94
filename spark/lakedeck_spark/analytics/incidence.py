"""Cases, deaths and rates per 100 000 inhabitants per department (SparkSQL).

Deaths are COVID-19 deaths (is_fatal); deaths from other causes are counted beside them.
"""

_QUERY = """
WITH per_department AS (
    SELECT department_code,
           COUNT(*) AS cases,
           SUM(CASE WHEN is_fatal THEN 1 ELSE 0 END) AS deaths,
           SUM(CASE WHEN outcome = 'other_cause_death' THEN 1 ELSE 0 END) AS other_cause_deaths
    FROM {cases}
    GROUP BY department_code
)
SELECT d.department_code,
       d.department_name,
       d.population,
       COALESCE(p.cases, 0) AS cases,
       COALESCE(p.deaths, 0) AS deaths,
       CAST(COALESCE(p.cases, 0) AS DOUBLE) * 100000 / d.population AS incidence_per_100k,
       CAST(COALESCE(p.deaths, 0) AS DOUBLE) * 100000 / d.population AS mortality_per_100k,
       CASE WHEN p.cases > 0 THEN CAST(p.deaths AS DOUBLE) / p.cases END AS case_fatality_rate,
       COALESCE(p.other_cause_deaths, 0) AS other_cause_deaths
FROM {departments} d
LEFT JOIN per_department p ON p.department_code = d.department_code
"""


def incidence_by_department(spark, cases, departments):
    """Every department of the population extract, with 0 where no case was reported."""
    return spark.sql(_QUERY, cases=cases, departments=departments)
