// The pure parts behind the Ingestion pane and `lakedeck ingest`: progress text that always fits,
// table cells per outcome, navigation, and the detail wrapping.
import { describe, expect, it } from 'vitest';
import type { IngestRun } from '../../src/core/ingestion.js';
import { bar, progressText, runOutcomeText } from '../../src/format/ingest.js';
import { INITIAL_NAV, navReducer } from '../../src/ui/panes/ingestion/ingestion-nav.js';
import { historyCells, lastRuns, runDetailRows, sourceCells, wrapLines } from '../../src/ui/panes/ingestion/ingestion-rows.js';

const run = (over: Partial<IngestRun>): IngestRun => ({
  runId: 'covid_csv-20240115_120000_000-abcd',
  source: 'covid_csv',
  origin: 'https://x.test/c.csv',
  outcome: 'ingested',
  key: 'covid_csv/ingest_date=2024-01-15/covid_csv_20240115_120000.csv',
  bytes: 1536,
  rows: 1200,
  sha256: 'f'.repeat(64),
  startedAt: '2024-01-15T12:00:00.000Z',
  endedAt: '2024-01-15T12:00:02.500Z',
  ...over,
});

describe('progress text', () => {
  it.each([40, 60, 80, 120])('fits %i columns with a bar, a percentage and the sizes', (columns) => {
    const text = progressText(
      { source: 'departments', phase: 'downloading', bytes: 512 * 1024, totalBytes: 2 * 1024 * 1024 },
      1024 * 1024,
      columns,
    );
    expect(text.length).toBeLessThanOrEqual(columns);
    expect(text).toContain('25%');
    expect(text).toContain('512 KiB / 2.0 MiB');
    if (columns >= 60) expect(text).toMatch(/\[#+\.+\]/);
  });
  it('shows bytes without a bar when the size is unknown, and says so while retrying', () => {
    expect(progressText({ source: 'covid_api', phase: 'downloading', bytes: 3 * 1024 * 1024 }, 0, 80)).toBe('covid_api   3.0 MiB');
    expect(progressText({ source: 'covid_api', phase: 'retrying', bytes: 0, detail: 'HTTP 429; trying again in 2.0 s' }, 0, 80)).toBe(
      'covid_api   retrying: HTTP 429; trying again in 2.0 s',
    );
    expect(bar(0.5, 10)).toBe('[#####.....]');
    expect(bar(2, 4)).toBe('[####]');
  });
});

describe('run rows', () => {
  it('says what each outcome did, in words', () => {
    expect(runOutcomeText(run({}))).toBe('1.5 KiB, 1,200 rows → raw/covid_csv/ingest_date=2024-01-15/covid_csv_20240115_120000.csv');
    expect(runOutcomeText(run({ outcome: 'duplicate', key: undefined, duplicateOf: 'covid_csv-x' }))).toBe(
      '1.5 KiB, 1,200 rows, same content as covid_csv-x: nothing written',
    );
    expect(runOutcomeText(run({ outcome: 'duplicate', key: undefined, note: 'no rows after w' }))).toBe('no rows after w: nothing written');
    expect(historyCells(run({ outcome: 'failed', key: undefined, bytes: 0, rows: 0, error: 'HTTP 500' })).slice(1)).toEqual([
      'covid_csv',
      'failed',
      '0 B',
      '0',
      '2.5 s',
      'HTTP 500',
    ]);
  });
  it('finds each source’s newest run and ages it', () => {
    const runs = [run({ runId: 'b', endedAt: '2024-01-15T12:05:00.000Z' }), run({ runId: 'a' }), run({ runId: 'c', source: 'divipola' })];
    expect([...lastRuns(runs)].map(([source, r]) => [source, r.runId])).toEqual([
      ['covid_csv', 'b'],
      ['divipola', 'c'],
    ]);
    const info = { name: 'covid_csv' as const, origin: 'https://x.test/c.csv', description: '' };
    expect(sourceCells(info, runs[0], Date.parse('2024-01-15T12:08:00.000Z'))).toEqual([
      'covid_csv',
      'ingested 3m ago',
      'https://x.test/c.csv',
    ]);
    expect(sourceCells(info, undefined, 0)[1]).toBe('never run');
  });
  it('lists the whole record in the details and wraps long lines instead of hiding them', () => {
    const rows = runDetailRows(run({ outcome: 'failed', error: 'x'.repeat(60), watermark: '2020-03-06T00:00:00.000' }), 50);
    expect(rows.slice(0, 4)).toEqual([
      { field: 'run', value: 'covid_csv-20240115_120000_000-abcd · 2.5 s' },
      { field: 'outcome', value: 'failed' },
      { field: 'error', value: 'x'.repeat(50) },
      { field: '', value: 'x'.repeat(10) },
    ]);
    expect(rows).toContainEqual({ field: 'watermark', value: '2020-03-06T00:00:00.000' });
    expect(rows).toContainEqual({ field: 'started', value: '2024-01-15T12:00:00.000Z' });
    for (const row of rows) expect(row.value.length).toBeLessThanOrEqual(50);
    expect(wrapLines(['abcdefghij', ''], 4)).toEqual(['abcd', 'efgh', 'ij', '']);
  });
});

describe('pane navigation', () => {
  it('moves the cursor of the focused list only, and keeps a pending question', () => {
    let nav = navReducer(INITIAL_NAV, { type: 'move', delta: 2, height: 4, total: 4 });
    expect(nav.sources.cursor).toBe(2);
    nav = navReducer(nav, { type: 'focus', focus: 'history' });
    nav = navReducer(nav, { type: 'move', delta: 5, height: 3, total: 10 });
    expect([nav.sources.cursor, nav.history.cursor, nav.history.offset]).toEqual([2, 5, 3]);
    nav = navReducer(nav, { type: 'jump', to: 'bottom', height: 3, total: 10 });
    expect(nav.history).toEqual({ cursor: 9, offset: 7 });
    nav = navReducer(navReducer(nav, { type: 'detail', open: true }), { type: 'focus', focus: 'sources' });
    expect(nav.detail).toBe(false);
    nav = navReducer(nav, { type: 'confirm', source: 'divipola' });
    expect(nav.confirming).toBe('divipola');
    expect(navReducer(nav, { type: 'dismiss' }).confirming).toBeUndefined();
  });
});
