"""A case's outcome and is_fatal follow the source's rule: a COVID-19 death is a case whose
Estado or Recuperado is Fallecido (any casing); a death date alone is another cause of death.

The real 700-row sample has no row that tells the rules apart, so each case here is written by
hand in the portal's shape (overrides of the first real case: Leve, Recuperado, Casa).
"""
import pytest

from lakedeck_spark.etl import clean
from sparkkit import classify_tagged

DEATH = "20/3/2020 0:00:00"
LATER_DEATH = "2/9/2020 0:00:00"
RECOVERY = "13/3/2020 0:00:00"

CASES = {
    # tag: (raw overrides, expected outcome)
    "n/a status with a death date": (
        dict(location="N/A", severity="N/A", recovery_status="N/A", death_date=DEATH,
             recovery_date="", recovery_type=""), clean.OTHER_CAUSE_DEATH),
    "recovered then died": (
        dict(recovery_status="Recuperado", recovery_date=RECOVERY, death_date=LATER_DEATH),
        clean.OTHER_CAUSE_DEATH),
    "fallecido without a death date": (
        dict(location="Fallecido", severity="Fallecido", recovery_status="Fallecido",
             death_date="", recovery_date="", recovery_type=""), clean.COVID_DEATH),
    "fallecido with a death date": (
        dict(location="Fallecido", severity="Fallecido", recovery_status="Fallecido",
             death_date=DEATH, recovery_date="", recovery_type=""), clean.COVID_DEATH),
    "lower case status only": (
        dict(severity="fallecido", recovery_status="N/A", recovery_date="", recovery_type=""),
        clean.COVID_DEATH),
    "upper case recovery only": (
        dict(severity="n/a", recovery_status="FALLECIDO", recovery_date="", recovery_type=""),
        clean.COVID_DEATH),
    "padded mixed case": (
        dict(recovery_status="  fAlLeCiDo ", recovery_date="", recovery_type=""),
        clean.COVID_DEATH),
    "location alone says fallecido": (
        dict(location="Fallecido", severity="N/A", recovery_status="N/A", recovery_date="",
             recovery_type=""), clean.UNKNOWN),
    "recovered": (dict(recovery_status="recuperado"), clean.RECOVERED),
    "active": (dict(recovery_status="Activo", recovery_date="", recovery_type=""), clean.ACTIVE),
    "no recovery status": (dict(recovery_status="", recovery_date="", recovery_type=""),
                           clean.UNKNOWN),
}


@pytest.fixture(scope="module")
def classified(spark):
    return classify_tagged(spark, {tag: overrides for tag, (overrides, _) in CASES.items()})


@pytest.mark.parametrize("tag", list(CASES))
def test_outcome_and_fatal_flag_follow_the_status(classified, tag):
    row = classified[tag]
    expected = CASES[tag][1]
    assert row["reject_reason"] is None, row["reject_reason"]
    assert (row["outcome"], row["is_fatal"]) == (expected, expected == clean.COVID_DEATH)


def test_a_death_date_is_kept_whatever_the_outcome(classified):
    assert classified["n/a status with a death date"]["death_date"] is not None
    assert classified["recovered then died"]["death_date"] is not None
    assert classified["fallecido without a death date"]["death_date"] is None


def test_outcome_values_are_the_documented_ones():
    from lakedeck_spark.catalog import TABLES

    described = next(c.comment for c in TABLES["covid_cases"].columns if c.name == "outcome")
    assert all(value in described for value in clean.OUTCOMES)
