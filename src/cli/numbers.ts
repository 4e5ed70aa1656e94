// Numeric options are checked where they are parsed: `--rows abc` is refused naming the option,
// not passed on as NaN to fail somewhere else (or be silently replaced by a default).
import { InvalidArgumentError } from 'commander';

/** A commander option parser for a whole number ≥ 1. */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
    throw new InvalidArgumentError(`expected a whole number of at least 1, got '${value}'.`);
  return Number(value);
}
