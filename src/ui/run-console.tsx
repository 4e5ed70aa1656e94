// Starts the interactive console: checks for a terminal, enters the alternate screen, renders the
// shell with Ink and gives the terminal back on every way out.
import { render, type Instance } from 'ink';
import type { Backend } from '../core/backend.js';
import { App } from './app.js';
import { fileLogger, redirectConsole } from './log.js';
import { SIGNALS, TerminalSession } from './terminal-session.js';
import { ThemeContext, themeFromEnv } from './theme.js';

export interface ConsoleIO {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export const NO_TTY_MESSAGE = `lakedeck: the console needs an interactive terminal (stdin and stdout must be a TTY with raw mode).
For scripts and pipes, use the non-interactive subcommands, for example:
  lakedeck zones ls raw/ --json
  lakedeck preview raw/<key>
See \`lakedeck --help\` for all of them.
`;

/** Whether Ink can take raw keys here (not a pipe, not a redirected file). */
export function canRunInteractive(io: Pick<ConsoleIO, 'stdin' | 'stdout'>): boolean {
  return Boolean(io.stdin.isTTY && typeof io.stdin.setRawMode === 'function' && io.stdout.isTTY);
}

/** Runs until the user quits; resolves with the process exit code (also set on process.exitCode). */
export async function runConsole(backend: Backend, config: { logFile: string }, io: ConsoleIO = process): Promise<number> {
  if (!canRunInteractive(io)) {
    io.stderr.write(NO_TTY_MESSAGE);
    process.exitCode = 2;
    return 2;
  }
  const logger = fileLogger(config.logFile);
  const restoreConsole = redirectConsole(logger);
  logger.info(`console started: ${backend.label} (${io.stdout.columns}×${io.stdout.rows}, TERM=${io.env.TERM ?? ''})`);
  const session = new TerminalSession(io.stdout, io.env.TERM !== 'dumb');
  let instance: Instance | undefined;
  const shutdown = (code: number, why: string, error?: unknown): never => {
    if (error !== undefined) logger.error(why, error);
    else logger.info(why);
    instance?.unmount();
    session.restore();
    restoreConsole();
    logger.close();
    if (error !== undefined) io.stderr.write(`lakedeck crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(code);
  };
  const untrap = session.trap(process, {
    onSignal: (signal) => shutdown(128 + SIGNALS[signal], `received ${signal}`),
    onCrash: (error) => shutdown(1, 'crashed', error),
  });
  session.enter();
  try {
    instance = render(
      <ThemeContext.Provider value={themeFromEnv(io.env)}>
        <App backend={backend} />
      </ThemeContext.Provider>,
      {
        stdin: io.stdin,
        stdout: io.stdout,
        stderr: io.stderr,
        exitOnCtrlC: false,
        patchConsole: false,
        // Ink 6.8's incrementalRendering moves the cursor one line short for frames that end in a
        // newline (ours stay a line shorter than the terminal), repainting every frame one row
        // lower; the standard writer is correct. Few frames a second keeps slow SSH readable.
        incrementalRendering: false,
        maxFps: 20,
      },
    );
    await instance.waitUntilExit();
    logger.info('console closed');
    return 0;
  } catch (error) {
    logger.error('console failed', error);
    session.restore();
    io.stderr.write(`lakedeck: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return 1;
  } finally {
    untrap();
    session.restore();
    restoreConsole();
    logger.close();
  }
}
