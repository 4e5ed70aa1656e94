// What the in-process UI benches share: the shell bundled from the sources with what a bench needs
// beside it, rendered by Ink (unthrottled, debug mode) into a fake terminal whose frames are
// counted, and key-to-frame timing. Used by ui-bench.mjs (scrolling), metrics-bench.mjs and
// query-typing-bench.mjs.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Bundles the App plus `extra` export lines (paths from the repository root) and imports it. */
export async function loadUi(name, extra = []) {
  const outfile = path.join(root, 'node_modules/.cache', `lakedeck-${name}-bench`, 'ui.mjs');
  await build({
    stdin: {
      contents: [
        "export { App } from './src/ui/shell/app.tsx';",
        "export { MemoryZoneStore } from './test/ui/support/memory-store.ts';",
        ...extra,
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

export class FakeStdout extends EventEmitter {
  isTTY = false;
  frames = 0;
  last = '';
  tallest = 0;
  constructor(columns, rows) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  write = (frame) => {
    this.frames += 1;
    this.last = frame;
    this.tallest = Math.max(this.tallest, frame.split('\n').length);
    this.emit('frame');
    return true;
  };
}

export class FakeStdin extends EventEmitter {
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

/** The shell on `backend` in a fake terminal of `columns` × `rows`, in React's production build. */
export async function renderShell(App, backend, columns, rows) {
  const [{ render }, { createElement }] = await Promise.all([import('ink'), import('react')]);
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const app = render(createElement(App, { backend, onQuit: () => {} }), {
    stdout,
    stdin,
    stderr: stdout,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return { app, stdout, stdin };
}

export const tick = () => new Promise((resolve) => setImmediate(resolve));

export async function until(stdout, test, what) {
  for (let i = 0; i < 20_000 && !test(stdout.last); i++) await tick();
  if (!test(stdout.last)) throw new Error(`never saw ${what}; last frame:\n${stdout.last}`);
}

/** Time from writing the key to the frame it causes (synchronous in Ink, or on a later tick). */
export async function timeKey(stdin, stdout, key) {
  const before = stdout.frames;
  const start = performance.now();
  stdin.write(key);
  while (stdout.frames === before) await tick();
  return performance.now() - start;
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
