// Maps zone keys to paths under the lake folder, refusing keys that would escape it.
import path from 'node:path';
import { LakeError } from '../../core/errors.js';
import type { Zone } from '../../core/zones.js';

export function zonePath(root: string, zone: Zone, key: string): string {
  const segments = key.split('/').filter((s) => s !== '');
  if (key.startsWith('/') || segments.some((s) => s === '..' || s === '.')) {
    throw new LakeError('bad-input', `Invalid key '${key}': keys are relative and may not contain '.' or '..' segments`);
  }
  return path.join(root, zone, ...segments);
}

/** Names the store writes while publishing, and checksum files Spark leaves: never listed. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.');
}

export function tempNameFor(finalPath: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.tmp-${process.pid}-${random}`);
}
