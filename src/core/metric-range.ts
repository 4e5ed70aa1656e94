// The console's time ranges (1h … 30d) and the period each is read at: about 50–170 points a
// series, periods CloudWatch keeps at that age (1-minute data lives 15 days), ranges aligned to
// period boundaries so a refresh within the same period reads the same buckets.
import { LakeError } from './errors.js';
import type { MetricRange } from './metrics.js';

export const RANGE_KEYS = ['1h', '6h', '1d', '7d', '30d'] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];

const RANGES: Record<RangeKey, { seconds: number; periodSeconds: number }> = {
  '1h': { seconds: 3_600, periodSeconds: 60 },
  '6h': { seconds: 21_600, periodSeconds: 300 },
  '1d': { seconds: 86_400, periodSeconds: 900 },
  '7d': { seconds: 604_800, periodSeconds: 3_600 },
  '30d': { seconds: 2_592_000, periodSeconds: 21_600 },
};

export function isRangeKey(value: string): value is RangeKey {
  return (RANGE_KEYS as readonly string[]).includes(value);
}

export function parseRangeKey(value: string): RangeKey {
  if (!isRangeKey(value)) throw new LakeError('bad-input', `Unknown range '${value}': use one of ${RANGE_KEYS.join(', ')}`);
  return value;
}

/** The range ending with the period that holds `now`. */
export function rangeFor(key: RangeKey, now: Date): MetricRange {
  const { seconds, periodSeconds } = RANGES[key];
  const period = periodSeconds * 1000;
  const until = new Date(Math.floor(now.getTime() / period) * period + period);
  return { since: new Date(until.getTime() - seconds * 1000), until, periodSeconds };
}

/** How often a screen of this range is worth re-reading: once a period, at least a minute apart. */
export function refreshMsFor(key: RangeKey): number {
  return Math.max(60_000, Math.min(RANGES[key].periodSeconds * 1000, 900_000));
}
