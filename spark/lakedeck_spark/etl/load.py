"""Writing trusted tables as Parquet."""
from ..lake_fs import join


def write_partitioned(df, uri, partition_column):
    """Replace only the partitions present in `df` (dynamic overwrite), one file per partition."""
    (df.repartition(partition_column)
       .write
       .mode("overwrite")
       .option("partitionOverwriteMode", "dynamic")
       .partitionBy(partition_column)
       .parquet(uri))


def write_small_table(df, uri):
    """Reference-sized table: replaced as a whole, one file."""
    df.coalesce(1).write.mode("overwrite").parquet(uri)


def delete_partitions(fs, uri, partition_column, values):
    """Remove partitions that a run owns but left empty; dynamic overwrite never deletes one."""
    removed = []
    for value in sorted(values):
        if fs.delete(join(uri, f"{partition_column}={value}")):
            removed.append(str(value))
    return removed
