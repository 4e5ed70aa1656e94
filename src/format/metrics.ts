// Metric values and alarm states in words, shared by the Metrics pane and `lakedeck metrics` /
// `lakedeck alarms`: a value with its unit, a series' last / min / max, an alarm's state as a
// symbol and a word (never colour alone).
import type { AlarmStateValue, MetricSeries, MetricUnit } from '../core/metrics.js';
import { formatBytes } from './bytes.js';

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(abs >= 1e10 ? 0 : 1)}G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(abs >= 1e5 ? 0 : 1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

export function formatMetricValue(value: number, unit: MetricUnit): string {
  switch (unit) {
    case 'Bytes':
      return formatBytes(value);
    case 'Seconds':
      return value >= 120 ? `${compact(value / 60)} min` : `${compact(value)} s`;
    case 'Milliseconds':
      return value >= 120_000 ? `${compact(value / 60_000)} min` : value >= 1000 ? `${compact(value / 1000)} s` : `${compact(value)} ms`;
    case 'Percent':
      return `${compact(value)}%`;
    default:
      return compact(value);
  }
}

export interface SeriesSummary {
  last?: number;
  min?: number;
  max?: number;
}

export function summarizeSeries(series: MetricSeries): SeriesSummary {
  if (series.points.length === 0) return {};
  const values = series.points.map((point) => point.value);
  return { last: values.at(-1), min: Math.min(...values), max: Math.max(...values) };
}

/** "last 700 · min 50 · max 700", or "no data". */
export function summaryText(series: MetricSeries): string {
  const { last, min, max } = summarizeSeries(series);
  if (last === undefined) return 'no data';
  const f = (v: number) => formatMetricValue(v, series.unit);
  return `last ${f(last)} · min ${f(min!)} · max ${f(max!)}`;
}

export const ALARM_SYMBOL: Record<AlarmStateValue, string> = { ALARM: '✖', OK: '✓', INSUFFICIENT_DATA: '?' };
export const ALARM_WORD: Record<AlarmStateValue, string> = { ALARM: 'ALARM', OK: 'OK', INSUFFICIENT_DATA: 'NO DATA' };

export function alarmStateText(state: AlarmStateValue): string {
  return `${ALARM_SYMBOL[state]} ${ALARM_WORD[state]}`;
}

/** "2026-11-29 20:41" in UTC: alarms are read across machines and regions. */
export function alarmTime(at: Date | undefined): string {
  return at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
}
