"""Distributions fitted to the real 700-row sample and the DIVIPOLA list (plain Python, small)."""
import csv
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from ..sources import COVID_CSV_HEADERS, DIVIPOLA_HEADERS

DISTRICTS = {"08001", "13001", "47001", "76109"}
# Share of municipality draws spread uniformly over all of DIVIPOLA, so every real code can
# appear at scale (the sample alone covers 82 municipalities).
UNIFORM_MUNICIPALITY_SHARE = 0.15
# Smoothing of per-age-group fatality towards the overall rate (the sample has 28 deaths).
FATALITY_PRIOR_WEIGHT = 20


@dataclass
class Categorical:
    values: list
    probabilities: list


@dataclass
class Profile:
    municipalities: list          # (portal dept code, dept name, portal muni code, muni name)
    municipality_p: list
    ages: list                    # ages in years, one per sample row
    sex: Categorical
    contagion: Categorical
    fatality_by_decade: dict      # decade (0..8) -> probability
    countries: Categorical        # (code, name) for imported cases
    ethnicity: Categorical        # (code, group name)
    asymptomatic_rate: float
    notification_lag: list        # report - notification, days
    diagnosis_lag: list           # diagnosis - report
    onset_lag: list               # notification - symptom onset
    recovery_lag: list            # recovery - diagnosis (non-fatal)
    death_lag: list               # death - report (fatal)
    recovery_type: Categorical


def _plain_upper(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace(",", " ").upper().split())


def _categorical(counter):
    total = sum(counter.values())
    values = sorted(counter)
    return Categorical(values, [counter[v] / total for v in values])


def _date(text):
    return datetime.strptime(text, "%d/%m/%Y %H:%M:%S").date() if text else None


def _lag(later, earlier):
    return (later - earlier).days


def fit(sample_csv, divipola_csv):
    with open(sample_csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(divipola_csv, encoding="utf-8", newline="") as fh:
        divipola = list(csv.DictReader(fh))
    h = dict(zip(("report", "id", "notified", "dept", "dept_name", "muni", "muni_name", "age",
                  "unit", "sex", "contagion", "location", "state", "country_code", "country",
                  "recovered", "onset", "death", "diagnosis", "recovery", "recovery_type",
                  "ethnicity", "group"), COVID_CSV_HEADERS))

    dept_names = {r[h["dept"]]: r[h["dept_name"]] for r in rows}
    muni_names = {r[h["muni"]].zfill(5): r[h["muni_name"]] for r in rows}
    muni_counts = Counter(r[h["muni"]].zfill(5) for r in rows)
    code_h, dname_h, mcode_h, mname_h = DIVIPOLA_HEADERS[:4]
    municipalities, weights = [], []
    for r in sorted(divipola, key=lambda r: r[mcode_h]):
        code = r[mcode_h].zfill(5)
        dept = str(int(code)) if code in DISTRICTS else str(int(code[:2]))
        municipalities.append((dept, dept_names.get(dept, _plain_upper(r[dname_h])),
                               str(int(code)), muni_names.get(code, _plain_upper(r[mname_h]))))
        weights.append((1 - UNIFORM_MUNICIPALITY_SHARE) * muni_counts[code] / len(rows)
                       + UNIFORM_MUNICIPALITY_SHARE / len(divipola))

    deaths = Counter()
    cases = Counter()
    for r in rows:
        decade = min(int(r[h["age"]]) // 10, 8)
        cases[decade] += 1
        deaths[decade] += r[h["state"]] == "Fallecido"
    overall = sum(deaths.values()) / len(rows)
    prior = FATALITY_PRIOR_WEIGHT
    fatality = {d: (deaths[d] + prior * overall) / (cases[d] + prior) for d in range(9)}

    dates = [{k: _date(r[h[k]]) for k in ("report", "notified", "onset", "death", "diagnosis",
                                           "recovery")} for r in rows]
    fatal = [r[h["state"]] == "Fallecido" for r in rows]
    return Profile(
        municipalities=municipalities,
        municipality_p=[w / sum(weights) for w in weights],
        ages=[int(r[h["age"]]) for r in rows],
        sex=_categorical(Counter(r[h["sex"]] for r in rows)),
        contagion=_categorical(Counter(r[h["contagion"]] for r in rows)),
        fatality_by_decade=fatality,
        countries=_categorical(Counter((r[h["country_code"]], r[h["country"]]) for r in rows
                                       if r[h["country_code"]])),
        ethnicity=_categorical(Counter((r[h["ethnicity"]], r[h["group"]]) for r in rows)),
        asymptomatic_rate=sum(d["onset"] is None for d in dates) / len(rows),
        notification_lag=[_lag(d["report"], d["notified"]) for d in dates],
        diagnosis_lag=[_lag(d["diagnosis"], d["report"]) for d in dates],
        onset_lag=[_lag(d["notified"], d["onset"]) for d in dates if d["onset"]],
        recovery_lag=[_lag(d["recovery"], d["diagnosis"]) for d, f in zip(dates, fatal)
                      if d["recovery"] and not f],
        death_lag=[_lag(d["death"], d["report"]) for d, f in zip(dates, fatal) if f and d["death"]],
        recovery_type=_categorical(Counter(r[h["recovery_type"]] for r, f in zip(rows, fatal)
                                           if not f and r[h["recovery_type"]])),
    )
