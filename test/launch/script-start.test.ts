// The start script run through vm.Script with its code cache (src/launch/script-start.ts), on a
// small script of the shape the build writes: the cache is taken, used by the next start, and a
// stale or corrupt one only costs the speed-up; without a usable script the CLI runs as before.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir, codeCacheFile } from '../../src/launch/code-cache.js';
import {
  cacheStartScript,
  loadStartScript,
  mayStartConsole,
  SCRIPT,
  SCRIPT_MANIFEST,
  startFromScript,
} from '../../src/launch/script-start.js';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-script-start-'));
  fs.mkdirSync(path.join(dir, 'dist'));
  env = { XDG_CACHE_HOME: path.join(dir, 'cache') };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A start script as scripts/build.mjs wraps one: it records what it was called with. */
function writeScript(body = ''): string {
  const source = `(function (exports, require, module, __filename, __dirname, __lakedeckImportMetaUrl) {
  exports.startConsole = async (argv, cacheCode) => {
    const { sep } = await import('node:path'); // import() goes through the main context's loader
    globalThis.lakedeckScriptTest = { argv, url: __lakedeckImportMetaUrl, dirname: __dirname, sep, caches: typeof cacheCode };
    ${body}
    return argv.includes('--console');
  };
})`;
  fs.writeFileSync(path.join(dir, 'dist', SCRIPT), source);
  const sha256 = createHash('sha256').update(source).digest('hex');
  fs.writeFileSync(path.join(dir, 'dist', SCRIPT_MANIFEST), JSON.stringify({ sha256, encoding: 'latin1' }));
  return codeCacheFile(codeCacheDir(env), sha256);
}

const seen = () => (globalThis as { lakedeckScriptTest?: Record<string, unknown> }).lakedeckScriptTest;

describe('loadStartScript', () => {
  it('runs the script as a module and uses its cache from the second start on', async () => {
    const cacheFile = writeScript();
    const first = loadStartScript(path.join(dir, 'dist'), env)!;
    expect(first.cacheUsed).toBe(false);
    expect(await first.startConsole(['node', 'lakedeck', '--console'])).toBe(true);
    expect(seen()).toMatchObject({ dirname: path.join(dir, 'dist'), url: `file://${path.join(dir, 'dist', SCRIPT)}`, sep: path.sep });
    expect(cacheStartScript(first)).toBe(true);
    expect(fs.existsSync(cacheFile)).toBe(true);

    const second = loadStartScript(path.join(dir, 'dist'), env)!;
    expect(second.cacheUsed).toBe(true);
    expect(await second.startConsole(['node', 'lakedeck', 'zones'])).toBe(false);
  });

  it('runs without the cache when V8 refuses it (another build of the script) or it is corrupt', async () => {
    const cacheFile = writeScript();
    cacheStartScript(loadStartScript(path.join(dir, 'dist'), env)!);
    const otherBuild = fs.readFileSync(cacheFile);
    // A new build, whose cache file holds the old build's code (as if their names had collided).
    const rebuiltCache = writeScript('globalThis.lakedeckScriptTest.rebuilt = true;');
    fs.writeFileSync(rebuiltCache, otherBuild);
    const stale = loadStartScript(path.join(dir, 'dist'), env)!;
    expect(stale.cacheUsed).toBe(false);
    await stale.startConsole(['node', 'lakedeck']);
    expect(seen()).toMatchObject({ rebuilt: true });

    cacheStartScript(stale);
    const bytes = fs.readFileSync(rebuiltCache);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(rebuiltCache, bytes);
    const corrupt = loadStartScript(path.join(dir, 'dist'), env)!;
    expect(corrupt.cacheUsed).toBe(false);
    await corrupt.startConsole(['node', 'lakedeck']);
    expect(seen()).toMatchObject({ rebuilt: true });
  });
});

describe('mayStartConsole', () => {
  it('lets subcommands, help and the version skip the script', () => {
    expect(mayStartConsole([])).toBe(true);
    expect(mayStartConsole(['--lake', '/tmp/lake', '--read-only'])).toBe(true);
    expect(mayStartConsole(['--lake', '/tmp/lake', 'zones', 'ls'])).toBe(true); // the script's own check declines it
    expect(mayStartConsole(['zones', 'ls', 'raw/'])).toBe(false);
    expect(mayStartConsole(['--help'])).toBe(false);
    expect(mayStartConsole(['--lake', 'x', '-V'])).toBe(false);
    expect(mayStartConsole(['-h'])).toBe(false);
  });
});

describe('startFromScript', () => {
  it('leaves the command line to the ES-module CLI when there is no script', async () => {
    expect(await startFromScript(['node', 'lakedeck'], path.join(dir, 'dist'))).toBe(false);
  });

  it('offers the script a way to cache its code only when the start had no usable cache', async () => {
    writeScript();
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = env.XDG_CACHE_HOME;
    try {
      expect(await startFromScript(['node', 'lakedeck', '--console'], path.join(dir, 'dist'))).toBe(true);
      expect(seen()).toMatchObject({ caches: 'function' });
      cacheStartScript(loadStartScript(path.join(dir, 'dist'), env)!);
      expect(await startFromScript(['node', 'lakedeck', '--console'], path.join(dir, 'dist'))).toBe(true);
      expect(seen()).toMatchObject({ caches: 'undefined' });
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
