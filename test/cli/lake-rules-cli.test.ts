// The built CLI and the lake folder: a --lake typo is an error that names it, `init` is how a new
// lake is made (with the sample), `ingest` on an empty lake adds only what it was asked for, and
// an unwritable --log-file is refused before the console starts.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = path.resolve('bin/lakedeck.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-rules-'));
const env = { ...process.env, XDG_CONFIG_HOME: root, XDG_STATE_HOME: root, XDG_DATA_HOME: root, AWS_ENDPOINT_URL: '', LAKEDECK_LAKE: '' };

async function lakedeck(args: string[]) {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the lake folder from the command line', () => {
  it('refuses a --lake that does not exist, names it and creates nothing', async () => {
    const typo = path.join(root, 'lkae');
    const result = await lakedeck(['--lake', typo, 'zones', 'ls', 'raw/']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `lakedeck: No lake at ${typo}: check --lake (or LAKEDECK_LAKE), or create one there with 'lakedeck init --lake ${typo}'\n`,
    );
    expect(existsSync(typo)).toBe(false);
  });

  it('ingests only what was asked into an empty --lake: no sample behind the user’s back', async () => {
    const lake = path.join(root, 'empty');
    mkdirSync(lake);
    const csv = pathToFileURL(path.resolve('sample-data/covid_casos_sample_700.csv')).href;
    const result = await lakedeck(['--lake', lake, 'ingest', 'covid_csv', '--url', csv]);
    expect(result.stderr).not.toMatch(/sample/);
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(lake, 'raw')).sort()).toEqual(['_manifests', 'covid_csv']);
  });

  it('lakedeck init creates the lake and lands the bundled sample', async () => {
    const lake = path.join(root, 'made', 'by-init');
    const result = await lakedeck(['init', '--lake', lake]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`lakedeck: lake ready at ${lake}`);
    expect(readdirSync(path.join(lake, 'raw')).sort()).toEqual(['_manifests', 'covid_csv', 'departments', 'divipola']);
    // A second init on a lake that has data changes nothing.
    const again = await lakedeck(['init', '--lake', lake]);
    expect(again.code).toBe(0);
    expect(readdirSync(path.join(lake, 'raw', 'covid_csv'))).toHaveLength(1);
  }, 180_000);

  it('refuses an unwritable --log-file before the console starts', async () => {
    writeFileSync(path.join(root, 'a-file'), 'x');
    const log = path.join(root, 'a-file', 'lakedeck.log');
    const result = await lakedeck(['--lake', root, '--log-file', log]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `lakedeck: Cannot finish opening the log file ${log}: part of that path is a file, not a folder (choose another with --log-file or LAKEDECK_LOG_FILE)\n`,
    );
  });
});
