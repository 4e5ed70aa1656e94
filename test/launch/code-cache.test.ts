// The start script's V8 code cache on disk (src/launch/code-cache.ts): where it lives, owner-only
// permissions, and that a corrupt, truncated or foreign file is never handed to V8.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir, codeCacheFile, readCodeCache, writeCodeCache } from '../../src/launch/code-cache.js';

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'lakedeck-code-cache-'));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

const data = Buffer.from('compiled code, as V8 hands it back'.repeat(100));

describe('codeCacheDir', () => {
  it('uses an absolute XDG_CACHE_HOME, else ~/.cache', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }, '/home/me')).toBe('/var/cache/me/lakedeck/code-cache');
    expect(codeCacheDir({ XDG_CACHE_HOME: 'relative/dir' }, '/home/me')).toBe('/home/me/.cache/lakedeck/code-cache');
    expect(codeCacheDir({}, '/home/me')).toBe('/home/me/.cache/lakedeck/code-cache');
  });

  it('names one file per script build, Node version and architecture', () => {
    const a = codeCacheFile('/c', 'aaaa', 'v20.20.2', 'x64');
    expect(a).toBe('/c/console-aaaa-v20.20.2-x64.v8cache');
    expect(codeCacheFile('/c', 'bbbb', 'v20.20.2', 'x64')).not.toBe(a);
    expect(codeCacheFile('/c', 'aaaa', 'v20.19.0', 'x64')).not.toBe(a);
    expect(codeCacheFile('/c', '../x', 'v20', 'x64')).toBe('/c/console-.._x-v20-x64.v8cache');
  });
});

describe('writeCodeCache / readCodeCache', () => {
  it('round-trips the code in an owner-only file inside an owner-only folder', () => {
    const file = codeCacheFile(codeCacheDir({}, home), 'abc');
    expect(writeCodeCache(file, data)).toBe(true);
    expect(readCodeCache(file)).toEqual(data);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it('refuses a corrupt or truncated file, and a missing one', () => {
    const file = codeCacheFile(codeCacheDir({}, home), 'abc');
    expect(readCodeCache(file)).toBeUndefined();
    writeCodeCache(file, data);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(file, bytes);
    expect(readCodeCache(file)).toBeUndefined();
    fs.writeFileSync(file, bytes.subarray(0, 3));
    expect(readCodeCache(file)).toBeUndefined();
    fs.writeFileSync(file, '');
    expect(readCodeCache(file)).toBeUndefined();
  });

  it('replaces the caches of other builds and Node versions', () => {
    const dir = codeCacheDir({}, home);
    const old = codeCacheFile(dir, 'old');
    writeCodeCache(old, data);
    fs.writeFileSync(path.join(dir, 'unrelated.txt'), 'kept');
    const current = codeCacheFile(dir, 'new');
    writeCodeCache(current, data);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(current), 'unrelated.txt'].sort());
  });

  it('reads nothing from a folder others can write to, and writes nothing there', () => {
    const dir = codeCacheDir({}, home);
    const file = codeCacheFile(dir, 'abc');
    writeCodeCache(file, data);
    fs.chmodSync(dir, 0o777);
    expect(readCodeCache(file)).toBeUndefined();
    expect(writeCodeCache(codeCacheFile(dir, 'other'), data)).toBe(false);
  });

  it('gives up quietly where the cache folder cannot be made', () => {
    fs.writeFileSync(path.join(home, '.cache'), 'a file where the folder should be');
    expect(writeCodeCache(codeCacheFile(codeCacheDir({}, home), 'abc'), data)).toBe(false);
  });
});
