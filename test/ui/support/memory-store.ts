// An in-memory ZoneStore for UI tests: the port's listing semantics (prefixes first, then
// objects, by name; paged by token), call counts per method, and injectable failures.
import { Readable } from 'node:stream';
import type { ListOptions, ListPage, ObjectInfo, PrefixSummary, Zone, ZoneEntry, ZoneStore } from '../../../src/core/zones.js';

interface StoredObject {
  body: Uint8Array;
  modified: Date;
}

type Method = 'list' | 'summarize' | 'stat' | 'readRange' | 'read';

export class MemoryZoneStore implements ZoneStore {
  readonly location = 'memory://lake';
  readonly calls: Record<Method, number> = { list: 0, summarize: 0, stat: 0, readRange: 0, read: 0 };
  readonly listed: { zone: Zone; prefix: string; token?: string }[] = [];
  private readonly objects = new Map<string, StoredObject>();
  private readonly failures = new Map<Method, Error>();
  private children = new Map<string, ZoneEntry[]>();
  /** Folders of generated objects: listed page by page without holding them all, like a bucket. */
  private readonly generated = new Map<string, number>();

  constructor(private readonly modified = new Date(Date.UTC(2024, 0, 15, 9, 30))) {}

  add(zone: Zone, key: string, body: string | Uint8Array = ''): this {
    this.objects.set(`${zone}/${key}`, { body: typeof body === 'string' ? Buffer.from(body) : body, modified: this.modified });
    this.children.clear();
    return this;
  }

  /** `count` empty objects named `file-000001.csv`… under `prefix` (alone in it), made as listed. */
  addMany(zone: Zone, prefix: string, count: number): this {
    this.generated.set(`${zone}/${prefix}`, count);
    // The folder itself shows up in its parent's listing through one real object.
    this.objects.set(`${zone}/${prefix}file-${'1'.padStart(6, '0')}.csv`, { body: new Uint8Array(0), modified: this.modified });
    this.children.clear();
    return this;
  }

  private generatedEntry(prefix: string, index: number): ZoneEntry {
    const name = `file-${String(index + 1).padStart(6, '0')}.csv`;
    return { kind: 'object', key: `${prefix}${name}`, name, size: 0, modified: this.modified };
  }

  fail(method: Method, error: Error | undefined): void {
    if (error) this.failures.set(method, error);
    else this.failures.delete(method);
  }

  private enter(method: Method): void {
    this.calls[method] += 1;
    const error = this.failures.get(method);
    if (error) throw error;
  }

  uri(zone: Zone, key = ''): string {
    return `memory://${zone}/${key}`;
  }

  private childrenOf(zone: Zone, prefix: string): ZoneEntry[] {
    const cacheKey = `${zone}/${prefix}`;
    const cached = this.children.get(cacheKey);
    if (cached) return cached;
    const prefixes = new Map<string, ZoneEntry>();
    const objects: ZoneEntry[] = [];
    for (const [full, object] of this.objects) {
      if (!full.startsWith(cacheKey)) continue;
      const rest = full.slice(cacheKey.length);
      const slash = rest.indexOf('/');
      if (slash >= 0) {
        const name = rest.slice(0, slash);
        prefixes.set(name, { kind: 'prefix', key: `${prefix}${name}/`, name });
      } else {
        objects.push({ kind: 'object', key: `${prefix}${rest}`, name: rest, size: object.body.length, modified: object.modified });
      }
    }
    const byName = (a: ZoneEntry, b: ZoneEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const entries = [...[...prefixes.values()].sort(byName), ...objects.sort(byName)];
    this.children.set(cacheKey, entries);
    return entries;
  }

  async list(zone: Zone, prefix: string, options: ListOptions = {}): Promise<ListPage> {
    this.enter('list');
    this.listed.push({ zone, prefix, token: options.token });
    const start = options.token === undefined ? 0 : Number(options.token);
    const count = this.generated.get(`${zone}/${prefix}`);
    if (count !== undefined) {
      const end = Math.min(count, start + (options.limit ?? 1000));
      const entries = Array.from({ length: end - start }, (_, i) => this.generatedEntry(prefix, start + i));
      return { entries, nextToken: end < count ? String(end) : undefined };
    }
    const all = this.childrenOf(zone, prefix);
    const end = Math.min(all.length, start + (options.limit ?? 1000));
    return { entries: all.slice(start, end), nextToken: end < all.length ? String(end) : undefined };
  }

  async summarize(zone: Zone, prefix: string): Promise<PrefixSummary> {
    this.enter('summarize');
    const summary: PrefixSummary = { objects: 0, bytes: 0 };
    for (const [folder, count] of this.generated) {
      if (folder.startsWith(`${zone}/${prefix}`)) summary.objects += count - 1;
    }
    for (const [full, object] of this.objects) {
      if (!full.startsWith(`${zone}/${prefix}`)) continue;
      summary.objects += 1;
      summary.bytes += object.body.length;
      summary.lastModified = object.modified;
    }
    return summary;
  }

  async stat(zone: Zone, key: string): Promise<ObjectInfo | undefined> {
    this.enter('stat');
    const object = this.objects.get(`${zone}/${key}`);
    return object ? { key, size: object.body.length, modified: object.modified } : undefined;
  }

  async readRange(zone: Zone, key: string, start: number, end: number): Promise<Uint8Array> {
    this.enter('readRange');
    return (this.objects.get(`${zone}/${key}`)?.body ?? new Uint8Array(0)).slice(start, end);
  }

  async read(zone: Zone, key: string): Promise<Readable> {
    this.enter('read');
    return Readable.from([Buffer.from(this.objects.get(`${zone}/${key}`)?.body ?? [])]);
  }

  async put(): Promise<ObjectInfo> {
    throw new Error('the UI never writes objects');
  }

  async delete(): Promise<void> {
    throw new Error('the UI never deletes objects');
  }
}
