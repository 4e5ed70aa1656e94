// Handing the terminal to an external program: the console's writes are held meanwhile, raw mode
// and the tty read stop, the alternate screen is left and entered again, Ctrl-C is the program's
// (the console's own SIGINT handlers are set aside and put back), and the screen is redrawn.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FullScreenHandover, type FullScreenTerminal } from '../../src/ui/shell/full-screen.js';
import { ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../../src/ui/shell/terminal-session.js';

function fakeTerminal(altScreen = true) {
  const log: string[] = [];
  const handle = { reading: true, readStop: () => (log.push('readStop'), 0) };
  const signals = new EventEmitter();
  const consoleSigint = () => log.push('console SIGINT');
  signals.on('SIGINT', consoleSigint);
  const terminal: FullScreenTerminal = {
    stdin: {
      setRawMode: (mode: boolean) => log.push(`raw ${mode}`),
      read: (size?: number) => (log.push(`read ${size}`), null),
      _handle: handle,
      _readableState: { reading: true },
    },
    stdout: { write: (chunk: string) => (log.push(`write ${JSON.stringify(chunk)}`), true) },
    altScreen,
    signals: signals as unknown as FullScreenTerminal['signals'],
    redraw: () => log.push('redraw'),
  };
  return { log, terminal, signals, handle, consoleSigint };
}

describe('handing the terminal over', () => {
  it('holds the console, gives the program the terminal and Ctrl-C, then takes it all back and redraws', async () => {
    const { log, terminal, signals, handle, consoleSigint } = fakeTerminal();
    const handover = new FullScreenHandover(() => terminal);
    const result = await handover.run(async () => {
      log.push('program runs');
      terminal.stdout.write('an Ink frame');
      signals.emit('SIGINT');
      expect(handover.running).toBe(true);
      await expect(handover.run(async () => 'second')).rejects.toThrow('another program has the terminal');
      return 'done';
    });
    expect(result).toBe('done');
    expect(log).toEqual([
      'raw false',
      'readStop',
      `write ${JSON.stringify(SHOW_CURSOR + LEAVE_ALT_SCREEN)}`,
      'program runs',
      `write ${JSON.stringify(ENTER_ALT_SCREEN + HIDE_CURSOR)}`,
      'raw true',
      'read 0',
      'redraw',
    ]);
    expect(handle.reading).toBe(false);
    expect(terminal.stdin._readableState?.reading).toBe(false);
    expect(signals.listeners('SIGINT')).toEqual([consoleSigint]);
    expect(handover.running).toBe(false);
    terminal.stdout.write('next frame');
    expect(log.at(-1)).toBe('write "next frame"');
  });

  it('takes the terminal back also when the program fails, and stays on the main screen without an alternate one', async () => {
    const { log, terminal, signals, consoleSigint } = fakeTerminal(false);
    const handover = new FullScreenHandover(() => terminal);
    await expect(handover.run(async () => Promise.reject(new Error('no pager')))).rejects.toThrow('no pager');
    expect(log).toContain(`write ${JSON.stringify(SHOW_CURSOR)}`);
    expect(log).toContain(`write ${JSON.stringify(HIDE_CURSOR)}`);
    expect(log.at(-1)).toBe('redraw');
    expect(signals.listeners('SIGINT')).toEqual([consoleSigint]);
  });
});
