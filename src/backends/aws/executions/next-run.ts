// When an EventBridge schedule fires next, from its expression: `rate(N unit)` counted from a
// reference time, `cron(min hour dom month dow year)` with *, ?, numbers, lists, ranges and /step
// (UTC). Expressions with L, W or # are answered with undefined rather than guessed.
const UNIT_MS: Record<string, number> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};
const DOW: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };
const MON: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };

function field(text: string, min: number, max: number, names: Record<string, number> = {}): Set<number> | undefined {
  if (text === '*' || text === '?') return new Set(Array.from({ length: max - min + 1 }, (_, i) => min + i));
  if (/[LW#]/.test(text)) return undefined;
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const value = (token: string) => names[token.toUpperCase()] ?? Number(token);
    const [from, upTo] = range === '*' ? [min, max] : range.split('-').map(value);
    const to = upTo === undefined ? (stepText ? max : from) : upTo;
    if (![from, to, step].every(Number.isInteger) || step < 1) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function nextRun(expression: string, after: Date): Date | undefined {
  const rate = /^rate\((\d+)\s+(\w+)\)$/.exec(expression.trim());
  if (rate) {
    const ms = UNIT_MS[rate[2]];
    return ms ? new Date(after.getTime() + Number(rate[1]) * ms) : undefined;
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) return undefined;
  const parts = cron[1].trim().split(/\s+/);
  if (parts.length !== 6) return undefined;
  const minutes = field(parts[0], 0, 59);
  const hours = field(parts[1], 0, 23);
  const days = field(parts[2], 1, 31);
  const months = field(parts[3], 1, 12, MON);
  const weekdays = field(parts[4], 1, 7, DOW);
  const years = field(parts[5], 1970, 2199);
  if (!minutes || !hours || !days || !months || !weekdays || !years) return undefined;
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  // A year and a day of minutes at most; whole hours and days are skipped when they cannot match.
  for (let guard = 0; guard < 400 * 24 * 60; guard += 1) {
    if (
      !years.has(t.getUTCFullYear()) ||
      !months.has(t.getUTCMonth() + 1) ||
      !days.has(t.getUTCDate()) ||
      !weekdays.has(t.getUTCDay() + 1)
    ) {
      t.setUTCHours(0, 0, 0, 0);
      t.setUTCDate(t.getUTCDate() + 1);
      continue;
    }
    if (!hours.has(t.getUTCHours())) {
      t.setUTCMinutes(0);
      t.setUTCHours(t.getUTCHours() + 1);
      continue;
    }
    if (minutes.has(t.getUTCMinutes())) return new Date(t.getTime());
    t.setUTCMinutes(t.getUTCMinutes() + 1);
  }
  return undefined;
}
