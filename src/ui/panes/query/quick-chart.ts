// The quick chart of the Query pane: a horizontal bar chart of a numeric column against a label
// column of the rows loaded so far, as plain lines fitted to the pane (pure, tested without
// rendering). Long labels lose their middle, every bar carries its value, negative values grow
// left of a zero axis, a NULL value shows as NULL with no bar.
import type { Cell, ResultColumn } from '../../../core/query.js';
import { displayWidth, fit, shortenMiddle } from '../../text.js';

/** Engine type names (DuckDB's and Athena's) of columns a bar can measure. */
const NUMERIC = /^(tinyint|smallint|integer|int|bigint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint|double|float|real|decimal)\b/i;

export function isNumericColumn(column: ResultColumn): boolean {
  return NUMERIC.test(column.type.trim());
}

export interface ChartPick {
  /** Index of the label column (undefined: rows are labelled by their number). */
  label?: number;
  /** Index of the numeric column the bars measure. */
  value: number;
}

/** First text (non-numeric) column against the first numeric one; undefined when nothing is numeric. */
export function defaultPick(columns: readonly ResultColumn[]): ChartPick | undefined {
  const value = columns.findIndex(isNumericColumn);
  if (value === -1) return undefined;
  const label = columns.findIndex((c) => !isNumericColumn(c));
  return { label: label === -1 ? undefined : label, value };
}

/** The next numeric column after the current one (wrapping). */
export function nextValue(columns: readonly ResultColumn[], pick: ChartPick): ChartPick {
  const numeric = columns.map((c, i) => (isNumericColumn(c) ? i : -1)).filter((i) => i !== -1);
  const at = numeric.indexOf(pick.value);
  return { ...pick, value: numeric[(at + 1) % numeric.length] };
}

/** The next label column (any column but the measured one; after the last, the row number). */
export function nextLabel(columns: readonly ResultColumn[], pick: ChartPick): ChartPick {
  const candidates = columns.map((_, i) => i).filter((i) => i !== pick.value);
  const at = pick.label === undefined ? -1 : candidates.indexOf(pick.label);
  return { ...pick, label: at + 1 < candidates.length ? candidates[at + 1] : undefined };
}

export interface ChartInput {
  columns: readonly ResultColumn[];
  rows: readonly (readonly Cell[])[];
  pick: ChartPick;
  /** True when the result has rows beyond those loaded (the chart says "first N rows"). */
  more: boolean;
  width: number;
  height: number;
  /** Index of the first bar shown (the chart scrolls when there are more bars than lines). */
  offset: number;
}

function numberOf(cell: Cell): number | null {
  if (cell === null || cell.trim() === '') return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
}

/** The value as the bar's caption: the engine's text, shortened when it carries many digits. */
function caption(cell: Cell, value: number | null): string {
  if (value === null) return 'NULL';
  const text = cell ?? '';
  return text.length <= 12 ? text : String(Number(value.toPrecision(6)));
}

/** One bar `area` cells wide; with an axis, cell `zero` shows it where no bar covers it. */
function barCells(value: number | null, span: number, area: number, zero: number, axis: boolean): string {
  const cells = Array<string>(area).fill(' ');
  if (axis) cells[zero] = '│';
  if (value === null || value === 0) return cells.join('');
  // A value that is not zero always shows at least one cell.
  const length = Math.max(1, Math.round((Math.abs(value) / span) * area));
  if (value < 0) for (let k = Math.max(0, zero - length); k < zero; k++) cells[k] = '█';
  else for (let k = zero; k < Math.min(area, zero + length); k++) cells[k] = '█';
  return cells.join('');
}

/** The chart's lines: a title, then one bar per row from `offset`, at most `height` lines in all. */
export function barChart(input: ChartInput): string[] {
  const { columns, rows, pick, more, width, height } = input;
  const valueName = columns[pick.value]?.name ?? '?';
  const labelName = pick.label === undefined ? 'row' : columns[pick.label].name;
  const extent = more ? `first ${rows.length} rows` : `all ${rows.length} rows`;
  const title = `${valueName} by ${labelName} · ${extent}`;
  if (rows.length === 0) return [fit(title, width), 'no rows to chart'];
  const barsShown = Math.max(1, height - 1);
  const offset = Math.max(0, Math.min(input.offset, rows.length - barsShown));
  const shown = rows.slice(offset, offset + barsShown);

  const values = rows.map((row) => numberOf(row[pick.value]));
  const known = values.filter((v): v is number => v !== null);
  const low = Math.min(0, ...known);
  const high = Math.max(0, ...known);
  const labels = shown.map((row, i) => (pick.label === undefined ? String(offset + i + 1) : (row[pick.label] ?? 'NULL')));
  const captions = shown.map((row, i) => caption(row[pick.value], values[offset + i]));
  const captionWidth = Math.max(...captions.map(displayWidth));
  const labelWidth = Math.max(1, Math.min(Math.max(...labels.map(displayWidth)), Math.floor(width * 0.35)));
  // label, space, bar area, space, value
  const area = Math.max(4, width - labelWidth - captionWidth - 2);
  const span = high - low || 1;
  // Negative bars grow left of the zero axis, positive ones right of it.
  const zero = low < 0 ? Math.min(area - 1, Math.round((-low / span) * area)) : 0;

  const lines = [fit(`${title}${rows.length > barsShown ? ` · bars ${offset + 1}–${offset + shown.length}` : ''}`, width)];
  shown.forEach((_, i) => {
    const bar = barCells(values[offset + i], span, area, zero, low < 0);
    lines.push(`${fit(shortenMiddle(labels[i], labelWidth), labelWidth)} ${bar} ${fit(captions[i], captionWidth, 'right')}`);
  });
  return lines;
}
