// Settings refused before anything starts: an unwritable log file, a page size that is not a
// number. Each of these was once accepted silently (a blank console at 100 % CPU, an ignored value).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureWritableLogFile } from '../../src/config/log-file.js';
import { sourceSettingsFromEnv } from '../../src/pipeline/settings.js';

describe('the log file', () => {
  it('is refused with a plain reason when its folder cannot be made', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-log-'));
    writeFileSync(path.join(root, 'file'), 'x');
    const target = path.join(root, 'file', 'lakedeck.log');
    expect(() => ensureWritableLogFile(target)).toThrow(
      `Cannot finish opening the log file ${target}: part of that path is a file, not a folder (choose another with --log-file or LAKEDECK_LOG_FILE)`,
    );
  });

  it('is created when it can be', () => {
    const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'lakedeck-log-')), 'deep', 'lakedeck.log');
    expect(() => ensureWritableLogFile(target)).not.toThrow();
  });
});

describe('LAKEDECK_API_PAGE_SIZE', () => {
  it.each(['abc', '0', '-5', '2.5', '50001', '1e3'])('refuses %s', (value) => {
    expect(() => sourceSettingsFromEnv({ LAKEDECK_API_PAGE_SIZE: value })).toThrow(
      `LAKEDECK_API_PAGE_SIZE must be a whole number from 1 to 50000, got '${value}'`,
    );
  });

  it('takes a whole number, and defaults to the SODA maximum', () => {
    expect(sourceSettingsFromEnv({ LAKEDECK_API_PAGE_SIZE: '1000' }).apiPageSize).toBe(1000);
    expect(sourceSettingsFromEnv({}).apiPageSize).toBe(50_000);
  });
});
