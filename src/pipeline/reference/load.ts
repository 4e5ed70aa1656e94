// Creates the reference tables where they are missing and fills an empty one from the bundled
// sample file, in one transaction: a database is either untouched or fully loaded.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REFERENCE_TABLES, type ReferenceTable, type SqlClient } from './tables.js';

export async function ensureReferenceData(client: SqlClient, sampleDir: () => string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('CREATE SCHEMA IF NOT EXISTS reference');
    for (const spec of Object.values(REFERENCE_TABLES)) {
      await client.query(spec.ddl);
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${spec.table}) AS filled`);
      if (!rows[0]?.filled) await loadTable(client, spec, path.join(sampleDir(), spec.sampleFile));
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function loadTable(client: SqlClient, spec: ReferenceTable, file: string): Promise<void> {
  const records = parse(await readFile(file, 'utf8'), { from_line: 2, skip_empty_lines: true }) as string[][];
  const values: unknown[] = [];
  const tuples = records.map((record) => {
    const row = spec.toRow(record);
    const placeholders = row.map((value) => {
      values.push(value);
      return `$${values.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  // One statement: ~8k parameters for DIVIPOLA, well under Postgres' 65 535.
  await client.query(`INSERT INTO ${spec.table} (${spec.insertColumns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
}
