// Run history in raw/_manifests/: one small JSON object per run, never rewritten. Names carry
// time, outcome and hash, so the duplicate check and the history order come from listings alone;
// records are read only for the history shown, and cached because they never change.
import { text } from 'node:stream/consumers';
import type { IngestRun, SourceName } from '../core/ingestion.js';
import type { ZoneStore } from '../core/zones.js';
import { manifestKey, manifestPrefix, parseManifestName, runIdOf, type ManifestName } from './layout.js';

interface Listed {
  source: SourceName;
  key: string;
  name: ManifestName;
}

export class ManifestStore {
  private readonly records = new Map<string, IngestRun>();

  constructor(private readonly zones: ZoneStore) {}

  async write(run: IngestRun, name: ManifestName): Promise<void> {
    const key = manifestKey(run.source, name);
    await this.zones.put('raw', key, `${JSON.stringify(run)}\n`, { contentType: 'application/json' });
    this.records.set(key, run);
  }

  /** Content hashes already ingested for a source, each with the run that brought it. */
  async ingestedHashes(source: SourceName): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    for (const entry of await this.list(source)) {
      if (entry.name.outcome === 'ingested' && entry.name.sha256) hashes.set(entry.name.sha256, runIdOf(source, entry.name.id));
    }
    return hashes;
  }

  /** The watermark of the newest ingested run that recorded one. */
  async lastWatermark(source: SourceName): Promise<string | undefined> {
    const ingested = (await this.list(source)).filter((e) => e.name.outcome === 'ingested').reverse();
    for (const entry of ingested) {
      const run = await this.read(entry.key);
      if (run.watermark !== undefined) return run.watermark;
    }
    return undefined;
  }

  /** Newest first, across the given sources. */
  async history(sources: readonly SourceName[], limit: number): Promise<IngestRun[]> {
    const listed = (await Promise.all(sources.map((source) => this.list(source)))).flat();
    listed.sort((a, b) => (a.name.id < b.name.id ? 1 : a.name.id > b.name.id ? -1 : 0));
    return Promise.all(listed.slice(0, limit).map((entry) => this.read(entry.key)));
  }

  private async list(source: SourceName): Promise<Listed[]> {
    const out: Listed[] = [];
    let token: string | undefined;
    do {
      const page = await this.zones.list('raw', manifestPrefix(source), { token, limit: 1000 });
      for (const entry of page.entries) {
        const name = entry.kind === 'object' ? parseManifestName(entry.name) : undefined;
        if (name) out.push({ source, key: entry.key, name });
      }
      token = page.nextToken;
    } while (token);
    return out.sort((a, b) => (a.name.id < b.name.id ? -1 : a.name.id > b.name.id ? 1 : 0));
  }

  private async read(key: string): Promise<IngestRun> {
    const cached = this.records.get(key);
    if (cached) return cached;
    const run = JSON.parse(await text(await this.zones.read('raw', key))) as IngestRun;
    this.records.set(key, run);
    return run;
  }
}
