// Writes real Parquet files for tests with DuckDB (snappy-compressed, like Spark's output).
import { DuckDBInstance } from '@duckdb/node-api';

export async function writeParquet(selectSql: string, file: string, rowGroupSize = 100): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (${selectSql}) TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${rowGroupSize})`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
