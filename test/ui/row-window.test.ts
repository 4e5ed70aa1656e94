// The rows a paged preview holds: what the view is missing, read ahead before the view reaches
// the window's edge, and never more than the cap however far the view travels.
import { describe, expect, it } from 'vitest';
import { MARGIN, mergeRows, rowsToRead, type RowWindow } from '../../src/ui/panes/zones/row-window.js';

const rowsFrom = (start: number, count: number): RowWindow => ({
  start,
  rows: Array.from({ length: count }, (_, i) => [String(start + i)]),
});

describe('row window', () => {
  it('reads nothing while the view sits well inside the window', () => {
    expect(rowsToRead({ start: 100, end: 120 }, rowsFrom(0, 400), undefined)).toBeUndefined();
  });

  it('reads on past the known rows as the view nears the window end (the total still unknown)', () => {
    expect(rowsToRead({ start: 170, end: 190 }, rowsFrom(0, 200), undefined)).toEqual({ start: 200, end: 190 + MARGIN });
    // Known total reached: nothing more to read.
    expect(rowsToRead({ start: 180, end: 200 }, rowsFrom(0, 200), 200)).toBeUndefined();
  });

  it('reads the rows around a view that jumped away (End, Home)', () => {
    expect(rowsToRead({ start: 6980, end: 7000 }, rowsFrom(0, 200), 7000)).toEqual({ start: 6980 - MARGIN, end: 7000 });
    expect(rowsToRead({ start: 0, end: 20 }, rowsFrom(6780, 220), 7000)).toEqual({ start: 0, end: 20 + MARGIN });
  });

  it('reads the missing rows above when scrolling back up', () => {
    expect(rowsToRead({ start: 5010, end: 5030 }, rowsFrom(5000, 400), 7000)).toEqual({ start: 5010 - MARGIN, end: 5000 });
  });

  it('holds at most the cap whatever the view travels through', () => {
    let window = rowsFrom(0, 200);
    for (let top = 0; top < 7000; top += 18) {
      const view = { start: top, end: Math.min(7000, top + 18) };
      const block = rowsToRead(view, window, 7000);
      if (block) window = mergeRows(window, rowsFrom(block.start, block.end - block.start), view, 500);
      expect(window.rows.length).toBeLessThanOrEqual(500);
      expect(window.start).toBeLessThanOrEqual(view.start);
      expect(window.start + window.rows.length).toBeGreaterThanOrEqual(view.end);
      expect(window.rows[0][0]).toBe(String(window.start));
    }
  });
});
