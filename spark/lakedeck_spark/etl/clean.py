"""Column expressions that turn raw strings into typed, canonical values.

Each function maps a string Column to a typed Column and returns null when the input does not
parse. Validation compares "raw present" with "parsed null" to reject such rows, so a null here
never goes unnoticed.
"""
from pyspark.sql import functions as F

# The portal's day-first formats, then SODA's ISO ones (parse_date picks one by the text's shape).
DATE_FORMATS = (
    "d/M/yyyy H:mm:ss",
    "d/M/yyyy",
    "yyyy-MM-dd'T'HH:mm:ss.SSS",
    "yyyy-MM-dd'T'HH:mm:ss",
    "yyyy-MM-dd HH:mm:ss",
    "yyyy-MM-dd",
)

# Districts published as their own "department": Barranquilla, Cartagena, Santa Marta, Buenaventura.
DISTRICT_DEPARTMENTS = {8001: "08", 13001: "13", 47001: "47", 76109: "76"}

MAX_AGE_YEARS = 120
AGE_UNITS_PER_YEAR = {"1": 1, "2": 12, "3": 365}

_ACCENTED = "ÁÉÍÓÚÜÑáéíóúüñ"
_PLAIN = "AEIOUUNaeiouun"

SEX = {"f": "F", "m": "M"}
CONTAGION_TYPE = {"importado": "imported", "relacionado": "related", "comunitaria": "community",
                  "en estudio": "under_study"}
LOCATION = {"casa": "home", "hospital": "hospital", "hospital uci": "icu",
            "fallecido": "deceased", "n/a": "not_applicable"}
SEVERITY = {"leve": "mild", "moderado": "moderate", "grave": "severe",
            "asintomatico": "asymptomatic", "fallecido": "deceased", "n/a": "not_applicable"}
RECOVERY_STATUS = {"recuperado": "recovered", "activo": "active", "fallecido": "deceased",
                   "n/a": "not_applicable"}
RECOVERY_TYPE = {"pcr": "pcr", "tiempo": "time"}

# A case's outcome as the source defines it (docs/data.md): a COVID-19 death is a
# case whose Estado (severity) or Recuperado (recovery_status) is Fallecido; a death date alone
# is a death from another cause ("fallecido no COVID", or a recovered case that died later).
# Checked in this order: the first that holds wins.
COVID_DEATH = "covid_death"              # severity or recovery_status deceased
OTHER_CAUSE_DEATH = "other_cause_death"  # a death date, but neither status says deceased
RECOVERED = "recovered"                  # recovery_status recovered, no death date
ACTIVE = "active"                        # recovery_status active, no death date
UNKNOWN = "unknown"                      # no status says how it ended (N/A or blank), no death
OUTCOMES = (COVID_DEATH, OTHER_CAUSE_DEATH, RECOVERED, ACTIVE, UNKNOWN)


def blank_to_null(col):
    trimmed = F.trim(col)
    return F.when(trimmed != "", trimmed)


def is_present(col):
    return F.coalesce(F.trim(col) != "", F.lit(False))


def parse_date(col):
    """The date in whichever of DATE_FORMATS the text is written in, or null.

    A text can only match the format of its shape (slashes or dashes, with a time or not, a 'T',
    milliseconds), so cheap `contains` tests pick that one format: one parse per value instead
    of trying the formats in turn (in Spark 3.5 each failed parse costs an exception inside).
    """
    text = blank_to_null(col)
    portal, timed, iso_t = text.contains("/"), text.contains(":"), text.contains("T")
    day_first_time, day_first, iso_millis, iso_seconds, iso_space, iso_day = DATE_FORMATS
    return (F.when(portal & timed, F.to_date(text, day_first_time))
            .when(portal, F.to_date(text, day_first))
            .when(iso_t & text.contains("."), F.to_date(text, iso_millis))
            .when(iso_t, F.to_date(text, iso_seconds))
            .when(timed, F.to_date(text, iso_space))
            .otherwise(F.to_date(text, iso_day)))


def parse_case_id(col):
    text = blank_to_null(col)
    return F.when(text.rlike(r"^[0-9]{1,18}$"), text.cast("bigint"))


def _lookup(mapping):
    return F.create_map(*[F.lit(x) for pair in mapping.items() for x in pair])


def age_in_years(age, unit):
    """Whole years from (value, unit): 1 years, 2 months, 3 days; null if either is invalid."""
    value = blank_to_null(age)
    number = F.when(value.rlike(r"^[0-9]{1,6}$"), value.cast("int"))
    per_year = _lookup(AGE_UNITS_PER_YEAR)[blank_to_null(unit)]
    return F.floor(number / per_year).cast("int")


def age_group(years):
    decade = (F.floor(years / 10) * 10).cast("int")
    return (F.when(years.isNull(), F.lit(None))
            .when(years >= 80, F.lit("80+"))
            .otherwise(F.concat(decade.cast("string"), F.lit("-"), (decade + 9).cast("string"))))


def department_code(col):
    """2-digit department code; the four districts map to the department that contains them."""
    text = blank_to_null(col)
    number = F.when(text.rlike(r"^[0-9]{1,5}$"), text.cast("int"))
    return F.coalesce(F.when(number.between(1, 99), F.lpad(number.cast("string"), 2, "0")),
                      _lookup(DISTRICT_DEPARTMENTS)[number])


def municipality_code(col):
    """5-digit DIVIPOLA code; the portal drops the leading zero (5001 for 05001)."""
    text = blank_to_null(col)
    return F.when(text.rlike(r"^[0-9]{4,5}$"), F.lpad(text, 5, "0"))


def travel_country_code(col):
    text = blank_to_null(col)
    return F.when(text.rlike(r"^[0-9]{1,3}$"), F.lpad(text, 3, "0"))


def ethnicity_code(col):
    text = blank_to_null(col)
    return F.when(text.rlike(r"^[1-6]$"), text.cast("int"))


def normalise_token(col):
    """Case-, accent- and spacing-insensitive key: 'Hospital  UCI' -> 'hospital uci'."""
    plain = F.translate(F.trim(col), _ACCENTED, _PLAIN)
    return F.lower(F.regexp_replace(plain, r"\s+", " "))


def _spellings(mapping):
    """The usual spellings of each key ('Leve', 'LEVE', 'leve', 'En Estudio'...): exact matches
    that need no normalising. Each is a case variant of its key, so it maps to the same code."""
    return {form: code for key, code in mapping.items()
            for form in (key, key.upper(), key.capitalize(), key.title())}


def canonical(col, mapping):
    """Map a categorical value to its canonical code; null for blank or unknown values.

    An exact lookup of the usual spellings answers nearly every row; only the rest (accents,
    odd spacing or casing) pay for trimming, accent folding and the whitespace regex.
    """
    return F.coalesce(_lookup(_spellings(mapping))[col], _lookup(mapping)[normalise_token(col)])


def clean_text(col):
    return blank_to_null(F.regexp_replace(col, r"\s+", " "))


def decimal_comma_double(col):
    """'-75,581775' -> -75.581775 (DIVIPOLA writes coordinates with a decimal comma)."""
    text = blank_to_null(F.regexp_replace(col, ",", "."))
    return F.when(text.rlike(r"^-?[0-9]+(\.[0-9]+)?$"), text.cast("double"))
