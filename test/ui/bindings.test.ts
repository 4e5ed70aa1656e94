import { describe, expect, it, vi } from 'vitest';
import { helpSections, hints, paletteEntries, resolveKey, type Binding, type BindingGroup } from '../../src/ui/shell/bindings.js';
import { globalBindings, shellFirstBindings, type ShellActions, type ShellState } from '../../src/ui/shell/global-bindings.js';
import type { PaneDefinition } from '../../src/ui/shell/pane.js';

function actions(overrides: Partial<ShellActions> = {}): ShellActions {
  return {
    toggleHelp: vi.fn(),
    openPalette: vi.fn(),
    openFilter: vi.fn(),
    clearFilter: vi.fn(),
    refresh: vi.fn(),
    goTo: vi.fn(),
    cycle: vi.fn(),
    quit: vi.fn(),
    redraw: vi.fn(),
    openStack: vi.fn(),
    ...overrides,
  };
}
function shellState(panes: PaneDefinition[], overrides: Partial<ShellState> = {}): ShellState {
  return { panes, canRefresh: true, filterActive: false, ...overrides };
}
const pane = (id: string, slot: number): PaneDefinition => ({ id, title: id, slot, available: () => true, component: () => null });

describe('binding tables', () => {
  const back = vi.fn();
  let depth = 0;
  const paneBindings = (): Binding[] => [
    { keys: ['enter'], description: 'Open', handler: vi.fn(), hint: 'open' },
    {
      keys: ['esc', 'h'],
      description: 'Back to the parent prefix',
      handler: back,
      hint: 'back',
      ...(depth > 0 ? {} : { disabledReason: 'at the top' }),
    },
  ];

  it('resolves a key to the first enabled binding, earlier groups first, else to a disabled one', () => {
    const clear = vi.fn();
    let filtered = true;
    const groups = (): BindingGroup[] => [
      {
        title: 'Filter',
        bindings: [{ keys: ['esc'], description: 'Clear', handler: clear, ...(filtered ? {} : { disabledReason: 'no filter' }) }],
      },
      { title: 'Pane', bindings: paneBindings() },
    ];
    depth = 1;
    resolveKey(groups(), 'esc')?.handler();
    expect(clear).toHaveBeenCalledOnce();
    filtered = false;
    resolveKey(groups(), 'esc')?.handler();
    expect(back).toHaveBeenCalledOnce();
    depth = 0;
    // Nothing can act: the first disabled binding comes back, carrying its reason.
    expect(resolveKey(groups(), 'esc')?.disabledReason).toBe('no filter');
    expect(resolveKey(groups(), 'x')).toBeUndefined();
  });

  it('generates help from the same tables, marking what does not apply now', () => {
    depth = 0;
    const [section] = helpSections([
      { title: 'Zones pane', bindings: paneBindings() },
      { title: 'Empty', bindings: [] },
    ]);
    expect(section.title).toBe('Zones pane');
    expect(section.rows).toEqual([
      { keys: 'Enter', description: 'Open', enabled: true },
      { keys: 'Esc/h', description: 'Back to the parent prefix', enabled: false, reason: 'at the top' },
    ]);
  });

  it('offers only enabled palette commands, best match first', () => {
    const groups = [{ title: 'Global', bindings: globalBindings(shellState([pane('zones', 1)], { canRefresh: false }), actions()) }];
    const all = paletteEntries(groups, '').map((e) => e.description);
    expect(all).toContain('Go to the zones pane');
    expect(all).not.toContain('Refresh this pane now');
    expect(all).not.toContain('Open the command palette');
    expect(paletteEntries(groups, 'quit')[0].description).toBe('Quit lakedeck');
  });

  it('hints enabled bindings once each, with an optional key label', () => {
    depth = 1;
    const groups = [
      {
        title: 'Pane',
        bindings: [...paneBindings(), { keys: ['left'], description: 'Columns', handler: vi.fn(), hint: 'columns', hintKey: '←/→' }],
      },
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
    const table = globalBindings(shellState([pane('zones', 1), pane('ingestion', 2)]), a);
    const keys = table.flatMap((b) => b.keys);
    for (const k of ['?', ':', '/', 'r', 'q', 'ctrl-c', 'ctrl-l', 'tab', 'shift-tab', '1', '2']) expect(keys).toContain(k);
    resolveKey([{ title: 'Global', bindings: table }], 'ctrl-l')?.handler();
    expect(a.redraw).toHaveBeenCalled();
    resolveKey([{ title: 'Global', bindings: table }], '2')?.handler();
    expect(a.goTo).toHaveBeenCalledWith('ingestion');
    resolveKey([{ title: 'Global', bindings: table }], 'shift-tab')?.handler();
    expect(a.cycle).toHaveBeenCalledWith(-1);
  });

  it('leave out pane cycling with a single pane and say why refresh is off when the pane has none', () => {
    const table = globalBindings(shellState([pane('zones', 1)], { canRefresh: false }), actions());
    const groups = [{ title: 'Global', bindings: table }];
    expect(resolveKey(groups, 'tab')).toBeUndefined();
    expect(resolveKey(groups, 'r')?.disabledReason).toBe('this pane has nothing to refresh');
    expect(hints(groups).map((h) => h.label)).not.toContain('refresh');
  });

  it('let Esc clear a filter only while one is set', () => {
    const a = actions();
    expect(shellFirstBindings(shellState([]), a)).toEqual([]);
    const [esc] = shellFirstBindings(shellState([], { filterActive: true }), a);
    esc.handler();
    expect(a.clearFilter).toHaveBeenCalledOnce();
  });
});
