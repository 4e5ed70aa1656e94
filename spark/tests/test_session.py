"""The shared session: result-changing settings always, local-mode speed defaults unless set."""
from lakedeck_spark.session import SESSION_CONF, local_conf


def test_result_settings_always_apply(spark):
    assert spark.conf.get("spark.sql.session.timeZone") == SESSION_CONF["spark.sql.session.timeZone"]


def test_local_defaults_fill_in_but_never_override_what_was_submitted(spark):
    # conftest sets 2 shuffle partitions itself; the split size is left to the local default.
    assert spark.conf.get("spark.sql.shuffle.partitions") == "2"
    assert spark.conf.get("spark.sql.files.maxPartitionBytes") == "32m"
    assert spark.conf.get("spark.sql.adaptive.coalescePartitions.parallelismFirst") == "false"


def test_local_shuffle_partitions_scale_with_cores():
    assert local_conf(2)["spark.sql.shuffle.partitions"] == "8"
    assert local_conf(8)["spark.sql.shuffle.partitions"] == "32"
