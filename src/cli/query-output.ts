// Result pages as text for `lakedeck query`: an aligned table, CSV (csv-stringify) or one JSON
// object per row, written page by page so a large result is never held whole.
import { stringify } from 'csv-stringify/sync';
import { athenaCostUsd, formatUsd, type Cell, type QueryStatus, type ResultColumn } from '../core/query.js';
import { formatBytes } from '../format/bytes.js';

export type OutputFormat = 'table' | 'csv' | 'json';
export const FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json'];

const MAX_TABLE_WIDTH = 40;

export interface PageWriter {
  page(columns: ResultColumn[], rows: Cell[][]): string;
}

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** Table widths come from the header and the first page; later longer cells are cut with "…". */
export function tableWriter(): PageWriter {
  let widths: number[] | undefined;
  return {
    page(columns, rows) {
      let out = '';
      if (!widths) {
        widths = columns.map((c, i) => Math.min(MAX_TABLE_WIDTH, Math.max(c.name.length, ...rows.map((r) => (r[i] ?? 'NULL').length))));
        out += `${columns
          .map((c, i) => fit(c.name, widths![i]))
          .join('  ')
          .trimEnd()}\n`;
        out += `${widths.map((w) => '─'.repeat(w)).join('  ')}\n`;
      }
      const w = widths;
      return (
        out +
        rows
          .map(
            (row) =>
              `${row
                .map((v, i) => fit(v ?? 'NULL', w[i]))
                .join('  ')
                .trimEnd()}\n`,
          )
          .join('')
      );
    },
  };
}

export function csvWriter(): PageWriter {
  let header = true;
  return {
    page(columns, rows) {
      const lines = header ? [columns.map((c) => c.name), ...rows] : rows;
      header = false;
      // NULL is an empty field; an empty string is quoted, so the two stay apart.
      return stringify(
        lines.map((row) => row.map((v) => (v === null ? undefined : v))),
        { quoted_match: /^$/ },
      );
    },
  };
}

export function jsonLinesWriter(): PageWriter {
  return {
    page(columns, rows) {
      return rows.map((row) => `${JSON.stringify(Object.fromEntries(columns.map((c, i) => [c.name, row[i]])))}\n`).join('');
    },
  };
}

export function writerFor(format: OutputFormat): PageWriter {
  return format === 'csv' ? csvWriter() : format === 'json' ? jsonLinesWriter() : tableWriter();
}

/** The stderr summary: rows, data scanned and its price, and on local what Athena would charge. */
export function costLine(engine: 'athena' | 'duckdb', status: QueryStatus, rows: number, elapsedMs: number): string {
  const bytes = status.bytesScanned ?? 0;
  const cost = formatUsd(athenaCostUsd(bytes));
  const seconds = `${(elapsedMs / 1000).toFixed(2)} s`;
  if (engine === 'athena') {
    return `${rows} rows in ${seconds} · data scanned ${formatBytes(bytes)} · cost ${cost} (Athena: $5 per TB, 10 MB minimum)`;
  }
  return `${rows} rows in ${seconds} · local DuckDB read ${formatBytes(bytes)} of Parquet · Athena would charge ${cost} ($5 per TB, 10 MB minimum)`;
}
