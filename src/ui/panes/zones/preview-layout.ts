// Lays a preview out as screen lines: a title per section, tables as aligned columns that scroll
// sideways a column at a time, plain lines as they are. Pure, so scrolling is just an offset.
import type { Preview, PreviewSection } from '../../../preview/preview.js';
import { formatBytes } from '../../format.js';
import { displayWidth, fit, truncate } from '../../text.js';

export type LineStyle = 'title' | 'header' | 'plain' | 'note';

export interface DocLine {
  text: string;
  style: LineStyle;
}

const MAX_COLUMN = 32;
const GAP = '  ';

export function columnWidths(columns: readonly string[], rows: readonly string[][]): number[] {
  return columns.map((title, c) => {
    let width = displayWidth(title);
    for (const row of rows) width = Math.max(width, displayWidth(row[c] ?? ''));
    return Math.min(MAX_COLUMN, Math.max(1, width));
  });
}

export function tableLine(cells: readonly string[], widths: number[], fromColumn: number, width: number): string {
  const parts: string[] = [];
  for (let c = fromColumn; c < widths.length; c++) parts.push(fit(cells[c] ?? '', widths[c]));
  return truncate(parts.join(GAP), width);
}

function sectionLines(section: PreviewSection, width: number, fromColumn: number, pagedWidths?: number[]): DocLine[] {
  if (section.kind === 'lines') {
    const lines: DocLine[] = [{ text: section.title, style: 'title' }];
    // Ink gives an empty <Text> no height: a blank line is a space.
    for (const line of section.lines) lines.push({ text: truncate(line, width) || ' ', style: 'plain' });
    return lines;
  }
  // A paged table's rows are drawn apart (rowLine), with widths measured on the rows read so far.
  const widths = section.paged && pagedWidths ? pagedWidths : columnWidths(section.columns, section.rows);
  const first = Math.min(fromColumn, Math.max(0, section.columns.length - 1));
  const hidden = first > 0 ? ` (columns ${first + 1}–${section.columns.length} of ${section.columns.length})` : '';
  return [
    { text: `${section.title}${hidden}`, style: 'title' },
    { text: tableLine(section.columns, widths, first, width), style: 'header' },
    ...section.rows.map((row) => ({ text: tableLine(row, widths, first, width), style: 'plain' as const })),
  ];
}

/**
 * Every line of the preview for a body `width` wide, tables starting at column `fromColumn`; of a
 * paged table (always the last section) its title and header, its rows being drawn by rowLine.
 */
export function previewLines(preview: Preview, width: number, fromColumn: number, pagedWidths?: number[]): DocLine[] {
  const lines: DocLine[] = [];
  preview.sections.forEach((section, index) => {
    if (index > 0) lines.push({ text: ' ', style: 'plain' });
    lines.push(...sectionLines(section, width, fromColumn, pagedWidths));
  });
  if (preview.sections.length === 0) lines.push({ text: 'Nothing to show for this object.', style: 'note' });
  return lines;
}

/** One row of a paged table, laid out as the table's header is (`first` as in previewLines). */
export function rowLine(cells: readonly string[], widths: number[], fromColumn: number, width: number): DocLine {
  const first = Math.min(fromColumn, Math.max(0, widths.length - 1));
  return { text: tableLine(cells, widths, first, width) || ' ', style: 'plain' };
}

/** Column widths grown to fit `rows` too (they never shrink as the view moves on). */
export function grownWidths(widths: readonly number[], columns: readonly string[], rows: readonly string[][]): number[] {
  const fitted = columnWidths(columns, rows);
  return fitted.map((w, c) => Math.max(w, widths[c] ?? 0));
}

/** `csv · 1.2 MiB · first 50 rows` */
export function previewSummary(preview: Preview): string {
  return [preview.format, formatBytes(preview.size), ...preview.notes].join(' · ');
}

/** Widest number of columns among the tables (how far sideways scrolling goes). */
export function maxColumns(preview: Preview): number {
  return Math.max(1, ...preview.sections.map((s) => (s.kind === 'table' ? s.columns.length : 1)));
}

/**
 * The column header to pin when the view starts at line `top`: the header of the table whose
 * rows are on screen, once it has scrolled away (a sticky header). None otherwise. Pinned, it
 * takes the place of line `top`: rows slide under it one line per step, and the last line of
 * the preview still ends the last page.
 */
export function stickyHeader(lines: readonly DocLine[], top: number): DocLine | undefined {
  if (lines[top]?.style !== 'plain') return undefined;
  // The blank line before the next section: no row of this table is on screen any more.
  if (lines[top + 1]?.style === 'title') return undefined;
  for (let at = top - 1; at >= 0; at--) {
    const style = lines[at].style;
    if (style === 'header') return lines[at];
    if (style === 'title') return undefined;
  }
  return undefined;
}
