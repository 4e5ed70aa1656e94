// Exports a whole query result to a file, page by page (never the whole result in memory), as CSV
// (RFC 4180 quoting, NULL as an empty field) or JSON lines (one object per row, NULL as null).
// The file is created exclusively: an existing file is never overwritten.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Cell, QueryService, ResultColumn } from '../../../core/query.js';

export type ExportFormat = 'csv' | 'jsonl';

export const EXPORT_PAGE_SIZE = 1000;

export function exportFormat(file: string): ExportFormat {
  return /\.jsonl?$/i.test(file) ? 'jsonl' : 'csv';
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\n`;
}

export function jsonLine(columns: readonly ResultColumn[], cells: readonly Cell[]): string {
  return `${JSON.stringify(Object.fromEntries(columns.map((c, i) => [c.name, cells[i] ?? null])))}\n`;
}

/** Writes every row of query `id` to `file` (format from its extension); resolves with the row count. */
export async function exportResult(service: QueryService, id: string, file: string): Promise<number> {
  const format = exportFormat(file);
  const handle = await fs.open(path.resolve(file), 'wx', 0o644);
  let rows = 0;
  try {
    let token: string | undefined;
    let first = true;
    do {
      const page = await service.results(id, token, EXPORT_PAGE_SIZE);
      let chunk = first && format === 'csv' ? csvLine(page.columns.map((c) => c.name)) : '';
      first = false;
      for (const row of page.rows) chunk += format === 'csv' ? csvLine(row) : jsonLine(page.columns, row);
      await handle.write(chunk);
      rows += page.rows.length;
      token = page.nextToken;
    } while (token !== undefined);
  } finally {
    await handle.close();
  }
  return rows;
}
