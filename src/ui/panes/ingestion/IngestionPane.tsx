// The Ingestion pane: the sources with their last run, a run line (confirmation, live progress,
// outcome) and the run history from the manifests, polled while the pane is visible. Runs are
// asked for with i (or Enter on a source) and confirmed with y; x cancels one in progress.
import { Box, Text, type Key } from 'ink';
import { useCallback, useMemo, useReducer, useRef } from 'react';
import { errorMessage } from '../../../core/errors.js';
import type { IngestRun } from '../../../core/ingestion.js';
import type { Binding } from '../../bindings.js';
import { useClock } from '../../clock.js';
import { WindowedTable } from '../../components/WindowedTable.js';
import { filterPredicate } from '../../fuzzy.js';
import { usePaneControls } from '../../hooks/use-pane-controls.js';
import { usePaneStatus } from '../../hooks/use-pane-status.js';
import { usePolling } from '../../hooks/use-polling.js';
import { keyName } from '../../keys.js';
import { pollPolicy } from '../../polling.js';
import { truncate } from '../../text.js';
import { toneProps, useTheme } from '../../theme.js';
import type { PaneProps } from '../pane.js';
import { historyCells, historyColumns, lastRuns, runDetailLines, runSearchText, sourceCells, sourceColumns, wrapLines } from './ingestion-rows.js';
import { INITIAL_NAV, navReducer } from './ingestion-nav.js';
import { RunLine } from './RunLine.js';
import { useIngestRun } from './use-ingest-run.js';

const POLICY = pollPolicy(10_000);
const HISTORY_LIMIT = 200;
const DETAIL_LINES = 6;
/** The history keeps a header and two rows when the detail opens. */
const HISTORY_MIN = 3;

export function IngestionPane({ backend, visible, width, height, filter }: PaneProps) {
  const ingestion = backend.ingestion!;
  const theme = useTheme();
  const clock = useClock();
  const sources = useMemo(() => ingestion.sources(), [ingestion]);
  const history = usePolling((_signal) => ingestion.history(HISTORY_LIMIT), { visible, policy: POLICY });
  const { update: updateHistory } = history;
  const addRun = useCallback((run: IngestRun) => updateHistory((runs) => [run, ...runs.filter((r) => r.runId !== run.runId)]), [updateHistory]);
  const run = useIngestRun(ingestion, addRun);
  const [nav, dispatch] = useReducer(navReducer, INITIAL_NAV);

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
  const detail = nav.detail && nav.focus === 'history' && selectedRun ? wrapLines(runDetailLines(selectedRun), width).slice(0, detailRoom) : [];
  const historyHeight = Math.max(0, height - sourcesHeight - 1 - detail.length);

  const now = useRef({ nav, runs, sources, sourcesHeight, historyHeight, running: run.running });
  now.current = { nav, runs, sources, sourcesHeight, historyHeight, running: run.running };
  const { start, cancel, dismiss } = run;
  const { readOnly } = backend;
  const bindings = useMemo<Binding[]>(() => {
    const list = () => {
      const { nav: n, runs: r, sources: s, sourcesHeight: sh, historyHeight: hh } = now.current;
      return n.focus === 'sources' ? { height: Math.max(1, sh - 1), total: s.length } : { height: Math.max(1, hh - 1), total: r.length };
    };
    const move = (delta: number) => () => dispatch({ type: 'move', delta, ...list() });
    const selectedSource = () => now.current.sources[now.current.nav.sources.cursor];
    const ask = () => {
      dismiss();
      const source = selectedSource();
      // Read-only mode refuses at once: asking first would suggest the run could happen.
      if (source && readOnly) start(source.name);
      else if (source) dispatch({ type: 'confirm', source: source.name });
    };
    const onSources = () => now.current.nav.focus === 'sources';
    return [
      { keys: ['up', 'k'], description: 'Move up', handler: move(-1), palette: false },
      { keys: ['down', 'j'], description: 'Move down', handler: move(1), palette: false },
      { keys: ['home', 'g'], description: 'Go to the first row', handler: () => dispatch({ type: 'jump', to: 'top', ...list() }) },
      { keys: ['end', 'G'], description: 'Go to the last row', handler: () => dispatch({ type: 'jump', to: 'bottom', ...list() }) },
      { keys: ['left', 'h'], description: 'Focus the sources', handler: () => dispatch({ type: 'focus', focus: 'sources' }), when: () => !onSources() },
      { keys: ['right', 'l'], description: 'Focus the run history', handler: () => dispatch({ type: 'focus', focus: 'history' }), when: onSources },
      { keys: ['i'], description: 'Ingest the selected source (asks first)', handler: ask, when: () => !now.current.running, hint: 'ingest' },
      { keys: ['enter'], description: 'Ingest the selected source (asks first)', handler: ask, when: () => onSources() && !now.current.running, palette: false },
      { keys: ['enter'], description: 'Show or hide everything recorded about the run', handler: () => dispatch({ type: 'detail', open: !now.current.nav.detail }), when: () => !onSources(), hint: 'details' },
      { keys: ['esc'], description: 'Hide the run details', handler: () => dispatch({ type: 'detail', open: false }), when: () => now.current.nav.detail },
      { keys: ['x'], description: 'Cancel the running ingestion', handler: cancel, when: () => now.current.running, hint: 'cancel' },
    ];
  }, [cancel, dismiss, start, readOnly]);

  // While a run waits for its y/n, every key answers the question (nothing else fires by accident).
  const captureInput = useCallback(
    (input: string, key: Key): boolean => {
      const source = now.current.nav.confirming;
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
    [start],
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
          empty={history.data === undefined ? (history.error ? 'run history unavailable' : 'loading…') : filter.trim() ? 'no run matches the filter' : 'no runs yet'}
        />
      ) : null}
      {detail.map((text, index) => (
        <Text key={index} wrap="truncate" {...toneProps(theme, 'muted')}>
          {truncate(text, width)}
        </Text>
      ))}
    </Box>
  );
}
