// patches/ink+*.patch fixes and tightens Ink's incremental frame writer (log-update.js): frames
// shorter than the terminal used to be drawn one line low from the second frame on, and every
// changed line was rewritten whole. Bytes written by the installed writer are replayed into a
// terminal model: any sequence of frames must end on the screen a full redraw of the last frame gives.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { terminalModel } from '../support/terminal-model.js';

const LOG_UPDATE_JS = path.resolve('node_modules/ink/build/log-update.js');

type Render = ((frame: string) => boolean) & { clear(): void };
interface LogUpdate {
  create(stream: { write(data: string): boolean }, options: { incremental: boolean }): Render;
}
const { default: logUpdate } = (await import(pathToFileURL(LOG_UPDATE_JS).href)) as { default: LogUpdate };

/** Ink hands the writer `output + '\n'` when the frame is shorter than the terminal, bare `output` otherwise. */
const asInk = (lines: readonly string[], rows: number) => lines.join('\n') + (lines.length < rows ? '\n' : '');

/** Writes every frame through one incremental writer; returns the screen and the bytes of each frame. */
async function replay(frames: readonly string[], columns: number, rows: number) {
  const term = terminalModel(columns, rows);
  const writes: string[] = [];
  const log = logUpdate.create({ write: (data) => (writes.push(data), true) }, { incremental: true });
  const bytes: number[] = [];
  for (const frame of frames) {
    const before = writes.length;
    log(frame);
    const data = writes.slice(before).join('');
    bytes.push(Buffer.byteLength(data));
    await term.write(data);
  }
  return { term, bytes };
}

async function fullRedraw(frame: string, columns: number, rows: number) {
  return (await replay([frame], columns, rows)).term;
}

const red = (s: string) => `\u001B[31m${s}\u001B[39m`;
const inverse = (s: string) => `\u001B[7m${s}\u001B[27m`;

describe('Ink incremental writer (patched)', () => {
  it('is installed (npm ci runs patch-package)', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(LOG_UPDATE_JS, 'utf8')).toContain('lakedeck patch');
  });

  it('draws a frame shorter than the terminal in place, not one line low', async () => {
    // Ink 6.8 left the cursor one line short here: "b2" landed on the third row, "a" stayed on the first.
    const first = asInk(['a1', 'b1', 'c1'], 6);
    const second = asInk(['a2', 'b2', 'c1'], 6);
    const { term } = await replay([first, second], 10, 6);
    expect(term.text()).toEqual(['a2', 'b2', 'c1', '', '', '']);
  });

  it('rewrites only the changed cells of a changed line', async () => {
    const rows = ['  name        size', `${inverse('› a.csv       10 B')}`, '  b.csv       20 B', '  row 1 of 2'];
    const next = ['  name        size', '  a.csv       10 B', `${inverse('› b.csv       20 B')}`, '  row 2 of 2'];
    const { term, bytes } = await replay([asInk(rows, 8), asInk(next, 8)], 30, 8);
    expect(term.screen()).toEqual((await fullRedraw(asInk(next, 8), 30, 8)).screen());
    // Two highlight changes and one digit: far less than the 90 bytes of the lines.
    expect(bytes[1]).toBeLessThan(80);
  });

  it('erases long blank runs instead of writing them, in and out of a highlight', async () => {
    const pad = (name: string) => `${name}${' '.repeat(40)}csv   14 B`;
    const first = ['  name', inverse(`› ${pad('a.csv')}`), `  ${pad('b.csv')}`];
    const second = ['  name', `  ${pad('a.csv')}`, inverse(`› ${pad('b.csv')}`)];
    const { term, bytes } = await replay([asInk(first, 5), asInk(second, 5), asInk(first, 5)], 60, 5);
    expect(term.screen()).toEqual((await fullRedraw(asInk(first, 5), 60, 5)).screen());
    // The line leaving the highlight is erased over its blanks; the one entering it is written.
    expect(bytes[1]).toBeLessThan(2 * 60);
  });

  it('replaces wide characters whole when a narrow one overwrites half of them', async () => {
    const frames = [
      asInk(['ab日本cd', '한국어 👍 ok', 'x'], 5),
      asInk(['a日x本cd', '한x어 🚀 ok', 'x'], 5),
      asInk(['ab c本d', '한국어 👍', 'y日'], 5),
      asInk([red('日本') + '語', '한국', 'y日'], 5),
    ];
    for (let n = 1; n <= frames.length; n++) {
      const { term } = await replay(frames.slice(0, n), 12, 5);
      expect(term.screen()).toEqual((await fullRedraw(frames[n - 1], 12, 5)).screen());
    }
  });

  it('clears what a shrinking frame leaves behind', async () => {
    const frames = [asInk(['one', 'two', 'three', 'four'], 6), asInk(['one', 'tw'], 6), asInk(['on', 'two', 'x'], 6)];
    const { term } = await replay(frames, 10, 6);
    expect(term.text()).toEqual(['on', 'two', 'x', '', '', '']);
  });
});

// ---- property: random frame sequences --------------------------------------------------------

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NARROW = ['a', 'b', 'x', ' ', '.', '─', 'é', '│'];
const WIDE = ['日', '本', '한', '👍', '🚀'];
const STYLES: [string, string][] = [
  ['\u001B[31m', '\u001B[39m'],
  ['\u001B[1m', '\u001B[22m'],
  ['\u001B[7m', '\u001B[27m'],
  ['\u001B[44m', '\u001B[49m'],
];

/** A line of at most `width` columns: plain, styled (unless colourless), narrow and wide runs. */
function randomLine(random: () => number, width: number, colour: boolean): string {
  let line = '';
  let used = 0;
  const target = Math.floor(random() * (width + 1));
  while (used < target) {
    const wide = random() < 0.2 && used + 2 <= target;
    const pick = wide ? WIDE : NARROW;
    // Sometimes a long blank run, as between padded table columns.
    const run = !wide && random() < 0.15 ? ' '.repeat(8 + Math.floor(random() * 16)) : pick[Math.floor(random() * pick.length)].repeat(1 + Math.floor(random() * 3));
    const runWidth = run.length === 0 ? 0 : [...run].length * (wide ? 2 : 1);
    if (used + runWidth > target) break;
    used += runWidth;
    const style = colour && random() < 0.3 ? STYLES[Math.floor(random() * STYLES.length)] : undefined;
    line += style ? style[0] + run + style[1] : run;
  }
  return line.trimEnd();
}

/** The next frame: mostly the previous one with a few lines changed, added or removed. */
function nextFrame(random: () => number, previous: string[], columns: number, rows: number, colour: boolean): string[] {
  if (previous.length === 0 || random() < 0.15) {
    return Array.from({ length: 1 + Math.floor(random() * rows) }, () => randomLine(random, columns, colour));
  }
  const lines = [...previous];
  for (let changes = Math.floor(random() * 4); changes > 0; changes--) {
    const at = Math.floor(random() * lines.length);
    const roll = random();
    if (roll < 0.6) lines[at] = randomLine(random, columns, colour);
    else if (roll < 0.8 && lines.length < rows) lines.splice(at, 0, randomLine(random, columns, colour));
    else if (lines.length > 1) lines.splice(at, 1);
  }
  return lines;
}

describe('Ink incremental writer: random frame sequences', () => {
  it('ends on the same screen as a full redraw of the last frame (200 sequences)', async () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = prng(seed);
      const columns = 8 + Math.floor(random() * 30);
      const rows = 3 + Math.floor(random() * 10);
      const colour = seed % 4 !== 0; // every fourth sequence as NO_COLOR draws it
      const frames: string[] = [];
      let lines: string[] = [];
      for (let i = 0; i < 6; i++) {
        lines = nextFrame(random, lines, columns, rows, colour);
        frames.push(asInk(lines, rows));
      }
      const { term } = await replay(frames, columns, rows);
      const expected = (await fullRedraw(frames.at(-1)!, columns, rows)).screen();
      expect(term.screen(), `seed ${seed} (${columns}×${rows})\n${frames.map((f) => JSON.stringify(f)).join('\n')}`).toEqual(expected);
    }
  });
});
