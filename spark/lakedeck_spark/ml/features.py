"""The model: features known when a case is reported, and the Spark ML Pipeline around them.

Location, severity and recovery status are excluded on purpose: they say "deceased" for the
very cases we predict, so they would leak the label.
"""
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.feature import OneHotEncoder, SQLTransformer, StringIndexer, VectorAssembler
from pyspark.sql import functions as F

INPUT_COLUMNS = ("age_years", "sex", "department_code", "contagion_type", "symptom_onset_date",
                 "report_date", "travel_country_code")

# Derived inside the pipeline, so the saved model scores raw trusted rows by itself.
_DERIVE = """
SELECT *,
       CAST(age_years AS DOUBLE) AS f_age,
       COALESCE(contagion_type, 'unknown') AS f_contagion,
       CASE WHEN symptom_onset_date IS NULL THEN 1.0 ELSE 0.0 END AS f_asymptomatic,
       CAST(GREATEST(COALESCE(DATEDIFF(report_date, symptom_onset_date), 0), 0) AS DOUBLE)
           AS f_onset_to_report_days,
       CASE WHEN travel_country_code IS NULL THEN 0.0 ELSE 1.0 END AS f_travelled
FROM __THIS__
"""
_CATEGORICAL = ("sex", "department_code", "f_contagion")
_NUMERIC = ("f_age", "f_asymptomatic", "f_onset_to_report_days", "f_travelled")

FEATURE_DESCRIPTION = ("age_years,sex,department_code,contagion_type,asymptomatic,"
                       "onset_to_report_days,travelled")
LABEL = "label"
WEIGHT = "class_weight"


def with_label(cases):
    return cases.withColumn(LABEL, F.col("is_fatal").cast("double"))


def build_pipeline(weighted):
    indexer = StringIndexer(inputCols=list(_CATEGORICAL),
                            outputCols=[f"{c}_idx" for c in _CATEGORICAL],
                            handleInvalid="keep", stringOrderType="alphabetAsc")
    encoder = OneHotEncoder(inputCols=[f"{c}_idx" for c in _CATEGORICAL],
                            outputCols=[f"{c}_vec" for c in _CATEGORICAL],
                            handleInvalid="keep")
    assembler = VectorAssembler(inputCols=list(_NUMERIC) + [f"{c}_vec" for c in _CATEGORICAL],
                                outputCol="features")
    classifier = LogisticRegression(featuresCol="features", labelCol=LABEL, maxIter=100,
                                    regParam=0.01, elasticNetParam=0.0, family="binomial")
    if weighted:
        classifier.setWeightCol(WEIGHT)
    return Pipeline(stages=[SQLTransformer(statement=_DERIVE), indexer, encoder, assembler,
                            classifier])
