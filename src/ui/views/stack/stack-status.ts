// CloudFormation status words as the Stack view shows them: a symbol and the word itself, with a
// tone that only repeats what the two say (never colour alone).
import type { Tone } from '../../theme.js';

export interface StatusMark {
  symbol: string;
  word: string;
  tone: Tone;
}

/** Stack and resource statuses share one vocabulary (CREATE_COMPLETE, UPDATE_ROLLBACK_FAILED…). */
export function statusMark(status: string): StatusMark {
  const word = status;
  if (status.endsWith('_IN_PROGRESS')) return { symbol: '▶', word, tone: 'accent' };
  if (status.endsWith('_FAILED')) return { symbol: '✖', word, tone: 'error' };
  // A create that rolled back left nothing usable; an update that rolled back left the old stack.
  if (status === 'ROLLBACK_COMPLETE' || status === 'IMPORT_ROLLBACK_COMPLETE') return { symbol: '✖', word, tone: 'error' };
  if (status === 'UPDATE_ROLLBACK_COMPLETE') return { symbol: '↺', word, tone: 'warn' };
  if (status === 'DELETE_COMPLETE' || status === 'DELETE_SKIPPED') return { symbol: '–', word, tone: 'muted' };
  if (status.endsWith('_COMPLETE')) return { symbol: '✓', word, tone: 'ok' };
  return { symbol: '?', word, tone: 'warn' };
}

/** DescribeStacks' drift word in a few plain words. */
export function driftText(drift: string | undefined, checkedAt: Date | undefined, when: (date: Date) => string): string {
  switch (drift) {
    case 'IN_SYNC':
      return `drift: ✓ IN_SYNC${checkedAt ? ` (checked ${when(checkedAt)})` : ''}`;
    case 'DRIFTED':
      return `drift: ✖ DRIFTED${checkedAt ? ` (checked ${when(checkedAt)})` : ''}`;
    case undefined:
    case 'NOT_CHECKED':
      return 'drift: not checked';
    default:
      return `drift: ${drift}`;
  }
}
