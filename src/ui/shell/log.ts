// The console's log goes to a file, never to the screen Ink draws on. console.* is redirected to
// it while the console runs, so a library's warning cannot tear a frame.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';

export interface Logger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  close(): void;
}

export function fileLogger(file: string, now: () => Date = () => new Date()): Logger {
  let fd: number | undefined;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fd = fs.openSync(file, 'a');
  } catch {
    fd = undefined; // An unwritable log must not stop the console.
  }
  // Synchronous appends: a crash right after a line still leaves the line in the file.
  const write = (level: string, args: unknown[]): void => {
    if (fd === undefined) return;
    try {
      fs.writeSync(fd, `${now().toISOString()} ${level} ${format(...args)}\n`);
    } catch {
      // The disk filled up or the file went away: keep running without a log.
    }
  };
  return {
    info: (...args) => write('INFO', args),
    warn: (...args) => write('WARN', args),
    error: (...args) => write('ERROR', args),
    close: () => {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
    },
  };
}

type ConsoleMethod = 'log' | 'info' | 'debug' | 'warn' | 'error' | 'trace';

/** Sends console.* to the logger; returns the function that puts the originals back. */
export function redirectConsole(logger: Logger, target: Console = console): () => void {
  const methods: ConsoleMethod[] = ['log', 'info', 'debug', 'warn', 'error', 'trace'];
  const originals = methods.map((m) => target[m]);
  for (const method of methods) {
    const level = method === 'warn' ? logger.warn : method === 'error' || method === 'trace' ? logger.error : logger.info;
    target[method] = (...args: unknown[]) => level(...args);
  }
  return () => {
    methods.forEach((method, index) => {
      target[method] = originals[index];
    });
  };
}
