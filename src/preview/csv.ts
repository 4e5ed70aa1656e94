// CSV preview: the first rows as a table, headers as written (accents intact).
import { parse } from 'csv-parse/sync';
import { LakeError } from '../core/errors.js';
import type { Preview, PreviewLimits } from './preview.js';
import type { TextHead } from './text-head.js';

export function csvPreview(key: string, size: number, head: TextHead, limits: PreviewLimits): Preview {
  const delimiter = key.toLowerCase().endsWith('.tsv') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(head.text, { delimiter, relax_column_count: true, skip_empty_lines: true, to_line: limits.rows + 1 });
  } catch (error) {
    const message = (error as Error).message;
    const truncated = /quote|Quote/.test(message) && head.complete;
    throw new LakeError('bad-input', `${key} is not well-formed CSV${truncated ? ' (truncated inside a quoted field?)' : ''}: ${message}`, {
      cause: error,
    });
  }
  if (records.length === 0) {
    return { key, format: 'csv', size, sections: [{ kind: 'lines', title: 'Empty file', lines: [] }], notes: ['the object holds no rows'] };
  }
  const [columns, ...rows] = records;
  const notes: string[] = [];
  const ragged = rows.filter((r) => r.length !== columns.length).length;
  if (ragged > 0) notes.push(`${ragged} of the first ${rows.length} rows do not have ${columns.length} fields`);
  notes.push(head.complete && rows.length < limits.rows ? `all ${rows.length} rows` : `first ${rows.length} rows`);
  return { key, format: 'csv', size, sections: [{ kind: 'table', title: 'Rows', columns, rows }], notes };
}
