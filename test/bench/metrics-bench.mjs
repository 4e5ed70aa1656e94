// Metrics benchmark: frame time of a screen of 12 sparklines. The real shell and Metrics pane are
// rendered in this process by Ink (unthrottled) at 120×40 over an in-memory metrics service of 12
// series with a point every minute over the day (a full range); each key moves the selection and
// redraws all 12 charts, timed from stdin write to the frame it produces. (The AWS calls of an idle
// pane are counted against moto by test/metrics/metrics-pane-aws.test.tsx: ≤ 2.2 a minute at the 1h range,
// one ListClusters in five minutes included.)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadUi, percentile, renderShell, timeKey, until } from './render-harness.mjs';

const KEYS = 400;

export async function runMetricsBench() {
  process.env.NODE_ENV ??= 'production';
  const { App, MemoryZoneStore, resolveCatalog, LOCAL_RESOURCES, aggregatePoints } = await loadUi('metrics', [
    "export { resolveCatalog, LOCAL_RESOURCES } from './src/core/metric-catalog.ts';",
    "export { aggregatePoints } from './src/core/metric-points.ts';",
  ]);
  const specs = resolveCatalog({ backend: 'local', namespace: 'Lakedeck', resources: LOCAL_RESOURCES }).slice(0, 12);
  const now = Date.now();
  const raw = specs.map((_, s) =>
    Array.from({ length: 1440 }, (_, i) => ({ at: new Date(now - i * 60_000), value: Math.round(1000 + 800 * Math.sin(i / (20 + s))) })),
  );
  const metrics = {
    catalog: () => specs,
    clusterSeries: async () => ({ series: [] }),
    query: async (asked, range) =>
      asked.map((spec) => ({
        ...spec,
        points: aggregatePoints(raw[specs.indexOf(spec)] ?? [], spec.stat, range.periodSeconds, range.since, range.until),
      })),
    alarms: async () => [],
  };
  const backend = {
    kind: 'local',
    label: 'local (bench)',
    readOnly: false,
    calls: { count: 0 },
    zones: new MemoryZoneStore(),
    metrics,
    close: async () => {},
  };
  const { app, stdout, stdin } = await renderShell(App, backend, 120, 40);
  await until(stdout, (f) => f.includes('6 Metrics'), 'the tabs');
  stdin.write('6');
  await until(stdout, (f) => f.includes('12 series · 12 with data'), 'the Metrics pane with its 12 series');
  const times = [];
  for (let i = 0; i < KEYS; i++) times.push(await timeKey(stdin, stdout, i % 24 < 12 ? 'l' : 'h'));
  app.unmount();
  times.sort((a, b) => a - b);
  const at = (p) => percentile(times, p);
  const ms = (v) => `${v.toFixed(2)} ms`;
  return [
    `Metrics pane frame with 12 sparklines (120×40, 1d range, ${KEYS} selection moves): p50 ${ms(at(50))}, p99 ${ms(at(99))}, max ${ms(times.at(-1))}` +
      ` · target p99 < 16 ms: ${at(99) < 16 ? 'met' : 'MISSED'}`,
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await runMetricsBench()) console.log(line);
}
