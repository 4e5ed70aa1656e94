import { describe, expect, it } from 'vitest';
import { LakeError } from '../../src/core/errors.js';
import { decideTick, isStale, nextDelay, pollPolicy } from '../../src/ui/polling.js';
import { followCursor, moveCursor, refit, step, visibleRange, wantsMore } from '../../src/ui/windowing.js';

describe('windowing', () => {
  it.each([
    [0, 1, 10, 1],
    [9, 1, 10, 9],
    [0, -1, 10, 0],
    [5, -Infinity, 10, 0],
    [5, Infinity, 10, 9],
    [3, 5, 0, 0],
  ])('cursor %i moved by %d in %i rows → %i', (cursor, delta, total, expected) => {
    expect(moveCursor(cursor, delta, total)).toBe(expected);
  });

  it.each([
    ['cursor visible: no scroll', 10, 12, 5, 100, 10],
    ['cursor above the window', 10, 4, 5, 100, 4],
    ['cursor below the window', 10, 17, 5, 100, 13],
    ['never past the end', 98, 99, 5, 100, 95],
    ['short list stays at the top', 3, 2, 5, 4, 0],
    ['no height', 3, 2, 0, 4, 0],
  ])('%s', (_label, offset, cursor, height, total, expected) => {
    expect(followCursor(offset, cursor, height, total)).toBe(expected);
  });

  it('steps with the window following and refits after the list shrinks', () => {
    let window = { cursor: 0, offset: 0 };
    for (let i = 0; i < 25; i++) window = step(window, 1, 10, 100_000);
    expect(window).toEqual({ cursor: 25, offset: 16 });
    window = step(window, 99_999, 10, 100_000);
    expect(window).toEqual({ cursor: 99_999, offset: 99_990 });
    expect(refit(window, 10, 30)).toEqual({ cursor: 29, offset: 20 });
    expect(refit(window, 10, 0)).toEqual({ cursor: 0, offset: 0 });
  });

  it('renders only the rows in view, however long the list', () => {
    expect(visibleRange(99_990, 18, 100_000)).toEqual({ start: 99_990, end: 100_000 });
    expect(visibleRange(0, 18, 3)).toEqual({ start: 0, end: 3 });
  });

  it('asks for the next page a screen before the end, and only if there is one', () => {
    expect(wantsMore(970, 1000, true, 20)).toBe(false);
    expect(wantsMore(980, 1000, true, 20)).toBe(true);
    expect(wantsMore(999, 1000, false, 20)).toBe(false);
    expect(wantsMore(0, 0, true, 20)).toBe(true);
  });
});

describe('polling policy', () => {
  const policy = pollPolicy(10_000, { maxBackoffMs: 120_000 });

  it.each([
    ['success', 0, undefined, 10_000],
    ['first failure', 1, new Error('boom'), 20_000],
    ['third failure', 3, new Error('boom'), 80_000],
    ['capped', 10, new Error('boom'), 120_000],
    ['throttled backs off harder', 1, new LakeError('throttled', 'Slow down'), 80_000],
  ])('%s → %i ms', (_label, failures, error, delay) => {
    expect(nextDelay(policy, failures, error)).toBe(delay);
  });

  it('drops a tick while a refresh is in flight and never polls a hidden pane', () => {
    expect(decideTick({ visible: true, inFlight: false })).toBe('run');
    expect(decideTick({ visible: true, inFlight: true })).toBe('skip-in-flight');
    expect(decideTick({ visible: false, inFlight: false })).toBe('skip-hidden');
  });

  it('calls data stale once it is clearly older than the interval', () => {
    expect(policy.staleAfterMs).toBe(20_000);
    expect(isStale(policy, 100_000, 85_000)).toBe(false);
    expect(isStale(policy, 100_000, 75_000)).toBe(true);
    expect(isStale(policy, 100_000, undefined)).toBe(false);
  });
});
