// The local backend's composition point: the lake folder opened once (lake-folder.ts), its target
// (every path the services use, derived from the lake root), and every service it offers.
import type { Backend } from '../../core/backend.js';
import type { Config } from '../../config/config.js';
import { executionPoints, isExecutionOutcome, stepPoints } from '../../core/metric-points.js';
import { LakeError } from '../../core/errors.js';
import { SOURCE_NAMES } from '../../core/ingestion.js';
import { assembleIngestion } from '../../pipeline/index.js';
import { pgliteDatabase } from '../../pipeline/reference/pglite-database.js';
import { sourceSettingsFromEnv } from '../../pipeline/settings.js';
import { assembleBackend } from '../assemble.js';
import { CallCounter } from '../call-counter.js';
import { backendLabel } from '../label.js';
import { openLakeFolder } from './lake-folder.js';
import { LocalMetricsService } from './metrics/local-metrics.js';
import { recordingIngestion } from './metrics/recording-ingestion.js';
import { LocalExecutionsService } from './executions/local-executions.js';
import { LocalStepsService } from './steps/local-steps.js';
import { LocalQueryApi } from './query/local-api.js';
import { LazyLocalQueryService } from './query/lazy-query-service.js';
import { localTarget } from './target.js';
import { sweepDeadTempFiles } from './temp-sweep.js';
import { LocalZoneStore } from './zone-store.js';

type Env = Record<string, string | undefined>;

export { localTarget, pgliteDirFor } from './target.js';

/** LAKEDECK_SKIP_SOURCES=covid_api,… switches sources off for every pipeline run on this lake. */
function skippedSources(env: Env): string[] {
  const names = (env.LAKEDECK_SKIP_SOURCES ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(SOURCE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new LakeError('config', `LAKEDECK_SKIP_SOURCES names unknown sources (${unknown.join(', ')}): use ${SOURCE_NAMES.join(', ')}`);
  return names;
}

export async function createLocalBackend(config: Config, env: Env = process.env): Promise<Backend> {
  await openLakeFolder(config.lake, { create: config.createLake ?? false, readOnly: config.readOnly });
  // Temp files of writers killed mid-write: removed in the background, off the start-up path.
  if (!config.readOnly) void sweepDeadTempFiles(config.lake).catch(() => {});
  const target = localTarget(config.lake);
  const calls = new CallCounter();
  const zones = new LocalZoneStore(target.lakeRoot, calls);
  // Every local run records its points here (the local twin of CloudWatch).
  const metrics = new LocalMetricsService({ lake: target.lakeRoot, namespace: target.metricsNamespace, readOnly: config.readOnly });
  const ingestion = recordingIngestion(
    assembleIngestion({ zones, settings: sourceSettingsFromEnv(env), database: pgliteDatabase(target.pgliteDir) }),
    metrics,
    target.metricsNamespace,
  );
  const steps = new LocalStepsService({
    lake: target.lakeRoot,
    readOnly: config.readOnly,
    // Spooled: the metrics engine (DuckDB) is not loaded on the way out of `steps run`.
    onFinished: (record, lines) => metrics.record(stepPoints(target.metricsNamespace, record, lines)),
  });
  // DuckDB opens on the first query, not at start-up.
  const query = new LazyLocalQueryService(target.lakeRoot, { readOnly: config.readOnly });
  // The pipeline's Task states call these same services (RefreshCatalog is answered by the query service).
  const executions = new LocalExecutionsService({
    lake: target.lakeRoot,
    readOnly: config.readOnly,
    ingestion,
    steps,
    query,
    skipSources: skippedSources(env),
    env,
    onFinished: async (record) => {
      if (!isExecutionOutcome(record.status) || !record.stoppedAt) return;
      await metrics.record(
        executionPoints({ status: record.status, startedAt: new Date(record.startedAt), endedAt: new Date(record.stoppedAt) }),
      );
    },
  });
  return assembleBackend({
    kind: 'local',
    label: backendLabel(config),
    readOnly: config.readOnly,
    calls,
    target,
    services: { zones, ingestion, steps, executions, query, api: new LocalQueryApi(query), metrics },
  });
}
