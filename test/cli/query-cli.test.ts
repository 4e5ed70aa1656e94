// `lakedeck query` and `lakedeck api` as scripts call them: the built CLI over a copy of the
// Spark-written sample lake (read-only, so no sample seeding), its stdout, stderr and exit codes.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = path.resolve('bin/lakedeck.js');
const home = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-query-cli-'));
const lake = path.join(home, 'lake');
cpSync('test/fixtures/query-lake', lake, { recursive: true });
const env = { ...process.env, XDG_CONFIG_HOME: home, XDG_STATE_HOME: home, AWS_ENDPOINT_URL: '', AWS_PROFILE: '' };

async function lakedeck(args: string[], input?: string) {
  const child = run('node', [CLI, '--lake', lake, '--read-only', ...args], { env });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  } else {
    child.child.stdin?.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('lakedeck query on the local lake', () => {
  it('prints CSV (NULL empty, empty string quoted) and the data read and cost on stderr', async () => {
    const result = await lakedeck([
      'query',
      "SELECT department_code, cases, NULL AS nothing, '' AS blank FROM incidence_by_department WHERE department_code IN ('05', '11') ORDER BY department_code",
      '--format',
      'csv',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('department_code,cases,nothing,blank\n05,86,,""\n11,288,,""\n');
    expect(result.stderr).toMatch(/2 rows in .* local DuckDB read [\d.]+ KiB of Parquet · Athena would charge \$0\.000048/);
  }, 60_000);

  it('takes SQL on stdin and prints JSON lines', async () => {
    const result = await lakedeck(
      ['query', '--format', 'json'],
      'SELECT "rank", cases FROM top_municipalities WHERE "rank" <= 2 ORDER BY "rank";\n',
    );
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { rank: '1', cases: '288' },
      { rank: '2', cases: '63' },
    ]);
  }, 60_000);

  it('writes --output to a new file and never overwrites one', async () => {
    const file = path.join(home, 'out.csv');
    const first = await lakedeck(['query', 'SELECT count(*) AS n FROM covid_cases', '--format', 'csv', '--output', file]);
    expect(first.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('n\n700\n');
    writeFileSync(file, 'keep me\n');
    const second = await lakedeck(['query', 'SELECT 1', '--output', file]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/exists: choose a new file/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  }, 60_000);

  it('exits 1 with the engine message on a failed query', async () => {
    const result = await lakedeck(['query', 'SELECT no_such_column FROM covid_cases']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no_such_column/);
    expect(result.stdout).toBe('');
  }, 60_000);

  it('refuses an untranslatable Trino form by name', async () => {
    const result = await lakedeck(['query', "SELECT format_datetime(current_timestamp, 'yyyy')"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/format_datetime\(\) cannot run on the local engine/);
  }, 60_000);
});

describe('lakedeck api on the local lake', () => {
  it('answers a route with the JSON of the Lambda', async () => {
    const result = await lakedeck(['api', '/municipalities/top', '--param', 'limit=3']);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body).toMatchObject({ query: 'top_municipalities', inputs: { limit: 3 }, truncated: false });
    expect(body.rows.map((r: unknown[]) => r[0])).toEqual([1, 2, 3]);
  }, 60_000);

  it('prints the 400 body and exits 1 on a bad parameter', async () => {
    const result = await lakedeck(['api', '/fatality', '--param', 'sex=X']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: 'bad_parameter', parameter: 'sex' });
  }, 60_000);
});
