// A cross-process lock on a folder (PGlite's data directory must have one user at a time):
// mkdir is atomic, the owner's pid inside tells a live holder from a crashed one.
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LakeError } from '../../core/errors.js';

export async function lockDirectory(dir: string, waitMs = 30_000): Promise<() => Promise<void>> {
  const lock = `${dir}.lock`;
  await fs.mkdir(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await fs.mkdir(lock);
      await fs.writeFile(path.join(lock, 'pid'), String(process.pid));
      return async () => {
        await fs.rm(lock, { recursive: true, force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(await fs.readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''));
    if (owner && !isAlive(owner)) {
      await fs.rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new LakeError(
        'bad-input',
        `The embedded Postgres at ${dir} is in use by process ${owner || '?'}; try again when it has finished`,
      );
    }
    await delay(100);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
