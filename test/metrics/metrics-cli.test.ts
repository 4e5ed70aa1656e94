// `lakedeck metrics` and `lakedeck alarms` on a local lake: the series with their last value,
// --json with the points, a bad range refused in words, and the alarms' exit status for scripts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../src/backends/local/backend.js';
import { registerMetricsCommands } from '../../src/cli/metrics-command.js';
import type { Backend } from '../../src/core/backend.js';
import { ingestRunPoints } from '../../src/core/metric-points.js';
import type { MetricsRecorder } from '../../src/core/metrics.js';

const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-metrics-cli-'));
const now = new Date();
let backend: Backend;

beforeAll(async () => {
  backend = await createLocalBackend({ backend: 'local', lake, readOnly: false, logFile: '/dev/null', createLake: true }, {});
  const run = {
    runId: 'r1',
    source: 'covid_api' as const,
    origin: 'https://example.test',
    outcome: 'ingested' as const,
    bytes: 2048,
    rows: 42,
    startedAt: new Date(now.getTime() - 3000).toISOString(),
    endedAt: now.toISOString(),
  };
  await (backend.metrics as unknown as MetricsRecorder).record(ingestRunPoints('Lakedeck', run));
});
afterAll(async () => {
  await backend.close();
  rmSync(lake, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ out: string; code: number; error?: string }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk) => (out += chunk));
  let code = 0;
  let error: string | undefined;
  const program = new Command('lakedeck').exitOverride();
  registerMetricsCommands(
    program,
    async (action) =>
      action(backend).catch((e: Error) => {
        error = e.message;
        code = 2;
      }),
    { stdout, setExitCode: (c) => (code = c), now: () => now },
  );
  await program.parseAsync(['node', 'lakedeck', ...args]);
  return { out, code, error };
}

describe('lakedeck metrics / alarms', () => {
  it('prints each series with its last, min and max', async () => {
    const { out } = await cli('metrics', '--range', '1h');
    expect(out).toMatch(/^rows ingested covid_api\s+last 42 · min 42 · max 42$/m);
    expect(out).toMatch(/^bytes ingested covid_api\s+last 2\.0 KiB/m);
    expect(out).toMatch(/^rows ingested divipola\s+no data$/m);
    // Local steps have no EMR cluster: the series are not made up, the output says why.
    expect(out.trimEnd().split('\n').at(-1)).toBe('EMR series (idle, apps, HDFS) are aws-only: local steps run Spark in local mode');
    expect(out).not.toMatch(/^EMR idle/m);
  });

  it('prints the points as JSON', async () => {
    const { out } = await cli('metrics', '--range', '6h', '--json');
    const doc = JSON.parse(out);
    expect(doc).toMatchObject({ range: '6h', periodSeconds: 300, clustersAbsent: expect.stringMatching(/^EMR series .* aws-only/) });
    expect(doc.series.find((s: { id: string }) => s.id === 'pipeline:RowsIngested:covid_api').points).toEqual([
      { at: expect.any(String), value: 42 },
    ]);
  });

  it('refuses an unknown range in words', async () => {
    expect((await cli('metrics', '--range', '2d')).error).toBe("Unknown range '2d': use one of 1h, 6h, 1d, 7d, 30d");
  });

  it('exits 0 when every alarm is OK and 1 once one is in ALARM', async () => {
    const ok = await cli('alarms');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^✓ OK\s+IngestErrorsAlarm /m);
    const failed = {
      runId: 'r2',
      source: 'covid_csv' as const,
      origin: 'file:///x',
      outcome: 'failed' as const,
      bytes: 0,
      rows: 0,
      startedAt: now.toISOString(),
      endedAt: now.toISOString(),
      error: 'unreachable',
    };
    await (backend.metrics as unknown as MetricsRecorder).record(ingestRunPoints('Lakedeck', failed));
    const alarm = await cli('alarms');
    expect(alarm.code).toBe(1);
    expect(alarm.out).toMatch(/^✖ ALARM\s+IngestErrorsAlarm .*Threshold Crossed: 1 datapoint/m);
    const json = JSON.parse((await cli('alarms', '--json')).out);
    expect(json.find((a: { name: string }) => a.name === 'IngestErrorsAlarm').state).toBe('ALARM');
  });
});
