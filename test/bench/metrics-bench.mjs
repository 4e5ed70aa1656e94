// Metrics benchmark: frame time of a screen of 12 sparklines. The real shell and Metrics pane are
// rendered in this process by Ink (unthrottled) at 120×40 over an in-memory metrics service of 12
// series with a point every minute over the day (a full range); each key moves the selection and
// redraws all 12 charts, timed from stdin write to the frame it produces. (The AWS calls of an idle
// pane are counted against moto by test/metrics/metrics-pane-aws.test.tsx: ≤ 2.2 a minute at the 1h range,
// one ListClusters in five minutes included.)
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const KEYS = 400;

async function loadUi() {
  const outfile = path.join(root, 'node_modules/.cache/lakedeck-metrics-bench/ui.mjs');
  await build({
    stdin: {
      contents: [
        "export { App } from './src/ui/shell/app.tsx';",
        "export { MemoryZoneStore } from './test/ui/support/memory-store.ts';",
        "export { resolveCatalog, LOCAL_RESOURCES } from './src/core/metric-catalog.ts';",
        "export { aggregatePoints } from './src/core/metric-points.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

class FakeStdout extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = false;
  frames = 0;
  last = '';
  write = (frame) => {
    this.frames += 1;
    this.last = frame;
    this.emit('frame');
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  data = null;
  write(data) {
    this.data = data;
    this.emit('readable');
  }
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

export async function runMetricsBench() {
  process.env.NODE_ENV ??= 'production';
  const [{ App, MemoryZoneStore, resolveCatalog, LOCAL_RESOURCES, aggregatePoints }, { render }, { createElement }] = await Promise.all([
    loadUi(),
    import('ink'),
    import('react'),
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
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const app = render(createElement(App, { backend, onQuit: () => {} }), {
    stdout,
    stdin,
    stderr: stdout,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  for (let i = 0; i < 20_000 && !stdout.last.includes('6 Metrics'); i++) await tick();
  stdin.write('6');
  for (let i = 0; i < 20_000 && !stdout.last.includes('12 series · 12 with data'); i++) await tick();
  if (!stdout.last.includes('12 series · 12 with data')) throw new Error(`the Metrics pane never showed its 12 series:\n${stdout.last}`);
  const times = [];
  for (let i = 0; i < KEYS; i++) {
    const key = i % 24 < 12 ? 'l' : 'h';
    const before = stdout.frames;
    const start = performance.now();
    stdin.write(key);
    while (stdout.frames === before) await tick();
    times.push(performance.now() - start);
  }
  app.unmount();
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
  const ms = (v) => `${v.toFixed(2)} ms`;
  return [
    `Metrics pane frame with 12 sparklines (120×40, 1d range, ${KEYS} selection moves): p50 ${ms(at(50))}, p99 ${ms(at(99))}, max ${ms(times.at(-1))}` +
      ` · target p99 < 16 ms: ${at(99) < 16 ? 'met' : 'MISSED'}`,
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await runMetricsBench()) console.log(line);
}
