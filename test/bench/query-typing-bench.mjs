// Query editor benchmark: key-to-frame latency while typing SQL into the Query pane (pane 5) of
// the real shell, rendered in this process by Ink (unthrottled) at 80×24, one key at a time, timed
// from stdin write to the frame it produces. The query service answers the catalog only (no query
// runs): the figure is the editor's cost per keystroke. `node test/bench/query-typing-bench.mjs`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadUi, percentile, renderShell, timeKey, until } from './render-harness.mjs';

const SQL = 'SELECT department_code, department_name, cases, deaths FROM incidence_by_department WHERE cases > 100 ORDER BY cases DESC';

export async function runQueryTypingBench() {
  process.env.NODE_ENV ??= 'production';
  const { App, MemoryZoneStore } = await loadUi('query-typing');
  const columns = [
    { name: 'department_code', type: 'varchar' },
    { name: 'cases', type: 'bigint' },
  ];
  const query = {
    engine: 'duckdb',
    tables: async () => [{ name: 'incidence_by_department', columns, partitionKeys: [] }],
    start: async () => {
      throw new Error('the typing bench runs no query');
    },
    status: async () => {
      throw new Error('no query');
    },
    results: async () => {
      throw new Error('no query');
    },
    cancel: async () => {},
  };
  const backend = {
    kind: 'local',
    label: 'local (typing bench)',
    readOnly: false,
    calls: { count: 0 },
    zones: new MemoryZoneStore(),
    query,
    target: { kind: 'local', lakeRoot: '/bench' },
    close: async () => {},
  };
  const { app, stdout, stdin } = await renderShell(App, backend, 80, 24);
  await until(stdout, (f) => f.includes('5 Query'), 'the tabs');
  stdin.write('5');
  await until(stdout, (f) => f.includes('SQL›'), 'the editor');
  const times = [];
  for (let round = 0; round < 4; round++) {
    for (const char of SQL) times.push(await timeKey(stdin, stdout, char));
    for (let i = 0; i < SQL.length; i++) times.push(await timeKey(stdin, stdout, '\u007F'));
  }
  app.unmount();
  times.sort((a, b) => a - b);
  const ms = (v) => `${v.toFixed(2)} ms`;
  const p99 = percentile(times, 99);
  return [
    `key-to-frame typing SQL in the Query editor at 80×24 (${times.length} keys: ${SQL.length} characters typed then erased, ×4): ` +
      `p50 ${ms(percentile(times, 50))}, p99 ${ms(p99)}, max ${ms(times.at(-1))} · target p99 < 16 ms: ${p99 < 16 ? 'met' : 'MISSED'}`,
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await runQueryTypingBench()) console.log(line);
}
