// `lakedeck ingest` as a script sees it: plain progress lines or a redrawn bar on a terminal,
// one summary (or JSON) line per run on stdout, and the exit code by outcome.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerIngestCommand, type IngestIo } from '../../src/cli/ingest-command.js';
import type { Backend } from '../../src/core/backend.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import { localTarget } from '../../src/backends/local/target.js';
import { SAMPLE_CSV } from './support/api-rows.js';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.js';
import { freshLake, rawFiles, serviceOver } from './support/lake.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({
    '/cases.csv': { body: readFileSync(SAMPLE_CSV) },
    '/slow.csv': { body: readFileSync(SAMPLE_CSV), drip: { bytes: 2048, everyMs: 20 } },
  });
});
afterAll(() => server.close());

function harness(tty: boolean) {
  const zones = freshLake();
  const backend: Backend = {
    kind: 'local',
    label: 'test',
    readOnly: false,
    calls: new CallCounter(),
    zones,
    target: localTarget(zones.root),
    ingestion: serviceOver(zones, { covidCsvUrl: server.url('/cases.csv') }),
    close: async () => {},
  };
  const out = { stdout: '', stderr: '', code: 0 };
  const io: IngestIo = {
    stdout: { write: (text: string) => ((out.stdout += text), true) } as unknown as NodeJS.WritableStream,
    stderr: Object.assign(
      { write: (text: string) => ((out.stderr += text), true) },
      { isTTY: tty, columns: 72 },
    ) as unknown as IngestIo['stderr'],
    setExitCode: (code) => (out.code = code),
  };
  const lakedeck = async (...args: string[]) => {
    const program = new Command('lakedeck').exitOverride();
    registerIngestCommand(program, (action) => action(backend), io);
    await program.parseAsync(['node', 'lakedeck', ...args]);
  };
  return { lakedeck, out, zones };
}

describe('lakedeck ingest', () => {
  it('prints plain progress lines and a summary off a terminal; exit 0 for ingested and duplicate', async () => {
    const { lakedeck, out } = harness(false);
    await lakedeck('ingest', 'covid_csv');
    await lakedeck('ingest', 'covid_csv');
    const [first, second] = out.stdout.trimEnd().split('\n');
    expect(first).toMatch(
      /^covid_csv +ingested +120 KiB, 700 rows → raw\/covid_csv\/ingest_date=[\d-]+\/covid_csv_\d{8}_\d{6}\.csv \(\d+\.\d s\)$/,
    );
    expect(second).toMatch(/^covid_csv +duplicate .*same content as covid_csv-\d{8}_\d{6}_\d{3}-\w{4}: nothing written/);
    expect(out.stderr).toContain('covid_csv: connecting\n');
    expect(out.stderr).toMatch(/covid_csv: downloading [\d.]+ KiB of 120 KiB\n/);
    expect(out.stderr).not.toContain('\r');
    expect(out.code).toBe(0);
  });

  it('draws a bar on a terminal, prints JSON records on request, and exits 1 on a failed run', async () => {
    const { lakedeck, out } = harness(true);
    await lakedeck('ingest', 'covid_csv', '--json');
    expect(out.stderr).toMatch(/\r\x1b\[2Kcovid_csv +\[#+\.*\] +\d+%/);
    expect(JSON.parse(out.stdout)).toMatchObject({ source: 'covid_csv', outcome: 'ingested', rows: 700 });
    await lakedeck('ingest', 'covid_csv', '--url', server.url('/missing.csv'));
    expect(out.stdout.trimEnd().split('\n').at(-1)).toMatch(/^covid_csv +failed +HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/missing\.csv/);
    expect(out.code).toBe(1);
    await lakedeck('ingest', '--history', '5');
    expect(
      out.stdout
        .trimEnd()
        .split('\n')
        .slice(-2)
        .map((l) => l.split(/ +/)[2]),
    ).toEqual(['failed', 'ingested']);
  });

  it('refuses unknown sources and --url without a URL-based source', async () => {
    const { lakedeck } = harness(false);
    await expect(lakedeck('ingest', 'covid')).rejects.toThrow(/Unknown source 'covid'/);
    await expect(lakedeck('ingest', '--url', 'file:///x.csv')).rejects.toThrow(/--url applies/);
  });

  it('lists only the named source with --history, and refuses a count that is not a number', async () => {
    const { lakedeck, out } = harness(false);
    await lakedeck('ingest', 'covid_csv');
    await lakedeck('ingest', 'covid_api', '--url', server.url('/missing.json'));
    out.stdout = '';
    await lakedeck('ingest', 'covid_csv', '--history');
    const sources = out.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/ +/)[1]);
    expect(sources).toEqual(['covid_csv']);
    out.stdout = '';
    await lakedeck('ingest', '--history');
    expect(
      out.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/ +/)[1])
        .sort(),
    ).toEqual(['covid_api', 'covid_csv']);
    await expect(lakedeck('ingest', '--history', 'abc')).rejects.toThrow(/--history \[n\]' argument 'abc' is invalid/);
  });

  it('on SIGTERM mid-run cancels it: no object, no temp file, a cancelled record, exit 143', async () => {
    const { lakedeck, out, zones } = harness(false);
    const before = new Set(process.listeners('SIGTERM'));
    const running = lakedeck('ingest', 'covid_csv', '--url', server.url('/slow.csv'));
    for (let i = 0; i < 500 && !out.stderr.includes('downloading'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(out.stderr).toContain('downloading');
    // The command's own handler, called as the signal would (emitting SIGTERM would reach the test runner's too).
    const added = process.listeners('SIGTERM').filter((listener) => !before.has(listener));
    expect(added).toHaveLength(1);
    (added[0] as () => void)();
    await running;
    expect(out.stdout.trimEnd()).toMatch(/^covid_csv +cancelled +cancelled before the object was published; nothing was written/);
    expect(out.code).toBe(143);
    expect(process.listeners('SIGTERM').filter((listener) => !before.has(listener))).toEqual([]);
    const files = rawFiles(zones);
    expect(files.filter((f) => !f.startsWith('_manifests/'))).toEqual([]);
    expect(files.some((f) => f.split('/').some((part) => part.startsWith('.')))).toBe(false);
    out.stdout = '';
    await lakedeck('ingest', 'covid_csv', '--history');
    expect(
      out.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/ +/)[2]),
    ).toEqual(['cancelled']);
  });
});
