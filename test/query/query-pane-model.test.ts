// The Query pane's pure parts without rendering: its key table (focus areas, disabled reasons),
// the export writer (RFC 4180 quoting, page by page, never overwriting), the history list, the
// column layout over wide rows, the editor's key transitions and the named-query snippets.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Key } from 'ink';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueryService, ResultPage } from '../../src/core/query.js';
import { hints, resolveKey, type Binding } from '../../src/ui/shell/bindings.js';
import { NO_KEY } from '../../src/ui/shell/shell-input.js';
import { editorKey } from '../../src/ui/panes/query/editor-keys.js';
import { namedSnippets } from '../../src/ui/panes/query/named-snippets.js';
import { queryBindings, type QueryKeysActions, type QueryKeysState } from '../../src/ui/panes/query/query-bindings.js';
import { csvLine, exportResult } from '../../src/ui/panes/query/query-export.js';
import { HISTORY_LIMIT, loadHistory, saveHistory, withQuery } from '../../src/ui/panes/query/query-history.js';
import { columnWidths, visibleColumns } from '../../src/ui/panes/query/result-columns.js';
import { bufferText, emptyBuffer } from '../../src/ui/panes/query/sql-buffer.js';

const group = (bindings: Binding[]) => [{ title: 'Pane', bindings }];
const actions = (): QueryKeysActions => ({
  run: vi.fn(),
  cancel: vi.fn(),
  complete: vi.fn(),
  switchFocus: vi.fn(),
  snippets: vi.fn(),
  move: vi.fn(),
  scrollColumns: vi.fn(),
  openRow: vi.fn(),
  closeRow: vi.fn(),
  askExport: vi.fn(),
  chart: vi.fn(),
  chartValue: vi.fn(),
  chartLabel: vi.fn(),
  scrollChart: vi.fn(),
});
const idle: QueryKeysState = { focus: 'results', running: false, hasResult: false, rows: 0, detailOpen: false, chartOpen: false };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lakedeck-query-model-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('Query pane bindings', () => {
  it('say why cancel and export cannot act before a query, and hint the editor switch', () => {
    const table = queryBindings(idle, actions());
    expect(resolveKey(group(table), 'x')?.disabledReason).toBe('no query is running');
    expect(resolveKey(group(table), 'e')?.disabledReason).toBe('no finished result to export');
    expect(resolveKey(group(table), 'enter')?.disabledReason).toBe('no rows to show');
    expect(hints(group(table)).map((h) => h.label)).toContain('editor');
  });

  it('cancel while running, refuse a second run, and page with the cursor', () => {
    const a = actions();
    const table = queryBindings({ ...idle, running: true, rows: 100 }, a);
    resolveKey(group(table), 'x')?.handler();
    expect(a.cancel).toHaveBeenCalled();
    expect(resolveKey(group(table), 'ctrl-r')?.disabledReason).toMatch(/a query is running/);
    resolveKey(group(table), 'pgdn')?.handler();
    expect(a.move).toHaveBeenCalledWith(10);
  });

  it('open the chart on c once rows are there; in the chart, n, t and the arrows change and scroll it', () => {
    expect(resolveKey(group(queryBindings(idle, actions())), 'c')?.disabledReason).toBe('no rows to show');
    const a = actions();
    resolveKey(group(queryBindings({ ...idle, hasResult: true, rows: 5 }, a)), 'c')?.handler();
    expect(a.chart).toHaveBeenCalled();
    const table = queryBindings({ ...idle, hasResult: true, rows: 5, chartOpen: true }, a);
    resolveKey(group(table), 'n')?.handler();
    resolveKey(group(table), 't')?.handler();
    resolveKey(group(table), 'down')?.handler();
    resolveKey(group(table), 'esc')?.handler();
    expect(a.chartValue).toHaveBeenCalled();
    expect(a.chartLabel).toHaveBeenCalled();
    expect(a.scrollChart).toHaveBeenCalledWith(1);
    expect(a.chart).toHaveBeenCalledTimes(2);
    expect(hints(group(table)).map((h) => h.label)).toEqual(['number col', 'label col', 'table']);
  });

  it('in the editor, hint run, complete and the switch to the results', () => {
    const table = queryBindings({ ...idle, focus: 'editor' }, actions());
    expect(hints(group(table)).map((h) => h.label)).toEqual(['run', 'complete', 'results', 'named']);
  });
});

function pagedService(pages: ResultPage[]): QueryService & { calls: (string | undefined)[] } {
  const calls: (string | undefined)[] = [];
  return {
    engine: 'duckdb',
    calls,
    tables: async () => [],
    start: async () => 'q',
    status: async () => ({ id: 'q', state: 'SUCCEEDED' }),
    cancel: async () => {},
    results: async (_id, token) => {
      calls.push(token);
      return pages[token === undefined ? 0 : Number(token)];
    },
  };
}

describe('Query export', () => {
  const columns = [
    { name: 'name', type: 'varchar' },
    { name: 'n', type: 'bigint' },
  ];
  const pages: ResultPage[] = [
    {
      columns,
      rows: [
        ['a, "b"', '1'],
        [null, '2'],
      ],
      nextToken: '1',
    },
    { columns, rows: [['line\nbreak', '3']] },
  ];

  it('quotes CSV fields that need it and writes NULL as an empty field', () => {
    expect(csvLine(['a, "b"', null, 'plain'])).toBe('"a, ""b""",,plain\n');
  });

  it('streams every page to CSV, then to JSON lines, asking page after page', async () => {
    const service = pagedService(pages);
    const csv = path.join(dir, 'out.csv');
    expect(await exportResult(service, 'q', csv)).toBe(3);
    expect(service.calls).toEqual([undefined, '1']);
    expect(await readFile(csv, 'utf8')).toBe('name,n\n"a, ""b""",1\n,2\n"line\nbreak",3\n');
    const jsonl = path.join(dir, 'out.jsonl');
    await exportResult(pagedService(pages), 'q', jsonl);
    expect(
      (await readFile(jsonl, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { name: 'a, "b"', n: '1' },
      { name: null, n: '2' },
      { name: 'line\nbreak', n: '3' },
    ]);
  });

  it('never overwrites an existing file', async () => {
    const file = path.join(dir, 'kept.csv');
    await writeFile(file, 'mine');
    await expect(exportResult(pagedService(pages), 'q', file)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(file, 'utf8')).toBe('mine');
  });
});

describe('Query history', () => {
  it('moves a repeat to the end, keeps at most the limit, and survives a round trip', async () => {
    expect(withQuery(['a', 'b'], ' a ')).toEqual(['b', 'a']);
    const many = Array.from({ length: HISTORY_LIMIT + 5 }, (_, i) => `q${i}`);
    expect(withQuery(many, 'last')).toHaveLength(HISTORY_LIMIT);
    const file = path.join(dir, 'state', 'history.json');
    await saveHistory(file, ['SELECT 1;']);
    expect(await loadHistory(file)).toEqual(['SELECT 1;']);
    await writeFile(file, 'not json');
    expect(await loadHistory(file)).toEqual([]);
  });
});

describe('Result columns', () => {
  it('size columns from the data and show those that fit from the first one scrolled to', () => {
    const columns = [
      { name: 'department_name', type: 'varchar' },
      { name: 'cases', type: 'bigint' },
      { name: 'note', type: 'varchar' },
    ];
    const widths = columnWidths(columns, [['Bogotá D.C.', '123456', 'x'.repeat(90)]]);
    expect(widths).toEqual([15, 6, 40]);
    const all = visibleColumns(columns, widths, 0, 80);
    expect(all.map((c) => c.column.align)).toEqual(['left', 'right', 'left']);
    expect(visibleColumns(columns, widths, 0, 26).map((c) => c.index)).toEqual([0, 1]);
    expect(visibleColumns(columns, widths, 0, 30)[2].column.width).toBe(5);
    expect(visibleColumns(columns, widths, 1, 30)[0].index).toBe(1);
  });
});

const key = (over: Partial<Key> = {}): Key => ({ ...NO_KEY, ...over });

describe('Editor keys', () => {
  it('type a pasted chunk, erase, move and undo', () => {
    let buffer = editorKey(emptyBuffer(), 'SELECT 1', key())!;
    buffer = editorKey(buffer, '', key({ return: true }))!;
    buffer = editorKey(buffer, 'FROM x', key())!;
    expect(bufferText(buffer)).toBe('SELECT 1\nFROM x');
    buffer = editorKey(buffer, '', key({ delete: true }))!;
    expect(bufferText(buffer)).toBe('SELECT 1\nFROM ');
    buffer = editorKey(buffer, 'z', key({ ctrl: true }))!;
    expect(bufferText(buffer)).toBe('SELECT 1\nFROM x');
    expect(editorKey(buffer, 'q', key({ ctrl: true }))).toBeUndefined();
  });

  it('kill as readline does: Ctrl-W the word before, Ctrl-U to the line start, Ctrl-K to its end; each undoes', () => {
    let buffer = editorKey(emptyBuffer(), 'SELECT count(*) FROM covid_cases', key())!;
    buffer = editorKey(buffer, 'w', key({ ctrl: true }))!;
    expect(bufferText(buffer)).toBe('SELECT count(*) FROM ');
    buffer = editorKey(buffer, 'w', key({ ctrl: true }))!;
    expect(bufferText(buffer)).toBe('SELECT count(*) ');
    buffer = editorKey(buffer, '', key({ return: true }))!;
    buffer = editorKey(buffer, 'FROM t WHERE x', key())!;
    for (let i = 0; i < 8; i++) buffer = editorKey(buffer, '', key({ leftArrow: true }))!;
    buffer = editorKey(buffer, 'k', key({ ctrl: true }))!;
    expect(bufferText(buffer)).toBe('SELECT count(*) \nFROM t');
    buffer = editorKey(buffer, 'u', key({ ctrl: true }))!;
    expect(bufferText(buffer)).toBe('SELECT count(*) \n');
    expect([buffer.row, buffer.col]).toEqual([1, 0]);
    buffer = editorKey(buffer, 'z', key({ ctrl: true }))!;
    expect(bufferText(buffer)).toBe('SELECT count(*) \nFROM t');
  });
});

describe('Named-query snippets', () => {
  it('bind every placeholder with example values through the route’s own validation', () => {
    const snippets = namedSnippets('2026-11-29');
    expect(snippets.length).toBeGreaterThan(3);
    for (const snippet of snippets) expect(snippet.sql).not.toContain('?');
    expect(snippets.find((s) => s.name === 'department_daily')?.sql).toContain("department_code = '11'");
  });
});
