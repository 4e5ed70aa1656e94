// The console's preview: CSV, TSV, JSON lines and Parquet open with a RowPager over their rows
// (the last table of the preview, read on demand as the view scrolls through the whole object);
// every other object gets the one-shot preview.
import { LakeError } from '../core/errors.js';
import type { Zone, ZoneStore } from '../core/zones.js';
import { previewObject } from './index.js';
import { ParquetRowPager } from './parquet-row-pager.js';
import { formatOf, type Preview } from './preview.js';
import type { RowPager } from './row-pager.js';
import { TextRowPager } from './text-row-pager.js';

export interface PagedPreview {
  preview: Preview;
  /** Reads the rows of the preview's last table (marked `paged`), when it has one. */
  pager?: RowPager;
  /** The first rows, read while opening. */
  first: string[][];
}

export async function openPagedPreview(store: ZoneStore, zone: Zone, key: string, firstRows: number): Promise<PagedPreview> {
  const info = await store.stat(zone, key);
  if (!info) throw new LakeError('not-found', `${zone}/${key} does not exist`);
  const format = formatOf(key);
  const gzip = key.toLowerCase().endsWith('.gz');
  if (!gzip && format === 'parquet') {
    const pager = await ParquetRowPager.open(store, zone, key, info.size);
    const first = await pager.rows(0, firstRows);
    const sections: Preview['sections'] = [
      { kind: 'table', title: 'Schema', columns: ['column', 'type', 'nullable'], rows: pager.schema },
      { kind: 'table', title: 'Rows', columns: [...pager.columns], rows: [], paged: true },
    ];
    return { preview: { key, format, size: info.size, sections, notes: [`${pager.rowGroups} row group(s)`] }, pager, first };
  }
  if (!gzip && (format === 'csv' || format === 'jsonl')) {
    const text = format === 'jsonl' ? 'jsonl' : key.toLowerCase().endsWith('.tsv') ? 'tsv' : 'csv';
    const { pager, first } = await TextRowPager.open(store, zone, key, info.size, text, firstRows);
    if (pager.columns.length === 0 && pager.total === 0) {
      return {
        preview: {
          key,
          format,
          size: info.size,
          sections: [{ kind: 'lines', title: 'Empty file', lines: [] }],
          notes: ['the object holds no rows'],
        },
        first: [],
      };
    }
    const title = format === 'jsonl' ? 'Records' : 'Rows';
    return {
      preview: {
        key,
        format,
        size: info.size,
        sections: [{ kind: 'table', title, columns: [...pager.columns], rows: [], paged: true }],
        notes: [],
      },
      pager,
      first,
    };
  }
  return { preview: await previewObject(store, zone, key), first: [] };
}
