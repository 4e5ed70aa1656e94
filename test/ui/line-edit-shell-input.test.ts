import { describe, expect, it, vi } from 'vitest';
import type { Key } from 'ink';
import type { BindingGroup } from '../../src/ui/shell/bindings.js';
import { editLine, EMPTY_LINE, lineOf } from '../../src/ui/shell/line-edit.js';
import { NO_KEY, NO_OVERLAY, routeChunk, routeKey, splitChunk, type Overlay, type ShellInput } from '../../src/ui/shell/shell-input.js';

const k = (flags: Partial<Key>): Key => ({ ...NO_KEY, ...flags });

describe('line editing', () => {
  it('types, moves and deletes', () => {
    let line = EMPTY_LINE;
    for (const ch of 'raw') line = editLine(line, ch, NO_KEY)!;
    expect(line).toEqual({ text: 'raw', cursor: 3 });
    line = editLine(line, '', k({ leftArrow: true }))!;
    line = editLine(line, 'x', NO_KEY)!;
    expect(line).toEqual({ text: 'raxw', cursor: 3 });
    line = editLine(line, '', k({ delete: true }))!;
    expect(line).toEqual({ text: 'raw', cursor: 2 });
    expect(editLine(lineOf('ingest date'), 'w', k({ ctrl: true }))).toEqual({ text: 'ingest ', cursor: 7 });
    expect(editLine(lineOf('abc'), 'u', k({ ctrl: true }))).toEqual({ text: '', cursor: 0 });
    expect(editLine(lineOf('abc'), '', k({ home: true }))).toEqual({ text: 'abc', cursor: 0 });
    expect(editLine(lineOf('abc'), '', k({ upArrow: true }))).toBeUndefined();
  });
});

function shell(
  overlay: Overlay,
  groups: BindingGroup[] = [],
): ShellInput & { overlays: Overlay[]; filters: string[]; notices: (string | undefined)[] } {
  const state = {
    overlay,
    overlays: [] as Overlay[],
    filters: [] as string[],
    setOverlay(next: Overlay) {
      state.overlay = next;
      state.overlays.push(next);
    },
    groups,
    paletteGroups: groups,
    viewGroups: [] as BindingGroup[],
    helpLines: 40,
    helpPage: 10,
    setFilter: (text: string) => state.filters.push(text),
    quit: vi.fn(),
    notices: [] as (string | undefined)[],
    notify: (message: string | undefined) => state.notices.push(message),
    paneReady: () => true,
    finishQuit: vi.fn(),
    defer: vi.fn(),
  };
  return state;
}

describe('key routing', () => {
  it('gives an open view its own keys, and Esc closes a view that has none yet', () => {
    const closeView = vi.fn();
    const s = shell({ kind: 'stack' });
    routeKey(s, '', { ...NO_KEY, escape: true });
    expect(s.overlays.at(-1)).toEqual(NO_OVERLAY);
    s.overlay = { kind: 'stack' };
    s.viewGroups = [{ title: 'Stack view', bindings: [{ keys: ['esc'], description: 'Close', handler: closeView }] }];
    routeKey(s, '', { ...NO_KEY, escape: true });
    expect(closeView).toHaveBeenCalledOnce();
    routeKey(s, 'r', NO_KEY);
    expect(s.overlay).toEqual({ kind: 'stack' });
  });

  it('sends keys to bindings when no overlay is open, after a pane capture', () => {
    const refresh = vi.fn();
    const s = shell(NO_OVERLAY, [{ title: 'Global', bindings: [{ keys: ['r'], description: 'Refresh', handler: refresh }] }]);
    routeKey(s, 'r', NO_KEY);
    expect(refresh).toHaveBeenCalledOnce();
    s.capture = (input) => input === 'r';
    routeKey(s, 'r', NO_KEY);
    expect(refresh).toHaveBeenCalledOnce();
  });

  it('edits the filter live, Enter keeps it, Esc clears it', () => {
    const s = shell({ kind: 'filter', line: EMPTY_LINE });
    routeKey(s, 'c', NO_KEY);
    routeKey(s, 's', NO_KEY);
    expect(s.filters).toEqual(['c', 'cs']);
    routeKey(s, '', k({ return: true }));
    expect(s.overlay).toEqual(NO_OVERLAY);
    s.overlay = { kind: 'filter', line: lineOf('cs') };
    routeKey(s, '', k({ escape: true }));
    expect(s.filters.at(-1)).toBe('');
    expect(s.overlay).toEqual(NO_OVERLAY);
  });

  it('runs the highlighted palette command and ignores binding keys while typing', () => {
    const quit = vi.fn();
    const refresh = vi.fn();
    const groups = [
      {
        title: 'Global',
        bindings: [
          { keys: ['r'], description: 'Refresh this pane now', handler: refresh },
          { keys: ['q'], description: 'Quit lakedeck', handler: quit },
        ],
      },
    ];
    const s = shell({ kind: 'palette', line: EMPTY_LINE, selected: 0 }, groups);
    for (const ch of 'qu') routeKey(s, ch, NO_KEY);
    expect(quit).not.toHaveBeenCalled();
    routeKey(s, '', k({ return: true }));
    expect(quit).toHaveBeenCalledOnce();
    s.overlay = { kind: 'palette', line: EMPTY_LINE, selected: 0 };
    routeKey(s, '', k({ downArrow: true }));
    routeKey(s, '', k({ downArrow: true }));
    expect(s.overlay).toMatchObject({ selected: 1 });
    routeKey(s, '', k({ return: true }));
    expect(quit).toHaveBeenCalledTimes(2);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('scrolls help within its length and closes it on Esc, ? or q', () => {
    const s = shell({ kind: 'help', top: 0 });
    routeKey(s, '', k({ pageDown: true }));
    expect(s.overlay).toEqual({ kind: 'help', top: 10 });
    routeKey(s, 'G', k({ shift: true }));
    expect(s.overlay).toEqual({ kind: 'help', top: 30 });
    routeKey(s, 'q', NO_KEY);
    expect(s.overlay).toEqual(NO_OVERLAY);
    expect(s.quit).not.toHaveBeenCalled();
  });

  it('splits a typed-ahead chunk so Enter still submits the palette', () => {
    expect(splitChunk('ab\rc', NO_KEY).map(([text, key]) => [text, key.return])).toEqual([
      ['a', false],
      ['b', false],
      ['', true],
      ['c', false],
    ]);
    expect(splitChunk('x', NO_KEY)).toEqual([['x', NO_KEY]]);
    // Escape sequences come from Ink one per input: never split.
    expect(splitChunk('\u001b[A', k({ upArrow: true }))).toEqual([['\u001b[A', k({ upArrow: true })]]);
    expect(splitChunk('j\u007f\u0003', NO_KEY).map(([text, key]) => [text, key.backspace, key.ctrl])).toEqual([
      ['j', false, false],
      ['', true, false],
      ['c', false, true],
    ]);
    const quit = vi.fn();
    const s = shell({ kind: 'palette', line: EMPTY_LINE, selected: 0 }, [
      {
        title: 'Global',
        bindings: [
          { keys: ['?'], description: 'Show the help', handler: vi.fn() },
          { keys: ['q'], description: 'Quit lakedeck', handler: quit },
        ],
      },
    ]);
    routeChunk(s, 'quit\r', NO_KEY);
    expect(quit).toHaveBeenCalledOnce();
    // The palette took "quit" as one piece of text, not four keys.
    expect(s.overlays.filter((o) => o.kind === 'palette')).toHaveLength(1);
  });

  it('acts on every key of a chunk in order when no text field is open', () => {
    const seen: string[] = [];
    const s = shell(NO_OVERLAY, [
      { title: 'Pane', bindings: ['j', 'k', '2', 'i'].map((key) => ({ keys: [key], description: key, handler: () => seen.push(key) })) },
    ]);
    routeChunk(s, 'jjk2i', NO_KEY);
    expect(seen).toEqual(['j', 'j', 'k', '2', 'i']);
  });
});
