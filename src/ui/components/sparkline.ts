// Charts of one metric series drawn with asciichart: a borderless sparkline for the grid, and a
// chart with value labels and a time axis for the full-width view. Pure (text in, lines out), so
// the pane's layout is tested without rendering. asciichart draws no gaps, so a period without
// data is 0 for counts and sums and the previous value for the other statistics.
import { plot } from 'asciichart';
import type { MetricRange, MetricSeries } from '../../core/metrics.js';

/** The series over the range in `columns` columns, each aggregating the periods it covers. */
export function columnValues(series: MetricSeries, range: MetricRange, columns: number): number[] {
  const start = range.since.getTime();
  const span = range.until.getTime() - start;
  const additive = series.stat === 'Sum' || series.stat === 'SampleCount';
  const sums: (number | undefined)[] = new Array(Math.max(1, columns)).fill(undefined);
  for (const point of series.points) {
    const column = Math.floor(((point.at.getTime() - start) / span) * sums.length);
    if (column < 0 || column >= sums.length) continue;
    const before = sums[column];
    if (before === undefined) sums[column] = point.value;
    else if (additive) sums[column] = before + point.value;
    else if (series.stat === 'Minimum') sums[column] = Math.min(before, point.value);
    else sums[column] = Math.max(before, point.value);
  }
  let previous = 0;
  return sums.map((value) => {
    if (value === undefined) return additive ? 0 : previous;
    previous = value;
    return value;
  });
}

function bounds(values: number[]): { min: number; max: number } {
  const min = Math.min(0, ...values);
  const max = Math.max(...values);
  return { min, max: max > min ? max : min + 1 };
}

/** `height` lines of exactly `width` characters. */
export function sparkline(values: number[], width: number, height: number): string[] {
  const columns = Math.max(1, width - 1);
  const fitted = values.length > columns ? values.slice(-columns) : values;
  const lines = plot(fitted.length ? fitted : [0], {
    height: Math.max(1, height - 1),
    offset: 1,
    format: () => '',
    ...bounds(fitted.length ? fitted : [0]),
  }).split('\n');
  return lines.map((line) => line.padEnd(width).slice(0, width));
}

/** A chart with `labelWidth`-wide value labels on the left; the caller adds the time axis below. */
export function axisChart(values: number[], height: number, label: (value: number) => string, labelWidth: number): string[] {
  return plot(values.length ? values : [0], {
    height: Math.max(1, height - 1),
    // The label takes one cell of asciichart's grid; offset 2 puts the axis right after it.
    offset: 2,
    format: (value) => `${label(value)} `.padStart(labelWidth + 1),
    ...bounds(values.length ? values : [0]),
  }).split('\n');
}
