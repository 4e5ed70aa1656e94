// The catalog tables as the local engine sees them, read from spark/schemas.json (the one
// definition that the Spark jobs, the Glue tables and these DuckDB views share).
import schemas from '../../../../spark/schemas.json' with { type: 'json' };
import type { CatalogTable } from '../../../core/query.js';

export interface CatalogDefinition extends CatalogTable {
  /** Folder under the lake root, e.g. "trusted/covid_cases/". */
  location: string;
  /** Partition keys with their types (hive folders key=value). */
  partitions: { name: string; type: string }[];
}

interface SchemaColumn {
  name: string;
  type: string;
}

interface SchemaTable {
  location: string;
  partition_keys: SchemaColumn[];
  columns: SchemaColumn[];
}

export function catalogTables(): CatalogDefinition[] {
  return Object.entries((schemas as { tables: Record<string, SchemaTable> }).tables).map(([name, table]) => ({
    name,
    location: table.location,
    columns: [...table.columns, ...table.partition_keys].map((c) => ({ name: c.name, type: c.type })),
    partitions: table.partition_keys.map((p) => ({ name: p.name, type: p.type })),
    partitionKeys: table.partition_keys.map((p) => p.name),
  }));
}

/** Spark/Hive simple type names to DuckDB's. */
const DUCKDB_TYPES: Record<string, string> = {
  string: 'VARCHAR',
  bigint: 'BIGINT',
  int: 'INTEGER',
  smallint: 'SMALLINT',
  tinyint: 'TINYINT',
  double: 'DOUBLE',
  float: 'FLOAT',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  boolean: 'BOOLEAN',
};

export function duckDbType(sparkType: string): string {
  const known = DUCKDB_TYPES[sparkType.toLowerCase()];
  if (known) return known;
  if (/^decimal\(\d+,\s*\d+\)$/i.test(sparkType)) return sparkType.toUpperCase();
  throw new Error(`catalog type ${sparkType} has no DuckDB mapping`);
}
