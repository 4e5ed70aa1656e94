// Athena result pages to JSON rows: the header row dropped when present, values typed by the
// column types, paging up to a row cap that is reported (`truncated`), never silent.
import type { ColumnInfo, Row } from '@aws-sdk/client-athena';

export interface Column {
  name: string;
  type: string;
}

export type Value = string | number | boolean | null;

export interface ResultPage {
  columnInfo: ColumnInfo[];
  rows: Row[];
  nextToken?: string;
}

const INTEGER = new Set(['tinyint', 'smallint', 'integer', 'int', 'bigint']);
const DECIMAL = new Set(['double', 'float', 'real', 'decimal']);

/** One Athena cell as JSON: NULL (no VarCharValue) → null, numbers and booleans typed. */
export function typedValue(raw: string | undefined, type: string): Value {
  if (raw === undefined) return null;
  const base = type.toLowerCase().replace(/\(.*$/, '');
  if (INTEGER.has(base)) {
    const n = Number(raw);
    // A bigint past 2^53 stays a string rather than silently losing digits.
    return Number.isSafeInteger(n) ? n : raw;
  }
  if (DECIMAL.has(base)) {
    const n = Number(raw);
    // NaN and Infinity have no JSON number: keep Athena's spelling.
    return Number.isFinite(n) ? n : raw;
  }
  if (base === 'boolean') return raw === 'true';
  return raw;
}

// Real Athena returns the column names as the first row of the first page of a SELECT; moto (and
// any result that is not a SELECT) does not. Deciding by content handles both.
export function isHeaderRow(row: Row, columns: Column[]): boolean {
  const cells = row.Data ?? [];
  return cells.length === columns.length && cells.every((cell, i) => cell.VarCharValue === columns[i].name);
}

export async function collectRows(
  fetchPage: (token: string | undefined) => Promise<ResultPage>,
  maxRows: number,
): Promise<{ columns: Column[]; rows: Value[][]; truncated: boolean }> {
  let columns: Column[] = [];
  const rows: Value[][] = [];
  let token: string | undefined;
  let first = true;
  do {
    const page = await fetchPage(token);
    if (first) columns = page.columnInfo.map((c) => ({ name: c.Name ?? c.Label ?? '', type: c.Type ?? 'varchar' }));
    const data = first && page.rows.length && isHeaderRow(page.rows[0], columns) ? page.rows.slice(1) : page.rows;
    first = false;
    for (const row of data) {
      if (rows.length === maxRows) return { columns, rows, truncated: true };
      rows.push(columns.map((c, i) => typedValue(row.Data?.[i]?.VarCharValue, c.type)));
    }
    token = page.nextToken;
  } while (token);
  return { columns, rows, truncated: false };
}
