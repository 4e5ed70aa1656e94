// The bundled sample lake: on the first start against an empty local lake, a real local
// ingestion run of the bundled files (the covid CSV sample over file://, DIVIPOLA and department
// population extracted from the embedded Postgres). The three runs go in parallel: the CSV lands
// in milliseconds while PGlite starts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Backend } from '../core/backend.js';
import { LakeError } from '../core/errors.js';
import type { IngestRun } from '../core/ingestion.js';
import { ZONES, type ZoneStore } from '../core/zones.js';
import { SAMPLE_COVID_CSV, sampleDataDir } from './sample-data.js';

/** Runs the seeding when the backend is local, writable and its lake holds nothing yet. */
export async function seedSampleLake(backend: Backend, sampleDir?: string, onLanded?: (run: IngestRun) => void): Promise<IngestRun[]> {
  if (backend.kind !== 'local' || backend.readOnly) return [];
  if (!(await isEmptyLake(backend.zones))) return [];
  const ingestion = backend.ingestion;
  if (!ingestion) throw new LakeError('config', 'The local backend has no ingestion service to seed the sample lake with');
  const csv = pathToFileURL(path.join(sampleDir ?? sampleDataDir(), SAMPLE_COVID_CSV)).href;
  const landed = (run: IngestRun): IngestRun => {
    onLanded?.(run);
    return run;
  };
  return Promise.all([
    ingestion.run('covid_csv', { url: csv }).then(landed),
    ingestion.run('divipola').then(landed),
    ingestion.run('departments').then(landed),
  ]);
}

/** One listing per zone, one entry each: cheap enough for every start. */
export async function isEmptyLake(zones: ZoneStore): Promise<boolean> {
  const pages = await Promise.all(ZONES.map((zone) => zones.list(zone, '', { limit: 1 })));
  return pages.every((page) => page.entries.length === 0);
}
