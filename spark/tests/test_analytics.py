"""Each refined aggregate on a handful of hand-made trusted cases."""
import datetime as dt

import pytest
from chispa import assert_df_equality

from lakedeck_spark.analytics import contagion, daily, fatality, incidence, intervals, municipalities
from lakedeck_spark.catalog import conform
from sparkkit import cases_frame, frame

D = dt.date
ANTIOQUIA = dict(department_code="05", department_name="Antioquia", municipality_code="05001",
                 municipality_name="MEDELLÍN")
# Deaths the source does not count as COVID-19 deaths: a death date with an N/A status, and a
# recovered case that died months later. Cases, never deaths.
OTHER_CAUSE = dict(outcome="other_cause_death", recovery_status="not_applicable",
                   severity="not_applicable", location="not_applicable")
DIED_AFTER_RECOVERY = dict(outcome="other_cause_death", recovery_status="recovered",
                           recovery_date=D(2020, 3, 20))


def test_daily_cases_by_report_date_and_deaths_by_death_date_with_running_totals(spark):
    cases = cases_frame(spark, [
        dict(report_date=D(2020, 3, 10)),
        dict(report_date=D(2020, 3, 10), is_fatal=True, death_date=D(2020, 3, 12)),
        dict(report_date=D(2020, 3, 11)),
        dict(report_date=D(2020, 3, 11), is_fatal=True, **ANTIOQUIA),   # no death date
        dict(report_date=D(2020, 3, 11), death_date=D(2020, 3, 12), **OTHER_CAUSE),
        dict(report_date=D(2020, 3, 11), death_date=D(2020, 9, 1), **DIED_AFTER_RECOVERY),
    ])
    got = conform(daily.cases_daily_by_department(cases), "cases_daily_by_department")
    want = frame(spark, [
        ("11", "Bogotá D.C.", D(2020, 3, 10), 2, 0, 2, 0),
        ("11", "Bogotá D.C.", D(2020, 3, 11), 3, 0, 5, 0),
        ("11", "Bogotá D.C.", D(2020, 3, 12), 0, 1, 5, 1),
        ("05", "Antioquia", D(2020, 3, 11), 1, 1, 1, 1),
    ], got.schema)
    assert_df_equality(got, want, ignore_row_order=True, ignore_nullable=True)


def test_incidence_covers_every_department_of_the_population_extract(spark):
    cases = cases_frame(spark, [dict(report_date=D(2020, 3, 10))] * 2
                        + [dict(report_date=D(2020, 3, 10), death_date=D(2020, 3, 11),
                                **OTHER_CAUSE),
                           dict(report_date=D(2020, 3, 10), is_fatal=True)])
    departments = frame(spark, [("11", "Bogotá D.C.", 200_000), ("91", "Amazonas", 80_000)],
                        "department_code string, department_name string, population bigint")
    got = {r["department_code"]: r for r in conform(
        incidence.incidence_by_department(spark, cases, departments),
        "incidence_by_department").collect()}
    assert (got["11"]["cases"], got["11"]["deaths"], got["11"]["other_cause_deaths"]) == (4, 1, 1)
    assert got["11"]["incidence_per_100k"] == pytest.approx(2.0)
    assert got["11"]["mortality_per_100k"] == pytest.approx(0.5)
    assert got["11"]["case_fatality_rate"] == pytest.approx(0.25)
    assert (got["91"]["cases"], got["91"]["incidence_per_100k"], got["91"]["case_fatality_rate"],
            got["91"]["other_cause_deaths"]) == (0, 0.0, None, 0)


def test_case_fatality_by_age_group_and_sex(spark):
    old = dict(age_years=85, age_group="80+")
    cases = cases_frame(spark, [
        dict(report_date=D(2020, 3, 10), sex="M", is_fatal=True, **old),
        dict(report_date=D(2020, 3, 10), sex="M", **old),
        dict(report_date=D(2020, 3, 10), sex="M", death_date=D(2020, 3, 11), **old, **OTHER_CAUSE),
        dict(report_date=D(2020, 3, 10), sex="M", death_date=D(2020, 9, 1), **old,
             **DIED_AFTER_RECOVERY),
        dict(report_date=D(2020, 3, 10), sex="F", **old),
        dict(report_date=D(2020, 3, 10), sex="F"),
    ])
    got = conform(fatality.case_fatality_by_age_sex(spark, cases), "case_fatality_by_age_sex")
    want = frame(spark, [("80+", "M", 4, 1, 0.25, 2), ("80+", "F", 1, 0, 0.0, 0),
                         ("30-39", "F", 1, 0, 0.0, 0)], got.schema)
    assert_df_equality(got, want, ignore_row_order=True, ignore_nullable=True)


def test_contagion_mix_is_a_share_of_each_monday_week(spark):
    cases = cases_frame(spark, [
        dict(report_date=D(2020, 3, 9), contagion_type="imported"),    # Monday
        dict(report_date=D(2020, 3, 15), contagion_type="imported"),   # Sunday, same week
        dict(report_date=D(2020, 3, 12), contagion_type="related"),
        dict(report_date=D(2020, 3, 12), contagion_type=None),
        dict(report_date=D(2020, 3, 16), contagion_type="community"),  # next Monday
    ])
    got = conform(contagion.contagion_mix_weekly(cases), "contagion_mix_weekly")
    want = frame(spark, [
        (D(2020, 3, 9), "imported", 2, 0.5), (D(2020, 3, 9), "related", 1, 0.25),
        (D(2020, 3, 9), "unknown", 1, 0.25), (D(2020, 3, 16), "community", 1, 1.0),
    ], got.schema)
    assert_df_equality(got, want, ignore_row_order=True, ignore_nullable=True)


def test_top_municipalities_rank_by_cases_then_code_and_stop_at_n(spark):
    def town(code, name, n, deaths=0):
        return [dict(report_date=D(2020, 3, 10), municipality_code=code, municipality_name=name,
                     is_fatal=i < deaths) for i in range(n)]
    cases = cases_frame(spark, town("11001", "BOGOTÁ", 4, deaths=1) + town("05001", "MEDELLÍN", 2)
                        + town("76001", "CALI", 2) + town("08001", "BARRANQUILLA", 1))
    got = conform(municipalities.top_municipalities(spark, cases, 3), "top_municipalities")
    rows = [(r["rank"], r["municipality_code"], r["cases"], r["deaths"])
            for r in got.orderBy("rank").collect()]
    assert rows == [(1, "11001", 4, 1), (2, "05001", 2, 0), (3, "76001", 2, 0)]
    with pytest.raises(ValueError):
        municipalities.top_municipalities(spark, cases, 0)


def test_interval_stats_exclude_negative_intervals_and_report_exact_medians(spark):
    onset = D(2020, 3, 1)
    cases = cases_frame(spark, [
        dict(report_date=D(2020, 3, 10), symptom_onset_date=onset, diagnosis_date=D(2020, 3, 3),
             recovery_date=D(2020, 3, 21)),
        dict(report_date=D(2020, 3, 10), symptom_onset_date=onset, diagnosis_date=D(2020, 3, 5)),
        dict(report_date=D(2020, 3, 10), symptom_onset_date=onset, diagnosis_date=D(2020, 3, 11)),
        dict(report_date=D(2020, 3, 10), symptom_onset_date=onset, diagnosis_date=D(2020, 2, 27)),
        dict(report_date=D(2020, 3, 10), diagnosis_date=D(2020, 3, 11)),   # asymptomatic
        # A recovery date beside a deceased status is not a recovery.
        dict(report_date=D(2020, 3, 10), symptom_onset_date=onset, recovery_date=D(2020, 3, 30),
             is_fatal=True, recovery_status="deceased"),
        dict(report_date=D(2020, 3, 10), symptom_onset_date=onset, diagnosis_date=D(2020, 3, 9),
             **ANTIOQUIA),
    ])
    got = conform(intervals.case_interval_stats(cases), "case_interval_stats").collect()
    stats = {(r["interval_kind"], r["scope"], r["department_code"]): r for r in got}
    national = stats[("symptoms_to_diagnosis", "national", None)]
    assert (national["cases"], national["negative_excluded"]) == (4, 1)
    assert (national["min_days"], national["max_days"]) == (2, 10)
    assert national["median_days"] == pytest.approx(6.0)        # of 2, 4, 8, 10
    assert national["mean_days"] == pytest.approx(6.0)
    bogota = stats[("symptoms_to_diagnosis", "department", "11")]
    assert (bogota["cases"], bogota["median_days"], bogota["department_name"]) == (
        3, 4.0, "Bogotá D.C.")
    recovery = stats[("symptoms_to_recovery", "national", None)]
    assert (recovery["cases"], recovery["mean_days"]) == (1, 20.0)
