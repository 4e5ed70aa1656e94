// patches/ink+*.patch makes Ink's Output cheaper per frame (shared caches, an ASCII fast path,
// shared blank cells and style runs). These frames were produced by the unpatched Output: the
// patched one must write the same bytes, also when a later frame reuses its caches.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// Ink exports no deep paths: load the installed file itself.
const OUTPUT_JS = path.resolve('node_modules/ink/build/output.js');

interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: [] }): void;
  clip(clip: { x1: number; x2: number; y1: number; y2: number }): void;
  unclip(): void;
  get(): { output: string };
}
type OutputClass = new (size: { width: number; height: number }) => OutputLike;

const red = (s: string) => `\u001B[31m${s}\u001B[39m`;
const bold = (s: string) => `\u001B[1m${s}\u001B[22m`;
const inverse = (s: string) => `\u001B[7m${s}\u001B[27m`;

const FRAMES = [
  {
    size: { width: 12, height: 2 },
    writes: [[0, 0, `${red('ab')}c日本`], [1, 1, `Bogotá ${bold('x')}`]] as const,
    expected: '\u001B[31mab\u001B[39mc日本\n Bogotá \u001B[1mx\u001B[22m',
  },
  {
    size: { width: 10, height: 3 },
    writes: [[0, 0, `${inverse('› row 1 ')}tail`], [2, 1, '👍🏽 ok'], [0, 2, 'e\u0301 ñ']] as const,
    expected: '\u001B[7m› row 1 \u001B[27mtail\n  👍🏽 ok\ne\u0301 ñ',
  },
  {
    size: { width: 8, height: 2 },
    clip: { x1: 2, x2: 6, y1: 0, y2: 2 },
    writes: [[0, 0, red('abcdefgh')], [0, 1, `abc${bold('def')}gh`]] as const,
    expected: '  \u001B[31mcdef\u001B[39m\n  c\u001B[1mdef\u001B[22m',
  },
];

async function loadOutput(): Promise<OutputClass> {
  return ((await import(pathToFileURL(OUTPUT_JS).href)) as { default: OutputClass }).default;
}

function draw(Output: OutputClass, frame: (typeof FRAMES)[number]): string {
  const output = new Output(frame.size);
  if (frame.clip) output.clip(frame.clip);
  for (const [x, y, text] of frame.writes) output.write(x, y, text, { transformers: [] });
  if (frame.clip) output.unclip();
  return output.get().output;
}

describe('patched Ink output', () => {
  it('is installed (npm ci runs patch-package)', () => {
    expect(readFileSync(OUTPUT_JS, 'utf8')).toContain('lakedeck patch');
  });

  it('writes styled, wide, combining and clipped text as Ink did', async () => {
    const Output = await loadOutput();
    for (const frame of FRAMES) expect(draw(Output, frame)).toBe(frame.expected);
  });

  it('gives the same frames again from its caches, in any order', async () => {
    const Output = await loadOutput();
    for (const frame of [...FRAMES].reverse()) expect(draw(Output, frame)).toBe(frame.expected);
    for (const frame of FRAMES) expect(draw(Output, frame)).toBe(frame.expected);
  });
});
