// The raw-zone layout, the contract with the Spark ETL and the catalog:
//   raw/<source>/ingest_date=YYYY-MM-DD/<source>_YYYYMMDD_HHMMSS.<ext>
//   raw/_manifests/<source>/<YYYYMMDD_HHMMSS_mmm>-<suffix>.<outcome>[.<sha256>].json
// Times are UTC so partitions do not depend on where the ingestion ran. The manifest name
// carries outcome and hash so the duplicate check needs a listing, not one read per run.
import type { IngestOutcome, SourceName } from '../core/ingestion.js';

export const RAW_EXTENSION: Record<SourceName, 'csv' | 'jsonl'> = {
  covid_csv: 'csv',
  covid_api: 'jsonl',
  divipola: 'csv',
  departments: 'csv',
};

export const MANIFEST_ROOT = '_manifests/';

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYYMMDD_HHMMSS` in UTC. */
export function stampOf(at: Date): string {
  return `${at.getUTCFullYear()}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}_${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}`;
}

export function ingestDateOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Key (inside the raw zone) of the object a run started at `at` publishes. */
export function rawKey(source: SourceName, at: Date): string {
  return `${source}/ingest_date=${ingestDateOf(at)}/${source}_${stampOf(at)}.${RAW_EXTENSION[source]}`;
}

export function manifestPrefix(source: SourceName): string {
  return `${MANIFEST_ROOT}${source}/`;
}

export interface ManifestName {
  /** `YYYYMMDD_HHMMSS_mmm-suffix`: sorts by start time, to the millisecond. */
  id: string;
  outcome: IngestOutcome;
  sha256?: string;
}

export function manifestKey(source: SourceName, name: ManifestName): string {
  const hash = name.sha256 ? `.${name.sha256}` : '';
  return `${manifestPrefix(source)}${name.id}.${name.outcome}${hash}.json`;
}

const NAME = /^(\d{8}_\d{6}_\d{3}-[a-z0-9]+)\.(ingested|duplicate|failed|cancelled)(?:\.([0-9a-f]{64}))?\.json$/;

export function parseManifestName(fileName: string): ManifestName | undefined {
  const match = NAME.exec(fileName);
  if (!match) return undefined;
  return { id: match[1], outcome: match[2] as IngestOutcome, sha256: match[3] };
}

export function runIdOf(source: SourceName, id: string): string {
  return `${source}-${id}`;
}

export function newManifestId(at: Date, random: () => number = Math.random): string {
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `${stampOf(at)}_${String(at.getUTCMilliseconds()).padStart(3, '0')}-${suffix}`;
}
