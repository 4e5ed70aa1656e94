"""Seeded train/test split by case id, and class weights for the imbalance."""
from pyspark.sql import functions as F

from .features import LABEL, WEIGHT

_BUCKETS = 10_000


def hash_split(df, seed, test_fraction):
    """Deterministic for a seed whatever the partitioning (unlike randomSplit): a case id always
    lands on the same side."""
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction}")
    bucket = F.pmod(F.xxhash64(F.col("case_id"), F.lit(seed)), F.lit(_BUCKETS))
    is_test = bucket < F.lit(int(round(test_fraction * _BUCKETS)))
    return df.filter(~is_test), df.filter(is_test)


def balanced_weights(positives, negatives):
    """Weights that give both classes the same total weight (scikit-learn's 'balanced')."""
    total = positives + negatives
    return total / (2.0 * positives), total / (2.0 * negatives)


def with_class_weight(df, positive_weight, negative_weight):
    return df.withColumn(WEIGHT, F.when(F.col(LABEL) == 1.0, F.lit(positive_weight))
                         .otherwise(F.lit(negative_weight)))
