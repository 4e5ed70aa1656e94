// Local ingestion runs record their points when they end (core/metric-points.ts): the same
// values the ingest Lambda emits as EMF on aws. A metrics store that cannot be written does not
// fail the run: the run's manifest in the raw zone stays its record.
import type { IngestionService } from '../../../core/ingestion.js';
import { ingestRunPoints } from '../../../core/metric-points.js';
import type { MetricsRecorder } from '../../../core/metrics.js';

export function recordingIngestion(service: IngestionService, recorder: MetricsRecorder, namespace: string): IngestionService {
  return {
    sources: () => service.sources(),
    history: (limit) => service.history(limit),
    run: async (source, options) => {
      const run = await service.run(source, options);
      await recorder.record(ingestRunPoints(namespace, run)).catch(() => {});
      return run;
    },
    close: service.close && (() => service.close!()),
  };
}
