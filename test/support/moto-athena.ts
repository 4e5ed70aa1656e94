// Athena results on moto: moto answers GetQueryResults from results queued through its own
// static API, one queued result per query it starts next. Shared by the Lambda's and the Query
// pane's Athena tests.

/** Queues the result of the next query moto starts. `null` is a SQL NULL (no VarCharValue). */
export async function queueAthenaResult(
  endpoint: string,
  database: string,
  columns: Array<[string, string]>,
  rows: Array<Array<string | null>>,
): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/static/athena/query-results`, {
    method: 'POST',
    body: JSON.stringify({
      results: [
        {
          rows: rows.map((row) => ({ Data: row.map((v) => (v === null ? {} : { VarCharValue: v })) })),
          column_info: columns.map(([Name, Type]) => ({
            Name,
            Label: Name,
            Type,
            CatalogName: 'hive',
            SchemaName: database,
            TableName: '',
            Nullable: 'UNKNOWN',
            CaseSensitive: false,
          })),
        },
      ],
    }),
  });
  if (response.status >= 300) throw new Error(`moto refused the queued Athena result: ${response.status}`);
}
