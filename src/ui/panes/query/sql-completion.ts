// Completion for the query editor from the catalog: after FROM/JOIN, table names; after `t.`,
// the columns of the table that `t` names (a table or its alias); elsewhere keywords, functions,
// and the columns of the tables the statement reads, then table names. Pure: text in, items out.
import type { CatalogTable } from '../../../core/query.js';

export interface Completion {
  /** The word being completed (replaced by the chosen item). */
  prefix: string;
  items: string[];
}

export const SQL_KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP BY',
  'ORDER BY',
  'HAVING',
  'LIMIT',
  'JOIN',
  'LEFT JOIN',
  'INNER JOIN',
  'ON',
  'AS',
  'AND',
  'OR',
  'NOT',
  'IN',
  'BETWEEN',
  'LIKE',
  'IS NULL',
  'IS NOT NULL',
  'DISTINCT',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'WITH',
  'UNION ALL',
  'DESC',
  'ASC',
  'CAST',
  'DATE',
  'TIMESTAMP',
  'INTERVAL',
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'ROUND',
  'COALESCE',
  'date_trunc',
  'date_add',
  'date_diff',
  'approx_percentile',
  'approx_distinct',
  'try_cast',
  'regexp_like',
  'count_if',
];

const RESERVED = new Set([
  'where',
  'on',
  'join',
  'left',
  'right',
  'inner',
  'group',
  'order',
  'limit',
  'using',
  'cross',
  'full',
  'union',
  'having',
]);

/** Table names the statement reads, with their aliases: `FROM covid_cases c` → c → covid_cases. */
export function tableAliases(text: string, tables: CatalogTable[]): Map<string, CatalogTable> {
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  const aliases = new Map<string, CatalogTable>();
  for (const match of text.matchAll(/\b(?:from|join)\s+"?(\w+)"?(?:\s+(?:as\s+)?(\w+))?/gi)) {
    const table = byName.get(match[1].toLowerCase());
    if (!table) continue;
    aliases.set(table.name.toLowerCase(), table);
    const alias = match[2]?.toLowerCase();
    if (alias && !RESERVED.has(alias)) aliases.set(alias, table);
  }
  return aliases;
}

function startsWith(items: Iterable<string>, prefix: string): string[] {
  const lower = prefix.toLowerCase();
  return [...new Set(items)].filter((item) => item.toLowerCase().startsWith(lower) && item.toLowerCase() !== lower);
}

export function complete(text: string, offset: number, tables: CatalogTable[]): Completion {
  const before = text.slice(0, offset);
  const dotted = /(\w+)\.(\w*)$/.exec(before);
  if (dotted) {
    const table = tableAliases(text, tables).get(dotted[1].toLowerCase()) ?? tables.find((t) => t.name === dotted[1].toLowerCase());
    return {
      prefix: dotted[2],
      items: table
        ? startsWith(
            table.columns.map((c) => c.name),
            dotted[2],
          )
        : [],
    };
  }
  const prefix = /(\w*)$/.exec(before)![1];
  const previousWord = /(\w+)\s+\w*$/.exec(before)?.[1]?.toLowerCase();
  if (previousWord === 'from' || previousWord === 'join')
    return {
      prefix,
      items: startsWith(
        tables.map((t) => t.name),
        prefix,
      ),
    };
  if (prefix === '') return { prefix, items: [] };
  const read = [...new Set(tableAliases(text, tables).values())];
  const columns = read.flatMap((t) => t.columns.map((c) => c.name));
  return { prefix, items: startsWith([...columns, ...SQL_KEYWORDS, ...tables.map((t) => t.name)], prefix) };
}
