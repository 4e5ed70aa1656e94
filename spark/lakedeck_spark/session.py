"""The SparkSession every job uses; the same settings locally and on EMR."""
from pyspark.sql import SparkSession

# Set at session level because they change results, not just speed:
# - UTC so dates never shift with the machine's time zone;
# - CORRECTED so an unparseable day-first date is null (then rejected), not an upgrade exception;
# - dynamic overwrite so writing a partitioned table replaces only the partitions written;
# - no CSV column pruning: with it, a line with too few or too many fields is silently padded
#   or cut whenever a column (say an unexpected extra one) is not selected, instead of being
#   flagged malformed and rejected.
SESSION_CONF = {
    "spark.sql.csv.parser.columnPruning.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.legacy.timeParserPolicy": "CORRECTED",
    "spark.sql.sources.partitionOverwriteMode": "dynamic",
    "spark.ui.showConsoleProgress": "false",
}


def build_session(app_name):
    builder = SparkSession.builder.appName(app_name)
    for key, value in SESSION_CONF.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    # getOrCreate may return an existing session (tests, notebooks): apply the SQL settings anyway.
    for key, value in SESSION_CONF.items():
        if key.startswith("spark.sql."):
            spark.conf.set(key, value)
    return spark
