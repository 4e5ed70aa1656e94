// Renders UI under test with ink-testing-library at a chosen terminal size, and drives it like a
// user: press() writes keys and resolves with the next frame; waitFor() resolves with the first
// frame that satisfies a condition (and fails with the last frame if none does).
import { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import type { Backend } from '../../../src/core/backend.js';
import { localTarget } from '../../../src/backends/local/target.js';
import { ClockContext, type Clock } from '../../../src/ui/clock.js';
import { ThemeContext, type Theme } from '../../../src/ui/theme.js';
import { FakeClock } from './fake-clock.js';
import { MemoryZoneStore } from './memory-store.js';

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  enter: '\r',
  esc: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

export interface Driven {
  lastFrame(): string;
  frames: string[];
  press(...keys: string[]): Promise<string>;
  /** Writes keys without waiting for a frame (for keys that only act, like quit). */
  send(...keys: string[]): void;
  waitFor(condition: string | RegExp | ((frame: string) => boolean), what?: string): Promise<string>;
  resize(columns: number, rows: number): Promise<string>;
  /** Renders a new tree (new props) under the same providers; resolves with the next frame. */
  rerender(node: ReactElement): Promise<string>;
  unmount(): void;
}

const WAIT_LIMIT_MS = 3000;

export async function drive(
  node: ReactElement,
  options: { columns?: number; rows?: number; clock?: Clock; theme?: Theme } = {},
): Promise<Driven> {
  const clock = options.clock ?? new FakeClock();
  const theme = options.theme ?? { color: true, attributes: true };
  const wrap = (tree: ReactElement): ReactElement => (
    <ClockContext.Provider value={clock}>
      <ThemeContext.Provider value={theme}>{tree}</ThemeContext.Provider>
    </ClockContext.Provider>
  );
  const app = render(wrap(node));
  const events = new EventEmitter();
  const write = app.stdout.write;
  app.stdout.write = (frame: string) => {
    write(frame);
    events.emit('frame', frame);
  };
  const lastFrame = (): string => app.lastFrame() ?? '';

  const nextFrame = (what: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no new frame after ${what}; last frame:\n${lastFrame()}`)), WAIT_LIMIT_MS);
      events.once('frame', (frame: string) => {
        clearTimeout(timer);
        resolve(frame);
      });
    });

  const driven: Driven = {
    lastFrame,
    frames: app.frames,
    async press(...keys) {
      for (const key of keys) {
        const before = app.frames.length;
        const next = nextFrame(`pressing ${JSON.stringify(key)}`);
        app.stdin.write(key);
        // Ink holds a lone Esc until the next tick (it may start a sequence): let it through, so
        // two Esc presses never merge into one Alt-Esc.
        await new Promise((resolve) => setImmediate(resolve));
        if (app.frames.length === before) await next;
        else next.catch(() => {});
      }
      await new Promise((resolve) => setImmediate(resolve));
      return lastFrame();
    },
    send(...keys) {
      for (const key of keys) app.stdin.write(key);
    },
    waitFor(condition, what) {
      const test =
        typeof condition === 'string'
          ? (frame: string) => frame.includes(condition)
          : condition instanceof RegExp
            ? (frame: string) => condition.test(frame)
            : condition;
      if (test(lastFrame())) return Promise.resolve(lastFrame());
      return new Promise((resolve, reject) => {
        const onFrame = (frame: string): void => {
          if (!test(frame)) return;
          clearTimeout(timer);
          events.off('frame', onFrame);
          // Resolve with the newest frame: a same-tick re-render (status bar) may have followed.
          setImmediate(() => resolve(lastFrame()));
        };
        const timer = setTimeout(() => {
          events.off('frame', onFrame);
          reject(new Error(`never saw ${what ?? JSON.stringify(condition)}; last frame:\n${lastFrame()}`));
        }, WAIT_LIMIT_MS);
        events.on('frame', onFrame);
      });
    },
    async resize(columns, rows) {
      Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
      Object.defineProperty(app.stdout, 'rows', { value: rows, configurable: true });
      const next = nextFrame(`resizing to ${columns}×${rows}`);
      app.stdout.emit('resize');
      await next;
      // Ink redraws at once, then the components that re-read the size render again: wait
      // until the frames stop coming.
      for (let quiet = 0; quiet < 2;) {
        const count = app.frames.length;
        await new Promise((resolve) => setImmediate(resolve));
        quiet = app.frames.length === count ? quiet + 1 : 0;
      }
      return lastFrame();
    },
    async rerender(tree) {
      const next = nextFrame('rerendering');
      app.rerender(wrap(tree));
      return next;
    },
    unmount: () => app.unmount(),
  };
  if (options.columns !== undefined || options.rows !== undefined) await driven.resize(options.columns ?? 100, options.rows ?? 30);
  return driven;
}

/** A backend over an in-memory store; API calls are the store's calls. */
export function memoryBackend(store: MemoryZoneStore, overrides: Partial<Backend> = {}): Backend {
  return {
    kind: 'local',
    label: 'local /tmp/lake',
    readOnly: false,
    calls: {
      get count() {
        return Object.values(store.calls).reduce((a, b) => a + b, 0);
      },
    },
    zones: store,
    target: localTarget('/tmp/lake'),
    close: async () => {},
    ...overrides,
  };
}

/** Lines of a frame (for size assertions). */
export function lines(frame: string): string[] {
  return frame.split('\n');
}
