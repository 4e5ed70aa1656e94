// JSON preview: JSON lines as a table (the API pages in raw), a JSON document pretty-printed.
import { LakeError } from '../core/errors.js';
import { cellText, type Preview, type PreviewLimits } from './preview.js';
import type { TextHead } from './text-head.js';

export function jsonLinesPreview(key: string, size: number, head: TextHead, limits: PreviewLimits): Preview {
  const lines = head.text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, limits.rows);
  const records: Record<string, unknown>[] = [];
  const notes: string[] = [];
  lines.forEach((line, index) => {
    try {
      const value = JSON.parse(line);
      records.push(typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { value });
    } catch {
      notes.push(`line ${index + 1} is not valid JSON`);
    }
  });
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const rows = records.map((r) => columns.map((c) => cellText(r[c])));
  notes.push(`first ${records.length} records`);
  return { key, format: 'jsonl', size, sections: [{ kind: 'table', title: 'Records', columns, rows }], notes };
}

export function jsonPreview(key: string, size: number, head: TextHead, limits: PreviewLimits): Preview {
  if (!head.complete) {
    const lines = head.text.split('\n').slice(0, limits.rows * 4);
    return {
      key,
      format: 'json',
      size,
      sections: [{ kind: 'lines', title: 'Head', lines }],
      notes: ['document larger than the preview: showing its head as text'],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(head.text);
  } catch (error) {
    // Not one document: maybe JSON lines under a .json name.
    if (head.text.trim().split('\n').length > 1) return { ...jsonLinesPreview(key, size, head, limits), format: 'json' };
    throw new LakeError('bad-input', `${key} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const lines = JSON.stringify(value, null, 2).split('\n');
  const shown = lines.slice(0, limits.rows * 4);
  const notes = shown.length < lines.length ? [`first ${shown.length} of ${lines.length} lines`] : [];
  return { key, format: 'json', size, sections: [{ kind: 'lines', title: 'Document', lines: shown }], notes };
}
