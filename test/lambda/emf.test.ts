// The ingestion Lambda's Embedded Metric Format line: valid EMF (CloudWatch drops an invalid line
// silently, so the rules are checked here) and the metrics contract the dashboard reads
// (cloudformation/README.md, "Metrics": RowsIngested by Source in the stack's namespace).
import { describe, expect, it } from 'vitest';
import type { IngestRun } from '../../src/core/ingestion.js';
import { emfLine } from '../../src/lambda/emf.js';

const run = (overrides: Partial<IngestRun>): IngestRun => ({
  runId: 'covid_csv-20240701T120000.000Z',
  source: 'covid_csv',
  origin: 'https://www.datos.gov.co/api/views/gt2j-8ykr/rows.csv',
  outcome: 'ingested',
  bytes: 1_048_576,
  rows: 700,
  startedAt: '2024-07-01T12:00:00.000Z',
  endedAt: '2024-07-01T12:00:05.000Z',
  ...overrides,
});

/** The EMF specification's rules for one root node, as far as this line uses them. */
function assertValidEmf(line: string): Record<string, unknown> {
  expect(line).not.toContain('\n');
  const doc = JSON.parse(line);
  expect(Number.isInteger(doc._aws.Timestamp)).toBe(true);
  for (const directive of doc._aws.CloudWatchMetrics) {
    expect(directive.Namespace).toMatch(/^[A-Za-z0-9/_.#:-]{1,255}$/);
    for (const set of directive.Dimensions) for (const key of set) expect(typeof doc[key], `dimension ${key}`).toBe('string');
    for (const metric of directive.Metrics) expect(Number.isFinite(doc[metric.Name]), `metric ${metric.Name}`).toBe(true);
  }
  return doc;
}

describe('emfLine', () => {
  it('publishes rows and bytes of an ingested run by Source, in the given namespace', () => {
    const doc = assertValidEmf(emfLine('Lakedeck', run({}), 1_719_835_205_000));
    expect(doc).toMatchObject({
      Source: 'covid_csv',
      RowsIngested: 700,
      BytesIngested: 1_048_576,
      DuplicateRuns: 0,
      FailedRuns: 0,
      outcome: 'ingested',
      runId: 'covid_csv-20240701T120000.000Z',
    });
    expect(doc._aws).toEqual({
      Timestamp: 1_719_835_205_000,
      CloudWatchMetrics: [
        {
          Namespace: 'Lakedeck',
          Dimensions: [['Source']],
          Metrics: [
            { Name: 'RowsIngested', Unit: 'Count' },
            { Name: 'BytesIngested', Unit: 'Bytes' },
            { Name: 'DuplicateRuns', Unit: 'Count' },
            { Name: 'FailedRuns', Unit: 'Count' },
          ],
        },
      ],
    });
  });

  it.each([
    ['duplicate', { DuplicateRuns: 1, FailedRuns: 0 }],
    ['failed', { DuplicateRuns: 0, FailedRuns: 1 }],
  ] as const)('counts no rows or bytes for a %s run, so the daily Sum is what reached raw', (outcome, counts) => {
    const doc = assertValidEmf(emfLine('Lakedeck/test', run({ outcome, source: 'departments', rows: 33, bytes: 900 })));
    expect(doc).toMatchObject({ Source: 'departments', RowsIngested: 0, BytesIngested: 0, outcome, ...counts });
  });
});
