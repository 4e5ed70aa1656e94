// Plain-data parts of metrics: the catalog resolved per backend, the points of a finished step
// from its LAKEDECK_METRIC lines, the range table, the pane's key table and navigation.
import { describe, expect, it } from 'vitest';
import { LOCAL_RESOURCES, resolveCatalog } from '../../src/core/metric-catalog.js';
import { stepPoints } from '../../src/core/metric-points.js';
import { rangeFor, refreshMsFor } from '../../src/core/metric-range.js';
import { metricsBindings, type MetricsKeysActions } from '../../src/ui/panes/metrics/metrics-bindings.js';
import { INITIAL_METRICS_NAV, metricsNavReducer } from '../../src/ui/panes/metrics/metrics-nav.js';

describe('metric catalog', () => {
  it('gives local the pipeline metrics and the local twins, aws only what a resource names', () => {
    const local = resolveCatalog({ backend: 'local', namespace: 'Lakedeck', resources: LOCAL_RESOURCES });
    expect(local.filter((s) => s.name === 'RowsRead').map((s) => s.dimensions.Job)).toEqual(['etl', 'analytics', 'ml']);
    expect(local.some((s) => s.namespace === 'AWS/S3')).toBe(false);
    const aws = resolveCatalog({ backend: 'aws', namespace: 'Custom', resources: { LakeBucket: 'b' } });
    expect(aws.map((s) => s.id)).toContain('pipeline:RowsIngested:covid_api');
    expect(aws.find((s) => s.name === 'RowsIngested')?.namespace).toBe('Custom');
    expect(aws.some((s) => s.namespace === 'AWS/States')).toBe(false);
    expect(aws.filter((s) => s.namespace === 'AWS/S3').map((s) => s.dimensions)).toEqual([
      { BucketName: 'b', StorageType: 'StandardStorage' },
      { BucketName: 'b', StorageType: 'AllStorageTypes' },
    ]);
  });
});

describe('step points', () => {
  it('sums rows per job and keeps them per table, rejects tables counted once, and the failed-step rule', () => {
    const lines = [
      { job: 'etl', table: 'cases', rows_read: 700, rows_written: 690, rows_rejected: 10 },
      { job: 'etl', table: 'cases_rejects', rows_written: 10 },
      { job: 'etl', table: 'municipalities', rows_read: 1122, rows_written: 1122 },
      { job: 'etl', status: 'failed', error: 'boom' },
    ];
    const points = stepPoints(
      'Lakedeck',
      { job: 'etl', state: 'FAILED', startedAt: '2026-11-29T20:00:00Z', endedAt: '2026-11-29T20:01:30Z' },
      lines,
    );
    const value = (name: string, dimensions: Record<string, string>) =>
      points.find((p) => p.name === name && JSON.stringify(p.dimensions) === JSON.stringify(dimensions))?.value;
    expect(value('RowsRead', { Job: 'etl' })).toBe(1822);
    expect(value('RowsWritten', { Job: 'etl' })).toBe(1812);
    expect(value('RowsRejected', { Job: 'etl' })).toBe(10);
    expect(value('RowsWritten', { Job: 'etl', Table: 'municipalities' })).toBe(1122);
    expect(value('StepDuration', { Job: 'etl' })).toBe(90);
    expect(points.some((p) => p.namespace === 'AWS/Events')).toBe(false);
    const ok = stepPoints('Lakedeck', { job: 'ml', state: 'COMPLETED' }, []);
    expect(ok).toEqual([]);
  });
});

describe('ranges', () => {
  it('ends with the period holding now and refreshes once a period, at least a minute apart', () => {
    const range = rangeFor('1h', new Date('2026-11-29T20:41:10Z'));
    expect(range).toEqual({ since: new Date('2026-11-29T19:42:00Z'), until: new Date('2026-11-29T20:42:00Z'), periodSeconds: 60 });
    expect(refreshMsFor('1h')).toBe(60_000);
    expect(refreshMsFor('1d')).toBe(900_000);
    expect(refreshMsFor('30d')).toBe(900_000);
  });
});

describe('Metrics pane keys', () => {
  const actions: MetricsKeysActions = {
    move: () => {},
    range: () => {},
    open: () => {},
    back: () => {},
    toggleAlarms: () => {},
    scrollAlarms: () => {},
  };
  const find = (table: ReturnType<typeof metricsBindings>, key: string) => table.find((b) => b.keys.includes(key));

  it('moves by a row of cells on up/down and says why a key cannot act', () => {
    const moves: number[] = [];
    const table = metricsBindings(
      { view: 'grid', range: '1h', total: 10, columns: 3, alarms: 0 },
      { ...actions, move: (d) => moves.push(d) },
    );
    find(table, 'j')!.handler();
    find(table, 'h')!.handler();
    expect(moves).toEqual([3, -1]);
    expect(find(table, '[')?.disabledReason).toBe('1h is the shortest range');
    expect(find(table, ']')?.disabledReason).toBeUndefined();
    expect(find(table, 'a')?.disabledReason).toBe('the backend lists no alarms');
    expect(find(metricsBindings({ view: 'grid', range: '1d', total: 0, columns: 2, alarms: 7 }, actions), 'enter')?.disabledReason).toBe(
      'no series shown',
    );
    expect(find(metricsBindings({ view: 'chart', range: '1d', total: 3, columns: 2, alarms: 7 }, actions), 'esc')?.description).toBe(
      'Back to the grid',
    );
  });

  it('navigates as plain data', () => {
    let nav = metricsNavReducer(INITIAL_METRICS_NAV, { type: 'move', delta: 5, total: 3 });
    expect(nav.cursor).toBe(2);
    nav = metricsNavReducer(nav, { type: 'range', delta: 1 });
    nav = metricsNavReducer(nav, { type: 'range', delta: 5 });
    expect(nav.range).toBe('30d');
    nav = metricsNavReducer(metricsNavReducer(nav, { type: 'open' }), { type: 'toggle-alarms' });
    expect(nav.view).toBe('alarms');
    expect(metricsNavReducer(nav, { type: 'scroll-alarms', delta: 4, total: 14, height: 12 }).alarmsTop).toBe(2);
  });
});
