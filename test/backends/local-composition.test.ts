// The local composition point: the lake folder rules (a typo is not a new lake), the sweep of
// temp files left by dead writers, read-only refused by the services, and file-system errors in
// plain words.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../src/backends/local/backend.js';
import { sweepDeadTempFiles, tempFileWriter } from '../../src/backends/local/temp-sweep.js';
import { LocalZoneStore } from '../../src/backends/local/zone-store.js';
import type { Config } from '../../src/config/config.js';
import { LakeError, ReadOnlyError } from '../../src/core/errors.js';
import { fsError } from '../../src/core/fs-errors.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'lakedeck-compose-'));
const config = (lake: string, more: Partial<Config> = {}): Config => ({
  backend: 'local',
  lake,
  readOnly: false,
  logFile: '/dev/null',
  ...more,
});

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('opening the local lake', () => {
  it('refuses a --lake path that does not exist, naming it, and creates nothing', async () => {
    const missing = path.join(tmp(), 'typo-lake');
    await expect(createLocalBackend(config(missing), {})).rejects.toThrow(
      `No lake at ${missing}: check --lake (or LAKEDECK_LAKE), or create one there with 'lakedeck init --lake ${missing}'`,
    );
    expect(existsSync(missing)).toBe(false);
  });

  it('creates it when asked (the default lake, lakedeck init)', async () => {
    const lake = path.join(tmp(), 'new-lake');
    const backend = await createLocalBackend(config(lake, { createLake: true }), {});
    expect(readdirSync(lake).sort()).toEqual(['raw', 'refined', 'trusted']);
    expect(backend.target).toMatchObject({ kind: 'local', lakeRoot: lake, pgliteDir: path.join(lake, '.pglite') });
    await backend.close();
  });

  it('says plainly when the lake path runs through a file', async () => {
    const root = tmp();
    writeFileSync(path.join(root, 'file'), 'x');
    await expect(createLocalBackend(config(path.join(root, 'file')), {})).rejects.toThrow(
      `The lake ${path.join(root, 'file')} is a file, not a folder`,
    );
    await expect(createLocalBackend(config(path.join(root, 'file', 'lake'), { createLake: true }), {})).rejects.toThrow(
      `Cannot finish opening the lake at ${path.join(root, 'file', 'lake')}: part of that path is a file, not a folder`,
    );
  });
});

describe('temp files of dead writers', () => {
  it('removes only those whose writer process is gone', async () => {
    const lake = tmp();
    const dir = path.join(lake, 'raw', 'covid_csv', 'ingest_date=2024-01-01');
    mkdirSync(dir, { recursive: true });
    const dead = `.covid_csv_20240101_000000.csv.tmp-${deadPid()}-abc123`;
    const live = `.covid_csv_20240101_000001.csv.tmp-${process.ppid}-def456`;
    const mine = `.covid_csv_20240101_000002.csv.tmp-${process.pid}-0a1b2c`;
    for (const name of [dead, live, mine, 'covid_csv_20240101_000000.csv', '.crc-not-a-temp']) writeFileSync(path.join(dir, name), 'x');
    expect(tempFileWriter(dead)).toBeGreaterThan(0);
    expect(await sweepDeadTempFiles(lake)).toEqual([path.join(dir, dead)]);
    expect(readdirSync(dir).sort()).toEqual([live, mine, '.crc-not-a-temp', 'covid_csv_20240101_000000.csv'].sort());
  });

  it('also in the query service’s folder (the column ledger is written the same way)', async () => {
    const lake = tmp();
    mkdirSync(path.join(lake, '.query'));
    const dead = `.parquet-columns.json.tmp-${deadPid()}-abc123`;
    writeFileSync(path.join(lake, '.query', dead), '{');
    writeFileSync(path.join(lake, '.query', 'parquet-columns.json'), '{}');
    expect(await sweepDeadTempFiles(lake)).toEqual([path.join(lake, '.query', dead)]);
    expect(readdirSync(path.join(lake, '.query'))).toEqual(['parquet-columns.json']);
  });
});

describe('read-only on the local lake: the services refuse every write', () => {
  it('refuses put, delete and ingestion with a ReadOnlyError and writes nothing', async () => {
    const lake = tmp();
    const writable = new LocalZoneStore(lake);
    await writable.put('raw', 'keep/me.csv', 'a\n1\n');
    const backend = await createLocalBackend(config(lake, { readOnly: true }), {});
    const put = await backend.zones.put('raw', 'new/x.csv', 'a\n').catch((e: unknown) => e);
    expect(put).toBeInstanceOf(ReadOnlyError);
    expect((put as LakeError).code).toBe('read-only');
    expect((put as Error).message).toMatch(/^Read-only mode: writing file:\/\/.*\/raw\/new\/x\.csv refused/);
    await expect(backend.zones.delete('raw', 'keep/me.csv')).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(backend.ingestion!.run('divipola')).rejects.toThrow('Read-only mode: ingestion of divipola refused');
    expect(existsSync(path.join(lake, 'raw', 'new'))).toBe(false);
    expect(existsSync(path.join(lake, 'raw', 'keep', 'me.csv'))).toBe(true);
    expect(existsSync(path.join(lake, 'raw', '_manifests'))).toBe(false);
    expect(existsSync(path.join(lake, '.pglite'))).toBe(false);
    expect((await backend.zones.list('raw', 'keep/')).entries.map((e) => e.name)).toEqual(['me.csv']);
    await backend.close();
  });
});

describe('file-system errors in plain words', () => {
  it('says a path runs through a file instead of ENOTDIR', async () => {
    const lake = tmp();
    const store = new LocalZoneStore(lake);
    await store.put('raw', 'a', 'x');
    const error = await store.put('raw', 'a/b.csv', 'y').catch((e: unknown) => e);
    expect((error as Error).message).toBe('Cannot finish writing raw/a/b.csv: part of that path is a file, not a folder');
    expect((error as Error).message).not.toMatch(/ENOTDIR|mkdir/);
  });

  it('says permission denied instead of EACCES (mapping: tests run as root, where modes do not bind)', () => {
    const errno = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/lake/raw'"), { code: 'EACCES' });
    expect(fsError(errno, 'writing', 'raw/x.csv').message).toBe('Permission denied writing raw/x.csv: this user may not do that there');
  });
});
