"""Municipalities with the most cases (SparkSQL with a window)."""

_QUERY = """
WITH per_municipality AS (
    SELECT municipality_code,
           municipality_name,
           department_code,
           department_name,
           COUNT(*) AS cases,
           SUM(CASE WHEN is_fatal THEN 1 ELSE 0 END) AS deaths
    FROM {cases}
    GROUP BY municipality_code, municipality_name, department_code, department_name
), ranked AS (
    SELECT CAST(ROW_NUMBER() OVER (ORDER BY cases DESC, municipality_code) AS INT) AS rank, *
    FROM per_municipality
)
SELECT rank, municipality_code, municipality_name, department_code, department_name, cases,
       deaths, CAST(deaths AS DOUBLE) / cases AS case_fatality_rate
FROM ranked
WHERE rank <= :top_n
"""


def top_municipalities(spark, cases, top_n):
    if top_n < 1:
        raise ValueError(f"top_n must be at least 1, got {top_n}")
    return spark.sql(_QUERY, args={"top_n": int(top_n)}, cases=cases)
