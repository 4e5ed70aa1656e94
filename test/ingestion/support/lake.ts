// A fresh local lake and an ingestion service over it, with a retry policy that records the
// pauses it is asked for instead of sleeping them (tests assert on the pauses, never on time).
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalZoneStore } from '../../../src/backends/local/zone-store.js';
import type { IngestionService, IngestProgress } from '../../../src/core/ingestion.js';
import { assembleIngestion } from '../../../src/pipeline/index.js';
import type { ReferenceDatabase } from '../../../src/pipeline/reference/database.js';
import type { RetryPolicy } from '../../../src/pipeline/retry.js';
import type { SourceSettings } from '../../../src/pipeline/settings.js';

export interface RecordingRetry extends RetryPolicy {
  pauses: number[];
}

export function recordingRetry(overrides: Partial<RetryPolicy> = {}): RecordingRetry {
  const pauses: number[] = [];
  return {
    attempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    maxRetryAfterMs: 5_000,
    idleTimeoutMs: 5_000,
    sleep: async (ms) => {
      pauses.push(ms);
    },
    pauses,
    ...overrides,
  };
}

export function freshLake(): LocalZoneStore {
  return new LocalZoneStore(mkdtempSync(path.join(os.tmpdir(), 'lakedeck-ingest-')));
}

const unusedDatabase: ReferenceDatabase = {
  describe: () => 'none',
  use: async () => {
    throw new Error('this test has no database');
  },
  close: async () => {},
};

export function serviceOver(
  zones: LocalZoneStore,
  settings: Partial<SourceSettings>,
  extra: { retry?: RetryPolicy; database?: ReferenceDatabase } = {},
): IngestionService {
  return assembleIngestion({
    zones,
    settings: { covidCsvUrl: 'http://127.0.0.1:9/none', covidApiUrl: 'http://127.0.0.1:9/none', apiPageSize: 500, ...settings },
    database: extra.database ?? unusedDatabase,
    retry: extra.retry ?? recordingRetry(),
  });
}

/** Every file under the lake's raw zone, hidden ones included, relative to raw/. */
export function rawFiles(zones: LocalZoneStore): string[] {
  const root = path.join(zones.root, 'raw');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

export function progressLog(): { events: IngestProgress[]; onProgress: (p: IngestProgress) => void } {
  const events: IngestProgress[] = [];
  return { events, onProgress: (p) => events.push(p) };
}
