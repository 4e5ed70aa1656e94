// What the Metrics pane draws, as plain lines (k9s' render split): the grid of sparklines sized to
// the terminal (name, last value with unit, min/max, a 3-line chart per cell), one series full
// width with value labels and a time axis, the alarms with state by symbol and word, reason and
// time, and the one-line alarm summary. Pure, so layouts are tested at any size without Ink.
import type { AlarmState, MetricRange, MetricSeries } from '../../../core/metrics.js';
import { alarmStateText, alarmTime, formatMetricValue, summarizeSeries } from '../../../format/metrics.js';
import { axisChart, columnValues, sparkline } from '../../components/sparkline.js';
import { truncate } from '../../text.js';

export const CELL_HEIGHT = 5;
const CHART_HEIGHT = CELL_HEIGHT - 2;

/** Cells per grid row: one per 40 columns or so. */
export function gridColumns(width: number): number {
  return Math.max(1, Math.floor((width + 1) / 40));
}

export function gridRowsPerScreen(height: number): number {
  return Math.max(1, Math.floor(height / CELL_HEIGHT));
}

// A cell's value and chart lines depend only on the loaded series and the cell width: kept per
// series object (a reload makes new ones), so moving the selection redraws without re-plotting.
const CELL_CACHE = new WeakMap<MetricSeries, { key: string; lines: string[] }>();

function cellBody(series: MetricSeries, range: MetricRange, width: number): string[] {
  const key = `${width} ${range.since.getTime()} ${range.periodSeconds}`;
  const cached = CELL_CACHE.get(series);
  if (cached?.key === key) return cached.lines;
  const { last, min, max } = summarizeSeries(series);
  const f = (v: number) => formatMetricValue(v, series.unit);
  const values = last === undefined ? '  no data' : `  ${f(last)}  ↓${f(min!)} ↑${f(max!)}`;
  const chart = sparkline(columnValues(series, range, width - 3), width - 2, CHART_HEIGHT).map((line) => `  ${line}`);
  const lines = [values, ...chart].map((line) => truncate(line, width).padEnd(width));
  CELL_CACHE.set(series, { key, lines });
  return lines;
}

function cellLines(series: MetricSeries, range: MetricRange, width: number, selected: boolean): string[] {
  return [truncate(`${selected ? '▶ ' : '  '}${series.label}`, width).padEnd(width), ...cellBody(series, range, width)];
}

/** The page of the grid that holds the selected series; `height` lines at most. */
export function gridLines(series: MetricSeries[], range: MetricRange, cursor: number, width: number, height: number): string[] {
  const columns = gridColumns(width);
  const cellWidth = Math.floor((width - (columns - 1)) / columns);
  const rowsPerScreen = gridRowsPerScreen(height);
  const cursorRow = Math.floor(cursor / columns);
  const firstRow = Math.floor(cursorRow / rowsPerScreen) * rowsPerScreen;
  const lines: string[] = [];
  for (let row = firstRow; row < firstRow + rowsPerScreen; row += 1) {
    const cells = series.slice(row * columns, row * columns + columns);
    if (cells.length === 0) break;
    const drawn = cells.map((s, i) => cellLines(s, range, cellWidth, row * columns + i === cursor));
    for (let line = 0; line < CELL_HEIGHT; line += 1)
      lines.push(
        drawn
          .map((cell) => cell[line])
          .join(' ')
          .trimEnd(),
      );
  }
  return lines;
}

const timeLabel = (at: Date, range: MetricRange) =>
  range.until.getTime() - range.since.getTime() >= 86_400_000
    ? at.toISOString().slice(5, 16).replace('T', ' ')
    : at.toISOString().slice(11, 16);

/** One series full width: title, chart with value labels, time axis (UTC). */
export function chartLines(series: MetricSeries, range: MetricRange, width: number, height: number): string[] {
  const { last, min, max } = summarizeSeries(series);
  const f = (v: number) => formatMetricValue(v, series.unit);
  const period = range.periodSeconds >= 3600 ? `${range.periodSeconds / 3600} h` : `${range.periodSeconds / 60} min`;
  const title = `${series.label} · ${series.namespace} ${series.name} · ${series.stat} per ${period}`;
  const summary = last === undefined ? 'no data in this range' : `last ${f(last)} · min ${f(min!)} · max ${f(max!)}`;
  const labelWidth = 9;
  const plotWidth = Math.max(4, width - labelWidth - 2);
  const chart = axisChart(columnValues(series, range, plotWidth), Math.max(2, height - 3), (v) => truncate(f(v), labelWidth), labelWidth);
  const from = timeLabel(range.since, range);
  const to = `${timeLabel(range.until, range)} UTC`;
  const axis = `${' '.repeat(labelWidth + 1)}${from}${' '.repeat(Math.max(1, plotWidth + 1 - from.length - to.length))}${to}`;
  return [title, summary, ...chart, axis].map((line) => truncate(line, width));
}

const ORDER = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 } as const;

/** Alarms in ALARM first, then without data, then OK; by name within each. */
export function sortAlarms(alarms: AlarmState[]): AlarmState[] {
  return [...alarms].sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.name.localeCompare(b.name));
}

/** Two lines an alarm: state, name and time of the last change; its reason below. */
export function alarmLines(alarms: AlarmState[], width: number): string[] {
  const nameWidth = Math.min(Math.max(...alarms.map((a) => a.name.length), 4), Math.max(10, width - 34));
  return sortAlarms(alarms).flatMap((alarm) => [
    truncate(
      `${alarmStateText(alarm.state).padEnd(9)} ${truncate(alarm.name, nameWidth).padEnd(nameWidth)}  ${alarmTime(alarm.updatedAt)}`,
      width,
    ),
    truncate(`          ${alarm.reason ?? alarm.description ?? ''}`, width),
  ]);
}

/** "✖ ALARM IngestErrorsAlarm · 6 ✓ OK": the alarms in ALARM by name, the others counted. */
export function alarmSummary(alarms: AlarmState[] | undefined): string {
  if (alarms === undefined) return 'alarms: loading…';
  if (alarms.length === 0) return 'alarms: none';
  const firing = alarms.filter((a) => a.state === 'ALARM');
  const ok = alarms.filter((a) => a.state === 'OK').length;
  const noData = alarms.length - firing.length - ok;
  const parts = [
    ...(firing.length ? [`${alarmStateText('ALARM')} ${firing.map((a) => a.name).join(', ')}`] : []),
    ...(ok ? [`${ok} ${alarmStateText('OK')}`] : []),
    ...(noData ? [`${noData} ${alarmStateText('INSUFFICIENT_DATA')}`] : []),
  ];
  return `alarms: ${parts.join(' · ')}`;
}
