// The panes' key tables as pure functions: built from a state snapshot, no rendering, and a key
// that cannot act now carries the reason the user is shown.
import { describe, expect, it, vi } from 'vitest';
import { hints, resolveKey, type Binding } from '../../src/ui/shell/bindings.js';
import { ingestionBindings, READ_ONLY_REASON, type IngestionKeysState } from '../../src/ui/panes/ingestion/ingestion-bindings.js';
import { browserBindings, previewBindings, type BrowserState } from '../../src/ui/panes/zones/zones-bindings.js';
import { rootRow } from '../../src/ui/panes/zones/zone-rows.js';
import { INITIAL_NAV, zonesReducer } from '../../src/ui/panes/zones/zones-nav.js';

const group = (bindings: Binding[]) => [{ title: 'Pane', bindings }];

describe('Zones browser bindings', () => {
  const root: BrowserState = {
    nav: INITIAL_NAV,
    rows: [rootRow('raw'), rootRow('trusted')],
    rowsAt: INITIAL_NAV.current.location,
    pageRows: 10,
    loading: false,
  };

  it('open the row under the cursor, and say why Esc does nothing at the root', () => {
    const dispatch = vi.fn();
    const table = browserBindings(root, { dispatch, goToEnd: vi.fn() });
    resolveKey(group(table), 'enter')?.handler();
    expect(dispatch).toHaveBeenCalledWith({ type: 'open', location: { zone: 'raw', prefix: '' } });
    expect(resolveKey(group(table), 'esc')?.disabledReason).toBe('already at the zones');
    expect(hints(group(table)).map((h) => h.label)).toEqual(['open']);
  });

  it('refuse Enter while the listing loads, and on rows listed for another place', () => {
    const inRaw = zonesReducer(INITIAL_NAV, { type: 'open', location: { zone: 'raw', prefix: '' } });
    const loading = browserBindings(
      { ...root, nav: inRaw, rows: [], rowsAt: inRaw.current.location, loading: true },
      { dispatch: vi.fn(), goToEnd: vi.fn() },
    );
    expect(resolveKey(group(loading), 'enter')?.disabledReason).toBe('the listing is still loading');
    // Typed ahead past an Enter: the rows drawn are still the root's.
    const stale = browserBindings({ ...root, nav: inRaw }, { dispatch: vi.fn(), goToEnd: vi.fn() });
    expect(resolveKey(group(stale), 'enter')?.disabledReason).toBeDefined();
    expect(resolveKey(group(stale), 'esc')?.disabledReason).toBeUndefined();
  });

  it('disable sideways scrolling of a one-column preview', () => {
    const scrollBy = vi.fn();
    const narrow = previewBindings({ wide: false, page: 20 }, { scrollBy, back: vi.fn(), goToEnd: vi.fn() });
    expect(resolveKey(group(narrow), 'right')?.disabledReason).toBe('the preview has one column');
    const goToEnd = vi.fn();
    const wide = previewBindings({ wide: true, page: 20 }, { scrollBy, back: vi.fn(), goToEnd });
    resolveKey(group(wide), 'pgdn')?.handler();
    resolveKey(group(wide), 'right')?.handler();
    expect(scrollBy.mock.calls).toEqual([[20], [0, 1]]);
    resolveKey(group(wide), 'G')?.handler();
    expect(goToEnd).toHaveBeenCalledTimes(1);
  });

  it('say that End reads on to the end of an object read only in part', () => {
    const actions = { scrollBy: vi.fn(), back: vi.fn(), goToEnd: vi.fn() };
    expect(resolveKey(group(previewBindings({ wide: true, page: 20, partial: true }, actions)), 'end')?.description).toMatch(
      /reads on to the end of the object/,
    );
    expect(resolveKey(group(previewBindings({ wide: true, page: 20 }, actions)), 'end')?.description).toBe('Go to the bottom');
  });
});

describe('Ingestion bindings', () => {
  const state: IngestionKeysState = { focus: 'sources', running: false, readOnly: false, detail: false, list: { height: 5, total: 3 } };
  const actions = () => ({ move: vi.fn(), jump: vi.fn(), focus: vi.fn(), ask: vi.fn(), showDetail: vi.fn(), cancel: vi.fn() });

  it('ask before ingesting, and offer x only while a run goes', () => {
    const a = actions();
    const table = ingestionBindings(state, a);
    resolveKey(group(table), 'i')?.handler();
    expect(a.ask).toHaveBeenCalledOnce();
    expect(resolveKey(group(table), 'x')?.disabledReason).toBe('no run in progress');
    const running = ingestionBindings({ ...state, running: true }, a);
    expect(resolveKey(group(running), 'i')?.disabledReason).toBe('a run is in progress (x cancels it)');
    expect(hints(group(running)).map((h) => h.label)).toEqual(['cancel']);
  });

  it('do not advertise ingest in read-only mode, and say why when it is pressed', () => {
    const a = actions();
    const table = ingestionBindings({ ...state, readOnly: true }, a);
    expect(hints(group(table)).map((h) => h.label)).not.toContain('ingest');
    expect(resolveKey(group(table), 'i')?.disabledReason).toBe(READ_ONLY_REASON);
    expect(resolveKey(group(table), 'enter')?.disabledReason).toBe(READ_ONLY_REASON);
  });

  it('let Enter toggle the run detail on the history', () => {
    const a = actions();
    const table = ingestionBindings({ ...state, focus: 'history', detail: true }, a);
    resolveKey(group(table), 'enter')?.handler();
    expect(a.showDetail).toHaveBeenCalledWith(false);
    resolveKey(group(table), 'left')?.handler();
    expect(a.focus).toHaveBeenCalledWith('sources');
  });
});
