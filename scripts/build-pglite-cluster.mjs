// Writes dist/pglite-cluster.tgz: an empty PGlite (Postgres) cluster, as PGlite's dumpDataDir
// makes it. A new lake's embedded database starts from it instead of running initdb, which
// peaks near 800 MB of memory (a small bastion host has 1 GB) and takes seconds; loading the
// dump peaks near 260 MB. The dump depends only on the installed PGlite, so it is made once per
// PGlite version and kept under node_modules/.cache. Run by scripts/build.mjs with V8's
// --liftoff-only (PGlite's WebAssembly is not worth optimising for one initdb: half the time).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'));
const cached = path.join(root, 'node_modules/.cache/lakedeck-pglite', `cluster-${version}.tgz`);
const target = path.join(root, 'dist/pglite-cluster.tgz');

if (!existsSync(cached)) {
  const { PGlite } = await import('@electric-sql/pglite');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-pglite-cluster-'));
  try {
    const db = await PGlite.create(path.join(scratch, 'data'));
    const dump = await db.dumpDataDir('gzip');
    await db.close();
    mkdirSync(path.dirname(cached), { recursive: true });
    writeFileSync(`${cached}.tmp`, Buffer.from(await dump.arrayBuffer()));
    rmSync(cached, { force: true });
    copyFileSync(`${cached}.tmp`, cached);
    rmSync(`${cached}.tmp`, { force: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
mkdirSync(path.dirname(target), { recursive: true });
copyFileSync(cached, target);
