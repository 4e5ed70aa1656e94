// Runs a subcommand's action with a backend built from the global options, turning LakeErrors
// into one plain line on stderr and an exit code (2: configuration, 1: anything else).
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { createBackend } from '../backends/index.js';
import type { Config, ConfigFlags } from '../config/config.js';
import { resolveConfig } from '../config/resolve.js';
import type { Backend } from '../core/backend.js';
import { errorMessage, exitCodeFor, LakeError } from '../core/errors.js';
import { isEmptyLake, SAMPLE_SOURCES, seedSampleLake } from '../pipeline/seed.js';
import { ActivityBoard } from '../core/activity.js';
import { startSeedProcess } from './seed-process.js';

export function configFrom(program: Command): Config {
  return resolveConfig(program.opts<ConfigFlags>());
}

export function reportAndExit(error: unknown): never {
  process.stderr.write(`lakedeck: ${errorMessage(error)}\n`);
  process.exit(exitCodeFor(error));
}

export interface RunOptions {
  /**
   * Only the console and `lakedeck init` seed an empty local lake; other subcommands never add
   * the sample behind the user's back. 'wait' (`init`): seed before the action. 'background'
   * (the console): show the console at once and let the sample data land while it runs; failed
   * runs are recorded in the manifests like any other ingestion.
   */
  seed?: 'wait' | 'background';
  /** `init`: create the lake folder even when --lake names one that does not exist yet. */
  createLake?: boolean;
}

/** The configured backend, with an empty local lake seeded (or being seeded) when asked. */
export async function openBackend(config: Config, options: RunOptions = {}): Promise<Backend> {
  const backend = await createBackend(options.createLake ? { ...config, createLake: true } : config);
  if (options.seed === undefined) return backend;
  if (options.seed === 'background') {
    if (backend.kind !== 'local') return backend;
    // The console shows the seeding under way and re-reads the lake as each source lands. A failed
    // seeding is logged (and its runs recorded in the manifests): the console still opens.
    const activity = new ActivityBoard();
    await seedInBackground(backend, config, activity).catch((error) =>
      appendLog(config.logFile, `sample seeding failed: ${errorMessage(error)}`),
    );
    return { ...backend, activity };
  }
  try {
    await seedMissingSample(backend, true);
  } catch (error) {
    await backend.close().catch(() => {});
    throw error;
  }
  return backend;
}

export type BackendRunner = (action: (backend: Backend, config: Config) => Promise<void>, options?: RunOptions) => Promise<void>;

export function backendRunner(program: Command): BackendRunner {
  return async (action, options = {}) => {
    let backend: Backend | undefined;
    try {
      const config = configFrom(program);
      backend = await openBackend(config, options);
      await action(backend, config);
    } catch (error) {
      await backend?.close().catch(() => {});
      reportAndExit(error);
    }
    await backend?.close();
  };
}

/**
 * The console's first start on an empty local lake. The CSV is a file copy that costs this process
 * next to nothing (tens of ms, once): it lands before the first frame, so the sample is on screen
 * at once. The Postgres extracts need PGlite: a child process (`lakedeck init`, landing what is
 * still missing) runs them while the console is in use, out of its memory (seed-process.ts).
 */
async function seedInBackground(backend: Backend, config: Config, activity: ActivityBoard): Promise<void> {
  if (backend.kind !== 'local' || backend.readOnly || !(await isEmptyLake(backend.zones))) return;
  const seeding = activity.begin('Seeding the sample lake', SAMPLE_SOURCES.length);
  const [csv] = await seedSampleLake(backend, { only: ['covid_csv'] });
  seeding.step();
  if (csv?.outcome === 'failed') await appendLog(config.logFile, `sample seeding of covid_csv failed: ${csv.error}`);
  void startSeedProcess(config)
    .done.then((code) => {
      // The child lands the Postgres extracts; the listing is re-read once they are there.
      for (let i = 1; i < SAMPLE_SOURCES.length; i++) seeding.step();
      if (code !== 0 && code !== null)
        return appendLog(config.logFile, `sample seeding (lakedeck init) exited with code ${code}: see its lines above`);
    })
    .catch(() => {})
    .finally(() => seeding.end());
}

/** `lakedeck init`: land the bundled sample sources the lake has not ingested yet. */
async function seedMissingSample(backend: Backend, announce: boolean): Promise<void> {
  if (backend.kind !== 'local' || backend.readOnly) return;
  if (announce) process.stderr.write(`lakedeck: landing the bundled sample data the lake at ${backend.zones.location} lacks…\n`);
  const runs = await seedSampleLake(backend);
  const failed = runs.filter((run) => run.outcome === 'failed');
  if (failed.length > 0) {
    throw new LakeError('bad-input', `Seeding the sample lake failed: ${failed.map((run) => `${run.source}: ${run.error}`).join('; ')}`);
  }
}

async function appendLog(file: string, line: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${new Date().toISOString()} ERROR ${line}\n`);
}
