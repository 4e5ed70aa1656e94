// The empty Postgres cluster that `npm run build` dumps beside the bundle
// (scripts/build-pglite-cluster.mjs): a new lake's embedded database is loaded from it rather
// than made by initdb (~800 MB peak and seconds; loading peaks near 260 MB). Without a build
// (tests running the sources) or with a dump PGlite refuses, initdb runs as before.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE = 'pglite-cluster.tgz';

/** Where the dump may be: beside the bundle's chunks, or in dist/ seen from the sources. */
function candidates(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.join(here, FILE), path.resolve(here, '../../../dist', FILE)];
}

/** Whether `dataDir` holds no cluster yet (PG_VERSION is the first file initdb writes). */
export function needsCluster(dataDir: string): boolean {
  return !existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** The dump as a Blob for PGlite's `loadDataDir`, or undefined when there is none. */
export function prebuiltCluster(): Blob | undefined {
  const file = candidates().find((candidate) => existsSync(candidate));
  return file ? new Blob([readFileSync(file)]) : undefined;
}
