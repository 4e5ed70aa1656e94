// Local runs record their points with the lake and the stack's alarms are evaluated over them:
// a real ingestion of the bundled sample lands RowsIngested for its source, a failing one puts
// the template's IngestErrorsAlarm into ALARM, and the points survive a new backend (the store).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../src/backends/local/backend.js';
import { LocalMetricsService } from '../../src/backends/local/metrics/local-metrics.js';
import { MetricsStore, RETENTION_DAYS } from '../../src/backends/local/metrics/metrics-store.js';
import type { Config } from '../../src/config/config.js';
import { rangeFor } from '../../src/core/metric-range.js';

const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-metrics-'));
const config: Config = { backend: 'local', lake, readOnly: false, logFile: '/dev/null', createLake: true };
const sampleUrl = pathToFileURL(path.resolve('sample-data', 'covid_casos_sample_700.csv')).href;
afterAll(() => rmSync(lake, { recursive: true, force: true }));

describe('local metrics', () => {
  it('records an ingestion run and shows it in the series of its source', async () => {
    const backend = await createLocalBackend(config, {});
    try {
      const run = await backend.ingestion!.run('covid_csv', { url: sampleUrl });
      expect(run).toMatchObject({ outcome: 'ingested', rows: 700 });
      const metrics = backend.metrics!;
      const specs = metrics.catalog().filter((spec) => spec.dimensions.Source === 'covid_csv');
      expect(specs.map((spec) => spec.name)).toEqual(['RowsIngested', 'BytesIngested', 'DuplicateRuns', 'FailedRuns']);
      const series = await metrics.query(specs, rangeFor('1h', new Date()));
      const rows = series.find((s) => s.name === 'RowsIngested')!;
      expect(rows.points.map((p) => p.value)).toEqual([700]);
      expect(series.find((s) => s.name === 'BytesIngested')!.points[0].value).toBe(run.bytes);
      expect(series.find((s) => s.name === 'FailedRuns')!.points.map((p) => p.value)).toEqual([0]);
    } finally {
      await backend.close();
    }
  });

  it('puts the template alarm IngestErrorsAlarm into ALARM after a failed run, and says why', async () => {
    const backend = await createLocalBackend(config, {});
    try {
      const before = await backend.metrics!.alarms();
      expect(before.find((a) => a.name === 'IngestErrorsAlarm')).toMatchObject({ state: 'OK' });
      const failed = await backend.ingestion!.run('covid_csv', { url: pathToFileURL(path.join(lake, 'missing.csv')).href });
      expect(failed.outcome).toBe('failed');
      const after = await backend.metrics!.alarms();
      const alarm = after.find((a) => a.name === 'IngestErrorsAlarm')!;
      expect(alarm.state).toBe('ALARM');
      expect(alarm.reason).toMatch(/^Threshold Crossed: 1 datapoint \[1 \(.*\)\] was greater than or equal to the threshold \(1\)$/);
      expect(alarm.updatedAt).toBeInstanceOf(Date);
      expect(after.filter((a) => a.state === 'ALARM').map((a) => a.name)).toEqual(['IngestErrorsAlarm']);
    } finally {
      await backend.close();
    }
    // A new process (backend) reads the same store.
    const again = await createLocalBackend(config, {});
    const series = await again.metrics!.query(
      again.metrics!.catalog().filter((s) => s.id === 'pipeline:FailedRuns:covid_csv'),
      rangeFor('1d', new Date()),
    );
    expect(series[0].points.reduce((sum, p) => sum + p.value, 0)).toBe(1);
    await again.close();
  });

  it('reads recorded points at once, also read-only, and folds each spool file in once with the next write', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-deferred-'));
    const now = new Date('2026-11-29T12:00:00Z');
    const key = { namespace: 'Lakedeck', name: 'StepDurationSeconds', dimensions: { Job: 'etl' } };
    const store = new MetricsStore(dir, () => now);
    await store.record([{ ...key, value: 1, unit: 'Seconds', at: new Date(now.getTime() - 60_000) }]);
    await store.foldPending();
    // As `steps run` records on its way out: two runs, no engine loaded.
    await new MetricsStore(dir, () => now).record([{ ...key, value: 30, unit: 'Seconds', at: now }]);
    await new MetricsStore(dir, () => now).record([{ ...key, value: 20, unit: 'Seconds', at: new Date(now.getTime() - 30_000) }]);
    const spool = path.join(dir, '.metrics', 'pending');
    expect(readdirSync(spool)).toHaveLength(2);
    expect((await store.points([key], new Date(0)))[0].map((p) => p.value)).toEqual([1, 20, 30]);
    const readOnly = new LocalMetricsService({ lake: dir, namespace: 'Lakedeck', readOnly: true, now: () => now, alarms: [] });
    const spec = { ...key, id: 'x', label: 'x', stat: 'Sum' as const, unit: 'Seconds' as const };
    const seen = await readOnly.query([spec], {
      since: new Date(now.getTime() - 86_400_000),
      until: new Date(now.getTime() + 3_600_000),
      periodSeconds: 3 * 86_400,
    });
    expect(seen[0].points.reduce((sum, p) => sum + p.value, 0)).toBe(51);
    expect(readdirSync(spool)).toHaveLength(2);
    // The next writer folds them in and removes the files; nothing is counted twice.
    await store.record([{ ...key, value: 4, unit: 'Seconds', at: now }]);
    await store.foldPending();
    expect(readdirSync(spool)).toEqual([]);
    expect((await store.points([key], new Date(0)))[0].map((p) => p.value).sort((a, b) => a - b)).toEqual([1, 4, 20, 30]);
    // A spool file folded in but not removed (the writer stopped in between) is not folded again.
    const again = new MetricsStore(dir, () => now);
    await again.record([{ ...key, value: 100, unit: 'Seconds', at: now }]);
    const [name] = readdirSync(spool);
    await again.foldPending();
    writeFileSync(path.join(spool, name), JSON.stringify([{ ...key, value: 100, unit: 'Seconds', at: now.getTime() }]));
    expect((await store.points([key], new Date(0)))[0].map((p) => p.value).sort((a, b) => a - b)).toEqual([1, 4, 20, 30, 100]);
    await store.foldPending();
    expect(readdirSync(spool)).toEqual([]);
    expect((await store.points([key], new Date(0)))[0]).toHaveLength(5);
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops points older than the retention as new ones are folded in', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-retention-'));
    const now = new Date('2026-11-29T12:00:00Z');
    const store = new MetricsStore(dir, () => now);
    const key = { namespace: 'Lakedeck', name: 'RowsIngested', dimensions: { Source: 'covid_api' } };
    const old = new Date(now.getTime() - (RETENTION_DAYS + 1) * 86_400_000);
    await store.record([{ ...key, value: 5, unit: 'Count', at: old }]);
    await store.foldPending();
    await store.record([{ ...key, value: 7, unit: 'Count', at: now }]);
    await store.foldPending();
    const [points] = await store.points([key], new Date(0));
    expect(points.map((p) => p.value)).toEqual([7]);
    rmSync(dir, { recursive: true, force: true });
  });
});
