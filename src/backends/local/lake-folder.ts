// Opens the lake folder by the rule a typo must not defeat: only the default lake (or one the user
// asked for with `lakedeck init`) is created; any other path that does not exist is an error that
// names it. The zone folders inside are created as needed (not in read-only mode).
import fs from 'node:fs/promises';
import path from 'node:path';
import { LakeError } from '../../core/errors.js';
import { ZONES } from '../../core/zones.js';
import { fsError } from '../../core/fs-errors.js';

export interface LakeFolderOptions {
  /** Create the folder when missing (the default lake, or `lakedeck init`). */
  create: boolean;
  readOnly: boolean;
}

export async function openLakeFolder(lake: string, options: LakeFolderOptions): Promise<void> {
  const stats = await fs.stat(lake).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw fsError(error, 'opening the lake at', lake);
  });
  if (stats && !stats.isDirectory()) {
    throw new LakeError('config', `The lake ${lake} is a file, not a folder: check --lake`);
  }
  if (!stats) {
    if (!options.create) {
      throw new LakeError(
        'config',
        `No lake at ${lake}: check --lake (or LAKEDECK_LAKE), or create one there with 'lakedeck init --lake ${lake}'`,
      );
    }
    if (options.readOnly) throw new LakeError('config', `No lake at ${lake}, and read-only mode may not create one`);
  }
  if (options.readOnly) return;
  await Promise.all(
    ZONES.map((zone) =>
      fs.mkdir(path.join(lake, zone), { recursive: true }).catch((error) => {
        throw fsError(error, 'creating the lake at', lake);
      }),
    ),
  );
}
