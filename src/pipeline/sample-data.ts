// Finds the bundled sample-data folder (real public data, see its PROVENANCE.md) from wherever
// this code runs: the repository (src/ or dist/), an installed package, or a Lambda bundle that
// ships the CSVs beside it (cloudformation/README.md zips them without the notes). The marker is
// a reference file the relational source loads. LAKEDECK_SAMPLE_DATA overrides the search.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LakeError } from '../core/errors.js';

export const SAMPLE_COVID_CSV = 'covid_casos_sample_700.csv';

export function sampleDataDir(env: Record<string, string | undefined> = process.env): string {
  if (env.LAKEDECK_SAMPLE_DATA) return path.resolve(env.LAKEDECK_SAMPLE_DATA);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = path.join(dir, 'sample-data');
    if (existsSync(path.join(candidate, 'divipola_municipios.csv'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new LakeError('config', 'The bundled sample-data folder was not found: set LAKEDECK_SAMPLE_DATA to its path');
}
