// Pure pieces of the steps commands: which lines of a re-read tail are new, metric lines and
// rows, Spark REST progress, and how a step reads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linesAfter } from '../../src/cli/log-follow.js';
import { sparkProgress, stepFraction } from '../../src/core/spark-progress.js';
import { failureFromMetrics, parseMetricLines, rowsFromMetrics } from '../../src/core/step-metrics.js';
import { stepLine } from '../../src/format/steps.js';

describe('linesAfter', () => {
  it.each([
    [[], ['a', 'b'], ['a', 'b']],
    [
      ['a', 'b', 'c'],
      ['b', 'c', 'd', 'e'],
      ['d', 'e'],
    ],
    [['a', 'b', 'c'], ['a', 'b', 'c'], []],
    [
      ['x', 'y', 'z'],
      ['d', 'e'],
      ['d', 'e'],
    ],
  ])('after %j, tail %j prints %j', (printed, tail, expected) => {
    expect(linesAfter(printed, tail)).toEqual(expected);
  });
});

describe('metric lines', () => {
  const log = [
    '26/11/29 WARN something',
    'LAKEDECK_METRIC {"job": "etl", "table": "municipalities", "rows_read": 1122, "rows_written": 1122}',
    'LAKEDECK_METRIC {"job": "etl", "table": "covid_cases", "rows_read": 700, "rows_written": 690, "rows_rejected": 10}',
    'LAKEDECK_METRIC {"job": "etl", "table": "covid_cases_rejects", "rows_written": 10}',
    'LAKEDECK_METRIC {"job": "etl", "status": "failed", "error": "bad thing"}',
    'LAKEDECK_METRIC {"job": "etl", "cut off',
  ].join('\n');

  it('parses every complete line, sums rows without counting rejects twice, finds the failure', () => {
    const lines = parseMetricLines(log);
    expect(lines).toHaveLength(4);
    expect(rowsFromMetrics(lines)).toEqual({ read: 1822, written: 1812, rejected: 10 });
    expect(failureFromMetrics(lines)).toBe('bad thing');
    expect(rowsFromMetrics([])).toBeUndefined();
  });
});

describe('Spark REST progress (recorded from a real local ETL)', () => {
  it('reads stages newest first and a fraction below 1 while running', () => {
    const read = (name: string) => JSON.parse(readFileSync(`test/fixtures/spark-rest/${name}.json`, 'utf8'));
    const progress = sparkProgress(read('jobs'), read('stages'));
    expect(progress.fraction).toBeCloseTo(18 / 19, 5);
    expect(progress.stages[0]).toMatchObject({ stageId: 18, status: 'ACTIVE', tasksDone: 0, tasksTotal: 1 });
    expect(progress.jobs).toBe(13);
    // An earlier run took 26 Spark jobs: 12 done and the running one not started is 12/26.
    expect(stepFraction(progress, 26)).toBeCloseTo(12 / 26, 5);
    // Without an earlier run, or when this run already went past it: the task fraction.
    expect(stepFraction(progress, undefined)).toBe(progress.fraction);
    expect(stepFraction(progress, 10)).toBe(progress.fraction);
    expect(sparkProgress([], []).fraction).toBe(0);
    expect(sparkProgress([{ jobId: 0, status: 'SUCCEEDED', numTasks: 4, numCompletedTasks: 4 }], []).fraction).toBe(0.99);
  });
});

describe('stepLine', () => {
  it('says state, elapsed, an estimate as such, rows and the reason', () => {
    const now = new Date('2026-11-29T10:05:00Z');
    const base = { id: 's-1', clusterId: 'j-1', name: 'etl all', startedAt: new Date('2026-11-29T10:00:00Z') };
    expect(stepLine({ ...base, state: 'RUNNING', progress: 0.42, progressSource: 'estimate' }, now)).toBe(
      's-1  RUNNING      etl all  5 min 0 s  ~42% (estimate)',
    );
    expect(
      stepLine(
        { ...base, state: 'FAILED', endedAt: new Date('2026-11-29T10:00:30Z'), failureReason: 'no divipola', rows: { read: 700 } },
        now,
      ),
    ).toBe('s-1  FAILED       etl all  30.0 s  rows in 700 out - rejected -  — no divipola');
  });
});
