// One consistent extract of a reference table: the rows and the watermark are read in the same
// read-only REPEATABLE READ transaction, then written as CSV (header from the query's aliases).
import { stringify } from 'csv-stringify/sync';
import { REFERENCE_TABLES, watermarkQuery, type ReferenceSource, type SqlClient } from './tables.js';

export interface Extract {
  csv: Buffer;
  rows: number;
  query: string;
  watermark?: string;
}

export async function extractReference(client: SqlClient, source: ReferenceSource): Promise<Extract> {
  const spec = REFERENCE_TABLES[source];
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const result = await client.query(spec.extract);
    const mark = await client.query(watermarkQuery(spec.table));
    await client.query('COMMIT');
    const columns = result.fields.map((field) => field.name);
    const records = result.rows.map((row) => columns.map((column) => row[column] as string | null));
    const csv = Buffer.from(stringify([columns, ...records]));
    const watermark = mark.rows[0]?.watermark;
    return { csv, rows: records.length, query: oneLine(spec.extract), watermark: typeof watermark === 'string' ? watermark : undefined };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}
