// The bundled sample lake: on the first start against an empty local lake, a real local
// ingestion run of the bundled files (the covid CSV sample over file://, DIVIPOLA and department
// population extracted from the embedded Postgres). The runs go in parallel: the CSV lands in
// milliseconds while PGlite starts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Backend } from '../core/backend.js';
import { LakeError } from '../core/errors.js';
import type { IngestRun, SourceName } from '../core/ingestion.js';
import { ZONES, type ZoneStore } from '../core/zones.js';
import { SAMPLE_COVID_CSV, sampleDataDir } from './sample-data.js';

/** The bundled sources, in the order they are reported. */
export const SAMPLE_SOURCES = ['covid_csv', 'divipola', 'departments'] as const satisfies readonly SourceName[];
export type SampleSource = (typeof SAMPLE_SOURCES)[number];

export interface SeedOptions {
  sampleDir?: string;
  /** Only these (the console lands the CSV itself and leaves the Postgres extracts to a child). */
  only?: readonly SampleSource[];
}

/**
 * Lands each bundled source the lake has not ingested yet (a failed run counts as not yet), when
 * the backend is local and writable: run twice, it lands nothing the second time.
 */
export async function seedSampleLake(backend: Backend, options: SeedOptions = {}): Promise<IngestRun[]> {
  if (backend.kind !== 'local' || backend.readOnly) return [];
  const ingestion = backend.ingestion;
  if (!ingestion) throw new LakeError('config', 'The local backend has no ingestion service to seed the sample lake with');
  const landed = new Set(
    (await ingestion.history(1000)).filter((run) => run.outcome === 'ingested' || run.outcome === 'duplicate').map((run) => run.source),
  );
  const wanted = (options.only ?? SAMPLE_SOURCES).filter((source) => !landed.has(source));
  const csv = pathToFileURL(path.join(options.sampleDir ?? sampleDataDir(), SAMPLE_COVID_CSV)).href;
  return Promise.all(wanted.map((source) => ingestion.run(source, source === 'covid_csv' ? { url: csv } : {})));
}

/** One listing per zone, one entry each: cheap enough for every start. */
export async function isEmptyLake(zones: ZoneStore): Promise<boolean> {
  const pages = await Promise.all(ZONES.map((zone) => zones.list(zone, '', { limit: 1 })));
  return pages.every((page) => page.entries.length === 0);
}
