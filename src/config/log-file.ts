// The console's log file is checked before the screen is taken: an unwritable --log-file is a
// plain error on the terminal, not a console that runs blind.
import fs from 'node:fs';
import path from 'node:path';
import { LakeError } from '../core/errors.js';
import { fsError } from '../core/fs-errors.js';

export function ensureWritableLogFile(file: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.closeSync(fs.openSync(file, 'a'));
  } catch (error) {
    const reason = fsError(error, 'opening the log file', file).message;
    throw new LakeError('config', `${reason} (choose another with --log-file or LAKEDECK_LOG_FILE)`, { cause: error });
  }
}
