// Column widths for a result from the data on screen: each column as wide as its title or its
// widest loaded cell (capped), numbers right-aligned, and the window of columns that fits the
// width starting from the first one shown (←/→ moves that start over wide rows).
import type { Cell, ResultColumn } from '../../../core/query.js';
import type { TableColumn } from '../../components/WindowedTable.js';
import { displayWidth } from '../../text.js';

export const MAX_COLUMN_WIDTH = 40;
const NUMERIC = /^(tinyint|smallint|integer|int|bigint|hugeint|double|float|real|decimal|numeric)/i;

export function isNumeric(column: ResultColumn): boolean {
  return NUMERIC.test(column.type);
}

export function columnWidths(columns: readonly ResultColumn[], rows: readonly (readonly Cell[])[]): number[] {
  return columns.map((column, i) => {
    let width = displayWidth(column.name);
    for (const row of rows) width = Math.max(width, displayWidth(row[i] ?? 'NULL'));
    return Math.min(MAX_COLUMN_WIDTH, Math.max(4, width));
  });
}

/** The columns drawn from `first` on that fit in `width` (the row marker takes 2 cells, each gap 1). */
export function visibleColumns(
  columns: readonly ResultColumn[],
  widths: readonly number[],
  first: number,
  width: number,
): { index: number; column: TableColumn }[] {
  const shown: { index: number; column: TableColumn }[] = [];
  let used = 2;
  for (let i = first; i < columns.length; i++) {
    const gap = shown.length > 0 ? 1 : 0;
    const room = width - used - gap;
    if (room < 4) break;
    const w = Math.min(widths[i], room);
    shown.push({ index: i, column: { title: columns[i].name, width: w, align: isNumeric(columns[i]) ? 'right' : 'left' } });
    used += gap + w;
  }
  return shown;
}
