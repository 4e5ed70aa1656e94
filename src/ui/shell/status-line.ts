// What the status bar says about freshness and failures, as plain words (pure, tested): the
// state is always spelled out, colour only repeats it.
import { formatAge, formatClock, formatCount } from '../format.js';
import { isStale } from '../polling.js';
import type { PaneStatus } from './pane.js';

export interface Freshness {
  text: string;
  stale: boolean;
}

/** `compact` drops the clock time (narrow terminals). */
export function freshness(status: PaneStatus | undefined, now: number, compact = false): Freshness {
  if (!status) return { text: '', stale: false };
  if (status.lastSuccess === undefined) return { text: status.busy ? 'loading…' : '', stale: false };
  const stale = isStale({ staleAfterMs: status.staleAfterMs ?? Infinity }, now, status.lastSuccess);
  const age = formatAge(now - status.lastSuccess);
  const ago = age === 'now' ? 'just now' : `${age} ago`;
  const when = compact ? `updated ${ago}` : `updated ${formatClock(new Date(status.lastSuccess))} (${ago})`;
  const prefix = status.busy ? 'refreshing… ' : stale ? 'STALE ' : '';
  return { text: prefix + when, stale };
}

export function callsText(count: number): string {
  return `${formatCount(count)} API call${count === 1 ? '' : 's'}`;
}
