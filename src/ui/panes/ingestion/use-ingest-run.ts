// One ingestion run started from the pane: its live progress (redrawn at most ten times a second,
// phase changes at once), cancellation, and the finished run or the refusal. The run belongs to
// the pane, not to its visibility: switching panes does not stop it; closing the console does.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../core/errors.js';
import type { IngestionService, IngestProgress, IngestRun, SourceName } from '../../../core/ingestion.js';
import { useClock, type TimerHandle } from '../../clock.js';
import { RUN_PROGRESS_FRAME_MS } from '../../refresh-settings.js';
import type { WorkInFlight } from '../../shell/lifecycle.js';
import { useWorkInFlight } from '../../shell/use-work-in-flight.js';

export interface ActiveRun {
  source: SourceName;
  progress: IngestProgress;
  /** Bytes per second since the run started. */
  rate: number;
  cancelling: boolean;
}

export interface RunView {
  active?: ActiveRun;
  last?: IngestRun;
  /** Why a run could not start or did not finish: the service's refusal (read-only mode), storage errors. */
  refusal?: string;
}

export function useIngestRun(ingestion: IngestionService, onFinished: (run: IngestRun) => void) {
  const clock = useClock();
  const [view, setView] = useState<RunView>({});
  const controller = useRef<AbortController | null>(null);
  /** The run going now, settled (recorded) or not. */
  const settled = useRef<Promise<void> | null>(null);
  const pending = useRef<TimerHandle | undefined>(undefined);
  const latest = useRef<{ progress: IngestProgress; started: number } | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const publish = useCallback(() => {
    pending.current = undefined;
    const now = latest.current;
    if (!now) return;
    const elapsed = clock.now() - now.started;
    const rate = elapsed > 0 ? (now.progress.bytes * 1000) / elapsed : 0;
    setView((v) => (v.active ? { ...v, active: { ...v.active, progress: now.progress, rate } } : v));
  }, [clock]);

  const start = useCallback(
    (source: SourceName) => {
      if (controller.current)
        return setView((v) => ({ ...v, refusal: `${v.active?.source ?? 'A run'} is still running: cancel it with x first` }));
      const abort = new AbortController();
      controller.current = abort;
      const started = clock.now();
      latest.current = { progress: { source, phase: 'connecting', bytes: 0 }, started };
      setView((v) => ({
        last: v.last,
        active: { source, progress: { source, phase: 'connecting', bytes: 0 }, rate: 0, cancelling: false },
      }));
      const onProgress = (progress: IngestProgress) => {
        const phaseChanged = latest.current?.progress.phase !== progress.phase;
        latest.current = { progress, started };
        if (phaseChanged) {
          if (pending.current !== undefined) clock.clearTimeout(pending.current);
          publish();
        } else if (pending.current === undefined) {
          pending.current = clock.setTimeout(publish, RUN_PROGRESS_FRAME_MS);
        }
      };
      const settle = (next: RunView) => {
        if (pending.current !== undefined) clock.clearTimeout(pending.current);
        pending.current = undefined;
        latest.current = null;
        controller.current = null;
        setView(next);
      };
      settled.current = ingestion.run(source, { signal: abort.signal, onProgress }).then(
        (run) => {
          settle({ last: run });
          finished.current(run);
        },
        (error: unknown) => settle({ refusal: errorMessage(error) }),
      );
    },
    [clock, ingestion, publish],
  );

  const cancel = useCallback(() => {
    if (!controller.current) return;
    controller.current.abort();
    setView((v) => (v.active ? { ...v, active: { ...v.active, cancelling: true } } : v));
  }, []);

  const dismiss = useCallback(() => setView((v) => ({ ...v, refusal: undefined })), []);

  // Leaving the console cancels a run cleanly: the upload is aborted and the run recorded.
  useEffect(() => () => controller.current?.abort(), []);

  // While a run goes, quitting asks first, and a quit or a signal cancels it and waits for it.
  const activeSource = view.active?.source;
  const work = useMemo<WorkInFlight | undefined>(
    () =>
      activeSource === undefined
        ? undefined
        : {
            label: `the ${activeSource} ingestion`,
            cancel: async () => {
              controller.current?.abort();
              await settled.current;
            },
          },
    [activeSource],
  );
  useWorkInFlight('ingestion-run', work);

  return { view, start, cancel, dismiss, running: view.active !== undefined };
}
