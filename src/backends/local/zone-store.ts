// The zone store on a folder tree: <lake>/raw, <lake>/trusted, <lake>/refined.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import type { ListOptions, ListPage, ObjectInfo, PrefixSummary, PutOptions, Zone, ZoneEntry, ZoneStore } from '../../core/zones.js';
import { CallCounter } from '../call-counter.js';
import { DurableFileWriter } from './durable-writer.js';
import { fsError, isFileSystemError } from '../../core/fs-errors.js';
import { isHiddenName, tempNameFor, zonePath } from './keys.js';
import { SortedDirectoryCache } from './sorted-directory.js';

const DEFAULT_PAGE = 1000;

export class LocalZoneStore implements ZoneStore {
  readonly location: string;
  private readonly directories = new SortedDirectoryCache();

  constructor(
    readonly root: string,
    private readonly calls = new CallCounter(),
  ) {
    this.location = path.resolve(root);
  }

  uri(zone: Zone, key = ''): string {
    const url = pathToFileURL(zonePath(this.location, zone, key)).href;
    return key === '' || key.endsWith('/') ? `${url}/` : url;
  }

  async list(zone: Zone, prefix: string, options: ListOptions = {}): Promise<ListPage> {
    const dir = zonePath(this.location, zone, prefix);
    const base = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    this.calls.add();
    const names = await this.directories.read(dir);
    // The token is the last name returned, like S3's StartAfter: stable while files change.
    const start = options.token === undefined ? 0 : names.indexAfter(options.token);
    const limit = options.limit ?? DEFAULT_PAGE;
    const slice = names.entries.slice(start, start + limit);
    const entries = await Promise.all(slice.map((e) => this.entryFor(dir, base, e.name, e.isDirectory)));
    const end = start + slice.length;
    return { entries, nextToken: end < names.entries.length ? slice[slice.length - 1].name : undefined };
  }

  private async entryFor(dir: string, base: string, name: string, isDirectory: boolean): Promise<ZoneEntry> {
    if (isDirectory) return { kind: 'prefix', key: `${base}${name}/`, name };
    const stats = await fs.stat(path.join(dir, name)).catch(() => undefined);
    return { kind: 'object', key: `${base}${name}`, name, size: stats?.size, modified: stats?.mtime };
  }

  async summarize(zone: Zone, prefix: string, signal?: AbortSignal): Promise<PrefixSummary> {
    const summary: PrefixSummary = { objects: 0, bytes: 0 };
    const walk = async (dir: string): Promise<void> => {
      signal?.throwIfAborted();
      this.calls.add();
      // A streaming directory handle: memory stays flat on a 100 000-file folder.
      const entries = await fs.opendir(dir).catch(() => []);
      for await (const entry of entries) {
        if (isHiddenName(entry.name)) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          await walk(full);
        } else if (entry.isFile()) {
          const stats = await fs.stat(full);
          summary.objects += 1;
          summary.bytes += stats.size;
          if (!summary.lastModified || stats.mtime > summary.lastModified) summary.lastModified = stats.mtime;
        }
      }
    };
    await walk(zonePath(this.location, zone, prefix));
    return summary;
  }

  async stat(zone: Zone, key: string): Promise<ObjectInfo | undefined> {
    this.calls.add();
    const stats = await fs.stat(zonePath(this.location, zone, key)).catch(() => undefined);
    if (!stats?.isFile()) return undefined;
    return { key, size: stats.size, modified: stats.mtime };
  }

  async readRange(zone: Zone, key: string, start: number, end: number): Promise<Uint8Array> {
    this.calls.add();
    const handle = await this.open(zone, key);
    try {
      const length = Math.max(0, end - start);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, start);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async read(zone: Zone, key: string): Promise<Readable> {
    this.calls.add();
    const handle = await this.open(zone, key);
    // The stream takes the FileHandle itself: handing it the bare fd would leave the handle to be
    // closed again by the garbage collector (EBADF, fatal).
    return createReadStream('', { fd: handle, autoClose: true });
  }

  private async open(zone: Zone, key: string): Promise<fs.FileHandle> {
    try {
      return await fs.open(zonePath(this.location, zone, key), 'r');
    } catch (error) {
      throw fsError(error, 'reading', `${zone}/${key}`);
    }
  }

  async put(zone: Zone, key: string, body: Readable | Uint8Array | string, options: PutOptions = {}): Promise<ObjectInfo> {
    const target = zonePath(this.location, zone, key);
    const temp = tempNameFor(target);
    this.calls.add();
    await fs.mkdir(path.dirname(target), { recursive: true }).catch((error) => {
      throw fsError(error, 'writing', `${zone}/${key}`);
    });
    let written = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        options.onProgress?.(written);
        done(null, chunk);
      },
    });
    const source = body instanceof Readable ? body : Readable.from([Buffer.from(body)]);
    const writer = new DurableFileWriter(temp);
    try {
      // The writer syncs as it goes and once more at the end: the manifest that follows says the
      // object exists, so it must survive a crash of the machine, not only of this process.
      await pipeline(source, counter, writer, { signal: options.signal });
      // rename within one folder is atomic: readers see the old state or the whole new object.
      await fs.rename(temp, target);
      await syncDirectory(path.dirname(target));
    } catch (error) {
      // An abort rejects at once, possibly while the writer is still opening (creating) the temp
      // file: it is removed only once the writer has closed.
      if (!writer.closed) await new Promise((resolve) => writer.once('close', resolve));
      await fs.rm(temp, { force: true });
      throw isFileSystemError(error) ? fsError(error, 'writing', `${zone}/${key}`) : error;
    }
    this.directories.forget(path.dirname(target));
    const stats = await fs.stat(target);
    return { key, size: stats.size, modified: stats.mtime };
  }

  async delete(zone: Zone, key: string): Promise<void> {
    this.calls.add();
    const target = zonePath(this.location, zone, key);
    await fs.rm(target, { force: true });
    this.directories.forget(path.dirname(target));
  }
}

/** Makes a rename durable: the new name lives in the folder's own data. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
