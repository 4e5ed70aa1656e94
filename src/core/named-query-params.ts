// Validation and normalisation of the query API's inputs, and their rendering as Athena execution
// parameters. Every value reaching Athena has passed one of these functions first.

/** A request input that cannot be used; the handler answers 400 naming `parameter`. */
export class BadParameter extends Error {
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`${parameter}: ${reason}`);
    this.name = 'BadParameter';
  }
}

/** DIVIPOLA department code: 1 or 2 digits ("5" and "05" are Antioquia), padded to 2. */
export function departmentCode(name: string, raw: string): string {
  const value = raw.trim();
  if (!/^\d{1,2}$/.test(value))
    throw new BadParameter(name, `expected a 2-digit DIVIPOLA department code such as 05, got ${JSON.stringify(raw)}`);
  if (Number(value) === 0) throw new BadParameter(name, 'department code 00 does not exist');
  return value.padStart(2, '0');
}

/** ISO calendar date YYYY-MM-DD that really exists (2021-02-30 is refused, not rolled over). */
export function isoDate(name: string, raw: string): string {
  const value = raw.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new BadParameter(name, `expected a date as YYYY-MM-DD, got ${JSON.stringify(raw)}`);
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new BadParameter(name, `${value} is not a calendar date`);
  }
  return value;
}

/** Whole number within [min, max]; no signs, decimals or exponents. */
export function boundedInt(name: string, raw: string, min: number, max: number): number {
  const value = raw.trim();
  const n = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) throw new BadParameter(name, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

/** One of a fixed set, matched case-insensitively and returned in its canonical spelling. */
export function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a.toLowerCase() === raw.trim().toLowerCase());
  if (!found) throw new BadParameter(name, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return found;
}

/** `from` must not be after `to`. */
export function dateRange(from: string, to: string): void {
  if (from > to) throw new BadParameter('from', `${from} is after to=${to}`);
}

// Athena substitutes each execution parameter as a SQL literal: a varchar value must carry its
// quotes. Inputs are validated to digits, dashes and letters before this, and doubling any quote
// keeps even an unexpected value a single literal.
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  return String(value);
}
