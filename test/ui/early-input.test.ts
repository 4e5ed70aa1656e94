// EarlyInput: keys typed before the shell listens are kept in order and handed back to stdin for
// the next reader; Ctrl-C interrupts the start; the terminal's mode is given back.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EarlyInput } from '../../src/ui/shell/early-input.js';

function tty() {
  const modes: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (mode: boolean) => modes.push(mode) });
  return { stdin, modes };
}

const readAll = (stdin: PassThrough) =>
  new Promise<string>((resolve) => {
    let text = '';
    stdin.setEncoding('utf8');
    stdin.on('readable', () => {
      let chunk: string | null;
      while ((chunk = stdin.read() as string | null) !== null) text += chunk;
      if (text.endsWith('.')) resolve(text);
    });
  });

describe('keys typed while the console starts', () => {
  it('are kept in raw mode and read by the next reader before the keys typed after, in order', async () => {
    const { stdin, modes } = tty();
    const early = new EarlyInput(stdin, () => {
      throw new Error('no Ctrl-C was typed');
    });
    early.start();
    stdin.write('2');
    stdin.write('\r');
    stdin.write('\u001b[B');
    await new Promise((resolve) => setImmediate(resolve));
    const read = readAll(stdin); // attaching a 'readable' listener takes the keys over
    stdin.write('jé.');
    expect(await read).toBe('2\r\u001b[Bjé.');
    expect(stdin.listenerCount('data')).toBe(0);
    expect(modes).toEqual([true]);
    early.restore();
    expect(modes).toEqual([true, false]);
  });

  it('turns a Ctrl-C into an interrupt instead of keeping it', async () => {
    const { stdin } = tty();
    let interrupts = 0;
    const early = new EarlyInput(stdin, () => interrupts++);
    early.start();
    stdin.write('j\u0003');
    await new Promise((resolve) => setImmediate(resolve));
    expect(interrupts).toBe(1);
    early.restore();
  });

  it('leaves a stdin without raw mode (not a terminal) alone', () => {
    const stdin = new PassThrough();
    const early = new EarlyInput(stdin, () => {});
    early.start();
    expect(stdin.listenerCount('data')).toBe(0);
    early.restore();
  });
});
