// The Trino → DuckDB transpiler (@polyglot-sql/sdk) runs in a Node process of its own, started
// with V8's `--liftoff-only`. Why: its 23 MB WebAssembly module, once V8's optimizing tier
// compiles its huge functions, grows the process that hosts it by 150–550 MB (measured after 200
// translations: 262 MB on Node 20, 666 MB on Node 24) and spends hundreds of milliseconds doing
// so; with Liftoff only it stays near 110 MB and translates faster. The flag is process-wide
// (it would slow the console's other WebAssembly) and Node 22+ ignores it once started, hence
// the child. It starts on the first statement that needs translating and ends when idle for a
// while, when its parent ends, or on `close`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

export interface Transpiled {
  success: boolean;
  sql?: string[];
  error?: string;
}

/** The child's whole program: the SDK's CommonJS build, one answer per message. */
const CHILD_PROGRAM = `
const sdk = require(process.argv[1]);
const ready = sdk.init();
process.on('message', async ({ id, sql }) => {
  try {
    await ready;
    const result = sdk.transpile(sql, sdk.Dialect.Trino, sdk.Dialect.DuckDB, { unsupportedLevel: 'raise' });
    process.send({ id, success: result.success, sql: result.sql, error: result.error });
  } catch (error) {
    process.send({ id, success: false, error: String((error && error.message) || error) });
  }
});
process.on('disconnect', () => process.exit(0));
`;

/** An idle translator ends after this long (the next statement starts it again, ~0.3 s). */
const IDLE_MS = 5 * 60_000;
const STDERR_KEPT = 2000;

interface Pending {
  resolve: (value: Transpiled) => void;
  reject: (error: Error) => void;
}

export class TranslatorProcess {
  private child?: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private sequence = 0;
  private idleTimer?: NodeJS.Timeout;
  private stderr = '';

  constructor(private readonly idleMs = IDLE_MS) {}

  /** Whether a translator process is running now. */
  get running(): boolean {
    return this.child !== undefined;
  }

  translate(sql: string): Promise<Transpiled> {
    const child = this.child ?? this.start();
    clearTimeout(this.idleTimer);
    const id = ++this.sequence;
    // Waiting for an answer keeps the parent alive; an idle translator never does.
    child.channel?.ref();
    return new Promise<Transpiled>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.send({ id, sql }, (error) => {
        if (error) this.settle(id)?.reject(new Error(`the SQL translator process cannot be reached: ${error.message}`));
      });
    });
  }

  private start(): ChildProcess {
    const sdk = createRequire(import.meta.url).resolve('@polyglot-sql/sdk');
    const child = spawn(process.execPath, ['--liftoff-only', '-e', CHILD_PROGRAM, sdk], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT);
    });
    child.on('message', (message: Transpiled & { id: number }) => {
      const { id, ...result } = message;
      this.settle(id)?.resolve(result);
    });
    child.on('exit', (code, signal) => this.ended(child, code, signal));
    child.on('error', (error) => this.ended(child, null, null, error));
    child.unref();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    this.child = child;
    return child;
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0 && this.child) {
      this.child.channel?.unref();
      this.idleTimer = setTimeout(() => this.close(), this.idleMs);
      this.idleTimer.unref();
    }
    return pending;
  }

  private ended(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, error?: Error): void {
    if (this.child !== child) return;
    this.child = undefined;
    clearTimeout(this.idleTimer);
    const how = error ? error.message : signal ? `killed by ${signal}` : `exit status ${code}`;
    const detail = this.stderr.trim() ? `: ${this.stderr.trim().split('\n').slice(-3).join(' ')}` : '';
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new Error(`the SQL translator process ended (${how})${detail}`));
    }
  }

  /** Ends the translator process (a later statement starts a new one). */
  close(): void {
    clearTimeout(this.idleTimer);
    const child = this.child;
    if (!child) return;
    this.ended(child, null, null, new Error('closed'));
    child.kill();
  }
}
