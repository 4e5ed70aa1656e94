// Pure row rendering for the Zones pane (k9s `render` style): what each column says for a zone,
// a prefix, a `key=value` partition or an object, and which columns fit the width.
import type { PrefixSummary, Zone, ZoneEntry } from '../../../core/zones.js';
import { formatBytes, formatCount, formatDateTime } from '../../format.js';
import type { SummaryState } from './summary-loader.js';
import type { Segment } from '../../text.js';

/**
 * A row: a listing entry as the store returned it (no copy, a prefix may hold 100 000), or at
 * the root one of the zones.
 */
export type ZoneRow = ZoneEntry | { kind: 'zone'; key: ''; name: Zone; size?: undefined; modified?: undefined };

export type ColumnId = 'name' | 'type' | 'size' | 'objects' | 'modified';

export interface ZoneColumn {
  id: ColumnId;
  title: string;
  width: number;
  align: 'left' | 'right';
}

export function rootRow(zone: Zone): ZoneRow {
  return { kind: 'zone', key: '', name: zone };
}

/** The zone a row is in: its own name at the root, else the zone being listed. */
export function rowZone(row: ZoneRow, listed: Zone | undefined): Zone {
  return row.kind === 'zone' ? row.name : (listed as Zone);
}

/** `ingest_date=2024-01-02` → its column and value; undefined for an ordinary name. */
export function partitionOf(name: string): { column: string; value: string } | undefined {
  const match = /^([A-Za-z_][\w-]*)=(.*)$/.exec(name);
  return match ? { column: match[1], value: match[2] } : undefined;
}

export function rowType(row: ZoneRow): string {
  if (row.kind === 'zone') return 'zone';
  if (row.kind === 'prefix') return partitionOf(row.name) ? 'partition' : 'folder';
  const ext = /\.([A-Za-z0-9]+)$/.exec(row.name)?.[1]?.toLowerCase();
  return ext && ext.length <= 8 ? ext : 'object';
}

/** The name cell: folders end in '/', a partition's `column=` part is muted. */
export function nameSegments(row: ZoneRow): Segment[] {
  if (row.kind === 'object') return [{ text: row.name }];
  if (row.kind === 'zone') return [{ text: `${row.name}/` }];
  const partition = partitionOf(row.name);
  if (!partition) return [{ text: `${row.name}/` }];
  return [{ text: `${partition.column}=`, muted: true }, { text: `${partition.value}/` }];
}

const FIXED: Omit<ZoneColumn, 'width'>[] = [
  { id: 'type', title: 'TYPE', align: 'left' },
  { id: 'size', title: 'SIZE', align: 'right' },
  { id: 'objects', title: 'OBJECTS', align: 'right' },
  { id: 'modified', title: 'MODIFIED', align: 'left' },
];
const WIDTHS: Record<Exclude<ColumnId, 'name'>, number> = { type: 9, size: 10, objects: 9, modified: 16 };
const MIN_NAME = 16;

/** Columns for a table `width` cells wide (2 of them for the cursor marker); narrow drops detail. */
export function zoneColumns(width: number): ZoneColumn[] {
  const order: Exclude<ColumnId, 'name'>[] = ['type', 'size', 'objects', 'modified'];
  let kept = order;
  const cost = (ids: typeof order): number => ids.reduce((sum, id) => sum + WIDTHS[id] + 1, 2);
  // Drop the least useful columns first until the name keeps a readable width.
  for (const drop of ['modified', 'objects', 'type'] as const) {
    if (width - cost(kept) >= MIN_NAME) break;
    kept = kept.filter((id) => id !== drop);
  }
  const name: ZoneColumn = { id: 'name', title: 'NAME', width: Math.max(1, width - cost(kept)), align: 'left' };
  return [
    name,
    ...FIXED.filter((c) => kept.includes(c.id as Exclude<ColumnId, 'name'>)).map((c) => ({
      ...c,
      width: WIDTHS[c.id as Exclude<ColumnId, 'name'>],
    })),
  ];
}

function summaryCell(state: SummaryState | undefined, pick: (s: PrefixSummary) => string): string {
  if (!state) return '';
  if (state.status === 'loading') return '…';
  if (state.status === 'error') return '?';
  return pick(state.summary);
}

/** Text of one cell; prefix totals come from the lazily loaded summary. */
export function cellText(row: ZoneRow, column: ColumnId, summary: SummaryState | undefined): string {
  const isObject = row.kind === 'object';
  switch (column) {
    case 'name':
      return nameSegments(row)
        .map((s) => s.text)
        .join('');
    case 'type':
      return rowType(row);
    case 'size':
      if (isObject) return row.size === undefined ? '' : formatBytes(row.size);
      return summaryCell(summary, (s) => formatBytes(s.bytes));
    case 'objects':
      return isObject ? '' : summaryCell(summary, (s) => formatCount(s.objects));
    case 'modified':
      if (isObject) return row.modified ? formatDateTime(row.modified) : '';
      return summaryCell(summary, (s) => (s.lastModified ? formatDateTime(s.lastModified) : '-'));
  }
}
