// File-system errors in plain words (pure: maps an errno to a message): what was being done, to
// what, and why, instead of the raw errno text (`ENOTDIR: not a directory, mkdir '…'`).
import { LakeError } from './errors.js';

/** `doing`: 'reading', 'writing', 'opening the lake at'…; `what`: a key or a path. */
export function fsError(error: unknown, doing: string, what: string): LakeError {
  if (error instanceof LakeError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const options = { cause: error };
  switch (code) {
    case 'ENOENT':
      return new LakeError('not-found', `${what} does not exist`, options);
    case 'ENOTDIR':
      return new LakeError('bad-input', `Cannot finish ${doing} ${what}: part of that path is a file, not a folder`, options);
    case 'EACCES':
    case 'EPERM':
      return new LakeError('access-denied', `Permission denied ${doing} ${what}: this user may not do that there`, options);
    case 'EISDIR':
      return new LakeError('bad-input', `${what} is a folder, not an object`, options);
    case 'EROFS':
      return new LakeError('access-denied', `Cannot finish ${doing} ${what}: the file system is mounted read-only`, options);
    case 'ENOSPC':
    case 'EDQUOT':
      return new LakeError('bad-input', `Cannot finish ${doing} ${what}: the disk is full (or over quota)`, options);
    case 'EEXIST':
      // What the lake's mkdir -p meets when a file sits where a folder is needed.
      return new LakeError('bad-input', `Cannot finish ${doing} ${what}: part of that path is a file, not a folder`, options);
    default:
      return new LakeError('bad-input', `Cannot finish ${doing} ${what}: ${(error as Error).message}`, options);
  }
}

const FILE_SYSTEM_CODES = new Set(['ENOTDIR', 'EEXIST', 'EACCES', 'EPERM', 'EISDIR', 'EROFS', 'ENOSPC', 'EDQUOT']);

/** Errors of the disk itself, as opposed to those of a body being written (a failed download). */
export function isFileSystemError(error: unknown): boolean {
  return FILE_SYSTEM_CODES.has((error as NodeJS.ErrnoException)?.code ?? '');
}
