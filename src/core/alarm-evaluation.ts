// A CloudWatch metric alarm as the template defines it, and its evaluation over recorded points:
// the local backend's way of putting the stack's own alarms into ALARM (on aws, CloudWatch does it).
// Pure: the points and the time come in, the state and CloudWatch-style reason go out.
import type { AlarmStateValue, MetricKey, MetricPoint, MetricStatistic } from './metrics.js';
import { aggregatePoints } from './metric-points.js';

export type ComparisonOperator =
  'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

export interface AlarmDefinition {
  /** The template's logical id (the alarm's name on local). */
  name: string;
  description?: string;
  metric: MetricKey;
  statistic: MetricStatistic;
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparison: ComparisonOperator;
  treatMissingData: TreatMissingData;
}

export const COMPARISON_WORDS: Record<ComparisonOperator, string> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

export function crosses(value: number, comparison: ComparisonOperator, threshold: number): boolean {
  switch (comparison) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

export interface AlarmEvaluation {
  state: AlarmStateValue;
  reason: string;
}

const stamp = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ');

/**
 * The alarm's state at `now` over the last `evaluationPeriods` periods (aligned to the epoch, the
 * current one included so a failure shows at once): ALARM when at least `datapointsToAlarm` of
 * them cross the threshold, missing periods treated as the template says.
 */
export function evaluateAlarm(definition: AlarmDefinition, points: MetricPoint[], now: Date): AlarmEvaluation {
  const period = definition.periodSeconds * 1000;
  const currentStart = Math.floor(now.getTime() / period) * period;
  const since = new Date(currentStart - (definition.evaluationPeriods - 1) * period);
  const until = new Date(currentStart + period);
  const values = aggregatePoints(points, definition.statistic, definition.periodSeconds, since, until);
  const breaching = values.filter((point) => crosses(point.value, definition.comparison, definition.threshold));
  const missing = definition.evaluationPeriods - values.length;
  const breachCount = breaching.length + (definition.treatMissingData === 'breaching' ? missing : 0);
  const words = `${COMPARISON_WORDS[definition.comparison]} the threshold (${definition.threshold})`;
  if (breachCount >= definition.datapointsToAlarm) {
    const shown = breaching.map((point) => `${point.value} (${stamp(point.at)})`).join(', ');
    const count = `${breaching.length} datapoint${breaching.length === 1 ? '' : 's'}`;
    return { state: 'ALARM', reason: `Threshold Crossed: ${count} [${shown}] ${breaching.length === 1 ? 'was' : 'were'} ${words}` };
  }
  const treatAsMissing = definition.treatMissingData === 'missing' || definition.treatMissingData === 'ignore';
  if (values.length === 0 && treatAsMissing) {
    return {
      state: 'INSUFFICIENT_DATA',
      reason: `No datapoints in the last ${definition.evaluationPeriods} period(s) of ${definition.periodSeconds} s`,
    };
  }
  const last = values.at(-1);
  const reason = last
    ? `The latest datapoint [${last.value} (${stamp(last.at)})] was not ${words}`
    : `No datapoints in the last ${definition.evaluationPeriods} period(s) of ${definition.periodSeconds} s (treated as not breaching)`;
  return { state: 'OK', reason };
}
