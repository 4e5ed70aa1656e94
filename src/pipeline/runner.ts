// One ingestion run of one source: open the content, stream it through the meter into the raw
// zone (atomic put), and record the outcome in a manifest. Failures that a fresh start can cure
// (a broken transfer that could not resume, a truncated archive) restart the run a few times;
// whatever happens, exactly one manifest record is written and returned.
import type { IngestOptions, IngestProgress, IngestRun } from '../core/ingestion.js';
import type { ZoneStore } from '../core/zones.js';
import { errorMessage } from '../core/errors.js';
import { ContentMeter } from './content-meter.js';
import { newManifestId, rawKey, runIdOf } from './layout.js';
import type { ManifestStore } from './manifests.js';
import { isRestartable, withRetry, type RetryPolicy } from './retry.js';
import type { SourceAdapter } from './sources/source.js';

export interface RunnerDeps {
  zones: ZoneStore;
  manifests: ManifestStore;
  retry: RetryPolicy;
  now: () => Date;
}

type Result = Omit<IngestRun, 'runId' | 'source' | 'startedAt' | 'endedAt'>;

export async function runIngestion(deps: RunnerDeps, adapter: SourceAdapter, options: IngestOptions = {}): Promise<IngestRun> {
  const source = adapter.info.name;
  const started = deps.now();
  const id = newManifestId(started);
  const progress = (update: Omit<IngestProgress, 'source'>) => options.onProgress?.({ source, ...update });
  progress({ phase: 'connecting', bytes: 0 });
  const onRetry = (error: unknown, pauseMs: number) =>
    progress({ phase: 'retrying', bytes: 0, detail: `${errorMessage(error)}; trying again in ${(pauseMs / 1000).toFixed(1)} s` });
  let result: Result;
  try {
    const known = await deps.manifests.ingestedHashes(source);
    const lastWatermark = adapter.incremental ? await deps.manifests.lastWatermark(source) : undefined;
    // Requests retry on their own; here only what needs a fresh start from byte zero.
    const once = () => attempt(deps, adapter, { ...options, known, lastWatermark, started, progress, onRetry });
    result = await withRetry(deps.retry, options.signal, once, onRetry, isRestartable);
  } catch (error) {
    result = options.signal?.aborted
      ? { origin: adapter.info.origin, outcome: 'cancelled', bytes: 0, rows: 0, note: CANCELLED_NOTE }
      : { origin: adapter.info.origin, outcome: 'failed', bytes: 0, rows: 0, error: errorMessage(error) };
  }
  const run: IngestRun = {
    runId: runIdOf(source, id),
    source,
    ...result,
    startedAt: started.toISOString(),
    endedAt: deps.now().toISOString(),
  };
  await deps.manifests.write(run, { id, outcome: run.outcome, sha256: run.sha256 });
  progress({ phase: 'done', bytes: run.bytes, rows: run.rows });
  return run;
}

interface AttemptState extends IngestOptions {
  known: Map<string, string>;
  lastWatermark?: string;
  started: Date;
  progress: (update: Omit<IngestProgress, 'source'>) => void;
  onRetry: (error: unknown, pauseMs: number) => void;
}

async function attempt(deps: RunnerDeps, adapter: SourceAdapter, state: AttemptState): Promise<Result> {
  const { retry } = deps;
  const opened = await adapter.open({
    retry,
    signal: state.signal,
    lastWatermark: state.lastWatermark,
    url: state.url,
    onRetry: state.onRetry,
  });
  if (opened.kind === 'nothing-new') {
    return { origin: opened.origin, outcome: 'duplicate', bytes: 0, rows: 0, watermark: state.lastWatermark, note: opened.note };
  }
  const { body, totalBytes } = opened;
  let sourceError: unknown;
  const meter = new ContentMeter({
    rows: adapter.rows,
    onBytes: (bytes) => state.progress({ phase: 'downloading', bytes, totalBytes }),
    isNew: (sha256) => !state.known.has(sha256),
  });
  meter.once('finish', () => state.progress({ phase: 'publishing', bytes: meter.bytes, totalBytes, rows: meter.rows }));
  body.on('error', (error) => {
    sourceError ??= error;
    meter.destroy(error);
  });
  // The put's promise carries the failure; this keeps a late second error from going unhandled.
  meter.on('error', () => {});
  body.pipe(meter);
  // Cancelling fails the body rather than the put: the store then cleans up before it returns
  // (an S3 multipart upload is aborted before put() rejects, not some time after).
  const cancel = () => meter.destroy(state.signal?.reason ?? new Error('cancelled'));
  state.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const key = await freeKey(deps.zones, adapter, state.started);
    await deps.zones.put('raw', key, meter, { contentType: adapter.contentType });
    const watermark = opened.watermark?.();
    return { origin: opened.origin, outcome: 'ingested', key, bytes: meter.bytes, rows: meter.rows, sha256: meter.sha256, watermark };
  } catch (error) {
    if (meter.duplicate && meter.sha256) {
      const watermark = opened.watermark?.() ?? state.lastWatermark;
      return {
        origin: opened.origin,
        outcome: 'duplicate',
        bytes: meter.bytes,
        rows: meter.rows,
        sha256: meter.sha256,
        duplicateOf: state.known.get(meter.sha256),
        watermark,
      };
    }
    // The zone store may wrap a source failure in its own words: the source's error is the story.
    throw sourceError ?? error;
  } finally {
    state.signal?.removeEventListener('abort', cancel);
    body.destroy();
    meter.destroy();
  }
}

/** The layout names objects by the second; two runs in one second take the next free one. */
async function freeKey(zones: ZoneStore, adapter: SourceAdapter, started: Date): Promise<string> {
  for (let offset = 0; ; offset += 1) {
    const key = rawKey(adapter.info.name, new Date(started.getTime() + offset * 1000));
    if (!(await zones.stat('raw', key))) return key;
  }
}

/** Why a cancelled run left nothing: the put is atomic, so an unfinished object is never visible. */
export const CANCELLED_NOTE = 'cancelled before the object was published; nothing was written';
