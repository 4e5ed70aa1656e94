"""The shared session: result-changing settings always, local-mode speed defaults unless set."""
from lakedeck_spark.session import LOCAL_FS_CLASS, LOCAL_FS_JAR, SESSION_CONF, launch_conf, local_conf, local_fs_conf


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


def test_local_cache_is_uncompressed(spark):
    assert spark.conf.get("spark.sql.inMemoryColumnarStorage.compressed") == "false"


def test_local_fs_settings_only_where_the_venv_holds_the_jar(tmp_path):
    assert local_fs_conf(tmp_path) == {}
    (tmp_path / "jars").mkdir()
    (tmp_path / "jars" / LOCAL_FS_JAR).write_bytes(b"")
    assert local_fs_conf(tmp_path) == {
        "spark.driver.extraClassPath": str(tmp_path / "jars" / LOCAL_FS_JAR),
        "spark.hadoop.fs.file.impl": LOCAL_FS_CLASS,
    }


def test_only_a_local_master_without_its_own_class_path_gets_the_nio_file_system():
    assert launch_conf("local[2]") == local_fs_conf() != {}
    assert launch_conf("yarn") == {}
    assert launch_conf(None) == {}
    assert launch_conf("local[2]", {"spark.driver.extraClassPath": "/opt/own.jar"}) == {}


def test_a_local_session_writes_files_through_java_nio_not_a_chmod_process(spark, tmp_path):
    # scripts/setup-python.sh fetched the jar; without it Hadoop forks `chmod` per file written.
    jvm = spark.sparkContext._jvm
    uri = jvm.java.net.URI(tmp_path.as_uri())
    fs = jvm.org.apache.hadoop.fs.FileSystem.get(uri, spark.sparkContext._jsc.hadoopConfiguration())
    assert fs.getClass().getName() == LOCAL_FS_CLASS
    spark.range(3).selectExpr("id", "id % 2 AS part").write.partitionBy("part").parquet(
        str(tmp_path / "table"))
    assert sorted(r.id for r in spark.read.parquet(str(tmp_path / "table")).collect()) == [0, 1, 2]
    assert oct((tmp_path / "table" / "part=0").stat().st_mode & 0o777) == "0o755"
