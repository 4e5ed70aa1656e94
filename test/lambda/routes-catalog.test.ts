// The query API's SQL names only tables and columns the Spark catalog defines: a renamed column
// in spark/schemas.json must fail here, not as an Athena error in production.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUERIES } from '../../src/core/named-queries.js';

interface CatalogTable {
  columns: { name: string }[];
  partition_keys: { name: string }[];
}

const catalog = JSON.parse(readFileSync('spark/schemas.json', 'utf8')) as { tables: Record<string, CatalogTable> };

function referenced(sql: string): { table: string; identifiers: string[] } {
  const table = /\bFROM\s+([a-z_0-9]+)/i.exec(sql)?.[1] ?? '';
  const words =
    sql
      .replace(/'[^']*'/g, ' ')
      .replace(/\bAS\s+(DATE|BIGINT|DOUBLE|VARCHAR)\b/gi, ' ')
      .match(/\b[a-z_][a-z_0-9]*\b/g) ?? [];
  const keywords = new Set([
    'select',
    'from',
    'where',
    'and',
    'or',
    'order',
    'by',
    'desc',
    'asc',
    'between',
    'cast',
    'limit',
    'in',
    'is',
    'null',
    'not',
  ]);
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

// Deaths are COVID-19 deaths (the source's status rule, spark/lakedeck_spark/etl/transform.py);
// where a table also counts deaths from other causes, the API answers both, never one for the other.
describe('query routes and deaths from other causes', () => {
  const answersDeaths = QUERIES.filter((route) => /\bdeaths\b/.test(route.sql));
  it('covers the routes that answer deaths', () => {
    expect(answersDeaths.map((route) => route.name).sort()).toEqual(['department_incidence', 'fatality_by_age_sex', 'top_municipalities']);
  });
  it.each(answersDeaths.map((route) => [route.name, route] as const))(
    '%s answers other_cause_deaths wherever its table has them',
    (_name, route) => {
      const { table } = referenced(route.sql);
      const tableHas = catalog.tables[table].columns.some((c) => c.name === 'other_cause_deaths');
      expect(/\bother_cause_deaths\b/.test(route.sql)).toBe(tableHas);
      if (tableHas) expect(route.summary).toMatch(/COVID-19/);
    },
  );
});
