// The frame tests depend on patches/ink+*.patch being applied to the installed Ink: without the
// log-update part, every frame shorter than the terminal is drawn one line low and the header
// scrolls off — which reads like a frame taller than the terminal. This names the real cause:
// every line a patch adds must be in the installed file (`npx patch-package` applies them).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PATCHES = 'patches';

/** The lines each patched file must contain, per file, from a unified diff. */
function addedLinesByFile(patch: string): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ ')) {
      current = [];
      byFile.set(line.slice(4).replace(/^b\//, ''), current);
    } else if (current && line.startsWith('+') && line.slice(1).trim() !== '') {
      current.push(line.slice(1));
    }
  }
  return byFile;
}

describe('patches/ applied to node_modules', () => {
  for (const name of readdirSync(PATCHES).filter((file) => file.endsWith('.patch'))) {
    it(`${name} is applied (run \`npx patch-package\` if not)`, () => {
      for (const [file, added] of addedLinesByFile(readFileSync(join(PATCHES, name), 'utf8'))) {
        const installed = readFileSync(file, 'utf8');
        const missing = added.filter((line) => !installed.includes(line));
        expect({ file, missing: missing.slice(0, 3) }).toEqual({ file, missing: [] });
      }
    });
  }
});
