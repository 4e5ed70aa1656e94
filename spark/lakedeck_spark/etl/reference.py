"""Reference extracts (DIVIPOLA, department population): typed, and checked strictly.

A bad reference row would silently reject or mis-join thousands of cases, so instead of
quarantining it the job stops and names the rows to fix.
"""
from pyspark.sql import functions as F

from ..catalog import conform
from ..errors import InputError
from . import transform

_SHOWN = 5


def _check(df, key, required, what, uri):
    """One aggregate pass; examples are fetched only when something is wrong. Returns row count."""
    bad = F.col("raw_line").isNotNull() | F.greatest(*[F.col(c).isNull() for c in required])
    stats = df.agg(F.count(F.lit(1)).alias("rows"),
                   F.sum(bad.cast("int")).alias("bad"),
                   F.countDistinct(key).alias("keys")).first()
    if stats["rows"] == 0:
        raise InputError(f"{uri}: {what} extract has no rows")
    if stats["bad"]:
        rows = df.filter(bad).limit(_SHOWN).collect()
        raise InputError(f"{uri}: {stats['bad']} {what} row(s) with missing or unparseable "
                         f"values in {required}, e.g. {[r.asDict() for r in rows]}")
    if stats["keys"] != stats["rows"]:
        dups = df.groupBy(key).count().filter("count > 1").limit(_SHOWN).collect()
        raise InputError(f"{uri}: duplicate {key} values in {what}: {[r[key] for r in dups]}")
    return stats["rows"]


def municipalities(raw, uri):
    typed = transform.type_municipalities(raw).cache()
    rows = _check(typed, "municipality_code",
                  ["municipality_code", "municipality_name", "department_code", "longitude",
                   "latitude"], "divipola", uri)
    return conform(typed, "municipalities"), rows


def departments(raw, uri):
    typed = transform.type_departments(raw).cache()
    rows = _check(typed, "department_code", ["department_code", "department_name", "population"],
                  "departments", uri)
    return conform(typed, "departments"), rows
