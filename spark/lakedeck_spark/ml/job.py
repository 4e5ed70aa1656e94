"""The ML job: trusted.covid_cases -> refined.ml_fatality_metrics + refined/ml_fatality_model.

Two variants are trained on the same split: class-weighted (saved) and unweighted, so the
metrics table shows what the imbalance handling buys instead of asserting it.
"""
import datetime as dt

from pyspark import StorageLevel
from pyspark.sql import functions as F

from ..catalog import conform, spark_schema
from ..cli import base_parser, require_zones, run_date_arg
from ..errors import InputError
from ..lake_fs import LakeFs, join
from ..metrics import emit
from ..raw_layout import ALL_DATES
from . import evaluate, features, split

JOB = "ml"
METRICS_TABLE = "ml_fatality_metrics"
MODEL_FOLDER = "ml_fatality_model"


def build_parser():
    parser = base_parser(JOB, "Train and evaluate the fatal-outcome classifier.")
    parser.add_argument("--run-date", default=ALL_DATES, type=run_date_arg,
                        help="as-of report date (YYYY-MM-DD), or 'all' (default)")
    parser.add_argument("--seed", type=int, default=42, help="seed of the train/test split")
    parser.add_argument("--test-fraction", type=float, default=0.2,
                        help="share of case ids held out for evaluation (default 0.2)")
    parser.add_argument("--threshold", type=float, default=0.5,
                        help="probability threshold for precision/recall (default 0.5)")
    return parser


def extract(spark, fs, trusted, run_date):
    uri = join(trusted, "covid_cases")
    if not fs.exists(uri):
        raise InputError(f"trusted table covid_cases not found at {uri}; run the etl job first")
    cases = spark.read.schema(spark_schema("covid_cases")).parquet(uri)
    if run_date != ALL_DATES:
        cases = cases.filter(F.col("report_date") <= F.lit(run_date).cast("date"))
    return cases.select(*features.INPUT_COLUMNS, "case_id", "is_fatal")


def class_counts(df):
    row = df.agg(F.count(F.lit(1)).alias("rows"),
                 F.sum(F.col(features.LABEL)).alias("positives"),
                 F.max("report_date").alias("as_of")).first()
    positives = int(row["positives"] or 0)
    return row["rows"], positives, row["as_of"]


def train_and_evaluate(train, test, weighted, train_counts, threshold):
    rows, positives, _ = train_counts
    positive_weight, negative_weight = (split.balanced_weights(positives, rows - positives)
                                        if weighted else (1.0, 1.0))
    model = features.build_pipeline(weighted).fit(
        split.with_class_weight(train, positive_weight, negative_weight))
    scores = evaluate.evaluate(model.transform(test), threshold)
    scores["positive_class_weight"] = float(positive_weight)
    return model, scores


def metrics_frame(spark, rows):
    return conform(spark.createDataFrame(rows, schema=spark_schema(METRICS_TABLE)), METRICS_TABLE)


def run(spark, args):
    require_zones(args, "trusted", "refined")
    fs = LakeFs(spark)
    labelled = features.with_label(extract(spark, fs, args.trusted, args.run_date))
    train, test = split.hash_split(labelled, args.seed, args.test_fraction)
    train = train.persist(StorageLevel.MEMORY_AND_DISK)
    test = test.persist(StorageLevel.MEMORY_AND_DISK)
    train_counts = class_counts(train)
    test_rows, test_positives, test_as_of = class_counts(test)
    train_rows, train_positives, train_as_of = train_counts
    if train_positives == 0 or train_positives == train_rows:
        raise InputError(f"cannot train: the training split has {train_positives} fatal and "
                         f"{train_rows - train_positives} non-fatal cases; both classes are needed")
    as_of = max(d for d in (train_as_of, test_as_of) if d is not None)

    results, saved_model = [], None
    for variant, weighted in (("class_weighted", True), ("unweighted", False)):
        model, scores = train_and_evaluate(train, test, weighted, train_counts, args.threshold)
        if weighted:
            saved_model = model
        results.append(dict(
            model_variant=variant, model_type="LogisticRegression",
            features=features.FEATURE_DESCRIPTION, as_of_date=as_of, seed=args.seed,
            test_fraction=float(args.test_fraction), train_rows=train_rows,
            train_positives=train_positives, test_rows=test_rows, test_positives=test_positives,
            test_positive_rate=test_positives / test_rows if test_rows else None, **scores))
        emit(JOB, table=METRICS_TABLE, model_variant=variant, train_rows=train_rows,
             test_rows=test_rows, test_positive_rate=results[-1]["test_positive_rate"],
             auc_roc=scores["auc_roc"], precision=scores["precision"], recall=scores["recall"])

    saved_model.write().overwrite().save(join(args.refined, MODEL_FOLDER))
    metrics_frame(spark, results).coalesce(1).write.mode("overwrite").parquet(
        join(args.refined, METRICS_TABLE))
    emit(JOB, table=METRICS_TABLE, rows_read=train_rows + test_rows, rows_written=len(results),
         model_uri=join(args.refined, MODEL_FOLDER), as_of_date=as_of.isoformat()
         if isinstance(as_of, dt.date) else as_of)
    train.unpersist()
    test.unpersist()


def main(argv=None):
    from ..cli import run_job
    from ..session import build_session
    return run_job(JOB, build_parser(), argv, run, build_session)
