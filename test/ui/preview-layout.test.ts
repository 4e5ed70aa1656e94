import { describe, expect, it } from 'vitest';
import type { Preview } from '../../src/preview/preview.js';
import { maxColumns, previewLines, previewSummary, stickyHeader } from '../../src/ui/panes/zones/preview-layout.js';

const csv: Preview = {
  key: 'covid_csv/ingest_date=2024-01-15/c.csv',
  format: 'csv',
  size: 2048,
  sections: [
    {
      kind: 'table',
      title: 'Rows',
      columns: ['ID de caso', 'Código DIVIPOLA', 'Nombre municipio'],
      rows: [
        ['1', '11001', 'BOGOTÁ'],
        ['2', '5001', 'MEDELLÍN'],
      ],
    },
  ],
  notes: ['all 2 rows'],
};

describe('preview layout', () => {
  it('aligns table columns with accented headers intact', () => {
    const lines = previewLines(csv, 80, 0);
    expect(lines.map((l) => l.style)).toEqual(['title', 'header', 'plain', 'plain']);
    expect(lines[1].text).toBe('ID de caso  Código DIVIPOLA  Nombre municipio');
    expect(lines[2].text).toBe('1           11001            BOGOTÁ          ');
  });

  it('scrolls tables sideways a column at a time and says which columns show', () => {
    const lines = previewLines(csv, 80, 1);
    expect(lines[0].text).toBe('Rows (columns 2–3 of 3)');
    expect(lines[1].text.startsWith('Código DIVIPOLA')).toBe(true);
    expect(previewLines(csv, 80, 9)[1].text.startsWith('Nombre municipio')).toBe(true);
    expect(maxColumns(csv)).toBe(3);
  });

  it('cuts lines to the width and caps very wide columns', () => {
    const wide: Preview = { ...csv, sections: [{ kind: 'table', title: 'Rows', columns: ['a', 'b'], rows: [['x'.repeat(100), 'y']] }] };
    const [, , row] = previewLines(wide, 20, 0);
    expect(row.text).toHaveLength(20);
    expect(row.text.endsWith('…')).toBe(true);
    expect(previewLines(wide, 200, 0)[2].text).toBe(`${'x'.repeat(31)}…  y`);
  });

  it('lays out Parquet schema and rows as two sections, JSON as lines', () => {
    const parquet: Preview = {
      key: 'cases/part-0.parquet',
      format: 'parquet',
      size: 10,
      notes: ['first 1 of 9 rows'],
      sections: [
        { kind: 'table', title: 'Schema', columns: ['column', 'type', 'nullable'], rows: [['case_id', 'INT64', 'no']] },
        { kind: 'table', title: 'First rows', columns: ['case_id'], rows: [['7']] },
      ],
    };
    expect(previewLines(parquet, 60, 0).map((l) => l.text.trim())).toEqual([
      'Schema',
      'column   type   nullable',
      'case_id  INT64  no',
      '',
      'First rows',
      'case_id',
      '7',
    ]);
    const json: Preview = {
      key: 'a.json',
      format: 'json',
      size: 9,
      notes: [],
      sections: [{ kind: 'lines', title: 'Document', lines: ['{', '', '}'] }],
    };
    expect(previewLines(json, 60, 0).map((l) => l.text)).toEqual(['Document', '{', ' ', '}']);
    expect(previewSummary(parquet)).toBe('parquet · 10 B · first 1 of 9 rows');
  });

  it('says so when there is nothing to show', () => {
    const empty: Preview = { key: 'a.gz', format: 'text', size: 5, sections: [], notes: ['gzip-compressed object'] };
    expect(previewLines(empty, 60, 0)).toEqual([{ text: 'Nothing to show for this object.', style: 'note' }]);
  });

  it('pins the column header while the rows scroll under it, not over another section', () => {
    const lines = previewLines({ ...csv, sections: [...csv.sections, { kind: 'lines', title: 'Head', lines: ['a', 'b'] }] }, 80, 0);
    // title, header, row 1, row 2, blank, Head, a, b
    expect(stickyHeader(lines, 0)).toBeUndefined();
    expect(stickyHeader(lines, 1)).toBeUndefined();
    expect(stickyHeader(lines, 2)?.text).toBe('ID de caso  Código DIVIPOLA  Nombre municipio');
    expect(stickyHeader(lines, 3)?.text).toBe('ID de caso  Código DIVIPOLA  Nombre municipio');
    expect(stickyHeader(lines, 4)).toBeUndefined();
    expect(stickyHeader(lines, 6)).toBeUndefined();
  });
});
