// The terminal around the console: the alternate screen is entered before the first frame and
// left exactly once, on quit, on a crash and on SIGINT/SIGTERM/SIGHUP, with the cursor shown
// again, so the user's shell comes back as it was.

export const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
export const LEAVE_ALT_SCREEN = '\u001B[?1049l';
export const SHOW_CURSOR = '\u001B[?25h';
export const HIDE_CURSOR = '\u001B[?25l';
export const CLEAR_SCREEN = '\u001B[H\u001B[2J';

export interface Writable {
  write(data: string): unknown;
}

export interface ProcessLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape of Node's own EventEmitter listeners
  on(event: string, listener: (...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape of Node's own EventEmitter listeners
  off(event: string, listener: (...args: any[]) => void): unknown;
}

export const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
export type HandledSignal = keyof typeof SIGNALS;

export interface TrapHandlers {
  onSignal(signal: HandledSignal): void;
  onCrash(error: unknown): void;
}

export class TerminalSession {
  private entered = false;
  private placeholderShown = false;

  constructor(
    private readonly stdout: Writable,
    /** TERM=dumb has no alternate screen: draw in place instead. */
    private readonly altScreen: boolean,
  ) {}

  enter(): void {
    if (this.entered) return;
    this.entered = true;
    if (this.altScreen) this.stdout.write(ENTER_ALT_SCREEN);
  }

  /**
   * Lines shown at once while the UI loads (a few hundred milliseconds on a cold start), so the
   * terminal is never left blank. Only on the alternate screen, which can be wiped afterwards.
   */
  showPlaceholder(lines: readonly string[]): void {
    if (!this.entered || !this.altScreen) return;
    this.placeholderShown = true;
    this.stdout.write(HIDE_CURSOR + lines.join('\r\n'));
  }

  /** Wipes the placeholder just before the first real frame is drawn. */
  clearPlaceholder(): void {
    if (!this.placeholderShown) return;
    this.placeholderShown = false;
    this.stdout.write(CLEAR_SCREEN);
  }

  /** Idempotent: the first caller (quit, signal, crash or exit) restores, the others do nothing. */
  restore(): void {
    if (!this.entered) return;
    this.entered = false;
    this.stdout.write(SHOW_CURSOR + (this.altScreen ? LEAVE_ALT_SCREEN : ''));
  }

  /** Installs signal, crash and exit handlers; returns the function that removes them. */
  trap(proc: ProcessLike, handlers: TrapHandlers): () => void {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape of Node's own EventEmitter listeners
    const listeners: [string, (...args: any[]) => void][] = [
      ...(Object.keys(SIGNALS) as HandledSignal[]).map((signal): [string, () => void] => [signal, () => handlers.onSignal(signal)]),
      ['uncaughtException', (error: unknown) => handlers.onCrash(error)],
      ['unhandledRejection', (error: unknown) => handlers.onCrash(error)],
      // Last resort: whatever ends the process, the screen is given back.
      ['exit', () => this.restore()],
    ];
    for (const [event, listener] of listeners) proc.on(event, listener);
    return () => {
      for (const [event, listener] of listeners) proc.off(event, listener);
    };
  }
}
