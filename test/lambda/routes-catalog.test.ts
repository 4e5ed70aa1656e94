// The query API's SQL names only tables and columns the Spark catalog defines: a renamed column
// in spark/schemas.json must fail here, not as an Athena error in production.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUERIES } from '../../src/lambda/query/routes.js';

interface CatalogTable {
  columns: { name: string }[];
  partition_keys: { name: string }[];
}

const catalog = JSON.parse(readFileSync('spark/schemas.json', 'utf8')) as { tables: Record<string, CatalogTable> };

function referenced(sql: string): { table: string; identifiers: string[] } {
  const table = /\bFROM\s+([a-z_0-9]+)/i.exec(sql)?.[1] ?? '';
  const words = sql
    .replace(/'[^']*'/g, ' ')
    .replace(/\bAS\s+(DATE|BIGINT|DOUBLE|VARCHAR)\b/gi, ' ')
    .match(/\b[a-z_][a-z_0-9]*\b/g) ?? [];
  const keywords = new Set(['select', 'from', 'where', 'and', 'or', 'order', 'by', 'desc', 'asc', 'between', 'cast', 'limit', 'in', 'is', 'null', 'not']);
  return { table, identifiers: [...new Set(words.filter((w) => !keywords.has(w.toLowerCase()) && w !== table))] };
}

describe('query routes against the Spark catalog', () => {
  it.each(QUERIES.map((route) => [route.name, route.sql] as const))('%s reads existing columns only', (_name, sql) => {
    const { table, identifiers } = referenced(sql);
    const definition = catalog.tables[table];
    expect(definition, `table ${table}`).toBeDefined();
    const known = new Set([...definition.columns, ...definition.partition_keys].map((c) => c.name));
    expect(identifiers.filter((id) => !known.has(id))).toEqual([]);
  });
});
