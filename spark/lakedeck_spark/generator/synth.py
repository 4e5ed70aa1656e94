"""Vectorised generation: whole columns at a time with numpy, written as CSV by pyarrow.

Every text column is a dictionary array (small list of strings + int32 indices), so 5 million
rows cost a few numpy draws per column and one C++ CSV write, not a Python loop per row.
"""
import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from ..sources import COVID_CSV_HEADERS

FIRST_REPORT = dt.date(2020, 3, 6)       # first case in Colombia (and in the sample)
_MARGIN_BEFORE = 180                      # notification/onset may precede the report
_MARGIN_AFTER = 900                       # recoveries and deaths may follow it by months
INVALID_DATE = "31/2/2020 0:00:00"
INVALID_AGE = "abc"
INVALID_MUNICIPALITY = "99999"
INVALID_SEX = "X"


class Knobs:
    def __init__(self, days=365, duplicate_fraction=0.01, invalid_fraction=0.001,
                 casing_fraction=0.05, months_fraction=0.01, days_fraction=0.003,
                 other_cause_death_fraction=0.004, death_after_recovery_fraction=0.002):
        self.days = days
        self.duplicate_fraction = duplicate_fraction
        self.invalid_fraction = invalid_fraction
        self.casing_fraction = casing_fraction
        self.months_fraction = months_fraction
        self.days_fraction = days_fraction
        # Deaths the source does not count as COVID-19 deaths (a death date without a
        # Fallecido status): N/A statuses ("fallecido no COVID"), and recovered cases that
        # died months later. They tell the source's rule apart from "has a death date".
        self.other_cause_death_fraction = other_cause_death_fraction
        self.death_after_recovery_fraction = death_after_recovery_fraction


def _date_strings(days):
    first = FIRST_REPORT - dt.timedelta(days=_MARGIN_BEFORE)
    out = []
    for i in range(_MARGIN_BEFORE + days + _MARGIN_AFTER):
        d = first + dt.timedelta(days=i)
        out.append(f"{d.day}/{d.month}/{d.year} 0:00:00")
    return out + [INVALID_DATE]


def _dictionary(indices, values, null_mask=None):
    idx = pa.array(indices.astype(np.int32), mask=null_mask)
    return pa.DictionaryArray.from_arrays(idx, pa.array(values, pa.string())).cast(pa.string())


def _draw(rng, values_count, probabilities, size):
    return rng.choice(values_count, size=size, p=np.asarray(probabilities))


def _wave(days):
    """One epidemic wave over `days` (synthetic: the sample itself spans three weeks)."""
    x = np.arange(days)
    weight = np.exp(-0.5 * ((x - 0.55 * days) / (0.2 * days)) ** 2) + 0.05
    return weight / weight.sum()


def generate_chunk(profile, knobs, seed, chunk_no, first_id, n):
    """One chunk of n rows as a pyarrow Table with the portal's 23 headers."""
    rng = np.random.default_rng([seed, chunk_no])
    date_text = _date_strings(knobs.days)
    invalid_date = len(date_text) - 1

    def day_index(offsets):
        return np.clip(offsets + _MARGIN_BEFORE, 0, invalid_date - 1)

    ids = np.arange(first_id, first_id + n, dtype=np.int64)
    muni = _draw(rng, len(profile.municipalities), profile.municipality_p, n)
    report = rng.choice(knobs.days, size=n, p=_wave(knobs.days))
    notified = report - rng.choice(profile.notification_lag, size=n)
    diagnosis = report + rng.choice(profile.diagnosis_lag, size=n)
    onset = notified - rng.choice(profile.onset_lag, size=n)
    asymptomatic = rng.random(n) < profile.asymptomatic_rate

    ages = rng.choice(profile.ages, size=n)
    unit = np.ones(n, dtype=np.int64)
    unit_draw = rng.random(n)
    months = unit_draw < knobs.months_fraction
    in_days = (unit_draw >= knobs.months_fraction) & (
        unit_draw < knobs.months_fraction + knobs.days_fraction)
    ages = np.where(months, rng.integers(1, 12, n), ages)
    ages = np.where(in_days, rng.integers(1, 30, n), ages)
    unit = np.where(months, 2, np.where(in_days, 3, unit))
    decade = np.where(unit == 1, np.minimum(ages // 10, 8), 0)
    fatal_p = np.asarray([profile.fatality_by_decade[d] for d in range(9)])[decade]
    fatal = rng.random(n) < fatal_p
    other_draw = rng.random(n)
    other_cause = ~fatal & (other_draw < knobs.other_cause_death_fraction)
    died_later = ~fatal & ~other_cause & (
        other_draw >= 1 - knobs.death_after_recovery_fraction)

    sex = _draw(rng, len(profile.sex.values), profile.sex.probabilities, n)
    contagion = _draw(rng, len(profile.contagion.values), profile.contagion.probabilities, n)
    imported = np.asarray(profile.contagion.values)[contagion] == "Importado"
    country = _draw(rng, len(profile.countries.values), profile.countries.probabilities, n)
    ethnicity = _draw(rng, len(profile.ethnicity.values), profile.ethnicity.probabilities, n)
    recovery = diagnosis + rng.choice(profile.recovery_lag, size=n)
    recovery_type = _draw(rng, len(profile.recovery_type.values),
                          profile.recovery_type.probabilities, n)
    death = report + rng.choice(profile.death_lag, size=n)
    death = np.where(died_later, recovery + rng.integers(60, 400, n), death)
    lower = rng.random(n) < knobs.casing_fraction   # 'leve', 'f': casing varies in the real data

    # Re-reports: some rows repeat an earlier case id of this chunk, reported 1-3 days later.
    dup = np.flatnonzero(rng.random(n) < knobs.duplicate_fraction)
    src = rng.integers(0, n, size=dup.size)
    for column in (ids, muni, notified, diagnosis, onset, asymptomatic, ages, unit, fatal, sex,
                   contagion, imported, country, ethnicity, recovery, recovery_type, death,
                   other_cause, died_later):
        column[dup] = column[src]
    report[dup] = report[src] + rng.integers(1, 4, size=dup.size)

    # Broken rows: one bad field each, in four kinds, so rejects are exercised at scale.
    kind = np.where(rng.random(n) < knobs.invalid_fraction, rng.integers(0, 4, n), -1)

    age_text = [str(i) for i in range(1000)] + [INVALID_AGE]
    age_index = np.where(kind == 0, len(age_text) - 1, ages)
    muni_text = [m[2] for m in profile.municipalities] + [INVALID_MUNICIPALITY]
    muni_index = np.where(kind == 1, len(muni_text) - 1, muni)
    notified_index = np.where(kind == 2, invalid_date, day_index(notified))
    sex_text = profile.sex.values + [v.lower() for v in profile.sex.values] + [INVALID_SEX]
    sex_index = np.where(kind == 3, len(sex_text) - 1, sex + lower * len(profile.sex.values))
    contagion_text = profile.contagion.values + [v.lower() for v in profile.contagion.values]
    status = ["Casa", "Fallecido", "N/A", "casa", "fallecido", "n/a"]
    state = ["Leve", "Fallecido", "N/A", "leve", "fallecido", "n/a"]
    recovered = ["Recuperado", "Fallecido", "N/A", "recuperado", "fallecido", "n/a"]
    status_index = fatal.astype(np.int64) + 2 * other_cause + 3 * lower
    has_death = fatal | other_cause | died_later
    no_recovery = fatal | other_cause

    columns = [
        _dictionary(day_index(report), date_text),
        pa.array(ids),
        _dictionary(notified_index, date_text),
        _dictionary(muni, [m[0] for m in profile.municipalities]),
        _dictionary(muni, [m[1] for m in profile.municipalities]),
        _dictionary(muni_index, muni_text),
        _dictionary(muni, [m[3] for m in profile.municipalities]),
        _dictionary(age_index, age_text),
        pa.array(unit),
        _dictionary(sex_index, sex_text),
        _dictionary(contagion + lower * len(profile.contagion.values), contagion_text),
        _dictionary(status_index, status),
        _dictionary(status_index, state),
        _dictionary(country, [c[0] for c in profile.countries.values], ~imported),
        _dictionary(country, [c[1] for c in profile.countries.values], ~imported),
        _dictionary(status_index, recovered),
        _dictionary(day_index(onset), date_text, asymptomatic),
        _dictionary(day_index(death), date_text, ~has_death),
        _dictionary(day_index(diagnosis), date_text),
        _dictionary(day_index(recovery), date_text, no_recovery),
        _dictionary(recovery_type, profile.recovery_type.values, no_recovery),
        _dictionary(ethnicity, [e[0] for e in profile.ethnicity.values]),
        _dictionary(ethnicity, [e[1] or None for e in profile.ethnicity.values]),
    ]
    return pa.Table.from_arrays(columns, names=list(COVID_CSV_HEADERS))


def write_csv(path, profile, rows, seed, knobs=None, chunk_rows=500_000):
    """Write `rows` rows (header as the portal writes it, unquoted); return rows written."""
    knobs = knobs or Knobs()
    options = pacsv.WriteOptions(include_header=False, quoting_style="none")
    with open(path, "wb") as sink:
        sink.write((",".join(COVID_CSV_HEADERS) + "\n").encode("utf-8"))
        writer = None
        written = 0
        for chunk_no, start in enumerate(range(0, rows, chunk_rows)):
            n = min(chunk_rows, rows - start)
            table = generate_chunk(profile, knobs, seed, chunk_no, start + 1, n)
            if writer is None:
                writer = pacsv.CSVWriter(sink, table.schema, write_options=options)
            writer.write_table(table)
            written += n
        if writer is not None:
            writer.close()
    return written
