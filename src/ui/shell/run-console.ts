// Starts the interactive console: checks for a terminal, enters the alternate screen, renders the
// shell with Ink and gives the terminal back on every way out. React and Ink load only here (the
// subcommands never pay for them), and in production mode.
import type { Instance } from 'ink';
import type { Backend } from '../../core/backend.js';
import { exitCodeFor } from '../../core/errors.js';
import { tuneHeapForConsole } from './heap-tuning.js';
import { fileLogger, redirectConsole } from './log.js';
import type { MountIO } from './mount.js';
import { EarlyInput } from './early-input.js';
import { CANCEL_ON_EXIT_MS, ConsoleLifecycle } from './lifecycle.js';
import { SIGNALS, TerminalSession } from './terminal-session.js';

export type ConsoleIO = MountIO;

export const NO_TTY_MESSAGE = `lakedeck: the console needs an interactive terminal (stdin and stdout must be a TTY with raw mode).
For scripts and pipes, use the non-interactive subcommands, for example:
  lakedeck zones ls raw/ --json
  lakedeck preview raw/<key>
See \`lakedeck --help\` for all of them.
`;

export const DUMB_TERMINAL_MESSAGE = `lakedeck: TERM=dumb cannot show the console: it redraws the screen with cursor movement,
which this terminal does not have. Set TERM to your terminal's type (e.g. TERM=xterm-256color),
or use the non-interactive subcommands, for example:
  lakedeck zones ls raw/ --json
  lakedeck preview raw/<key>
`;

/** Why the console cannot run here (no terminal, or one without cursor movement), or undefined. */
export function consoleRefusal(io: Pick<ConsoleIO, 'stdin' | 'stdout' | 'env'>): string | undefined {
  if (!canRunInteractive(io)) return NO_TTY_MESSAGE;
  if (io.env.TERM === 'dumb') return DUMB_TERMINAL_MESSAGE;
  return undefined;
}

/** Whether Ink can take raw keys here (not a pipe, not a redirected file). */
export function canRunInteractive(io: Pick<ConsoleIO, 'stdin' | 'stdout'>): boolean {
  return Boolean(io.stdin.isTTY && typeof io.stdin.setRawMode === 'function' && io.stdout.isTTY);
}

/**
 * Imports the Ink shell. (React's production build is chosen at build time: scripts/build.mjs
 * defines NODE_ENV.) Ink decides when first imported whether it runs in CI, and then
 * draws nothing until exit; a console on a real terminal must draw, so CI variables are hidden
 * from that one import.
 */
async function loadMount(): Promise<typeof import('./mount.js')> {
  const hidden = ['CI', 'CONTINUOUS_INTEGRATION'].filter((name) => name in process.env).map((name) => [name, process.env[name]] as const);
  for (const [name] of hidden) delete process.env[name];
  try {
    const loaded = await import('./mount.js');
    await loaded.layoutEngineReady();
    return loaded;
  } finally {
    for (const [name, value] of hidden) process.env[name] = value;
  }
}

/** The header as the shell draws it, and a word on what is happening, in plain text. */
export function placeholder(label: string, columns: number): string[] {
  const cut = (text: string) => (text.length > columns ? `${text.slice(0, Math.max(0, columns - 1))}…` : text);
  return [cut(`lakedeck │ ${label}`), cut('starting the console…')];
}

export interface ConsoleStart {
  logFile: string;
  /** The backend as the header names it, shown while the backend opens and the UI loads. */
  label: string;
}

/**
 * Runs until the user quits; resolves with the process exit code (also set on process.exitCode).
 * The screen is taken and the header drawn first; the backend opens (stack outputs, seeding)
 * while React and Ink load. A backend that cannot open gives the terminal back with its error.
 */
export async function runConsole(open: () => Promise<Backend>, start: ConsoleStart, io: ConsoleIO = process): Promise<number> {
  const refusal = consoleRefusal(io);
  if (refusal) {
    io.stderr.write(refusal);
    process.exitCode = 2;
    return 2;
  }
  const logger = fileLogger(start.logFile);
  const restoreConsole = redirectConsole(logger);
  logger.info(`console started: ${start.label} (${io.stdout.columns}×${io.stdout.rows}, TERM=${io.env.TERM ?? ''})`);
  const session = new TerminalSession(io.stdout, io.env.TERM !== 'dumb');
  const lifecycle = new ConsoleLifecycle();
  let instance: Instance | undefined;
  let closing = false;
  // The terminal went away (SSH dropped, window closed): nothing can be drawn or restored there.
  let terminalGone = false;
  const shutdown = (code: number, why: string, error?: unknown): void => {
    if (closing) return; // A second signal, or an error raised while closing.
    closing = true;
    if (error !== undefined) logger.error(why, error);
    else logger.info(why);
    if (!terminalGone) {
      instance?.unmount();
      earlyInput.restore();
      session.restore();
      if (error !== undefined)
        io.stderr.write(`lakedeck crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    restoreConsole();
    logger.close();
    process.exit(code);
  };
  const onOutputError = (error: NodeJS.ErrnoException): void => {
    terminalGone = true;
    shutdown(128 + SIGNALS.SIGHUP, `terminal output failed (${error.code ?? error.message}): closing`);
  };
  io.stdout.on('error', onOutputError);
  const onSignal = (signal: keyof typeof SIGNALS): void => {
    if (signal === 'SIGHUP') terminalGone = true;
    // Work in flight (an ingestion) is cancelled and recorded before the process ends.
    void lifecycle.cancelAll(CANCEL_ON_EXIT_MS).then(() => shutdown(128 + SIGNALS[signal], `received ${signal}`));
  };
  const untrap = session.trap(process, { onSignal, onCrash: (error) => shutdown(1, 'crashed', error) });
  // Keys typed while the console starts are kept for the shell (handed over when Ink reads stdin); Ctrl-C still interrupts.
  const earlyInput = new EarlyInput(io.stdin, () => onSignal('SIGINT'));
  try {
    session.enter();
    earlyInput.start();
    session.showPlaceholder(placeholder(start.label, io.stdout.columns || 80));
    const [backend, { mount }] = await Promise.all([open(), loadMount()]);
    session.clearPlaceholder();
    instance = mount(backend, io, lifecycle);
    // After start-up: tighter heap growth while modules load would cost ~40 ms of extra collections.
    tuneHeapForConsole();
    await instance.waitUntilExit();
    logger.info(`console closed (status ${lifecycle.exitCode})`);
    process.exitCode = lifecycle.exitCode;
    return lifecycle.exitCode;
  } catch (error) {
    logger.error('console failed', error);
    earlyInput.restore();
    session.restore();
    io.stderr.write(`lakedeck: ${error instanceof Error ? error.message : String(error)}\n`);
    // As the subcommands do: 2 for configuration (a stack without the outputs lakedeck needs), else 1.
    const code = exitCodeFor(error);
    process.exitCode = code;
    return code;
  } finally {
    untrap();
    io.stdout.off('error', onOutputError);
    earlyInput.restore();
    session.restore();
    restoreConsole();
    logger.close();
  }
}
