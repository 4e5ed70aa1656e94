// The Query pane driven by keys in the real shell at 80×24, on the local DuckDB service over the
// sample lake (the real jobs' output): type a query, complete a table name, run with Enter after
// `;`, page through a result larger than a page, chart it, cancel a long query, export to CSV and JSON
// lines (never overwriting), and bring a query back from the history saved on disk.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assembleBackend } from '../../src/backends/assemble.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import { DuckDbQueryService } from '../../src/backends/local/query/duckdb-query-service.js';
import { localTarget } from '../../src/backends/local/target.js';
import type { Backend } from '../../src/core/backend.js';
import { systemClock } from '../../src/ui/clock.js';
import { historyFile, loadHistory } from '../../src/ui/panes/query/query-history.js';
import { App } from '../../src/ui/shell/app.js';
import { drive, KEY, lines, type Driven } from '../ui/support/render.js';
import { MemoryZoneStore } from '../ui/support/memory-store.js';

let service: DuckDbQueryService;
let stateDir: string;
const savedStateHome = process.env.XDG_STATE_HOME;

beforeAll(async () => {
  service = await DuckDbQueryService.open('test/fixtures/query-lake');
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'lakedeck-query-pane-'));
  process.env.XDG_STATE_HOME = stateDir;
}, 60_000);
afterAll(async () => {
  await service.close();
  if (savedStateHome === undefined) delete process.env.XDG_STATE_HOME;
  else process.env.XDG_STATE_HOME = savedStateHome;
  await rm(stateDir, { recursive: true, force: true });
});
afterEach(() => cleanup());

function backend(): Backend {
  return assembleBackend({
    kind: 'local',
    label: 'local /lake',
    readOnly: false,
    calls: new CallCounter(),
    target: localTarget('test/fixtures/query-lake'),
    services: { zones: new MemoryZoneStore(), query: service },
  });
}

async function open() {
  const ui = await drive(<App backend={backend()} />, { columns: 80, rows: 24, clock: systemClock });
  await ui.waitFor('5 Query');
  await ui.press('5');
  await ui.waitFor('SQL›', 'the editor');
  return ui;
}

const WAIT = { timeout: 60_000 };

/** waitFor with room for a slow first query on a busy machine (the helper's own limit is 3 s). */
async function settle(ui: Driven, condition: RegExp | string, what: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await ui.waitFor(condition, what);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}
const fits = (frame: string) => {
  for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(80);
  expect(lines(frame).length).toBeLessThanOrEqual(24);
};

describe('Query pane', () => {
  it(
    'completes a table name, runs on Enter after ;, shows rows, scan and the Athena price',
    async () => {
      const ui = await open();
      await ui.press('SELECT department_name, cases FROM incid');
      await ui.waitFor('FROM incid', 'the typed text');
      const completed = await ui.press(KEY.tab);
      expect(completed).toContain('FROM incidence_by_department');
      await ui.press(' ORDER BY cases DESC LIMIT 5;');
      await ui.press(KEY.enter);
      const done = await settle(ui, /SUCCEEDED · [\d.]+s · 5 of 5 rows · read [\d.]+ [KM]?B · on Athena \$/, 'the finished state line');
      expect(done).toMatch(/department_name +cases/);
      expect(done).toMatch(/Bogotá D\.C\. +\d+/);
      fits(done);
    },
    WAIT.timeout,
  );

  it(
    'pages a result on demand as the cursor scrolls, never loading it all at once',
    async () => {
      const ui = await open();
      await ui.press('SELECT case_id, department_code, municipality_name FROM covid_cases ORDER BY case_id;');
      await ui.press(KEY.enter);
      // The total is not known before a reader reaches the end of the streamed result.
      await settle(ui, /SUCCEEDED · [\d.]+s · 100\+ rows · read/, 'the first page only');
      await ui.press(KEY.esc);
      for (let i = 0; i < 9; i++) await ui.press(KEY.pageDown);
      const paged = await settle(ui, /200\+ rows/, 'the second page');
      expect(paged).toMatch(/› +\d+/);
      await ui.press(KEY.enter);
      const row = await ui.waitFor(/case_id +\d+/, 'the row detail');
      expect(row).toMatch(/department_code +\d+/);
      await ui.press(KEY.esc);
      fits(paged);
      let last = paged;
      for (let i = 0; i < 300 && !/700 of 700 rows/.test(last); i++) {
        const before = last;
        last = await ui.press(KEY.pageDown);
        // At the loaded end the cursor waits for the next page.
        if (last === before) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await settle(ui, /SUCCEEDED · .* 700 of 700 rows/, 'the total once the last page is read');
    },
    WAIT.timeout,
  );

  it(
    'draws the quick chart of the rows loaded on c, changes its columns on n and t, fitted to 80×24',
    async () => {
      const ui = await open();
      await ui.press('SELECT department_name, cases, incidence_per_100k FROM incidence_by_department ORDER BY cases DESC;');
      await ui.press(KEY.enter);
      await settle(ui, /SUCCEEDED · .* of \d+ rows/, 'the result');
      await ui.press(KEY.esc);
      const chart = await ui.press('c');
      expect(chart).toMatch(/cases by department_name · all \d+ rows/);
      expect(chart).toMatch(/\nBogotá D\.C\. +█+ +\d+\n/);
      fits(chart);
      const rate = await ui.press('n');
      expect(rate).toMatch(/incidence_per_100k by department_name/);
      const numbered = await ui.press('t');
      expect(numbered).toMatch(/incidence_per_100k by cases/);
      fits(numbered);
      const table = await ui.press(KEY.esc);
      expect(table).toMatch(/department_name +cases/);
    },
    WAIT.timeout,
  );

  it(
    'Ctrl-C really stops a running query',
    async () => {
      const ui = await open();
      await ui.press('SELECT sum(hash(range)) FROM range(20000000000);');
      await ui.press(KEY.enter);
      await settle(ui, 'RUNNING', 'the running query');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await ui.press(KEY.ctrlC);
      const cancelled = await settle(ui, /CANCELLED .*Cancelled/, 'the cancelled state');
      expect(cancelled).toContain('Query cancelled');
      const id = [...(service as unknown as { entries: Map<string, unknown> }).entries.keys()].pop()!;
      expect((await service.status(id)).state).toBe('CANCELLED');
    },
    WAIT.timeout,
  );

  it(
    'exports the whole result to CSV and JSON lines, refusing to overwrite',
    async () => {
      const ui = await open();
      await ui.press('SELECT department_code, department_name FROM departments ORDER BY department_code;');
      await ui.press(KEY.enter);
      await settle(ui, /SUCCEEDED · .* of \d+ rows/, 'the result');
      await ui.press(KEY.esc);
      const csv = path.join(stateDir, 'departments.csv');
      expect(await ui.press('e')).toContain('Export to');
      await ui.press(csv);
      await ui.press(KEY.enter);
      await settle(ui, /Exported \d+ rows to/, 'the CSV export');
      const csvText = await readFile(csv, 'utf8');
      expect(csvText.split('\n')[0]).toBe('department_code,department_name');
      expect(csvText).toMatch(/\n11,Bogotá D\.C\.\n/);
      const jsonl = path.join(stateDir, 'departments.jsonl');
      await ui.press('e');
      await ui.press(jsonl);
      await ui.press(KEY.enter);
      await settle(ui, /Exported \d+ rows to/, 'the JSON lines export');
      const first = JSON.parse((await readFile(jsonl, 'utf8')).split('\n')[0]) as Record<string, string>;
      expect(Object.keys(first)).toEqual(['department_code', 'department_name']);
      await ui.press('e');
      await ui.press(csv);
      await ui.press(KEY.enter);
      await ui.waitFor('Not exported, the file exists (never overwritten)', 'the refusal');
      expect(await readFile(csv, 'utf8')).toBe(csvText);
    },
    WAIT.timeout,
  );

  it(
    'inserts a named query of the query API from the list (Ctrl-N) and runs it',
    async () => {
      const ui = await open();
      const list = await ui.press('\u000e');
      expect(list).toMatch(/› department_daily — /);
      await ui.press(KEY.down);
      const inserted = await ui.press(KEY.enter);
      expect(inserted).toContain('department_incidence: cases, COVID-19 deaths and rates');
      await ui.press('\u0012');
      const done = await settle(ui, /SUCCEEDED · .* of \d+ rows/, 'the named query');
      expect(done).toMatch(/department_code +department_name/);
      fits(done);
    },
    WAIT.timeout,
  );

  it(
    'keeps the history on disk and brings it back with ↑ in a new session',
    async () => {
      const saved = await loadHistory(historyFile('local'));
      expect(saved.length).toBeGreaterThan(0);
      const ui = await open();
      await ui.waitFor(`${saved.length} in history`, 'the history loaded');
      const recalled = await ui.press(KEY.up);
      expect(recalled).toContain(saved[saved.length - 1].slice(-40));
    },
    WAIT.timeout,
  );
});
