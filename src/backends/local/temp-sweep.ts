// Removes the hidden temp files (`.<name>.tmp-<pid>-<random>`, see keys.ts) that a process killed
// mid-write left in the lake. Only files whose writer is gone are removed: a temp file of a live
// process (another console, an ingest in another terminal) is a write in progress.
import fs from 'node:fs/promises';
import path from 'node:path';
import { ZONES } from '../../core/zones.js';

/** Where the lake's writers leave temp files: the zones, and the query service's column ledger. */
const SWEPT = [...ZONES, '.query'];

const TEMP_NAME = /^\..+\.tmp-(\d+)-[a-z0-9]+$/;

/** True while a process with this id exists (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The writer's pid, when `name` is one of the store's temp files. */
export function tempFileWriter(name: string): number | undefined {
  const match = TEMP_NAME.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Walks every swept folder (names only: no stat per file) and returns the paths it removed. */
export async function sweepDeadTempFiles(lakeRoot: string, alive: (pid: number) => boolean = processAlive): Promise<string[]> {
  const removed: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    // Streamed: the sweep runs beside the first frame and must not hold a 100 000-name listing.
    const entries = await fs.opendir(dir).catch(() => []);
    for await (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
        continue;
      }
      const pid = tempFileWriter(entry.name);
      if (pid === undefined || pid === process.pid || alive(pid)) continue;
      await fs.rm(full, { force: true });
      removed.push(full);
    }
  };
  for (const folder of SWEPT) await walk(path.join(lakeRoot, folder));
  return removed;
}
