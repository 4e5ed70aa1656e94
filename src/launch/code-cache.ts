// The V8 code cache of the console's start script (see script-start.ts), kept between starts in
// the user's cache folder ($XDG_CACHE_HOME/lakedeck or ~/.cache/lakedeck, never the package
// folder): one file per build of the script and Node version, readable by its owner only,
// written whole (a temporary file renamed) and checked by its own CRC-32 before V8 sees it. A
// missing, stale, corrupt or foreign file is simply not used (and replaced by the next start).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const PREFIX = 'console-';
const SUFFIX = '.v8cache';
const CHECK_BYTES = 4;

/** zlib's CRC-32 (Node 20.15+): ~1 ms over the cache, where a hash costs several. */
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** Whether this Node can check a cache file (without a check, none is read or written). */
export function canCheckCodeCache(): boolean {
  return typeof crc32 === 'function';
}

function checkOf(data: Uint8Array): Buffer {
  const check = Buffer.alloc(CHECK_BYTES);
  check.writeUInt32BE(crc32!(data));
  return check;
}

/** $XDG_CACHE_HOME/lakedeck/code-cache (an absolute XDG_CACHE_HOME only, as the spec says), else ~/.cache/lakedeck/code-cache. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache');
  return path.join(base, 'lakedeck', 'code-cache');
}

/** The cache file of one build of the script (its content digest) on this Node. */
export function codeCacheFile(dir: string, scriptDigest: string, nodeVersion = process.version, arch = process.arch): string {
  const safe = (text: string) => text.replace(/[^\w.-]/g, '_');
  return path.join(dir, `${PREFIX}${safe(scriptDigest.slice(0, 24))}-${safe(nodeVersion)}-${safe(arch)}${SUFFIX}`);
}

/** Whether the folder is this user's own and only theirs (another user's cache must never feed V8). */
function isPrivateDir(dir: string): boolean {
  const stat = fs.statSync(dir);
  const uid = process.getuid?.();
  return stat.isDirectory() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o077) === 0;
}

/** The cached code, or undefined when there is none or it cannot be trusted whole. */
export function readCodeCache(file: string): Buffer | undefined {
  try {
    if (!canCheckCodeCache() || !isPrivateDir(path.dirname(file))) return undefined;
    const bytes = fs.readFileSync(file);
    if (bytes.length <= CHECK_BYTES) return undefined;
    const data = bytes.subarray(CHECK_BYTES);
    return checkOf(data).equals(bytes.subarray(0, CHECK_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores the code (owner-only file in an owner-only folder, replaced atomically) and removes the
 * caches of other builds and Node versions. Returns whether it was stored; failures are ignored
 * (a read-only home only costs the next start its speed-up).
 */
export function writeCodeCache(file: string, data: Buffer): boolean {
  const dir = path.dirname(file);
  const temporary = `${file}.${process.pid}.tmp`;
  if (!canCheckCodeCache()) return false;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateDir(dir)) return false;
    const fd = fs.openSync(temporary, 'wx', 0o600);
    try {
      fs.writeSync(fd, checkOf(data));
      fs.writeSync(fd, data);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name !== path.basename(file))
        fs.rmSync(path.join(dir, name), { force: true });
    }
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // No folder to leave a temporary file in.
    }
    return false;
  }
}
