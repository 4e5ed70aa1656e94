import { describe, expect, it, vi } from 'vitest';
import { helpSections, hints, paletteEntries, resolveKey, type Binding, type BindingGroup } from '../../src/ui/bindings.js';
import { globalBindings, shellFirstBindings, type ShellActions } from '../../src/ui/shell-bindings.js';
import type { PaneDefinition } from '../../src/ui/panes/pane.js';

function actions(overrides: Partial<ShellActions> = {}): ShellActions {
  return {
    toggleHelp: vi.fn(), openPalette: vi.fn(), openFilter: vi.fn(), clearFilter: vi.fn(), refresh: vi.fn(),
    goTo: vi.fn(), cycle: vi.fn(), quit: vi.fn(), redraw: vi.fn(), canRefresh: () => true, filterActive: () => false, ...overrides,
  };
}
const pane = (id: string, slot: number): PaneDefinition => ({ id, title: id, slot, available: () => true, component: () => null });

describe('binding tables', () => {
  const back = vi.fn();
  let depth = 0;
  const paneBindings: Binding[] = [
    { keys: ['enter'], description: 'Open', handler: vi.fn(), hint: 'open' },
    { keys: ['esc', 'h'], description: 'Back to the parent prefix', handler: back, when: () => depth > 0, hint: 'back' },
  ];

  it('resolves a key to the first enabled binding, earlier groups first', () => {
    const clear = vi.fn();
    let filtered = true;
    const groups: BindingGroup[] = [
      { title: 'Filter', bindings: [{ keys: ['esc'], description: 'Clear', handler: clear, when: () => filtered }] },
      { title: 'Pane', bindings: paneBindings },
    ];
    depth = 1;
    resolveKey(groups, 'esc')?.handler();
    expect(clear).toHaveBeenCalledOnce();
    filtered = false;
    resolveKey(groups, 'esc')?.handler();
    expect(back).toHaveBeenCalledOnce();
    depth = 0;
    expect(resolveKey(groups, 'esc')).toBeUndefined();
    expect(resolveKey(groups, 'x')).toBeUndefined();
  });

  it('generates help from the same tables, marking what does not apply now', () => {
    depth = 0;
    const [section] = helpSections([{ title: 'Zones pane', bindings: paneBindings }, { title: 'Empty', bindings: [] }]);
    expect(section.title).toBe('Zones pane');
    expect(section.rows).toEqual([
      { keys: 'Enter', description: 'Open', enabled: true },
      { keys: 'Esc/h', description: 'Back to the parent prefix', enabled: false },
    ]);
  });

  it('offers only enabled palette commands, best match first', () => {
    const groups = [{ title: 'Global', bindings: globalBindings(actions({ canRefresh: () => false }), [pane('zones', 1)]) }];
    const all = paletteEntries(groups, '').map((e) => e.description);
    expect(all).toContain('Go to the zones pane');
    expect(all).not.toContain('Refresh this pane now');
    expect(all).not.toContain('Open the command palette');
    expect(paletteEntries(groups, 'quit')[0].description).toBe('Quit lakedeck');
  });

  it('hints enabled bindings once each, with an optional key label', () => {
    depth = 1;
    const groups = [
      { title: 'Pane', bindings: [...paneBindings, { keys: ['left'], description: 'Columns', handler: vi.fn(), hint: 'columns', hintKey: '←/→' }] },
      { title: 'Again', bindings: [{ keys: ['o'], description: 'Open too', handler: vi.fn(), hint: 'open' }] },
    ];
    expect(hints(groups)).toEqual([
      { key: 'Enter', label: 'open' },
      { key: 'Esc', label: 'back' },
      { key: '←/→', label: 'columns' },
    ]);
  });
});

describe('global bindings', () => {
  it('cover the documented keys and switch panes by slot', () => {
    const a = actions();
    const table = globalBindings(a, [pane('zones', 1), pane('ingestion', 2)]);
    const keys = table.flatMap((b) => b.keys);
    for (const k of ['?', ':', '/', 'r', 'q', 'ctrl-c', 'ctrl-l', 'tab', 'shift-tab', '1', '2']) expect(keys).toContain(k);
    resolveKey([{ title: 'Global', bindings: table }], 'ctrl-l')?.handler();
    expect(a.redraw).toHaveBeenCalled();
    resolveKey([{ title: 'Global', bindings: table }], '2')?.handler();
    expect(a.goTo).toHaveBeenCalledWith('ingestion');
    resolveKey([{ title: 'Global', bindings: table }], 'shift-tab')?.handler();
    expect(a.cycle).toHaveBeenCalledWith(-1);
  });

  it('disable pane cycling with a single pane and refresh when the pane has none', () => {
    const table = globalBindings(actions({ canRefresh: () => false }), [pane('zones', 1)]);
    const groups = [{ title: 'Global', bindings: table }];
    expect(resolveKey(groups, 'tab')).toBeUndefined();
    expect(resolveKey(groups, 'r')).toBeUndefined();
  });

  it('let Esc clear a filter only while one is set', () => {
    let active = false;
    const [esc] = shellFirstBindings(actions({ filterActive: () => active }));
    expect(esc.when?.()).toBe(false);
    active = true;
    expect(esc.when?.()).toBe(true);
  });
});
