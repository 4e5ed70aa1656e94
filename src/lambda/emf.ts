// CloudWatch Embedded Metric Format: one JSON line on stdout per run becomes metrics without an
// API call (the extract function's subnets have no route to the CloudWatch API). The dashboard
// reads RowsIngested by Source (cloudformation/README.md, "Metrics").
import type { IngestRun } from '../core/ingestion.js';

export function emfLine(namespace: string, run: IngestRun, now = Date.now()): string {
  const ingested = run.outcome === 'ingested';
  return JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [['Source']],
          Metrics: [
            { Name: 'RowsIngested', Unit: 'Count' },
            { Name: 'BytesIngested', Unit: 'Bytes' },
            { Name: 'DuplicateRuns', Unit: 'Count' },
            { Name: 'FailedRuns', Unit: 'Count' },
          ],
        },
      ],
    },
    Source: run.source,
    RowsIngested: ingested ? run.rows : 0,
    BytesIngested: ingested ? run.bytes : 0,
    DuplicateRuns: run.outcome === 'duplicate' ? 1 : 0,
    FailedRuns: run.outcome === 'failed' ? 1 : 0,
    // Searchable in Logs Insights, not metrics.
    runId: run.runId,
    outcome: run.outcome,
  });
}
