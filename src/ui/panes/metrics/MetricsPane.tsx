// The Metrics pane: a grid of sparklines sized to the terminal (name, last value with unit,
// min/max over the range), [ and ] for the range (1h … 30d), Enter for one series full width
// with axis labels, a for the alarms with state by symbol and word, reason and time. One load
// reads every shown series in one batched query plus the alarms; it polls only while visible,
// once a period of the range (at least a minute apart). The EMR series of the stack's active
// clusters join the same query; when there are none, the last line says why.
import { Box, Text } from 'ink';
import { useCallback, useMemo, useRef } from 'react';
import { errorMessage } from '../../../core/errors.js';
import { rangeFor } from '../../../core/metric-range.js';
import type { AlarmState, MetricRange, MetricSeries } from '../../../core/metrics.js';
import { useClock } from '../../clock.js';
import { filterPredicate } from '../../fuzzy.js';
import { usePolling } from '../../hooks/use-polling.js';
import { useSyncedReducer } from '../../hooks/use-synced-reducer.js';
import { AWS_ALARMS_HOLD_MS, metricsPoll } from '../../refresh-settings.js';
import type { PaneProps } from '../../shell/pane.js';
import { usePaneControls } from '../../shell/use-pane-controls.js';
import { usePaneStatus } from '../../shell/use-pane-status.js';
import { truncate } from '../../text.js';
import { toneProps, useTheme } from '../../theme.js';
import { metricsBindings, type MetricsKeysActions } from './metrics-bindings.js';
import { alarmLines, alarmSummary, chartLines, gridColumns, gridLines } from './metrics-layout.js';
import { INITIAL_METRICS_NAV, metricsNavReducer } from './metrics-nav.js';

interface Loaded {
  range: MetricRange;
  series: MetricSeries[];
  alarms: AlarmState[];
  /** Why no EMR cluster series are shown (no active cluster, or a backend without EMR). */
  clustersAbsent?: string;
}

export function MetricsPane({ backend, visible, width, height, filter }: PaneProps) {
  const service = backend.metrics!;
  const theme = useTheme();
  const clock = useClock();
  const [nav, dispatch, navRef] = useSyncedReducer(metricsNavReducer, INITIAL_METRICS_NAV);
  const catalog = useMemo(() => service.catalog(), [service]);
  const policy = metricsPoll(nav.range);

  const alarmsHeld = useRef<{ at: number; alarms: AlarmState[] } | undefined>(undefined);
  const alarmsNow = useRef(false);
  const alarmsHoldMs = backend.kind === 'aws' ? AWS_ALARMS_HOLD_MS : 0;
  const readAlarms = useCallback(async () => {
    const held = alarmsHeld.current;
    const fresh = alarmsNow.current;
    alarmsNow.current = false;
    if (held && !fresh && clock.now() - held.at < alarmsHoldMs) return held.alarms;
    const alarms = await service.alarms();
    alarmsHeld.current = { at: clock.now(), alarms };
    return alarms;
  }, [service, clock, alarmsHoldMs]);

  const loaded = usePolling(
    async (): Promise<Loaded> => {
      const range = rangeFor(navRef.current.range, new Date(clock.now()));
      const [clusters, alarms] = await Promise.all([service.clusterSeries(), readAlarms()]);
      const series = await service.query([...catalog, ...clusters.series], range);
      return { range, series, alarms, clustersAbsent: clusters.absent };
    },
    { visible, policy, resetKey: nav.range },
  );

  const matches = filterPredicate(filter);
  const shown = useMemo(
    () => (loaded.data?.series ?? []).filter((s) => filter.trim() === '' || matches(`${s.label} ${s.namespace} ${s.name}`)),
    [loaded.data, filter, matches],
  );
  const alarms = loaded.data?.alarms;
  const cursor = Math.min(nav.cursor, Math.max(0, shown.length - 1));
  const bodyHeight = Math.max(1, height - 2);
  const clustersAbsent = loaded.data?.clustersAbsent;
  // The grid gives its last line to the note on the missing EMR series.
  const gridHeight = clustersAbsent ? Math.max(1, bodyHeight - 1) : bodyHeight;
  const columns = gridColumns(width);
  const alarmText = useMemo(() => alarmLines(alarms ?? [], width), [alarms, width]);

  const now = useRef({ total: shown.length, alarmLines: alarmText.length, bodyHeight });
  now.current = { total: shown.length, alarmLines: alarmText.length, bodyHeight };
  const actions = useMemo<MetricsKeysActions>(
    () => ({
      move: (delta) => dispatch({ type: 'move', delta, total: now.current.total }),
      range: (delta) => dispatch({ type: 'range', delta }),
      open: () => dispatch({ type: 'open' }),
      back: () => dispatch({ type: 'back' }),
      toggleAlarms: () => dispatch({ type: 'toggle-alarms' }),
      scrollAlarms: (delta) =>
        dispatch({ type: 'scroll-alarms', delta: delta * 2, total: now.current.alarmLines, height: now.current.bodyHeight }),
    }),
    [dispatch],
  );
  const alarmCount = alarms?.length ?? 0;
  const tableFor = useCallback(() => {
    const n = navRef.current;
    return metricsBindings({ view: n.view, range: n.range, total: now.current.total, columns, alarms: alarmCount }, actions);
  }, [actions, navRef, columns, alarmCount]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the table reads the pane's state through refs; these values are what changes which keys it offers, so they make a new table
  const bindings = useMemo(() => () => tableFor(), [tableFor, nav.view, nav.range, shown.length]);
  const { refresh } = loaded;
  const refreshNow = useCallback(() => {
    alarmsNow.current = true;
    void refresh();
  }, [refresh]);
  usePaneControls(useMemo(() => ({ bindings, refresh: refreshNow }), [bindings, refreshNow]));

  const withData = shown.filter((s) => s.points.length > 0).length;
  usePaneStatus({
    lastSuccess: loaded.lastSuccess,
    staleAfterMs: policy.staleAfterMs,
    busy: loaded.inFlight,
    error: loaded.error !== undefined ? `Cannot read the metrics: ${errorMessage(loaded.error)}` : undefined,
    info: `${shown.length} series · ${withData} with data · range ${nav.range}`,
  });

  const range = loaded.data?.range ?? rangeFor(nav.range, new Date(clock.now()));
  const period = range.periodSeconds >= 3600 ? `${range.periodSeconds / 3600} h` : `${range.periodSeconds / 60} min`;
  const dashboard = service.dashboardName ? ` · dashboard ${service.dashboardName}` : '';
  const header = `Metrics · last ${nav.range} in ${period} periods${dashboard}`;
  const firing = (alarms ?? []).some((a) => a.state === 'ALARM');

  let lines: string[];
  if (loaded.data === undefined) lines = [loaded.error ? 'metrics unavailable (r retries)' : 'loading…'];
  else if (nav.view === 'alarms') lines = alarmText.length ? alarmText.slice(nav.alarmsTop, nav.alarmsTop + bodyHeight) : ['no alarms'];
  else if (shown.length === 0) lines = [filter.trim() ? 'no series matches the filter' : 'no series'];
  else if (nav.view === 'chart') lines = chartLines(shown[cursor], range, width, bodyHeight);
  else lines = gridLines(shown, range, cursor, width, gridHeight);
  if (nav.view === 'grid' && clustersAbsent && loaded.data !== undefined)
    lines = [...lines.slice(0, gridHeight), truncate(clustersAbsent, width)];

  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text wrap="truncate" {...toneProps(theme, 'accent', { bold: true })}>
        {truncate(header, width)}
      </Text>
      <Text wrap="truncate" {...toneProps(theme, firing ? 'error' : 'muted', { bold: firing })}>
        {truncate(alarmSummary(alarms), width)}
      </Text>
      {lines.slice(0, bodyHeight).map((line, index) => (
        <Text key={index} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
