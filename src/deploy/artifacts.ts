// Builds what a deploy uploads, from the repository: the Lambda bundle (src/lambda, bundled by
// esbuild as scripts/build.mjs does, zipped reproducibly with the reference CSVs it loads on first
// use) and the Spark artifacts (spark/build_artifacts.py). Reproducible bytes are what make
// content-addressed uploads work: an unchanged build hashes the same and is not uploaded again.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { zipSync } from 'fflate';
import { LakeError } from '../core/errors.js';

const run = promisify(execFile);

export interface Artifact {
  /** Stable name (the manifest's key), e.g. `lambda.zip`. */
  name: string;
  body: Uint8Array;
  sha256: string;
}

export function artifact(name: string, body: Uint8Array): Artifact {
  return { name, body, sha256: createHash('sha256').update(body).digest('hex') };
}

/** A fixed timestamp for every zip entry: the same files give the same zip bytes. */
const ZIP_EPOCH = new Date('1980-01-02T00:00:00Z');
const REFERENCE_CSVS = ['divipola_municipios.csv', 'departamentos_poblacion.csv'];

/** The Lambda bundle as one reproducible zip: index.mjs plus sample-data/ reference CSVs. */
export async function buildLambdaZip(root: string, entry = path.join(root, 'src/lambda/index.ts')): Promise<Artifact> {
  if (!existsSync(entry)) throw new LakeError('config', `The Lambda entry ${entry} is missing: run lakedeck deploy from a lakedeck clone`);
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    throw new LakeError('config', 'esbuild is missing: run `npm ci` in the clone (deploy bundles the Lambda code with it)', {
      cause: error,
    });
  }
  const result = await esbuild
    .build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      mainFields: ['module', 'main'],
      define: { 'process.env.NODE_ENV': '"production"' },
      banner: {
        js: "import { createRequire as __lakedeckRequire } from 'node:module'; const require = __lakedeckRequire(import.meta.url);",
      },
      absWorkingDir: root,
      write: false,
      logLevel: 'silent',
    })
    .catch((error: Error) => {
      throw new LakeError('bad-input', `Bundling the Lambda code failed: ${error.message}`, { cause: error });
    });
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    'index.mjs': [result.outputFiles[0]!.contents, { mtime: ZIP_EPOCH }],
  };
  for (const csv of REFERENCE_CSVS) {
    files[`sample-data/${csv}`] = [await readFile(path.join(root, 'sample-data', csv)), { mtime: ZIP_EPOCH }];
  }
  return artifact('lambda.zip', zipSync(files, { level: 9 }));
}

/** The Python that builds the Spark artifacts: the project's .venv when there is one. */
function python(root: string): string {
  const venv = path.join(root, '.venv/bin/python');
  return existsSync(venv) ? venv : 'python3';
}

export interface SparkArtifacts {
  /** Paths relative to `<ArtifactsPrefix>spark/`, manifest.json excluded. */
  files: Artifact[];
  /** build_artifacts.py's own manifest.json (sha256 and size per file): uploaded last. */
  manifest: Artifact;
}

/** Runs spark/build_artifacts.py into a temporary folder and reads what it wrote. */
export async function buildSparkArtifacts(root: string): Promise<SparkArtifacts> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'lakedeck-spark-'));
  try {
    try {
      await run(python(root), [path.join(root, 'spark/build_artifacts.py'), '--out', out], { cwd: root });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new LakeError('bad-input', `Building the Spark artifacts failed: ${stderr.trim() || (error as Error).message}`, {
        cause: error,
      });
    }
    const manifestBody = await readFile(path.join(out, 'manifest.json'));
    const listed = JSON.parse(manifestBody.toString('utf8')) as Record<string, { sha256: string }>;
    const files: Artifact[] = [];
    for (const name of Object.keys(listed).sort()) {
      const file = artifact(name, await readFile(path.join(out, name)));
      if (file.sha256 !== listed[name]!.sha256) throw new LakeError('bad-input', `Spark artifact ${name} does not match its manifest`);
      files.push(file);
    }
    return { files, manifest: artifact('manifest.json', manifestBody) };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
