import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LakeError } from '../../src/core/errors.js';
import { fileLogger, redirectConsole } from '../../src/ui/shell/log.js';
import { canRunInteractive, DUMB_TERMINAL_MESSAGE, NO_TTY_MESSAGE, placeholder, runConsole } from '../../src/ui/shell/run-console.js';
import {
  CLEAR_SCREEN,
  ENTER_ALT_SCREEN,
  HIDE_CURSOR,
  LEAVE_ALT_SCREEN,
  SHOW_CURSOR,
  TerminalSession,
} from '../../src/ui/shell/terminal-session.js';
import { MemoryZoneStore } from './support/memory-store.js';
import { memoryBackend } from './support/render.js';

function output() {
  const written: string[] = [];
  return { written, write: (data: string) => written.push(data) };
}

describe('terminal session', () => {
  it('enters the alternate screen once and restores it exactly once', () => {
    const out = output();
    const session = new TerminalSession(out, true);
    session.restore();
    expect(out.written).toEqual([]);
    session.enter();
    session.enter();
    session.restore();
    session.restore();
    expect(out.written).toEqual([ENTER_ALT_SCREEN, SHOW_CURSOR + LEAVE_ALT_SCREEN]);
  });

  it('stays on the main screen on TERM=dumb but still shows the cursor again', () => {
    const out = output();
    const session = new TerminalSession(out, false);
    session.enter();
    session.restore();
    expect(out.written).toEqual([SHOW_CURSOR]);
  });

  it('routes signals and crashes to its handlers, restores on exit, and removes its listeners', () => {
    const proc = new EventEmitter();
    const out = output();
    const session = new TerminalSession(out, true);
    const onSignal = vi.fn();
    const onCrash = vi.fn();
    const untrap = session.trap(proc, { onSignal, onCrash });
    session.enter();
    proc.emit('SIGTERM');
    proc.emit('SIGINT');
    proc.emit('unhandledRejection', new Error('boom'));
    expect(onSignal.mock.calls).toEqual([['SIGTERM'], ['SIGINT']]);
    expect(onCrash).toHaveBeenCalledWith(new Error('boom'));
    proc.emit('exit');
    expect(out.written.at(-1)).toBe(SHOW_CURSOR + LEAVE_ALT_SCREEN);
    untrap();
    for (const event of ['SIGTERM', 'SIGINT', 'SIGHUP', 'uncaughtException', 'unhandledRejection', 'exit']) {
      expect(proc.listenerCount(event)).toBe(0);
    }
  });
});

describe('logging to a file', () => {
  it('appends timestamped lines and captures console output meant for the screen', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-log-'));
    const file = path.join(dir, 'nested', 'lakedeck.log');
    const logger = fileLogger(file, () => new Date('2024-01-15T12:00:00Z'));
    const target = { ...console };
    const restore = redirectConsole(logger, target as Console);
    target.log('listing %s', 'raw/');
    target.warn('slow');
    restore();
    logger.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('2024-01-15T12:00:00.000Z INFO listing raw/\n2024-01-15T12:00:00.000Z WARN slow\n');
    expect(target.log).toBe(console.log);
  });

  it('keeps running when the log cannot be written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-log-'));
    const notAFolder = path.join(dir, 'file');
    fs.writeFileSync(notAFolder, '');
    const logger = fileLogger(path.join(notAFolder, 'x.log'));
    expect(() => logger.info('still fine')).not.toThrow();
    logger.close();
  });
});

describe('starting the console without a terminal', () => {
  it('explains the non-interactive subcommands and exits 2', async () => {
    const err = output();
    const io = {
      stdin: { isTTY: false } as NodeJS.ReadStream,
      stdout: { isTTY: true } as NodeJS.WriteStream,
      stderr: err as unknown as NodeJS.WriteStream,
      env: {},
    };
    expect(canRunInteractive(io)).toBe(false);
    const previous = process.exitCode;
    const code = await runConsole(async () => memoryBackend(new MemoryZoneStore()), { logFile: '/dev/null', label: 'local /tmp/lake' }, io);
    expect(code).toBe(2);
    expect(process.exitCode).toBe(2);
    process.exitCode = previous;
    expect(err.written.join('')).toBe(NO_TTY_MESSAGE);
    expect(NO_TTY_MESSAGE).toContain('lakedeck zones ls raw/ --json');
    expect(NO_TTY_MESSAGE).toContain('lakedeck preview raw/<key>');
  });

  it('refuses TERM=dumb without writing a single control code to the terminal', async () => {
    const out = output();
    const err = output();
    const io = {
      stdin: { isTTY: true, setRawMode: () => {} } as unknown as NodeJS.ReadStream,
      stdout: Object.assign(new EventEmitter(), { isTTY: true, columns: 80, rows: 24, write: out.write }) as unknown as NodeJS.WriteStream,
      stderr: err as unknown as NodeJS.WriteStream,
      env: { TERM: 'dumb' },
    };
    const previous = process.exitCode;
    const code = await runConsole(async () => memoryBackend(new MemoryZoneStore()), { logFile: '/dev/null', label: 'local /tmp/lake' }, io);
    process.exitCode = previous;
    expect(code).toBe(2);
    expect(out.written.join('')).toBe('');
    expect(err.written.join('')).toBe(DUMB_TERMINAL_MESSAGE);
    expect(DUMB_TERMINAL_MESSAGE).not.toContain('\u001b');
  });

  it('needs raw mode on stdin and a terminal on stdout', () => {
    const tty = { isTTY: true, setRawMode: () => {} } as unknown as NodeJS.ReadStream;
    expect(canRunInteractive({ stdin: tty, stdout: { isTTY: true } as NodeJS.WriteStream })).toBe(true);
    expect(canRunInteractive({ stdin: tty, stdout: { isTTY: false } as NodeJS.WriteStream })).toBe(false);
    expect(canRunInteractive({ stdin: { isTTY: true } as NodeJS.ReadStream, stdout: { isTTY: true } as NodeJS.WriteStream })).toBe(false);
  });
});

describe('a backend that cannot open', () => {
  it('shows the header first, then gives the terminal back with the error and exit code 2 for configuration', async () => {
    const out = output();
    const err = output();
    const modes: boolean[] = [];
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (mode: boolean) => modes.push(mode) });
    const io = {
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: Object.assign(new EventEmitter(), { isTTY: true, columns: 80, rows: 24, write: out.write }) as unknown as NodeJS.WriteStream,
      stderr: err as unknown as NodeJS.WriteStream,
      env: { TERM: 'xterm-256color' },
    };
    const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-open-')), 'lakedeck.log');
    let shownBeforeOpen = '';
    const open = async () => {
      shownBeforeOpen = out.written.join('');
      throw new LakeError('config', 'Stack "lake" has no output LakeBucketName');
    };
    const previous = process.exitCode;
    const code = await runConsole(open, { logFile, label: 'aws stack lake' }, io);
    process.exitCode = previous;
    expect(shownBeforeOpen).toBe(`${ENTER_ALT_SCREEN}${HIDE_CURSOR}lakedeck │ aws stack lake\r\nstarting the console…`);
    expect(out.written.at(-1)).toBe(SHOW_CURSOR + LEAVE_ALT_SCREEN);
    expect(err.written.join('')).toBe('lakedeck: Stack "lake" has no output LakeBucketName\n');
    expect(code).toBe(2);
    expect(fs.readFileSync(logFile, 'utf8')).toContain('console failed');
    // Raw from the start (keys typed early are kept), and cooked again on the way out.
    expect(modes).toEqual([true, false]);
  });
});

describe('placeholder while the UI loads', () => {
  it('shows the header at once on the alternate screen and wipes it before the first frame', () => {
    const out = output();
    const session = new TerminalSession(out, true);
    session.enter();
    session.showPlaceholder(placeholder('local /tmp/lake', 80));
    session.clearPlaceholder();
    session.clearPlaceholder();
    expect(out.written).toEqual([ENTER_ALT_SCREEN, `${HIDE_CURSOR}lakedeck │ local /tmp/lake\r\nstarting the console…`, CLEAR_SCREEN]);
    expect(placeholder('local /tmp/lake', 12)).toEqual(['lakedeck │ …', 'starting th…']);
  });

  it('is left out on TERM=dumb, which cannot wipe it', () => {
    const out = output();
    const session = new TerminalSession(out, false);
    session.enter();
    session.showPlaceholder(['lakedeck │ x']);
    session.clearPlaceholder();
    expect(out.written).toEqual([]);
  });
});
