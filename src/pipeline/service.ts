// The IngestionService both backends offer: the four sources over one zone store. Runs of the
// same source are serialised in this process, so a second click sees the first run's manifest
// (and is skipped as a duplicate) instead of racing it.
import { LakeError } from '../core/errors.js';
import { SOURCE_NAMES, type IngestionService, type IngestOptions, type IngestRun, type SourceName } from '../core/ingestion.js';
import type { ZoneStore } from '../core/zones.js';
import { ManifestStore } from './manifests.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { runIngestion } from './runner.js';
import type { SourceAdapter } from './sources/source.js';

export interface IngestionServiceDeps {
  zones: ZoneStore;
  adapters: Record<SourceName, SourceAdapter>;
  retry?: RetryPolicy;
  now?: () => Date;
  /** Releases shared resources (the embedded database). */
  close?: () => Promise<void>;
}

export function createIngestionService(deps: IngestionServiceDeps): IngestionService {
  const manifests = new ManifestStore(deps.zones);
  const runner = { zones: deps.zones, manifests, retry: deps.retry ?? DEFAULT_RETRY, now: deps.now ?? (() => new Date()) };
  const tails = new Map<SourceName, Promise<unknown>>();
  return {
    sources: () => SOURCE_NAMES.map((name) => deps.adapters[name].info),
    history: (limit = 50, source) => manifests.history(source ? [source] : SOURCE_NAMES, limit),
    async run(source: SourceName, options?: IngestOptions): Promise<IngestRun> {
      const adapter = deps.adapters[source];
      if (!adapter) throw new LakeError('bad-input', `Unknown source '${source}': use one of ${SOURCE_NAMES.join(', ')}`);
      const previous = tails.get(source) ?? Promise.resolve();
      const current = previous.catch(() => {}).then(() => runIngestion(runner, adapter, options));
      tails.set(source, current);
      try {
        return await current;
      } finally {
        if (tails.get(source) === current) tails.delete(source);
      }
    },
    close: async () => {
      await deps.close?.();
    },
  };
}
