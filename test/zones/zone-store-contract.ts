// The behaviour every ZoneStore must have, run against the folder store and the S3 store.
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import type { ZoneStore } from '../../src/core/zones.js';

async function listAllKeys(store: ZoneStore, prefix: string, limit: number): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await store.list('raw', prefix, { token, limit });
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    keys.push(...page.entries.map((e) => e.key));
    token = page.nextToken;
  } while (token);
  return keys;
}

export function zoneStoreContract(makeStore: () => ZoneStore): void {
  it('lists prefixes and objects one level down, with key=value partitions as prefixes', async () => {
    const store = makeStore();
    await store.put('raw', 'covid_csv/ingest_date=2020-03-06/a.csv', 'x,y\n1,2\n');
    await store.put('raw', 'covid_csv/ingest_date=2020-03-07/b.csv', 'x,y\n3,4\n');
    await store.put('raw', 'covid_csv/readme.txt', 'hello');
    const page = await store.list('raw', 'covid_csv/');
    expect(page.entries.map((e) => [e.kind, e.key, e.name])).toEqual([
      ['prefix', 'covid_csv/ingest_date=2020-03-06/', 'ingest_date=2020-03-06'],
      ['prefix', 'covid_csv/ingest_date=2020-03-07/', 'ingest_date=2020-03-07'],
      ['object', 'covid_csv/readme.txt', 'readme.txt'],
    ]);
    const object = page.entries[2];
    expect(object.size).toBe(5);
    expect(object.modified).toBeInstanceOf(Date);
    expect((await store.list('raw', 'covid_csv')).entries).toHaveLength(3);
    expect((await store.list('raw', 'nothing-here/')).entries).toEqual([]);
  });

  it('pages with a token and returns every entry exactly once', async () => {
    const store = makeStore();
    const names = Array.from({ length: 25 }, (_, i) => `many/obj-${String(i).padStart(3, '0')}.json`);
    for (const name of names) await store.put('raw', name, '{}');
    const keys = await listAllKeys(store, 'many/', 7);
    expect(keys).toEqual(names);
  });

  it('summarises a prefix recursively', async () => {
    const store = makeStore();
    await store.put('refined', 'daily/d=1/part-0.parquet', new Uint8Array(10));
    await store.put('refined', 'daily/d=2/part-0.parquet', new Uint8Array(32));
    const summary = await store.summarize('refined', 'daily/');
    expect(summary.objects).toBe(2);
    expect(summary.bytes).toBe(42);
    expect(summary.lastModified).toBeInstanceOf(Date);
  });

  it('reads ranges, whole objects and stats; missing objects are undefined on stat', async () => {
    const store = makeStore();
    await store.put('trusted', 'r/data.bin', Buffer.from('0123456789'));
    expect(Buffer.from(await store.readRange('trusted', 'r/data.bin', 2, 5)).toString()).toBe('234');
    expect(Buffer.from(await store.readRange('trusted', 'r/data.bin', 8, 100)).toString()).toBe('89');
    const chunks: Buffer[] = [];
    for await (const chunk of await store.read('trusted', 'r/data.bin')) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toBe('0123456789');
    expect((await store.stat('trusted', 'r/data.bin'))?.size).toBe(10);
    expect(await store.stat('trusted', 'r/missing.bin')).toBeUndefined();
    await expect(store.read('trusted', 'r/missing.bin')).rejects.toThrow(/not found|does not exist/);
  });

  it('publishes streams with progress, and a failed stream leaves no object', async () => {
    const store = makeStore();
    const seen: number[] = [];
    await store.put('raw', 'stream/ok.txt', Readable.from([Buffer.from('abc'), Buffer.from('def')]), { onProgress: (n) => seen.push(n) });
    expect((await store.stat('raw', 'stream/ok.txt'))?.size).toBe(6);
    expect(seen.at(-1)).toBe(6);

    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error('connection reset by peer'));
      },
    });
    await expect(store.put('raw', 'stream/broken.txt', failing)).rejects.toThrow(/connection reset/);
    expect(await store.stat('raw', 'stream/broken.txt')).toBeUndefined();
    const listed = (await store.list('raw', 'stream/')).entries.map((e) => e.name);
    expect(listed).toEqual(['ok.txt']);
  });

  it('deletes objects', async () => {
    const store = makeStore();
    await store.put('raw', 'gone/x.txt', 'x');
    await store.delete('raw', 'gone/x.txt');
    expect(await store.stat('raw', 'gone/x.txt')).toBeUndefined();
  });
}
