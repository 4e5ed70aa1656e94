// The console tunes V8's heap once it has started, and a V8 code cache records a hash of the
// flags changed from their defaults: a cache taken with the console's settings is refused by the
// next start, which has V8's defaults. withStartFlags takes it with the defaults
// (src/ui/shell/heap-tuning.ts). The check runs in a fresh Node, as the next start would.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { tuneHeapForConsole, withStartFlags } from '../../src/ui/shell/heap-tuning.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-start-flags-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SOURCE = '(function () { return [1, 2, 3].map((n) => n * 2); })';

/** Whether a new Node process, started as this one was, accepts the cache. */
function acceptedByNextStart(cache: Buffer): boolean {
  const file = path.join(dir, `cache-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, cache);
  const check = `const vm = require('node:vm');
    const script = new vm.Script(${JSON.stringify(SOURCE)}, { cachedData: require('node:fs').readFileSync(${JSON.stringify(file)}) });
    process.stdout.write(String(!script.cachedDataRejected));`;
  return execFileSync(process.execPath, [...process.execArgv, '-e', check], { encoding: 'utf8' }) === 'true';
}

describe('withStartFlags', () => {
  it('takes a code cache that the next start accepts, where one taken with the console settings is refused', () => {
    const script = new vm.Script(SOURCE);
    (script.runInThisContext() as () => number[])();
    expect(acceptedByNextStart(script.createCachedData())).toBe(true);
    tuneHeapForConsole();
    expect(acceptedByNextStart(script.createCachedData())).toBe(false);
    expect(acceptedByNextStart(withStartFlags(() => script.createCachedData()))).toBe(true);
    // The console's settings are back afterwards.
    expect(acceptedByNextStart(script.createCachedData())).toBe(false);
  });
});
