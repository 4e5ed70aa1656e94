// A process killed (SIGKILL) in the middle of writing an object: no partial object is visible,
// no manifest claims it, and running again afterwards lands the content exactly once.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CSV } from './support/api-rows.js';
import { bundleForNode } from './support/bundle.js';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.js';
import { freshLake, rawFiles, serviceOver } from './support/lake.js';

// ~6 MB of real rows (the sample repeated after its header), dripped slowly.
const [header, ...rest] = readFileSync(SAMPLE_CSV, 'utf8').split('\n');
const body = Buffer.from([header, ...Array.from({ length: 48 }, () => rest.filter(Boolean).join('\n'))].join('\n') + '\n');
let server: FixtureServer;
let child: string;

beforeAll(async () => {
  server = await startFixtureServer({ '/big.csv': { body, drip: { bytes: 256 * 1024, everyMs: 20 } } });
  child = await bundleForNode('test/ingestion/support/crash-child.ts');
});
afterAll(() => server.close());

/** Hidden temp files the zone store is writing under raw/covid_csv, with their sizes. */
function tempFiles(root: string): number[] {
  const sizes: number[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.startsWith('.')) sizes.push(statSync(full).size);
    }
  };
  if (existsSync(path.join(root, 'raw'))) walk(path.join(root, 'raw'));
  return sizes;
}

describe('a crash mid-write', () => {
  it('leaves no partial object, and the next run ingests the content once', async () => {
    const zones = freshLake();
    const process_ = spawn(process.execPath, [child, zones.root, server.url('/big.csv')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    process_.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => process_.once('exit', resolve));
    // Kill only once bytes are really on disk in the store's temp file.
    while (!tempFiles(zones.root).some((size) => size >= 1024 * 1024)) {
      if (process_.exitCode !== null) throw new Error(`child ended early: ${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    process_.kill('SIGKILL');
    await exited;
    expect(output).not.toContain('finished');

    const listing = await zones.list('raw', '');
    expect(listing.entries.map((e) => e.key)).toEqual(['covid_csv/']);
    const dated = await zones.list('raw', 'covid_csv/');
    expect(dated.entries).toHaveLength(1);
    expect((await zones.list('raw', dated.entries[0].key)).entries).toEqual([]);

    const run = await serviceOver(zones, { covidCsvUrl: server.url('/big.csv') }).run('covid_csv');
    expect(run).toMatchObject({ outcome: 'ingested', bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    expect(rawFiles(zones).filter((f) => !f.includes('/.') && !f.startsWith('_manifests/'))).toEqual([run.key]);
  }, 60_000);
});
