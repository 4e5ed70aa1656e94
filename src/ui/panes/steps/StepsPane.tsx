// The Steps pane: clusters → a cluster's steps (state, progress bar, elapsed, rows, reason) →
// one step's detail (stages with per-stage progress, metric lines, a following log tail). n runs
// a job (asks for job and run date first), x cancels a step, T terminates a cluster (both ask), L
// opens the step's full log in $PAGER. Other panes send the user here at a step (steps-target.ts).
// Polls only while visible: every 2 s while something runs, every 20 s otherwise.
import { Box, Text, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../core/errors.js';
import { isStepActive, type ClusterSummary, type StepDetail, type StepSummary } from '../../../core/steps.js';
import { useClock } from '../../clock.js';
import { WindowedTable } from '../../components/WindowedTable.js';
import { filterPredicate } from '../../fuzzy.js';
import { usePaneAction, type PaneMessage } from '../../hooks/use-pane-action.js';
import { answerPrompt } from '../../prompt-keys.js';
import { usePolling } from '../../hooks/use-polling.js';
import { useSyncedReducer } from '../../hooks/use-synced-reducer.js';
import { STEPS_ACTIVE_POLL, STEPS_IDLE_POLL } from '../../refresh-settings.js';
import type { PaneProps } from '../../shell/pane.js';
import { usePaneControls } from '../../shell/use-pane-controls.js';
import { usePaneStatus } from '../../shell/use-pane-status.js';
import { usePaneHost } from '../../shell/pane-host.js';
import { usePaneTarget } from '../../shell/use-pane-target.js';
import { showInPager } from '../../pager.js';
import './steps-target.js';
import { truncate } from '../../text.js';
import { toneProps, useTheme } from '../../theme.js';
import { stepsBindings, type StepsKeysActions } from './steps-bindings.js';
import { INITIAL_STEPS_NAV, stepsNavReducer, type Prompt } from './steps-nav.js';
import { clusterCells, clusterColumns, detailLayout, STAGE_COLUMNS, stepCells, stepColumns } from './steps-rows.js';
import { SmallTable } from '../../components/SmallTable.js';

const LOG_LINES = 200;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function promptText(prompt: Prompt): string {
  if (prompt.kind === 'run') {
    return `Run ${prompt.job} on ${prompt.clusterId} for run date ${prompt.runDate || '…'}?  ←/→ job · type the date · Enter runs · Esc no`;
  }
  if (prompt.kind === 'cancel') return `Cancel step ${prompt.name} (${prompt.stepId})?  y: yes · n: no`;
  return `Terminate cluster ${prompt.name} (${prompt.clusterId})? Its running steps stop.  y: yes · n: no`;
}

export function StepsPane({ backend, visible, width, height, filter }: PaneProps) {
  const service = backend.steps!;
  const theme = useTheme();
  const clock = useClock();
  const host = usePaneHost();
  const [nav, dispatch, navRef] = useSyncedReducer(stepsNavReducer, INITIAL_STEPS_NAV);
  usePaneTarget('steps', (target) => dispatch({ type: 'go-to', clusterId: target.clusterId, stepId: target.stepId }));
  // Faster polling while anything shown is running (known from the last poll).
  const [lively, setLively] = useState(false);
  const policy = lively ? STEPS_ACTIVE_POLL : STEPS_IDLE_POLL;

  const clusters = usePolling((_signal) => service.clusters(), { visible: visible && nav.level === 'clusters', policy });
  const steps = usePolling((_signal) => service.steps(nav.clusterId ?? ''), {
    visible: visible && nav.level === 'steps' && nav.clusterId !== undefined,
    policy,
    resetKey: nav.clusterId,
  });
  const detail = usePolling(
    async (_signal) => {
      const [step, log] = await Promise.all([
        service.step(nav.clusterId ?? '', nav.stepId ?? ''),
        service.logTail(nav.clusterId ?? '', nav.stepId ?? '', LOG_LINES),
      ]);
      return { step, log };
    },
    { visible: visible && nav.level === 'detail' && nav.stepId !== undefined, policy, resetKey: `${nav.clusterId}/${nav.stepId}` },
  );

  const matches = filterPredicate(filter);
  const clusterRows = useMemo(
    () => (clusters.data ?? []).filter((c) => filter.trim() === '' || matches(`${c.name} ${c.id} ${c.state}`)),
    [clusters.data, filter, matches],
  );
  const stepRows = useMemo(
    () => (steps.data ?? []).filter((s) => filter.trim() === '' || matches(`${s.name} ${s.id} ${s.state} ${s.failureReason ?? ''}`)),
    [steps.data, filter, matches],
  );
  const openCluster: ClusterSummary | undefined = (clusters.data ?? []).find((c) => c.id === nav.clusterId);
  const selectedCluster = nav.level === 'clusters' ? clusterRows[Math.min(nav.clusters.cursor, clusterRows.length - 1)] : openCluster;
  const selectedStep: StepSummary | StepDetail | undefined =
    nav.level === 'detail' ? detail.data?.step : stepRows[Math.min(nav.steps.cursor, stepRows.length - 1)];

  const anyActive =
    (nav.level === 'clusters' &&
      (clusters.data ?? []).some((c) => c.state === 'RUNNING' || (c.stepCounts?.RUNNING ?? 0) + (c.stepCounts?.PENDING ?? 0) > 0)) ||
    (nav.level === 'steps' && (steps.data ?? []).some((s) => isStepActive(s.state))) ||
    (nav.level === 'detail' && detail.data !== undefined && isStepActive(detail.data.step.state));
  useEffect(() => setLively(anyActive), [anyActive]);

  const tableHeight = Math.max(2, height - 2);
  const now = useRef({ clusterRows, stepRows, selectedCluster, selectedStep, tableHeight });
  now.current = { clusterRows, stepRows, selectedCluster, selectedStep, tableHeight };
  const { refresh: refreshClusters } = clusters;
  const { refresh: refreshSteps } = steps;
  const { refresh: refreshDetail } = detail;
  const refreshAll = useCallback(() => {
    const level = navRef.current.level;
    if (level === 'clusters') refreshClusters();
    else if (level === 'steps') refreshSteps();
    else refreshDetail();
  }, [navRef, refreshClusters, refreshSteps, refreshDetail]);

  // A step started or ended: load now, so the next poll is scheduled on the new interval.
  useEffect(() => {
    if (lively) refreshAll();
  }, [lively, refreshAll]);

  const { message, busy: busyAction, perform } = usePaneAction(refreshAll);

  const actions = useMemo<StepsKeysActions>(
    () => ({
      move: (delta, list) => dispatch({ type: 'move', delta, ...list }),
      jump: (to, list) => dispatch({ type: 'jump', to, ...list }),
      open: () => {
        const n = navRef.current;
        if (n.level === 'clusters' && now.current.selectedCluster)
          dispatch({ type: 'open-cluster', clusterId: now.current.selectedCluster.id });
        else if (n.level === 'steps' && now.current.selectedStep) dispatch({ type: 'open-step', stepId: now.current.selectedStep.id });
      },
      back: () => dispatch({ type: 'back' }),
      askRun: () => {
        const cluster = now.current.selectedCluster;
        if (cluster) dispatch({ type: 'ask', prompt: { kind: 'run', clusterId: cluster.id, job: 'etl', runDate: 'all' } });
      },
      askCancel: () => {
        const step = now.current.selectedStep;
        if (step) dispatch({ type: 'ask', prompt: { kind: 'cancel', clusterId: step.clusterId, stepId: step.id, name: step.name } });
      },
      askTerminate: () => {
        const cluster = now.current.selectedCluster;
        if (cluster) dispatch({ type: 'ask', prompt: { kind: 'terminate', clusterId: cluster.id, name: cluster.name } });
      },
      openLog: () => {
        const step = now.current.selectedStep;
        if (!step) return;
        perform(`Opening the log of ${step.name} (${step.id})`, async () => {
          const logs = await service.logFiles(step.clusterId, step.id);
          try {
            const pager = await host.runFullScreen(() => showInPager(logs.files.map((file) => file.path)));
            return `Closed the log of ${step.name} (${step.id}) in ${pager}`;
          } finally {
            await logs.dispose();
          }
        });
      },
    }),
    [dispatch, navRef, perform, service, host],
  );

  const readOnly = backend.readOnly;
  const canTerminate = service.terminateCluster !== undefined;
  const tableFor = useCallback(() => {
    const n = navRef.current;
    const c = now.current;
    const total = n.level === 'clusters' ? c.clusterRows.length : c.stepRows.length;
    return stepsBindings(
      {
        level: n.level,
        readOnly,
        hasCluster: c.selectedCluster !== undefined,
        clusterActive: c.selectedCluster?.active,
        hasStep: c.selectedStep !== undefined,
        stepActive: c.selectedStep ? isStepActive(c.selectedStep.state) : undefined,
        canTerminate,
        list: { height: Math.max(1, c.tableHeight - 1), total },
      },
      actions,
    );
  }, [actions, navRef, readOnly, canTerminate]);
  const bindings = useMemo(
    () => () => tableFor(),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the table reads the pane's state through refs; these values are what changes which keys it offers, so they make a new table
    [
      tableFor,
      nav.level,
      selectedCluster?.id,
      selectedCluster?.active,
      selectedStep?.id,
      selectedStep?.state,
      clusterRows.length,
      stepRows.length,
    ],
  );

  // While a question is open, every key answers it (nothing else fires by accident).
  const captureInput = useCallback(
    (input: string, key: Key): boolean => {
      const prompt = navRef.current.prompt;
      if (!prompt) return false;
      const dismiss = () => dispatch({ type: 'dismiss' });
      if (prompt.kind === 'run') {
        return answerPrompt(input, key, {
          dismiss,
          form: {
            edit: (text) => dispatch({ type: 'edit-date', text }),
            own: (name) => {
              if (name !== 'left' && name !== 'right' && name !== 'tab') return false;
              dispatch({ type: 'cycle-job', delta: name === 'left' ? -1 : 1 });
              return true;
            },
            submit: () =>
              perform(`Starting ${prompt.job} ${prompt.runDate}`, async () => {
                const started = await service.run({ job: prompt.job, runDate: prompt.runDate, clusterId: prompt.clusterId });
                dispatch({ type: 'open-cluster', clusterId: started.clusterId });
                return `Started ${started.name} as ${started.id} (${started.state})`;
              }),
          },
        });
      }
      return answerPrompt(input, key, {
        dismiss,
        yes: () =>
          prompt.kind === 'cancel'
            ? perform(`Cancelling ${prompt.stepId}`, async () => {
                await service.cancel(prompt.clusterId, prompt.stepId);
                return `Cancelled ${prompt.name} (${prompt.stepId})`;
              })
            : perform(`Terminating ${prompt.clusterId}`, async () => {
                await service.terminateCluster!(prompt.clusterId);
                return `Terminating ${prompt.name} (${prompt.clusterId})`;
              }),
      });
    },
    [dispatch, navRef, perform, service],
  );
  usePaneControls(useMemo(() => ({ bindings, refresh: refreshAll, captureInput }), [bindings, refreshAll, captureInput]));

  const current = nav.level === 'clusters' ? clusters : nav.level === 'steps' ? steps : detail;
  usePaneStatus({
    lastSuccess: current.lastSuccess,
    staleAfterMs: policy.staleAfterMs,
    busy: current.inFlight || busyAction,
    error:
      current.error !== undefined
        ? `Cannot read the ${nav.level === 'clusters' ? 'clusters' : nav.level === 'steps' ? 'steps' : 'step'}: ${errorMessage(current.error)}`
        : undefined,
    info: `${nav.level === 'clusters' ? plural(clusterRows.length, 'cluster') : nav.level === 'steps' ? plural(stepRows.length, 'step') : 'step detail'}${lively ? ' · live' : ''}${readOnly ? ' · read-only' : ''}`,
  });

  const at = new Date(clock.now());
  const crumb =
    nav.level === 'clusters'
      ? 'Clusters'
      : nav.level === 'steps'
        ? `Clusters › ${openCluster?.name ?? nav.clusterId} › steps`
        : `Clusters › ${openCluster?.name ?? nav.clusterId} › ${nav.stepId}`;
  const line: PaneMessage = nav.prompt
    ? { text: promptText(nav.prompt), tone: 'warn' }
    : (message ??
      (readOnly
        ? { text: 'Read-only mode: running and cancelling steps is refused', tone: 'muted' }
        : { text: 'Enter opens · n runs a job as a step · x cancels a step', tone: 'muted' }));

  let body;
  if (nav.level === 'detail') {
    const layout = detail.data
      ? detailLayout(detail.data.step, detail.data.log, at, tableHeight, width)
      : { head: [detail.error ? 'step unavailable' : 'loading…'], tail: [] };
    const textLines = (lines: string[], key: string) =>
      lines.map((text, index) => (
        <Text key={`${key}${index}`} wrap="truncate">
          {truncate(text, width)}
        </Text>
      ));
    body = (
      <>
        {textLines(layout.head, 'h')}
        {layout.stages ? (
          <>
            <Text wrap="truncate">{truncate(layout.stages.title, width)}</Text>
            <SmallTable columns={STAGE_COLUMNS} rows={layout.stages.rows} />
          </>
        ) : null}
        {textLines(layout.tail, 't')}
      </>
    );
  } else if (nav.level === 'steps') {
    body = (
      <WindowedTable
        columns={stepColumns(width)}
        total={stepRows.length}
        window={nav.steps}
        height={tableHeight}
        cell={(row, column) => stepCells(stepRows[row], at)[column]}
        focused={visible}
        empty={
          steps.data === undefined
            ? steps.error
              ? 'steps unavailable'
              : 'loading…'
            : filter.trim()
              ? 'no step matches the filter'
              : 'no steps yet (n runs one)'
        }
      />
    );
  } else {
    body = (
      <WindowedTable
        columns={clusterColumns(width)}
        total={clusterRows.length}
        window={nav.clusters}
        height={tableHeight}
        cell={(row, column) => clusterCells(clusterRows[row], at)[column]}
        focused={visible}
        empty={clusters.data === undefined ? (clusters.error ? 'clusters unavailable' : 'loading…') : 'no clusters'}
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
