// The refresh policy every pane shares (k9s-style): poll only the visible pane, drop a tick while
// a refresh is still running, back off exponentially on errors and harder on throttling, and call
// data stale once it is clearly older than the polling interval.
import { isThrottle } from '../core/errors.js';

export interface PollPolicy {
  intervalMs: number;
  /** Longest pause between attempts, however many failures in a row. */
  maxBackoffMs: number;
  /** Data older than this is shown as stale. */
  staleAfterMs: number;
}

export function pollPolicy(intervalMs: number, overrides: Partial<PollPolicy> = {}): PollPolicy {
  return {
    intervalMs,
    maxBackoffMs: Math.max(intervalMs, 5 * 60_000),
    staleAfterMs: Math.max(2 * intervalMs, 10_000),
    ...overrides,
  };
}

/** Pause before the next attempt, given the consecutive failures so far and the last error. */
export function nextDelay(policy: PollPolicy, failures: number, lastError?: unknown): number {
  if (failures <= 0) return policy.intervalMs;
  // Throttling means the service wants fewer calls: start one doubling further out.
  const exponent = Math.min(failures + (isThrottle(lastError) ? 2 : 0), 20);
  return Math.min(policy.maxBackoffMs, policy.intervalMs * 2 ** exponent);
}

export type TickDecision = 'run' | 'skip-hidden' | 'skip-in-flight';

export function decideTick(state: { visible: boolean; inFlight: boolean }): TickDecision {
  if (!state.visible) return 'skip-hidden';
  if (state.inFlight) return 'skip-in-flight';
  return 'run';
}

export function isStale(policy: Pick<PollPolicy, 'staleAfterMs'>, now: number, lastSuccess?: number): boolean {
  return lastSuccess !== undefined && now - lastSuccess > policy.staleAfterMs;
}
