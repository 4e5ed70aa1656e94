// Hands the terminal to an external program (a pager) and takes it back. Ink has no pause, so for
// the length of the program: Ink's writes are held (its frames would land on the pager's screen),
// the console leaves raw mode and the alternate screen, its terminal input stops reading (Node
// would otherwise keep reading keys meant for the program: the same readStop Node does for a
// paused process.stdin), and Ctrl-C / Ctrl-\ reach the program only (they are sent to the whole
// foreground process group, so the console ignores them meanwhile instead of quitting). Afterwards
// everything is put back and the caller redraws the whole screen.
import { ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR } from './terminal-session.js';

export interface TerminalInput {
  setRawMode?(mode: boolean): unknown;
  read(size?: number): unknown;
  /** A tty.ReadStream's libuv handle (absent on test streams). */
  _handle?: { reading?: boolean; readStop?(): number };
  _readableState?: { reading: boolean };
}

export interface TerminalOutput {
  write(chunk: string, ...rest: unknown[]): boolean;
}

export interface SignalTarget {
  listeners(event: 'SIGINT' | 'SIGQUIT'): ((...args: unknown[]) => void)[];
  on(event: 'SIGINT' | 'SIGQUIT', listener: (...args: unknown[]) => void): unknown;
  removeListener(event: 'SIGINT' | 'SIGQUIT', listener: (...args: unknown[]) => void): unknown;
}

export interface FullScreenTerminal {
  stdin: TerminalInput;
  stdout: TerminalOutput;
  /** The console draws on the alternate screen (not with TERM=dumb). */
  altScreen: boolean;
  signals: SignalTarget;
  /** Draws the whole frame again (the screen was the program's). */
  redraw(): void;
}

const HANDED_SIGNALS = ['SIGINT', 'SIGQUIT'] as const;
const ignore = (): void => {};

export class FullScreenHandover {
  private active = false;

  constructor(private readonly terminal: () => FullScreenTerminal) {}

  get running(): boolean {
    return this.active;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active) throw new Error('another program has the terminal');
    this.active = true;
    try {
      // Called from a key handler inside Ink's read loop, which would restart reading when it
      // asks for the next key: let the loop finish first.
      await new Promise((resolve) => setImmediate(resolve));
      const term = this.terminal();
      const restore = this.release(term);
      try {
        return await work();
      } finally {
        restore();
      }
    } finally {
      this.active = false;
    }
  }

  private release(term: FullScreenTerminal): () => void {
    const { stdin, stdout, signals } = term;
    const write = stdout.write;
    const direct = (text: string) => write.call(stdout, text);
    stdout.write = (_chunk: string, ...rest: unknown[]) => {
      const done = rest.find((arg): arg is () => void => typeof arg === 'function');
      done?.();
      return true;
    };
    stdin.setRawMode?.(false);
    stopReading(stdin);
    direct(SHOW_CURSOR + (term.altScreen ? LEAVE_ALT_SCREEN : ''));
    const saved = HANDED_SIGNALS.map((signal) => [signal, signals.listeners(signal)] as const);
    for (const [signal, listeners] of saved) {
      for (const listener of listeners) signals.removeListener(signal, listener);
      signals.on(signal, ignore);
    }
    return () => {
      for (const [signal, listeners] of saved) {
        signals.removeListener(signal, ignore);
        for (const listener of listeners) signals.on(signal, listener);
      }
      stdout.write = write;
      direct((term.altScreen ? ENTER_ALT_SCREEN : '') + HIDE_CURSOR);
      stdin.setRawMode?.(true);
      // Reading starts again (the stream asks its handle for more).
      stdin.read(0);
      term.redraw();
    };
  }
}

/** What Node does for process.stdin when it is paused with nobody reading: stop the tty read. */
function stopReading(stdin: TerminalInput): void {
  const handle = stdin._handle;
  if (!handle?.readStop || !handle.reading) return;
  if (stdin._readableState) stdin._readableState.reading = false;
  handle.reading = false;
  handle.readStop();
}
