// Parquet preview by ranged reads: the footer (schema, row groups) and only the first row group's
// column chunks, never the whole object. Works the same on a folder and on S3.
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { LakeError } from '../core/errors.js';
import type { Zone, ZoneStore } from '../core/zones.js';
import { cellText, type Preview, type PreviewLimits } from './preview.js';

// Spark footers are a few KiB; 64 KiB usually gets the whole footer in one request.
const FOOTER_FETCH = 64 * 1024;

/**
 * An AsyncBuffer over ranged reads, counting bytes fetched (shown as a note). An object no larger
 * than one footer fetch is read once and sliced in memory: one request instead of several.
 */
export function rangedBuffer(store: ZoneStore, zone: Zone, key: string, size: number, counter: { bytes: number }): AsyncBuffer {
  let whole: Promise<Uint8Array> | undefined;
  const fetch = async (start: number, end: number): Promise<Uint8Array> => {
    if (size <= FOOTER_FETCH) {
      whole ??= store.readRange(zone, key, 0, size).then((bytes) => {
        counter.bytes += bytes.length;
        return bytes;
      });
      return (await whole).subarray(start, end);
    }
    const bytes = await store.readRange(zone, key, start, end);
    counter.bytes += bytes.length;
    return bytes;
  };
  return {
    byteLength: size,
    slice: async (start: number, end?: number) => {
      const bytes = await fetch(start, end ?? size);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}

export function typeOf(node: SchemaTree): string {
  const e = node.element;
  if (node.children.length > 0) return e.logical_type?.type ?? e.converted_type ?? 'STRUCT';
  const logical = e.logical_type?.type;
  const base = logical && logical !== 'STRING' ? logical : e.converted_type === 'UTF8' || logical === 'STRING' ? 'STRING' : (e.type ?? '?');
  return e.converted_type === 'DECIMAL' ? `DECIMAL(${e.precision},${e.scale})` : base;
}

export async function parquetPreview(store: ZoneStore, zone: Zone, key: string, size: number, limits: PreviewLimits): Promise<Preview> {
  const fetched = { bytes: 0 };
  const file = rangedBuffer(store, zone, key, size, fetched);
  try {
    if (size < 12) throw new Error(`only ${size} bytes: too short to be Parquet`);
    const metadata = await parquetMetadataAsync(file, { initialFetchSize: FOOTER_FETCH });
    const schema = parquetSchema(metadata);
    const schemaRows = schema.children.map((c) => [c.element.name, typeOf(c), c.element.repetition_type === 'REQUIRED' ? 'no' : 'yes']);
    const totalRows = Number(metadata.num_rows);
    const rowEnd = Math.min(totalRows, limits.rows);
    const records = rowEnd > 0 ? await parquetReadObjects({ file, metadata, rowStart: 0, rowEnd, compressors }) : [];
    const columns = schema.children.map((c) => c.element.name);
    const rows = records.map((r) => columns.map((c) => cellText(r[c])));
    return {
      key,
      format: 'parquet',
      size,
      sections: [
        { kind: 'table', title: 'Schema', columns: ['column', 'type', 'nullable'], rows: schemaRows },
        { kind: 'table', title: 'First rows', columns, rows },
      ],
      notes: [
        `${rows.length} of ${totalRows} rows`,
        `${metadata.row_groups.length} row group(s)`,
        `read ${fetched.bytes} of ${size} bytes`,
      ],
    };
  } catch (error) {
    if (error instanceof LakeError) throw error;
    throw new LakeError('bad-input', `${zone}/${key} is not a readable Parquet file: ${(error as Error).message}`, { cause: error });
  }
}
