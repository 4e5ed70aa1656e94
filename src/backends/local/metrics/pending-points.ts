// Points waiting to enter the metrics store. A process that should not load the metrics engine on
// its way out (`lakedeck steps run` recording the step as the job ends: DuckDB's native engine
// costs ~0.2 s of wall and CPU) writes them to one small JSON file here, atomically; the store's
// next writer folds them in, and its readers see them in the meantime.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RecordedPoint } from '../../../core/metrics.js';

export interface PendingFile {
  name: string;
  points: RecordedPoint[];
}

type StoredPoint = Omit<RecordedPoint, 'at'> & { at: number };

export class PendingPoints {
  constructor(readonly dir: string) {}

  async add(points: RecordedPoint[]): Promise<void> {
    if (points.length === 0) return;
    await fs.mkdir(this.dir, { recursive: true });
    const name = `${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}.json`;
    const stored: StoredPoint[] = points.map((point) => ({ ...point, at: point.at.getTime() }));
    const temp = path.join(this.dir, `${name}.tmp`);
    await fs.writeFile(temp, JSON.stringify(stored));
    await fs.rename(temp, path.join(this.dir, name));
  }

  /** Every complete file, oldest first (a file another process folded and removed meanwhile is skipped). */
  async list(): Promise<PendingFile[]> {
    let names: string[];
    try {
      names = (await fs.readdir(this.dir)).filter((name) => name.endsWith('.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files = await Promise.all(
      names.map(async (name): Promise<PendingFile | undefined> => {
        let text: string;
        try {
          text = await fs.readFile(path.join(this.dir, name), 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw error;
        }
        try {
          const stored = JSON.parse(text) as StoredPoint[];
          return { name, points: stored.map((point) => ({ ...point, at: new Date(point.at) })) };
        } catch {
          // Not written by add() (files land whole, by rename): left where it is, never folded.
          return undefined;
        }
      }),
    );
    return files.filter((file): file is PendingFile => file !== undefined);
  }

  async remove(names: string[]): Promise<void> {
    await Promise.all(names.map((name) => fs.rm(path.join(this.dir, name), { force: true })));
  }
}
