// Keys typed while the console starts (the backend opening, React and Ink loading) must reach the
// shell once it listens. Left alone, the terminal stays in cooked mode until Ink mounts: the keys
// are echoed over the placeholder, line-buffered, and Enter arrives as a line feed that Ink does
// not take for Return. So the terminal goes raw as soon as the screen is taken; the keys are
// kept and handed back to stdin when Ink starts reading it, and Ctrl-C (no signal in raw mode)
// still interrupts the start.

export const CTRL_C = '\u0003';

export interface EarlyStdin {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape of Node's own EventEmitter listeners
  on(event: 'data' | 'newListener', listener: (...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape of Node's own EventEmitter listeners
  off(event: 'data' | 'newListener', listener: (...args: any[]) => void): unknown;
  pause(): unknown;
  unshift(chunk: Buffer | string): void;
}

export class EarlyInput {
  private readonly kept: Buffer[] = [];
  private listening = false;
  private raw = false;

  constructor(
    private readonly stdin: EarlyStdin,
    /** Ctrl-C typed before the shell listens. */
    private readonly onInterrupt: () => void,
  ) {}

  /**
   * Raw mode and a listener that keeps every key (a Ctrl-C interrupts instead) until the next
   * reader attaches its 'readable' listener: the keys are then handed over (see handOver).
   */
  start(): void {
    if (this.listening || !this.stdin.isTTY || typeof this.stdin.setRawMode !== 'function') return;
    this.stdin.setRawMode(true);
    this.raw = true;
    this.listening = true;
    this.stdin.on('data', this.keep);
    this.stdin.on('newListener', this.onNewListener);
  }

  private readonly onNewListener = (event: string): void => {
    if (event === 'readable') this.handOver();
  };

  private readonly keep = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.includes(CTRL_C)) {
      this.onInterrupt();
      return;
    }
    this.kept.push(bytes);
  };

  /**
   * Stops listening and puts the kept keys back at the front of stdin, in the order typed, for
   * the reader whose 'readable' listener is being attached (Ink: it leaves the terminal raw and
   * restores it when it unmounts). The stream is not paused: pausing process.stdin stops its
   * reads on the next tick, and no key would arrive any more.
   */
  private handOver(): void {
    if (!this.listening) return;
    this.listening = false;
    this.stdin.off('newListener', this.onNewListener);
    this.stdin.off('data', this.keep);
    if (this.kept.length > 0) this.stdin.unshift(Buffer.concat(this.kept.splice(0)));
  }

  /**
   * Stops listening and leaves raw mode, on every way out (after Ink has restored the mode
   * itself, leaving it again does nothing).
   */
  restore(): void {
    if (this.listening) {
      this.listening = false;
      this.stdin.off('newListener', this.onNewListener);
      this.stdin.off('data', this.keep);
      this.stdin.pause();
    }
    if (this.raw) {
      this.raw = false;
      this.stdin.setRawMode?.(false);
    }
  }
}
