"""Held-out evaluation: AUC, precision, recall and the confusion matrix, reported as they are."""
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.functions import vector_to_array
from pyspark.sql import functions as F

from .features import LABEL


def _ratio(numerator, denominator):
    return numerator / denominator if denominator else None


def evaluate(predictions, threshold=0.5):
    positive = vector_to_array("probability")[1] >= F.lit(threshold)
    actual = F.col(LABEL) == 1.0
    counts = predictions.agg(
        F.count(F.when(positive & actual, 1)).alias("tp"),
        F.count(F.when(positive & ~actual, 1)).alias("fp"),
        F.count(F.when(~positive & ~actual, 1)).alias("tn"),
        F.count(F.when(~positive & actual, 1)).alias("fn"),
    ).first()
    tp, fp, tn, fn = counts["tp"], counts["fp"], counts["tn"], counts["fn"]
    rows = tp + fp + tn + fn
    both_classes = (tp + fn) > 0 and (tn + fp) > 0
    auc_roc = auc_pr = None
    if both_classes:  # AUC is undefined with one class; say so rather than print 0.5 or 1.0
        for metric in ("areaUnderROC", "areaUnderPR"):
            value = BinaryClassificationEvaluator(
                rawPredictionCol="rawPrediction", labelCol=LABEL, metricName=metric
            ).evaluate(predictions)
            if metric == "areaUnderROC":
                auc_roc = value
            else:
                auc_pr = value
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = (2 * precision * recall / (precision + recall)
          if precision is not None and recall is not None and precision + recall > 0 else None)
    return {
        "threshold": float(threshold),
        "auc_roc": auc_roc,
        "auc_pr": auc_pr,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": _ratio(tp + tn, rows),
        "majority_baseline_accuracy": _ratio(max(tn + fp, tp + fn), rows),
        "true_positives": tp,
        "false_positives": fp,
        "true_negatives": tn,
        "false_negatives": fn,
    }
