// Retries with exponential back-off and jitter for everything an ingestion fetches over the
// network. A server's Retry-After wins over the computed pause (capped, so a hostile value cannot
// park a run for hours). The sleep is injectable so tests can see the pauses without waiting.
import { setTimeout as delay } from 'node:timers/promises';

export interface RetryPolicy {
  /** Tries in total, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  /** Seconds without a byte before a connection counts as dead. */
  idleTimeoutMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  idleTimeoutMs: 60_000,
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
};

/** An HTTP answer that is not the content: carries what the retry decision needs. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly retryAfterMs?: number,
    detail = '',
  ) {
    super(`HTTP ${status} from ${url}${detail ? `: ${detail}` : ''}`);
    this.name = 'HttpStatusError';
  }
}

/** A failure that only a fresh start of the whole fetch can cure (nothing to resume from). */
export class RestartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RestartError';
  }
}

const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const RETRY_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'Z_BUF_ERROR',
  'Z_DATA_ERROR',
  'IDLE_TIMEOUT',
]);

export function isRetryable(error: unknown): boolean {
  if (error instanceof RestartError) return true;
  if (error instanceof HttpStatusError) return RETRY_STATUS.has(error.status) || error.status >= 500;
  const e = error as { code?: string; name?: string; message?: string } | undefined;
  if (!e || e.name === 'AbortError') return false;
  if (e.code && RETRY_CODES.has(e.code)) return true;
  // Node reports a body cut short by the peer as a bare "aborted".
  return e.message === 'aborted' || /socket hang up|unexpected end of file/i.test(e.message ?? '');
}

/** Failures that only a fresh start cures: a transfer that could not resume, a broken archive. */
export function isRestartable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return error instanceof RestartError || code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR';
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Pause before retry number `retry` (1-based). */
export function pauseBefore(policy: RetryPolicy, retry: number, error: unknown, random = Math.random): number {
  if (error instanceof HttpStatusError && error.retryAfterMs !== undefined) {
    return Math.min(error.retryAfterMs, policy.maxRetryAfterMs);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  // "Equal jitter": at least half the back-off, so retries never bunch up at zero.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export async function withRetry<T>(
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  attempt: (tryNumber: number) => Promise<T>,
  onRetry?: (error: unknown, pauseMs: number) => void,
  retryable: (error: unknown) => boolean = isRetryable,
): Promise<T> {
  for (let tryNumber = 1; ; tryNumber += 1) {
    try {
      return await attempt(tryNumber);
    } catch (error) {
      signal?.throwIfAborted();
      if (tryNumber >= policy.attempts || !retryable(error)) throw error;
      const pause = pauseBefore(policy, tryNumber, error);
      onRetry?.(error, pause);
      await policy.sleep(pause, signal);
    }
  }
}
