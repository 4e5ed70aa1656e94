// The Executions pane: executions (name, status with a symbol, started, duration, trigger) →
// one execution drawn as the state machine (each state with its mark, Parallel branches indented,
// where the run went next) → a state's detail (input, output, error and cause, retries) or the
// event list. n starts the pipeline (asks run date and force), x stops, R redrives, S turns the
// aws schedule on or off — each asks first; t on a state that ran an EMR step shows that step in
// the Steps pane. Polls only while visible: 2 s while a run is shown
// running, 15 s otherwise.
import { Box, Text, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../core/errors.js';
import { fullHistory, isExecutionActive, type ExecutionSummary } from '../../../core/executions.js';
import { executionDuration, STATUS_MARK } from '../../../format/executions.js';
import { useClock } from '../../clock.js';
import { WindowedTable } from '../../components/WindowedTable.js';
import { filterPredicate } from '../../fuzzy.js';
import { usePaneAction, type PaneMessage } from '../../hooks/use-pane-action.js';
import { answerPrompt } from '../../prompt-keys.js';
import { usePolling } from '../../hooks/use-polling.js';
import { useSyncedReducer } from '../../hooks/use-synced-reducer.js';
import { EXECUTIONS_ACTIVE_POLL, EXECUTIONS_IDLE_POLL } from '../../refresh-settings.js';
import type { PaneProps } from '../../shell/pane.js';
import { usePaneControls } from '../../shell/use-pane-controls.js';
import { usePaneStatus } from '../../shell/use-pane-status.js';
import { truncate } from '../../text.js';
import { toneProps, useTheme, type Tone } from '../../theme.js';
import { graphLine, graphRows, stateDetailLines } from './execution-graph.js';
import { eventCells, eventColumns, executionCells, executionColumns } from './execution-rows.js';
import { executionsBindings, type ExecutionsKeysActions } from './executions-bindings.js';
import { stepLinkOf } from './execution-step-link.js';
import { useExecutionsInFlight } from './use-executions-in-flight.js';
import { usePaneHost } from '../../shell/pane-host.js';
import { executionsNavReducer, INITIAL_EXECUTIONS_NAV, type Prompt } from './executions-nav.js';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function promptText(prompt: Prompt): string {
  if (prompt.kind === 'start') {
    return `Start the pipeline for run date ${prompt.runDate || '(today)'}${prompt.force ? ', forced' : ''}?  type the date · f force · Enter starts · Esc no`;
  }
  if (prompt.kind === 'stop') return `Stop ${prompt.name}? Its running step is cancelled.  y: yes · n: no`;
  if (prompt.kind === 'redrive') return `Redrive ${prompt.name} from the state that failed?  y: yes · n: no`;
  return `Turn the schedule ${prompt.ruleName} ${prompt.enable ? 'on' : 'off'}?  y: yes · n: no`;
}

export function ExecutionsPane({ backend, visible, width, height, filter }: PaneProps) {
  const service = backend.executions!;
  const theme = useTheme();
  const clock = useClock();
  const host = usePaneHost();
  const [nav, dispatch, navRef] = useSyncedReducer(executionsNavReducer, INITIAL_EXECUTIONS_NAV);
  const [lively, setLively] = useState(false);
  useExecutionsInFlight(service);
  const policy = lively ? EXECUTIONS_ACTIVE_POLL : EXECUTIONS_IDLE_POLL;

  const list = usePolling((_signal) => service.list({ limit: 200 }), { visible: visible && nav.level === 'list', policy });
  const schedule = usePolling((_signal) => service.schedule!(), {
    visible: visible && service.schedule !== undefined && nav.level === 'list',
    policy: EXECUTIONS_IDLE_POLL,
  });
  const shape = usePolling((_signal) => service.definition(), { visible: visible && nav.level !== 'list', policy: EXECUTIONS_IDLE_POLL });
  const run = usePolling(
    async (_signal) => {
      const [detail, events] = await Promise.all([service.describe(nav.arn ?? ''), fullHistory(service, nav.arn ?? '')]);
      return { detail, events };
    },
    { visible: visible && nav.level !== 'list' && nav.arn !== undefined, policy, resetKey: nav.arn },
  );

  const matches = filterPredicate(filter);
  const rows = useMemo(
    () => (list.data ?? []).filter((e) => filter.trim() === '' || matches(`${e.name} ${e.status} ${e.trigger ?? ''}`)),
    [list.data, filter, matches],
  );
  const graph = useMemo(() => (shape.data && run.data ? graphRows(shape.data, run.data.events) : []), [shape.data, run.data]);
  const events = useMemo(() => run.data?.events ?? [], [run.data]);
  const selected: ExecutionSummary | undefined = nav.level === 'list' ? rows[Math.min(nav.list.cursor, rows.length - 1)] : run.data?.detail;
  const selectedState = graph[Math.min(nav.states.cursor, graph.length - 1)];
  const stepLink = useMemo(() => stepLinkOf(selectedState, events), [selectedState, events]);

  const anyActive =
    nav.level === 'list'
      ? (list.data ?? []).some((e) => isExecutionActive(e.status))
      : run.data !== undefined && isExecutionActive(run.data.detail.status);
  useEffect(() => setLively(anyActive), [anyActive]);

  const tableHeight = Math.max(2, height - 2);
  // Opening an execution puts the cursor on the state that failed, else the one running.
  const focusedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (nav.level !== 'graph' || graph.length === 0 || focusedFor.current === nav.arn) return;
    focusedFor.current = nav.arn;
    const failed = graph.findIndex((row) => row.mark === 'failed' && row.type !== 'Fail');
    // A running Task (the step inside a running Parallel) before the Parallel itself.
    const runningTask = graph.findIndex((row) => row.mark === 'running' && row.type === 'Task');
    const index = failed >= 0 ? failed : runningTask >= 0 ? runningTask : graph.findIndex((row) => row.mark === 'running');
    if (index > 0) dispatch({ type: 'select-state', index, height: Math.max(1, tableHeight - 1), total: graph.length });
  }, [nav.level, nav.arn, graph, dispatch, tableHeight]);
  const now = useRef({ rows, graph, events, selected, tableHeight, stepLink });
  now.current = { rows, graph, events, selected, tableHeight, stepLink };
  const { refresh: refreshList } = list;
  const { refresh: refreshRun } = run;
  const { refresh: refreshSchedule } = schedule;
  const refreshAll = useCallback(() => {
    if (navRef.current.level === 'list') {
      refreshList();
      refreshSchedule();
    } else refreshRun();
  }, [navRef, refreshList, refreshRun, refreshSchedule]);
  useEffect(() => {
    if (lively) refreshAll();
  }, [lively, refreshAll]);

  const { message, busy: busyAction, perform } = usePaneAction(refreshAll);

  const actions = useMemo<ExecutionsKeysActions>(
    () => ({
      move: (delta, l) => dispatch({ type: 'move', delta, ...l }),
      jump: (to, l) => dispatch({ type: 'jump', to, ...l }),
      open: () => {
        const level = navRef.current.level;
        if (level === 'list' && now.current.selected) dispatch({ type: 'open-execution', arn: now.current.selected.arn });
        else if (level === 'graph' && now.current.graph.length > 0) dispatch({ type: 'open-state' });
      },
      events: () => dispatch({ type: 'open-events' }),
      back: () => {
        dispatch({ type: 'back' });
        // Back on the list: show what changed meanwhile (a run started or stopped from here).
        if (navRef.current.level === 'list') refreshListRef.current();
      },
      askStart: () => dispatch({ type: 'ask', prompt: { kind: 'start', runDate: '', force: false } }),
      askStop: () => {
        const e = now.current.selected;
        if (e) dispatch({ type: 'ask', prompt: { kind: 'stop', arn: e.arn, name: e.name } });
      },
      askRedrive: () => {
        const e = now.current.selected;
        if (e) dispatch({ type: 'ask', prompt: { kind: 'redrive', arn: e.arn, name: e.name } });
      },
      askSchedule: () => {
        const s = scheduleRef.current;
        if (s) dispatch({ type: 'ask', prompt: { kind: 'schedule', enable: !s.enabled, ruleName: s.ruleName } });
      },
      showStep: () => {
        const target = now.current.stepLink.target;
        if (target) host.openPane('steps', target);
      },
    }),
    [dispatch, navRef, host],
  );
  const refreshListRef = useRef(refreshList);
  refreshListRef.current = refreshList;
  const scheduleRef = useRef(schedule.data);
  scheduleRef.current = schedule.data;

  const readOnly = backend.readOnly;
  const hasSchedule = service.schedule !== undefined;
  const tableFor = useCallback(() => {
    const n = navRef.current;
    const c = now.current;
    const total = n.level === 'list' ? c.rows.length : n.level === 'events' ? c.events.length : c.graph.length;
    return executionsBindings(
      {
        level: n.level,
        readOnly,
        status: c.selected?.status,
        hasSchedule,
        scheduleEnabled: scheduleRef.current?.enabled,
        stepBlocked: c.stepLink.reason,
        list: { height: Math.max(1, c.tableHeight - 1), total },
      },
      actions,
    );
  }, [actions, navRef, readOnly, hasSchedule]);
  const bindings = useMemo(
    () => () => tableFor(),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the table reads the pane's state through refs; these values are what changes which keys it offers, so they make a new table
    [
      tableFor,
      nav.level,
      selected?.arn,
      selected?.status,
      rows.length,
      graph.length,
      events.length,
      schedule.data?.enabled,
      stepLink.reason,
    ],
  );

  const captureInput = useCallback(
    (input: string, key: Key): boolean => {
      const prompt = navRef.current.prompt;
      if (!prompt) return false;
      const dismiss = () => dispatch({ type: 'dismiss' });
      if (prompt.kind === 'start') {
        return answerPrompt(input, key, {
          dismiss,
          form: {
            edit: (text) => dispatch({ type: 'edit-date', text }),
            own: (name) => name === 'f' && (dispatch({ type: 'toggle-force' }), true),
            submit: () =>
              perform('Starting the pipeline', async () => {
                const started = await service.start({
                  runDate: prompt.runDate || undefined,
                  force: prompt.force || undefined,
                  trigger: 'console',
                });
                dispatch({ type: 'open-execution', arn: started.arn });
                return `Started ${started.name}`;
              }),
          },
        });
      }
      const yes = () => {
        if (prompt.kind === 'stop') {
          perform(`Stopping ${prompt.name}`, async () => {
            await service.stop(prompt.arn, 'stopped from the lakedeck console');
            return `Stopped ${prompt.name}`;
          });
        } else if (prompt.kind === 'redrive') {
          perform(`Redriving ${prompt.name}`, async () => {
            await service.redrive(prompt.arn);
            dispatch({ type: 'open-execution', arn: prompt.arn });
            return `Redriving ${prompt.name}`;
          });
        } else {
          perform(`Turning the schedule ${prompt.enable ? 'on' : 'off'}`, async () => {
            await service.setScheduleEnabled!(prompt.enable);
            return `Schedule ${prompt.ruleName} is ${prompt.enable ? 'on' : 'off'}`;
          });
        }
      };
      return answerPrompt(input, key, { dismiss, yes });
    },
    [dispatch, navRef, perform, service],
  );
  usePaneControls(useMemo(() => ({ bindings, refresh: refreshAll, captureInput }), [bindings, refreshAll, captureInput]));

  const current = nav.level === 'list' ? list : run;
  usePaneStatus({
    lastSuccess: current.lastSuccess,
    staleAfterMs: policy.staleAfterMs,
    busy: current.inFlight || busyAction,
    error:
      current.error !== undefined
        ? `Cannot read the ${nav.level === 'list' ? 'executions' : 'execution'}: ${errorMessage(current.error)}`
        : undefined,
    info: `${nav.level === 'list' ? plural(rows.length, 'execution') : nav.level === 'events' ? plural(events.length, 'event') : 'states'}${lively ? ' · live' : ''}${readOnly ? ' · read-only' : ''}`,
  });

  const at = new Date(clock.now());
  const detail = run.data?.detail;
  const scheduleText = schedule.data
    ? ` · schedule ${schedule.data.expression} ${schedule.data.enabled ? `on${schedule.data.nextRun ? `, next ${schedule.data.nextRun.toISOString().slice(0, 16).replace('T', ' ')}Z` : ''}` : 'off'}`
    : '';
  const crumb =
    nav.level === 'list'
      ? `Executions${scheduleText}`
      : `Executions › ${detail ? `${detail.name}  ${STATUS_MARK[detail.status]} ${detail.status}  ${executionDuration(detail, at)}` : '…'}${nav.level === 'state' && selectedState ? ` › ${selectedState.name}` : nav.level === 'events' ? ' › events' : ''}`;
  const failure =
    detail && (detail.error || detail.cause) && nav.level === 'graph'
      ? { text: `${detail.error ?? ''}: ${detail.cause ?? ''}`.replace(/\s+/g, ' '), tone: 'error' as Tone }
      : undefined;
  const line: PaneMessage = nav.prompt
    ? { text: promptText(nav.prompt), tone: 'warn' }
    : (message ??
      failure ??
      (readOnly
        ? { text: 'Read-only mode: starting, stopping and redriving are refused', tone: 'muted' }
        : { text: 'Enter opens · n starts the pipeline · x stops · R redrives', tone: 'muted' }));

  let body;
  if (nav.level === 'state') {
    const lines = selectedState ? stateDetailLines(selectedState) : ['no state selected'];
    body = lines.slice(0, tableHeight).map((text, index) => (
      <Text key={index} wrap="truncate">
        {truncate(text, width)}
      </Text>
    ));
  } else if (nav.level === 'graph') {
    body = (
      <WindowedTable
        columns={[{ title: 'STATE MACHINE', width: Math.max(8, width - 2) }]}
        total={graph.length}
        window={nav.states}
        height={tableHeight}
        cell={(row) => [graphLine(graph[row])][0]}
        focused={visible}
        empty={run.error || shape.error ? 'execution unavailable' : 'loading…'}
      />
    );
  } else if (nav.level === 'events') {
    body = (
      <WindowedTable
        columns={eventColumns(width)}
        total={events.length}
        window={nav.events}
        height={tableHeight}
        cell={(row, column) => eventCells(events[row])[column]}
        focused={visible}
        empty={run.data === undefined ? 'loading…' : 'no events'}
      />
    );
  } else {
    body = (
      <WindowedTable
        columns={executionColumns(width)}
        total={rows.length}
        window={nav.list}
        height={tableHeight}
        cell={(row, column) => executionCells(rows[row], at)[column]}
        focused={visible}
        empty={
          list.data === undefined
            ? list.error
              ? 'executions unavailable'
              : 'loading…'
            : filter.trim()
              ? 'no execution matches the filter'
              : 'no executions yet (n starts the pipeline)'
        }
      />
    );
  }
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text wrap="truncate" {...toneProps(theme, 'accent', { bold: true })}>
        {truncate(crumb, width)}
      </Text>
      <Text wrap="truncate" {...toneProps(theme, line.tone, { bold: line.tone === 'warn' || line.tone === 'error' })}>
        {truncate(line.text, width)}
      </Text>
      {body}
    </Box>
  );
}
