// What the console and `lakedeck preview` show for one object: a few titled sections (tables or
// plain lines) plus notes about what was left out or could not be read.

export interface TableSection {
  kind: 'table';
  title: string;
  columns: string[];
  rows: string[][];
  /** Its rows are not in `rows`: they are read on demand (see RowPager) as the view needs them. */
  paged?: boolean;
}

export interface LinesSection {
  kind: 'lines';
  title: string;
  lines: string[];
}

export type PreviewSection = TableSection | LinesSection;

export type PreviewFormat = 'csv' | 'parquet' | 'json' | 'jsonl' | 'text';

export interface Preview {
  key: string;
  format: PreviewFormat;
  size: number;
  sections: PreviewSection[];
  /** e.g. "first 50 of 700 rows", "3 rows have extra fields". */
  notes: string[];
}

export interface PreviewLimits {
  /** Rows (or lines) shown at most. */
  rows: number;
  /** Bytes read from the head of text objects. */
  headBytes: number;
}

export const DEFAULT_LIMITS: PreviewLimits = { rows: 50, headBytes: 256 * 1024 };

export function formatOf(key: string): PreviewFormat {
  const name = key.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  if (name.endsWith('.parquet') || /\/part-[^/]*\.snappy$/.test(name)) return 'parquet';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.json')) return 'json';
  return 'text';
}

/** Cell text for any value a reader hands back (dates, bigints, nested objects). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString().replace('T00:00:00.000Z', '');
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}
