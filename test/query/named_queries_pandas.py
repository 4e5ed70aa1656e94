"""The figures of the query API's six named queries computed with pandas straight from the
trusted covid_cases table of a lake (not from the refined tables the queries read), printed as
JSON for test/query/named-queries.test.ts.

Usage: python named_queries_pandas.py LAKE_ROOT
"""
import json
import sys

import pandas as pd

lake = sys.argv[1]
cases = pd.read_parquet(f"{lake}/trusted/covid_cases")
departments = pd.read_parquet(f"{lake}/trusted/departments")
cases["report_date"] = pd.to_datetime(cases["report_date"].astype(str))

per_department = cases.groupby("department_code").size()
incidence = {code: {"cases": int(n), "incidence_per_100k": float(n) / float(pop) * 100000}
             for code, pop in departments.set_index("department_code")["population"].items()
             for n in [per_department.get(code, 0)]}

antioquia = cases[cases["department_code"] == "05"].groupby("report_date").size().sort_index()
daily = [{"event_date": d.strftime("%Y-%m-%d"), "new_cases": int(n), "cumulative_cases": int(c)}
         for (d, n), c in zip(antioquia.items(), antioquia.cumsum())]

top = cases.groupby("municipality_code").size().sort_values(ascending=False)
top_cases = [int(n) for n in top.head(5)]

by_age_sex = {f"{a}|{s}": int(n) for (a, s), n in cases.groupby(["age_group", "sex"]).size().items()}

week = cases["report_date"] - pd.to_timedelta(cases["report_date"].dt.weekday, unit="D")
kinds = cases["contagion_type"].fillna("unknown")
weekly = pd.DataFrame({"week": week.dt.strftime("%Y-%m-%d"), "kind": kinds}).groupby(["week", "kind"]).size()
totals = weekly.groupby(level=0).sum()
contagion = {f"{w}|{k}": {"cases": int(n), "share": float(n) / float(totals[w])} for (w, k), n in weekly.items()}

onset = pd.to_datetime(cases["symptom_onset_date"].astype(str), errors="coerce")
diagnosis = pd.to_datetime(cases["diagnosis_date"].astype(str), errors="coerce")
days = (diagnosis - onset).dt.days.dropna()
days = days[days >= 0]
intervals = {"cases": int(days.size), "median_days": float(days.median()), "min_days": int(days.min()), "max_days": int(days.max())}

print(json.dumps({"incidence": incidence, "daily_05": daily, "top_cases": top_cases,
                  "age_sex": by_age_sex, "contagion": contagion, "national_diagnosis": intervals}))
