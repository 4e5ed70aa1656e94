// The pieces the Steps and Executions panes share: a yes/no answer from a key, and the list
// window after a cursor key.
import { describe, expect, it } from 'vitest';
import { yesNo } from '../../src/ui/hooks/use-pane-action.js';
import { moveWindow } from '../../src/ui/windowing.js';

describe('shared pane keys', () => {
  it('reads y as yes, n and Esc as no, anything else as no answer', () => {
    expect(['y', 'Y', 'n', 'N', 'esc', 'x', 'enter'].map(yesNo)).toEqual(['yes', 'yes', 'no', 'no', 'no', undefined, undefined]);
  });

  it('moves the cursor within the list and jumps to either end, keeping it on screen', () => {
    const start = { cursor: 0, offset: 0 };
    expect(moveWindow(start, { type: 'move', delta: 3, height: 2, total: 10 })).toEqual({ cursor: 3, offset: 2 });
    expect(moveWindow(start, { type: 'move', delta: -1, height: 2, total: 10 })).toEqual(start);
    expect(moveWindow(start, { type: 'jump', to: 'bottom', height: 4, total: 10 })).toEqual({ cursor: 9, offset: 6 });
    expect(moveWindow({ cursor: 9, offset: 6 }, { type: 'jump', to: 'top', height: 4, total: 10 })).toEqual(start);
    expect(moveWindow(start, { type: 'jump', to: 'bottom', height: 4, total: 0 })).toEqual(start);
  });
});
