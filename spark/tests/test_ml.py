"""The fatal-outcome model: split, weights, evaluation arithmetic, and the job on a small lake."""
import datetime as dt

import pytest
from pyspark.ml import PipelineModel
from pyspark.ml.functions import array_to_vector
from pyspark.sql import functions as F

from lakedeck_spark.errors import InputError
from lakedeck_spark.ml import evaluate, job, split
from sparkkit import Lake, cases_frame, frame, read_table


def test_hash_split_is_seeded_stable_and_close_to_the_fraction(spark):
    ids = spark.range(1, 4001).withColumnRenamed("id", "case_id")
    train, test = split.hash_split(ids, seed=42, test_fraction=0.2)
    test_ids = {r[0] for r in test.collect()}
    assert {r[0] for r in split.hash_split(ids, 42, 0.2)[1].collect()} == test_ids
    assert {r[0] for r in split.hash_split(ids, 43, 0.2)[1].collect()} != test_ids
    assert train.count() + len(test_ids) == 4000
    assert 0.17 < len(test_ids) / 4000 < 0.23
    with pytest.raises(ValueError):
        split.hash_split(ids, 42, 1.0)


def test_balanced_weights_give_each_class_half_the_total_weight():
    positive, negative = split.balanced_weights(positives=10, negatives=990)
    assert positive == pytest.approx(50.0) and negative == pytest.approx(1000 / 1980)
    assert 10 * positive == pytest.approx(990 * negative)


def scored(spark, labels, probabilities):
    df = frame(spark, list(zip(labels, probabilities)), "label double, p double")
    vector = array_to_vector(F.array(1 - F.col("p"), F.col("p")))
    return df.select("label", vector.alias("probability"), vector.alias("rawPrediction"))


def test_evaluation_arithmetic_on_known_scores(spark):
    got = evaluate.evaluate(scored(spark, [1, 1, 0, 0, 0], [0.9, 0.4, 0.6, 0.2, 0.1]), 0.5)
    assert (got["true_positives"], got["false_negatives"], got["false_positives"],
            got["true_negatives"]) == (1, 1, 1, 2)
    assert (got["precision"], got["recall"], got["f1"]) == (0.5, 0.5, 0.5)
    assert got["accuracy"] == pytest.approx(0.6)
    assert got["majority_baseline_accuracy"] == pytest.approx(0.6)
    assert got["auc_roc"] == pytest.approx(5 / 6)


def test_with_one_class_auc_is_reported_as_unknown_not_as_a_number(spark):
    got = evaluate.evaluate(scored(spark, [0, 0, 0], [0.1, 0.7, 0.2]), 0.5)
    assert got["auc_roc"] is None and got["auc_pr"] is None
    assert got["recall"] is None and got["precision"] == 0.0


def age_driven_cases(n=400):
    """Older cases die: a signal the model must find (ages 20..99, fatal from 70 up)."""
    rows = []
    for i in range(n):
        age = 20 + (i * 37) % 80
        decade = age // 10 * 10
        rows.append(dict(report_date=dt.date(2020, 3, 1) + dt.timedelta(days=i % 20),
                         age_years=age, age_group="80+" if age >= 80 else f"{decade}-{decade + 9}",
                         sex="MF"[i % 2], is_fatal=age >= 70 and i % 3 != 0,
                         symptom_onset_date=dt.date(2020, 2, 25) if i % 4 else None))
    return rows


def write_trusted(spark, lake, rows):
    cases_frame(spark, rows).write.partitionBy("report_date").parquet(
        lake.trusted_path("covid_cases"))


def test_ml_job_trains_evaluates_and_saves_a_model_that_scores_trusted_rows(spark, tmp_path):
    lake = Lake(tmp_path)
    write_trusted(spark, lake, age_driven_cases())
    args = job.build_parser().parse_args(
        ["--trusted", lake.uri("trusted"), "--refined", lake.uri("refined"), "--seed", "7"])
    job.run(spark, args)

    metrics = {r["model_variant"]: r for r in read_table(
        spark, lake, "ml_fatality_metrics", zone="refined").collect()}
    assert set(metrics) == {"class_weighted", "unweighted"}
    weighted = metrics["class_weighted"]
    assert weighted["train_rows"] + weighted["test_rows"] == 400
    assert weighted["auc_roc"] > 0.9
    assert weighted["positive_class_weight"] > 1.0
    assert metrics["unweighted"]["positive_class_weight"] == 1.0
    assert weighted["as_of_date"] == dt.date(2020, 3, 20)
    assert weighted["test_positive_rate"] == pytest.approx(
        weighted["test_positives"] / weighted["test_rows"])

    model = PipelineModel.load(lake.refined_path("ml_fatality_model"))
    scored_rows = model.transform(read_table(spark, lake, "covid_cases")).select(
        "age_years", "prediction").collect()
    old = [r["prediction"] for r in scored_rows if r["age_years"] >= 90]
    young = [r["prediction"] for r in scored_rows if r["age_years"] < 40]
    assert sum(old) / len(old) > 0.5 > sum(young) / len(young)


def test_ml_job_refuses_to_train_on_one_class(spark, tmp_path):
    lake = Lake(tmp_path)
    write_trusted(spark, lake, [dict(report_date=dt.date(2020, 3, 1))] * 20)
    args = job.build_parser().parse_args(
        ["--trusted", lake.uri("trusted"), "--refined", lake.uri("refined")])
    with pytest.raises(InputError, match="both classes are needed"):
        job.run(spark, args)
