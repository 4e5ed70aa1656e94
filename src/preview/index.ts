// previewObject(): picks the reader by the object's name and reads as little as it can.
import { LakeError } from '../core/errors.js';
import type { Zone, ZoneStore } from '../core/zones.js';
import { csvPreview } from './csv.js';
import { jsonLinesPreview, jsonPreview } from './json.js';
import { parquetPreview } from './parquet.js';
import { DEFAULT_LIMITS, formatOf, type Preview, type PreviewLimits } from './preview.js';
import { readTextHead } from './text-head.js';

export type { Preview, PreviewSection, TableSection, LinesSection } from './preview.js';

export async function previewObject(store: ZoneStore, zone: Zone, key: string, limits: PreviewLimits = DEFAULT_LIMITS): Promise<Preview> {
  const info = await store.stat(zone, key);
  if (!info) throw new LakeError('not-found', `${zone}/${key} does not exist`);
  if (key.toLowerCase().endsWith('.gz')) {
    return { key, format: 'text', size: info.size, sections: [], notes: ['gzip-compressed object: download it to look inside'] };
  }
  const format = formatOf(key);
  if (format === 'parquet') return parquetPreview(store, zone, key, info.size, limits);
  const head = await readTextHead(store, zone, key, info.size, limits.headBytes);
  if (format === 'csv') return csvPreview(key, info.size, head, limits);
  if (format === 'jsonl') return jsonLinesPreview(key, info.size, head, limits);
  if (format === 'json') return jsonPreview(key, info.size, head, limits);
  const lines = head.text.split('\n').slice(0, limits.rows);
  return {
    key,
    format: 'text',
    size: info.size,
    sections: [{ kind: 'lines', title: 'Head', lines }],
    notes: [`first ${lines.length} lines`],
  };
}
