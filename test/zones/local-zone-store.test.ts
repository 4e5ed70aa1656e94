import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalZoneStore } from '../../src/backends/local/zone-store.js';
import { zoneStoreContract } from './zone-store-contract.js';

const freshStore = () => new LocalZoneStore(mkdtempSync(path.join(os.tmpdir(), 'lakedeck-zones-')));

describe('LocalZoneStore', () => {
  zoneStoreContract(freshStore);

  it('gives file:// URIs the Spark jobs accept', () => {
    const store = new LocalZoneStore('/lake');
    expect(store.uri('raw')).toBe('file:///lake/raw/');
    expect(store.uri('trusted', 'covid_cases/')).toBe('file:///lake/trusted/covid_cases/');
  });

  it('refuses keys that escape the lake', async () => {
    const store = freshStore();
    await expect(store.put('raw', '../outside.txt', 'x')).rejects.toThrow(/Invalid key/);
    await expect(store.list('raw', 'a/../../')).rejects.toThrow(/Invalid key/);
  });

  it('leaves no temp file behind after a failed write, and hides Spark checksum files', async () => {
    const store = freshStore();
    await store.put('trusted', 't/.part-0.parquet.crc', 'crc');
    await store.put('trusted', 't/part-0.parquet', 'data');
    expect((await store.list('trusted', 't/')).entries.map((e) => e.name)).toEqual(['part-0.parquet']);
    const controller = new AbortController();
    controller.abort();
    await expect(store.put('raw', 'x/aborted.csv', 'data', { signal: controller.signal })).rejects.toThrow();
    expect(readdirSync(path.join(store.root, 'raw', 'x'))).toEqual([]);
  });

  it('sees files added between pages of a cached listing', async () => {
    const store = freshStore();
    await store.put('raw', 'p/a.txt', 'a');
    await store.put('raw', 'p/b.txt', 'b');
    const first = await store.list('raw', 'p/', { limit: 1 });
    await store.put('raw', 'p/c.txt', 'c');
    const second = await store.list('raw', 'p/', { limit: 10, token: first.nextToken });
    expect(second.entries.map((e) => e.name)).toEqual(['b.txt', 'c.txt']);
  });

  it('hands file handles to the streams it returns, so garbage collection never closes them twice', async () => {
    const store = freshStore();
    await store.put('raw', 'gc/x.txt', 'hello');
    for (let i = 0; i < 20; i += 1) {
      const chunks: Buffer[] = [];
      for await (const chunk of await store.read('raw', 'gc/x.txt')) chunks.push(Buffer.from(chunk));
      expect(Buffer.concat(chunks).toString()).toBe('hello');
    }
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('warning', onWarning);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('function');
    expect(warnings.filter((w) => /garbage collection/.test(w))).toEqual([]);
  });
});
