// The Ingestion pane: the sources with their last run, a run line (confirmation, live progress,
// outcome) and the run history from the manifests, polled while the pane is visible. Runs are
// asked for with i (or Enter on a source) and confirmed with y; x cancels one in progress.
import { Box, type Key } from 'ink';
import { useCallback, useMemo, useRef } from 'react';
import { errorMessage } from '../../../core/errors.js';
import type { IngestRun } from '../../../core/ingestion.js';
import { useSyncedReducer } from '../../hooks/use-synced-reducer.js';
import { useClock } from '../../clock.js';
import { WindowedTable } from '../../components/WindowedTable.js';
import { filterPredicate } from '../../fuzzy.js';
import { usePaneControls } from '../../shell/use-pane-controls.js';
import { usePaneStatus } from '../../shell/use-pane-status.js';
import { usePolling } from '../../hooks/use-polling.js';
import { keyName } from '../../shell/keys.js';
import { INGESTION_HISTORY_POLL as POLICY } from '../../refresh-settings.js';
import type { PaneProps } from '../../shell/pane.js';
import {
  DETAIL_FIELD_WIDTH,
  historyCells,
  historyColumns,
  lastRuns,
  runDetailRows,
  runSearchText,
  sourceCells,
  sourceColumns,
} from './ingestion-rows.js';
import { SmallTable, smallTableChrome, smallTableHeight } from '../../components/SmallTable.js';
import { ingestionBindings, type IngestionKeysActions } from './ingestion-bindings.js';
import { INITIAL_NAV, navReducer } from './ingestion-nav.js';
import { RunLine } from './RunLine.js';
import { useIngestRun } from './use-ingest-run.js';

const HISTORY_LIMIT = 200;
const DETAIL_LINES = 12;
/** The history keeps a header and two rows when the detail opens. */
const HISTORY_MIN = 3;

export function IngestionPane({ backend, visible, width, height, filter }: PaneProps) {
  const ingestion = backend.ingestion!;
  const clock = useClock();
  const sources = useMemo(() => ingestion.sources(), [ingestion]);
  const history = usePolling((_signal) => ingestion.history(HISTORY_LIMIT), { visible, policy: POLICY });
  const { update: updateHistory } = history;
  const addRun = useCallback(
    (run: IngestRun) => updateHistory((runs) => [run, ...runs.filter((r) => r.runId !== run.runId)]),
    [updateHistory],
  );
  const run = useIngestRun(ingestion, addRun);
  const [nav, dispatch, navRef] = useSyncedReducer(navReducer, INITIAL_NAV);

  const runs = useMemo(() => {
    const all = history.data ?? [];
    const matches = filterPredicate(filter);
    return filter.trim() === '' ? all : all.filter((r) => matches(runSearchText(r)));
  }, [history.data, filter]);
  const last = useMemo(() => lastRuns(history.data ?? []), [history.data]);

  // Lines: sources table, the run line, the history table, and the detail of one run.
  const sourcesHeight = Math.min(1 + sources.length, Math.max(1, height - 1));
  const selectedRun = runs[Math.min(nav.history.cursor, runs.length - 1)];
  const detailRoom = Math.min(DETAIL_LINES, Math.max(0, height - sourcesHeight - 1 - HISTORY_MIN));
  // The run's details as a small table, as many rows as fit (the outcome and why come first).
  const detailRows =
    nav.detail && nav.focus === 'history' && selectedRun && detailRoom > smallTableHeight(0)
      ? runDetailRows(selectedRun, Math.max(1, width - DETAIL_FIELD_WIDTH - smallTableChrome(2))).slice(0, detailRoom - smallTableHeight(0))
      : [];
  const detailHeight = detailRows.length > 0 ? smallTableHeight(detailRows.length) : 0;
  const historyHeight = Math.max(0, height - sourcesHeight - 1 - detailHeight);

  const now = useRef({ runs, sources, sourcesHeight, historyHeight, running: run.running });
  now.current = { runs, sources, sourcesHeight, historyHeight, running: run.running };
  const { start, cancel, dismiss } = run;
  const { readOnly } = backend;
  const actions = useMemo<IngestionKeysActions>(
    () => ({
      move: (delta, list) => dispatch({ type: 'move', delta, ...list }),
      jump: (to, list) => dispatch({ type: 'jump', to, ...list }),
      focus: (focus) => dispatch({ type: 'focus', focus }),
      ask: () => {
        dismiss();
        const source = now.current.sources[navRef.current.sources.cursor];
        if (source) dispatch({ type: 'confirm', source: source.name });
      },
      showDetail: (open) => dispatch({ type: 'detail', open }),
      cancel,
    }),
    [cancel, dismiss, dispatch, navRef],
  );
  const tableFor = useCallback(() => {
    const { runs: r, sources: s, sourcesHeight: sh, historyHeight: hh, running } = now.current;
    const n = navRef.current;
    const list =
      n.focus === 'sources' ? { height: Math.max(1, sh - 1), total: s.length } : { height: Math.max(1, hh - 1), total: r.length };
    return ingestionBindings({ focus: n.focus, running, readOnly, detail: n.detail, list }, actions);
  }, [actions, navRef, readOnly]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the table reads the pane's state through refs; these values are what changes which keys it offers, so they make a new table
  const bindings = useMemo(() => () => tableFor(), [tableFor, nav.focus, nav.detail, run.running]);

  // While a run waits for its y/n, every key answers the question (nothing else fires by accident).
  const captureInput = useCallback(
    (input: string, key: Key): boolean => {
      const source = navRef.current.confirming;
      if (!source) return false;
      const name = keyName(input, key);
      if (name === 'y' || name === 'Y') {
        dispatch({ type: 'dismiss' });
        start(source);
      } else if (name === 'n' || name === 'N' || name === 'esc') {
        dispatch({ type: 'dismiss' });
      }
      return true;
    },
    [start, dispatch, navRef],
  );
  const refresh = history.refresh;
  usePaneControls(useMemo(() => ({ bindings, refresh: () => void refresh(), captureInput }), [bindings, refresh, captureInput]));

  const active = run.view.active;
  usePaneStatus({
    lastSuccess: history.lastSuccess,
    staleAfterMs: POLICY.staleAfterMs,
    busy: history.inFlight || active !== undefined,
    error: history.error !== undefined ? `Cannot read the run history: ${errorMessage(history.error)}` : undefined,
    info: active
      ? `${active.source} running · x cancels`
      : `${sources.length} sources · ${runs.length}${filter.trim() ? ` runs matching "${filter.trim()}"` : ' runs'}${backend.readOnly ? ' · read-only' : ''}`,
  });

  const at = clock.now();
  const confirming = sources.find((s) => s.name === nav.confirming);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <WindowedTable
        columns={sourceColumns(width)}
        total={sources.length}
        window={nav.sources}
        height={sourcesHeight}
        cell={(row, column) => sourceCells(sources[row], last.get(sources[row].name), at)[column]}
        focused={visible && nav.focus === 'sources'}
      />
      <RunLine view={run.view} confirming={confirming} readOnly={backend.readOnly} width={width} />
      {historyHeight >= 2 ? (
        <WindowedTable
          columns={historyColumns(width)}
          total={runs.length}
          window={nav.history}
          height={historyHeight}
          cell={(row, column) => historyCells(runs[row])[column]}
          focused={visible && nav.focus === 'history'}
          empty={
            history.data === undefined
              ? history.error
                ? 'run history unavailable'
                : 'loading…'
              : filter.trim()
                ? 'no run matches the filter'
                : 'no runs yet'
          }
        />
      ) : null}
      {detailRows.length > 0 ? <SmallTable columns={['field', 'value']} rows={detailRows} /> : null}
    </Box>
  );
}
