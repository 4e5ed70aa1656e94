import { describe, expect, it } from 'vitest';
import { callsText, freshness } from '../../src/ui/shell/status-line.js';
import { themeFromEnv, toneProps } from '../../src/ui/theme.js';

describe('theme from the environment', () => {
  it.each([
    [{}, { color: true, attributes: true }],
    [{ NO_COLOR: '1' }, { color: false, attributes: true }],
    [{ NO_COLOR: '' }, { color: true, attributes: true }],
    [{ TERM: 'dumb' }, { color: false, attributes: false }],
    [{ TERM: 'xterm-256color' }, { color: true, attributes: true }],
  ])('%o → %o', (env, theme) => {
    expect(themeFromEnv(env)).toEqual(theme);
  });

  it('drops what the theme forbids and keeps muted text apart without colour', () => {
    expect(toneProps({ color: true, attributes: true }, 'error', { bold: true })).toEqual({ color: 'red', bold: true });
    expect(toneProps({ color: false, attributes: true }, 'error', { bold: true })).toEqual({ bold: true });
    expect(toneProps({ color: false, attributes: true }, 'muted')).toEqual({ dimColor: true });
    expect(toneProps({ color: false, attributes: false }, 'plain', { inverse: true, bold: true })).toEqual({});
  });
});

describe('status freshness', () => {
  const at = new Date(2024, 0, 15, 12, 0, 0).getTime();

  it('spells out the age, and STALE once the data is old', () => {
    expect(freshness({ lastSuccess: at, staleAfterMs: 30_000 }, at + 500)).toEqual({ text: 'updated 12:00:00 (just now)', stale: false });
    expect(freshness({ lastSuccess: at, staleAfterMs: 30_000 }, at + 12_000)).toEqual({ text: 'updated 12:00:00 (12s ago)', stale: false });
    expect(freshness({ lastSuccess: at, staleAfterMs: 30_000 }, at + 120_000)).toEqual({
      text: 'STALE updated 12:00:00 (2m ago)',
      stale: true,
    });
    expect(freshness({ lastSuccess: at, staleAfterMs: 30_000, busy: true }, at + 120_000).text).toBe(
      'refreshing… updated 12:00:00 (2m ago)',
    );
    expect(freshness({ lastSuccess: at, staleAfterMs: 30_000 }, at + 120_000, true).text).toBe('STALE updated 2m ago');
  });

  it('says loading before the first success and nothing without a status', () => {
    expect(freshness({ busy: true }, at).text).toBe('loading…');
    expect(freshness(undefined, at)).toEqual({ text: '', stale: false });
    expect(callsText(1)).toBe('1 API call');
    expect(callsText(12_345)).toBe('12,345 API calls');
  });
});
