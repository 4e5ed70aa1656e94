import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatClock, formatCount, formatDateTime } from '../../src/ui/format.js';
import { displayWidth, fit, fitSegments, sanitize, shortenMiddle, truncate } from '../../src/ui/text.js';

describe('display width and fitting', () => {
  it.each([
    ['plain ascii', 'abc', 3],
    ['composed accents', 'Código', 6],
    ['decomposed accents (NFD)', 'Co\u0301digo', 6],
    ['wide CJK', '数据', 4],
    ['emoji', '📦x', 3],
  ])('measures %s', (_label, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it.each([
    ['abcdef', 4, 'abc…'],
    ['abc', 3, 'abc'],
    ['Fecha de notificación', 10, 'Fecha de …'],
    ['Co\u0301digo DIVIPOLA', 5, 'Co\u0301di…'],
    ['数据湖', 5, '数据…'],
    ['x', 0, ''],
  ])('truncates %j to %i cells', (text, width, expected) => {
    expect(truncate(text, width)).toBe(expected);
    expect(displayWidth(truncate(text, width))).toBeLessThanOrEqual(width);
  });

  it('pads to an exact width on either side', () => {
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fit('ab', 4, 'right')).toBe('  ab');
    expect(fit('Código', 8)).toBe('Código  ');
  });

  it('turns control characters from data into spaces so a cell cannot break the frame', () => {
    expect(sanitize('a\tb\nc\u001b[31m')).toBe('a b c [31m');
  });

  it('fits styled segments, cutting the later ones first', () => {
    const segments = [{ text: 'ingest_date=', muted: true }, { text: '2024-01-15/' }];
    expect(fitSegments(segments, 25)).toEqual([...segments, { text: '  ' }]);
    expect(fitSegments(segments, 14)).toEqual([{ text: 'ingest_date=', muted: true }, { text: '2…' }]);
    expect(fitSegments(segments, 6)).toEqual([{ text: 'inges…', muted: true }]);
    expect(fitSegments([{ text: '12 B' }], 6, 'right')).toEqual([{ text: '  ' }, { text: '12 B' }]);
  });
});

describe('formatting', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [123_456, '121 KiB'],
    [5 * 1024 ** 3, '5.0 GiB'],
    [-1, '?'],
  ])('sizes %i bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [0, 'now'],
    [999, 'now'],
    [12_000, '12s'],
    [4 * 60_000 + 5000, '4m'],
    [3 * 3_600_000, '3h'],
    [72 * 3_600_000, '3d'],
  ])('ages %i ms as %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });

  it('formats counts and local times', () => {
    expect(formatCount(100000)).toBe('100,000');
    const date = new Date(2024, 0, 5, 7, 8, 9);
    expect(formatDateTime(date)).toBe('2024-01-05 07:08');
    expect(formatClock(date)).toBe('07:08:09');
  });
});

describe('shortening in the middle', () => {
  it('keeps the start and the end of a key or URL, within the width', () => {
    const key = 'raw/covid_csv/ingest_date=2024-01-15/some_very_long_partition_name_latin1_cases.csv';
    const short = shortenMiddle(key, 40);
    expect(short).toHaveLength(40);
    expect(short.startsWith('raw/covid_csv/')).toBe(true);
    expect(short.endsWith('latin1_cases.csv')).toBe(true);
    expect(short).toContain('…');
    expect(shortenMiddle('short', 40)).toBe('short');
    expect(displayWidth(shortenMiddle('Medellín/Bogotá/Cúcuta/Ibagué/Pasto', 12))).toBeLessThanOrEqual(12);
  });
});
