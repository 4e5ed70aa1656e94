// The quick chart as lines, without rendering: which columns it picks, bar lengths against the
// values, the zero axis for negative values, NULLs, long labels cut in the middle, the width and
// height it is given, and the note when the result is longer than the rows loaded.
import { describe, expect, it } from 'vitest';
import { barChart, defaultPick, nextLabel, nextValue } from '../../src/ui/panes/query/quick-chart.js';
import { displayWidth } from '../../src/ui/text.js';

const COLUMNS = [
  { name: 'department_code', type: 'varchar' },
  { name: 'department_name', type: 'varchar' },
  { name: 'cases', type: 'bigint' },
  { name: 'rate', type: 'decimal(10,2)' },
];
const bars = (line: string) => (line.match(/█/g) ?? []).length;

describe('column pick', () => {
  it('defaults to the first text column and the first numeric one', () => {
    expect(defaultPick(COLUMNS)).toEqual({ label: 0, value: 2 });
    expect(defaultPick([{ name: 'n', type: 'double' }])).toEqual({ label: undefined, value: 0 });
    expect(defaultPick([{ name: 's', type: 'varchar' }])).toBeUndefined();
  });

  it('cycles the numeric column and the label column (then the row number)', () => {
    expect(nextValue(COLUMNS, { label: 0, value: 2 })).toEqual({ label: 0, value: 3 });
    expect(nextValue(COLUMNS, { label: 0, value: 3 })).toEqual({ label: 0, value: 2 });
    expect(nextLabel(COLUMNS, { label: 0, value: 2 })).toEqual({ label: 1, value: 2 });
    expect(nextLabel(COLUMNS, { label: 1, value: 2 })).toEqual({ label: 3, value: 2 });
    expect(nextLabel(COLUMNS, { label: 3, value: 2 })).toEqual({ label: undefined, value: 2 });
    expect(nextLabel(COLUMNS, { label: undefined, value: 2 })).toEqual({ label: 0, value: 2 });
  });
});

describe('bar chart', () => {
  const rows = [
    ['11', 'Bogotá D.C.', '400', '1.5'],
    ['05', 'Antioquia', '200', '0.5'],
    ['76', 'Valle del Cauca', '100', null],
    ['13', 'Bolívar', '0', '2'],
  ];

  it('draws one labelled bar per row, in proportion, fitted to the width', () => {
    const lines = barChart({ columns: COLUMNS, rows, pick: { label: 1, value: 2 }, more: false, width: 60, height: 10, offset: 0 });
    expect(lines[0]).toMatch(/^cases by department_name · all 4 rows/);
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(lines[1]).toMatch(/^Bogotá D\.C\. +█+ +400$/);
    expect(bars(lines[1])).toBe(2 * bars(lines[2]));
    expect(bars(lines[2])).toBe(2 * bars(lines[3]));
    expect(bars(lines[4])).toBe(0);
    expect(lines[4]).toMatch(/ 0$/);
  });

  it('shows NULL as NULL with no bar, and says when the result is longer than the rows loaded', () => {
    const lines = barChart({ columns: COLUMNS, rows, pick: { label: 1, value: 3 }, more: true, width: 50, height: 10, offset: 0 });
    expect(lines[0]).toContain('rate by department_name · first 4 rows');
    expect(lines[3]).toMatch(/^Valle del Cauca +NULL$/);
    expect(bars(lines[4])).toBeGreaterThan(bars(lines[1]));
  });

  it('grows negative values left of a zero axis', () => {
    const signed = [
      ['a', '-50'],
      ['b', '100'],
      ['c', null],
    ];
    const columns = [
      { name: 'k', type: 'varchar' },
      { name: 'delta', type: 'integer' },
    ];
    const lines = barChart({ columns, rows: signed, pick: { label: 0, value: 1 }, more: false, width: 40, height: 10, offset: 0 });
    const negative = lines[1];
    const positive = lines[2];
    const axis = lines[3].indexOf('│');
    expect(axis).toBeGreaterThan(2);
    expect(negative.lastIndexOf('█')).toBe(axis - 1);
    expect(negative[axis]).toBe('│');
    expect(positive.indexOf('█')).toBe(axis);
    expect(bars(positive)).toBe(2 * bars(negative));
    expect(negative).toMatch(/ -50$/);
  });

  it('cuts long labels in the middle, keeping their start and end', () => {
    const long = [['SAN JOSÉ DE LAS PALMAS DEL NORTE DE SANTANDER', '5']];
    const columns = [
      { name: 'municipality', type: 'varchar' },
      { name: 'n', type: 'bigint' },
    ];
    const [, line] = barChart({ columns, rows: long, pick: { label: 0, value: 1 }, more: false, width: 40, height: 5, offset: 0 });
    expect(line).toMatch(/^SAN JO…NTANDER /);
    expect(displayWidth(line)).toBeLessThanOrEqual(40);
  });

  it('shows as many bars as lines, from the offset, and says which', () => {
    const many = Array.from({ length: 30 }, (_, i) => [`r${i + 1}`, String(i + 1)]);
    const columns = [
      { name: 'k', type: 'varchar' },
      { name: 'n', type: 'bigint' },
    ];
    const lines = barChart({ columns, rows: many, pick: { label: 0, value: 1 }, more: false, width: 40, height: 6, offset: 10 });
    expect(lines).toHaveLength(6);
    expect(lines[0]).toContain('bars 11–15');
    expect(lines[1]).toMatch(/^r11 /);
    // Past the end, the last bars stay in view.
    expect(barChart({ columns, rows: many, pick: { label: 0, value: 1 }, more: false, width: 40, height: 6, offset: 99 })[5]).toMatch(
      /^r30 /,
    );
  });
});
