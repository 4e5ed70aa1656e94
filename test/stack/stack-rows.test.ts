// The Stack view's pure parts: status marks (symbol + word, never colour alone), rows fitted to
// the width, wrapping, the navigation reducer, event merging on refresh and the key table.
import { describe, expect, it, vi } from 'vitest';
import { displayWidth } from '../../src/ui/text.js';
import { stackViewBindings } from '../../src/ui/views/stack/stack-bindings.js';
import { INITIAL_STACK_NAV, stackNavReducer } from '../../src/ui/views/stack/stack-nav.js';
import { eventLine, pairLine, wrap } from '../../src/ui/views/stack/stack-rows.js';
import { driftText, statusMark } from '../../src/ui/views/stack/stack-status.js';
import { mergeEvents, paceFor } from '../../src/ui/views/stack/use-stack.js';
import { STACK_ACTIVE_POLL, STACK_IDLE_POLL } from '../../src/ui/refresh-settings.js';
import type { StackEvent } from '../../src/core/stack.js';

const ev = (id: string, status = 'CREATE_COMPLETE', reason?: string): StackEvent => ({
  id,
  at: new Date(Date.UTC(2026, 10, 29, 12, 0, 0)),
  logicalId: `R-${id}`,
  resourceType: 'AWS::S3::Bucket',
  status,
  ...(reason ? { reason } : {}),
});

describe('status marks', () => {
  it.each([
    ['CREATE_COMPLETE', '✓', 'ok'],
    ['UPDATE_IN_PROGRESS', '▶', 'accent'],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', '▶', 'accent'],
    ['CREATE_FAILED', '✖', 'error'],
    ['ROLLBACK_COMPLETE', '✖', 'error'],
    ['UPDATE_ROLLBACK_COMPLETE', '↺', 'warn'],
    ['DELETE_COMPLETE', '–', 'muted'],
    ['SOMETHING_NEW', '?', 'warn'],
  ])('%s → %s', (status, symbol, tone) => {
    expect(statusMark(status)).toEqual({ symbol, word: status, tone });
  });

  it('says drift in words', () => {
    expect(driftText(undefined, undefined, () => '')).toBe('drift: not checked');
    expect(driftText('DRIFTED', new Date(0), () => '2m ago')).toBe('drift: ✖ DRIFTED (checked 2m ago)');
  });
});

describe('rows', () => {
  it('shortens a long value in its middle, keeping both ends', () => {
    const line = pairLine({ key: 'ApiUrl', value: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/departments/daily' }, 10, 50);
    expect(displayWidth(line)).toBeLessThanOrEqual(50);
    expect(line).toMatch(/^ApiUrl {6}https:\/\/abc.*….*departments\/daily$/);
    expect(pairLine({ key: 'AlarmEmail', value: '' }, 10, 50)).toBe('AlarmEmail  (empty)');
  });

  it('fits an event to the width, reason last', () => {
    for (const width of [40, 78, 118, 160]) {
      const line = eventLine(ev('1', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'x'.repeat(300)), width);
      expect(displayWidth(line.text)).toBeLessThanOrEqual(width);
    }
    expect(eventLine(ev('2', 'CREATE_FAILED', 'Bucket exists'), 78).text).toMatch(/✖ CREATE_FAILED\s+R-2\s+Bucket exists$/);
    expect(eventLine(ev('3'), 160).text).toContain('AWS::S3::Bucket');
  });

  it('wraps at spaces and splits words longer than a line', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('x'.repeat(10), 4)).toEqual(['xxxx', 'xxxx', 'xx']);
    expect(wrap('a\nb', 10)).toEqual(['a', 'b']);
  });
});

describe('navigation', () => {
  it('keeps a cursor per section and leaves the whole view on switching', () => {
    let nav = stackNavReducer(INITIAL_STACK_NAV, { type: 'move', delta: 3, height: 2, total: 10 });
    expect(nav.windows.events).toEqual({ cursor: 3, offset: 2 });
    nav = stackNavReducer(nav, { type: 'whole', open: true });
    nav = stackNavReducer(nav, { type: 'section', delta: 1 });
    expect(nav).toMatchObject({ section: 'outputs', whole: false });
    nav = stackNavReducer(nav, { type: 'section', delta: -1 });
    expect(nav.windows.events.cursor).toBe(3);
    nav = stackNavReducer(nav, { type: 'refit', height: 2, totals: { outputs: 0, parameters: 0, events: 2 } });
    expect(nav.windows.events).toEqual({ cursor: 1, offset: 0 });
  });
});

describe('refresh', () => {
  it('puts the newest page first and keeps the older events it does not repeat', () => {
    expect(mergeEvents([ev('c'), ev('b')], [ev('b'), ev('a')]).map((e) => e.id)).toEqual(['c', 'b', 'a']);
  });

  it('polls fast only while the stack is in progress', () => {
    const data = (status: string) => ({ summary: { name: 's', status, outputs: [], parameters: [] }, events: [], olderLoaded: false });
    expect(paceFor(data('UPDATE_IN_PROGRESS'))).toBe(STACK_ACTIVE_POLL);
    expect(paceFor(data('UPDATE_COMPLETE'))).toBe(STACK_IDLE_POLL);
  });
});

describe('keys', () => {
  const actions = { move: vi.fn(), page: vi.fn(), edge: vi.fn(), section: vi.fn(), whole: vi.fn(), refresh: vi.fn(), close: vi.fn() };
  const base = { section: 'events' as const, whole: false, rows: 3, refreshing: false, moreEvents: false };

  it('says why a key cannot act', () => {
    const none = stackViewBindings({ ...base, rows: 0 }, actions).find((b) => b.keys.includes('enter'));
    expect(none?.disabledReason).toBe('no events to show');
    const busy = stackViewBindings({ ...base, refreshing: true }, actions).find((b) => b.keys.includes('r'));
    expect(busy?.disabledReason).toBe('a refresh is running');
  });

  it('in the whole view, Esc, Enter and y go back', () => {
    const back = stackViewBindings({ ...base, whole: true }, actions).find((b) => b.keys.includes('y'));
    back?.handler();
    expect(actions.whole).toHaveBeenCalledWith(false);
  });
});
