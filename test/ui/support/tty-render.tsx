// Mounts UI with Ink's real frame writer (not the debug mode ink-testing-library uses) on a fake
// TTY whose bytes go into a terminal model, so tests see the screen a user would: what the
// incremental writer, throttling, resizes and redraws leave there, not the frame strings.
import { EventEmitter } from 'node:events';
import { render, type RenderOptions } from 'ink';
import type { ReactElement } from 'react';
import { ClockContext } from '../../../src/ui/clock.js';
import { ScreenRedrawContext } from '../../../src/ui/shell/use-screen-redraw.js';
import { ThemeContext, type Theme } from '../../../src/ui/theme.js';
import { terminalModel, type TerminalModel } from '../../support/terminal-model.js';
import { FakeClock } from './fake-clock.js';

class FakeTtyOut extends EventEmitter {
  readonly isTTY = true;
  bytes = 0;
  /** Everything written, in order. */
  readonly chunks: string[] = [];
  private pending: Promise<void> = Promise.resolve();
  constructor(
    private readonly term: TerminalModel,
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  private unread = '';
  write = (data: string): boolean => {
    this.bytes += Buffer.byteLength(data);
    this.chunks.push(data);
    // Handed to the model only when the screen is looked at: the model's own timers then never
    // mix with Ink's frame timing (which a test may drive with fake timers).
    this.unread += data;
    return true;
  };
  /** Resolves once everything written so far is on the model's screen. */
  flushed(): Promise<void> {
    const data = this.unread;
    this.unread = '';
    if (data !== '') this.pending = this.pending.then(() => this.term.write(data));
    return this.pending;
  }
}

class FakeTtyIn extends EventEmitter {
  readonly isTTY = true;
  private queue: string[] = [];
  write(data: string): void {
    this.queue.push(data);
    this.emit('readable');
  }
  read = (): string | null => this.queue.shift() ?? null;
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface TtyApp {
  term: TerminalModel;
  stdout: FakeTtyOut;
  press(...keys: string[]): void;
  resize(columns: number, rows: number): void;
  /** Polls (up to 3 s) until the screen passes the test; fails with the screen text otherwise. */
  until(test: (text: string[]) => boolean, what: string): Promise<string[]>;
  unmount(): void;
}

export function ttyRender(
  node: ReactElement,
  options: { columns: number; rows: number; ink: RenderOptions; theme?: Theme; clearScreen?: boolean },
): TtyApp {
  const term = terminalModel(options.columns, options.rows);
  const stdout = new FakeTtyOut(term, options.columns, options.rows);
  const stdin = new FakeTtyIn();
  const clock = new FakeClock();
  const instance = render(
    <ClockContext.Provider value={clock}>
      <ThemeContext.Provider value={options.theme ?? { color: true, attributes: true }}>
        <ScreenRedrawContext.Provider value={{ clearScreen: options.clearScreen ?? true }}>{node}</ScreenRedrawContext.Provider>
      </ThemeContext.Provider>
    </ClockContext.Provider>,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: stdout as unknown as NodeJS.WriteStream,
      exitOnCtrlC: false,
      patchConsole: false,
      ...options.ink,
    },
  );
  return {
    term,
    stdout,
    press: (...keys) => {
      for (const key of keys) stdin.write(key);
    },
    resize(columns, rows) {
      term.resize(columns, rows);
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
    async until(test, what) {
      for (let waited = 0; ; waited += 20) {
        await stdout.flushed();
        const text = term.text();
        if (test(text)) return text;
        if (waited > 3000) throw new Error(`never saw ${what}; screen:\n${text.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    unmount: () => instance.unmount(),
  };
}
