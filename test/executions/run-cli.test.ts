// `lakedeck run` and `lakedeck executions` as a script calls them (the built CLI on a local lake
// whose sources were all landed already, so the run ends at NothingNew without Spark): the
// follow lines, the exit status, ls/show as text and JSON, --detach in a background process,
// and plain errors for bad input and read-only.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const CLI = path.resolve('bin/lakedeck.js');
const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-run-cli-'));
const csv = pathToFileURL(path.resolve('sample-data/covid_casos_sample_700.csv')).href;

async function lakedeck(args: string[]) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: lake,
    XDG_STATE_HOME: lake,
    LAKEDECK_LAKE: lake,
    AWS_ENDPOINT_URL: '',
    LAKEDECK_COVID_CSV_URL: csv,
    LAKEDECK_SKIP_SOURCES: 'covid_api',
  };
  try {
    const { stdout, stderr } = await exec('node', [CLI, ...args], { env, timeout: 300_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  const landed = await lakedeck(['ingest', 'covid_csv']);
  expect(landed.code).toBe(0);
  await Promise.all([lakedeck(['ingest', 'divipola']), lakedeck(['ingest', 'departments'])]);
}, 300_000);

describe('lakedeck run', () => {
  it('follows a run state by state to NothingNew, exits 0, and lists and shows it', async () => {
    const ran = await lakedeck(['run']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^run-\S+ +✓ SUCCEEDED +\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ +[\d.]+ s +cli\n$/);
    const lines = ran.stderr.split('\n').map((line) => line.replace(/^\d\d:\d\d:\d\d {2}/, ''));
    expect(lines).toEqual(
      expect.arrayContaining([
        'start   Ingest',
        'done    IngestCovidApi  (skipped)',
        'done    IngestCovidCsv  (duplicate)',
        'start   NothingNew',
        'SUCCEEDED',
      ]),
    );
    expect(ran.stderr).not.toContain('\x1b[');
    const name = /^(run-\S+)/.exec(ran.stdout)![1];

    const listed = (await lakedeck(['executions', 'ls', '--json'])).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(listed[0]).toMatchObject({ name, status: 'SUCCEEDED', trigger: 'cli' });
    const shown = JSON.parse((await lakedeck(['executions', 'show', name, '--json'])).stdout);
    expect(JSON.parse(shown.input)).toEqual({ trigger: 'cli' });
    expect(shown.events[0].type).toBe('ExecutionStarted');
    expect(shown.events.at(-1).type).toBe('ExecutionSucceeded');
    const text = await lakedeck(['executions', 'show', name]);
    expect(text.stdout).toContain('"outcome":"skipped"');
  }, 300_000);

  it('--detach returns at once with the name; the background run ends SUCCEEDED', async () => {
    const detached = await lakedeck(['run', '--detach', '--skip', 'departments']);
    expect(detached.code).toBe(0);
    const name = detached.stdout.trim();
    expect(name).toMatch(/^run-/);
    expect(detached.stderr).toContain('runs in the background');
    let shown;
    for (;;) {
      shown = JSON.parse((await lakedeck(['executions', 'show', name, '--json'])).stdout);
      if (shown.status !== 'RUNNING') break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(shown.status).toBe('SUCCEEDED');
    expect(JSON.parse(shown.input)).toEqual({ skip: ['departments'], trigger: 'cli' });
  }, 300_000);

  it('refuses bad input and writes in read-only with one plain line', async () => {
    const badDate = await lakedeck(['run', '--run-date', 'yesterday']);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toBe("lakedeck: Run date 'yesterday' is not YYYY-MM-DD\n");
    const badSource = await lakedeck(['run', '--skip', 'twitter']);
    expect(badSource.stderr).toMatch(/Unknown source 'twitter' to skip: use covid_csv, covid_api, divipola, departments/);
    const readOnly = await lakedeck(['--read-only', 'run']);
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toMatch(/Read-only mode: starting an execution refused/);
    const missing = await lakedeck(['executions', 'show', 'run-nope']);
    expect(missing.stderr).toBe("lakedeck: No execution 'run-nope' on this lake\n");
  }, 300_000);
});
