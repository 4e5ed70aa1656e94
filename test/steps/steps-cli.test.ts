// `lakedeck steps` as a script calls it (the built CLI on a local lake): a job that fails on bad
// input exits with the job's status and prints its reason and log tail; ls, logs and cancel.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyLake } from './support/tiny-lake.js';

const run = promisify(execFile);
const CLI = path.resolve('bin/lakedeck.js');

async function lakedeck(lake: string, args: string[]) {
  const env = { ...process.env, XDG_CONFIG_HOME: lake, XDG_STATE_HOME: lake, LAKEDECK_LAKE: lake, AWS_ENDPOINT_URL: '' };
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { env, timeout: 300_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('lakedeck steps', () => {
  it('runs a failing ETL to its exit status, then lists it, prints its log and refuses to cancel it', async () => {
    const lake = tinyLake(['covid_csv']);
    const ran = await lakedeck(lake, ['steps', 'run', 'etl', '--run-date', 'all']);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toMatch(/^s-\S+ +FAILED +etl all .*— no divipola extract under file:/);
    expect(ran.stderr).toMatch(/^step s-\S+ on local: etl all$/m);
    expect(ran.stderr).toContain('--- last lines of the log ---\n');
    expect(ran.stderr).toMatch(/^lakedeck etl: error: no divipola extract/m);
    expect(ran.stderr).not.toContain('\x1b[');
    const id = /^(s-\S+)/.exec(ran.stdout)![1];

    const listed = JSON.parse((await lakedeck(lake, ['steps', 'ls', '--json'])).stdout);
    expect(listed.clusters[0]).toMatchObject({ id: 'local', stepCounts: { FAILED: 1 } });
    expect(listed.clusters[0].steps[0]).toMatchObject({ id, state: 'FAILED', job: 'etl' });

    const logs = await lakedeck(lake, ['steps', 'logs', id, '--lines', '2']);
    expect(logs.code).toBe(0);
    expect(logs.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^lakedeck etl: error: no divipola extract/),
      expect.stringMatching(/^LAKEDECK_METRIC \{"job": "etl", "status": "failed"/),
    ]);

    const cancel = await lakedeck(lake, ['steps', 'cancel', id]);
    expect(cancel.code).toBe(1);
    expect(cancel.stderr).toMatch(/is FAILED: only a pending or running step can be cancelled/);

    const unknown = await lakedeck(lake, ['steps', 'run', 'etl', '--run-date', 'yesterday']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Run date 'yesterday' is not YYYY-MM-DD or 'all'/);
  }, 300_000);
});
