// The Zones pane's key tables, pure functions of what is true when a key is pressed: the listing
// (browser) and the object preview. Tested without rendering (test/ui/zones-bindings.test.ts).
import type { Binding } from '../../shell/bindings.js';
import { refit } from '../../windowing.js';
import type { ZoneLocation } from './location.js';
import { rowZone, type ZoneRow } from './zone-rows.js';
import { canGoBack, type ZonesAction, type ZonesNav } from './zones-nav.js';

export interface BrowserState {
  /** The navigation as of the last key. */
  nav: ZonesNav;
  /** The rows drawn, and the place they were listed for. */
  rows: readonly ZoneRow[];
  rowsAt: ZoneLocation;
  pageRows: number;
  /** The listing is still loading (nothing to open yet). */
  loading: boolean;
}

export interface BrowserActions {
  dispatch(action: ZonesAction): void;
  /** Jumps to the last row and keeps paging on to the real end of the listing. */
  goToEnd(): void;
}

/** The row under the cursor, if the rows drawn belong to the place the navigation is at. */
export function selectedRow(state: BrowserState): ZoneRow | undefined {
  // Keys typed ahead past an Enter must not pick from the previous place's rows.
  if (!rowsAreHere(state)) return undefined;
  return state.rows[refit(state.nav.current.window, state.pageRows, state.rows.length).cursor];
}

/** Rows not listed yet (keys typed ahead into a place still loading): moves are kept, then fitted. */
const UNKNOWN_TOTAL = Number.MAX_SAFE_INTEGER;

function rowsAreHere(state: BrowserState): boolean {
  const { location } = state.nav.current;
  return location.zone === state.rowsAt.zone && location.prefix === state.rowsAt.prefix && !state.loading;
}

export function browserBindings(state: BrowserState, { dispatch, goToEnd }: BrowserActions): Binding[] {
  const total = rowsAreHere(state) ? state.rows.length : UNKNOWN_TOTAL;
  const height = state.pageRows;
  const move = (delta: number) => () => dispatch({ type: 'move', delta, height, total });
  const jump = (to: 'top' | 'bottom') => () => dispatch({ type: 'jump', to, height, total });
  const pageStep = Math.max(1, height - 1);
  const row = selectedRow(state);
  const open = (): void => {
    if (!row) return;
    const zone = rowZone(row, state.nav.current.location.zone);
    if (row.kind === 'object') dispatch({ type: 'preview', zone, key: row.key });
    else dispatch({ type: 'open', location: { zone, prefix: row.key } });
  };
  const noRow = state.loading ? 'the listing is still loading' : 'no row here';
  return [
    { keys: ['up', 'k'], description: 'Move up', handler: move(-1), palette: false },
    { keys: ['down', 'j'], description: 'Move down', handler: move(1), palette: false },
    { keys: ['pgup', 'ctrl-b'], description: 'Page up', handler: move(-pageStep) },
    { keys: ['pgdn', 'space', 'ctrl-f'], description: 'Page down', handler: move(pageStep) },
    { keys: ['home', 'g'], description: 'Go to the first row (top)', handler: jump('top') },
    { keys: ['end', 'G'], description: 'Go to the last row (bottom; pages on to the end of a long listing)', handler: goToEnd },
    {
      keys: ['enter', 'right', 'l'],
      description: 'Open the prefix or preview the object',
      handler: open,
      hint: 'open',
      ...(row ? {} : { disabledReason: noRow }),
    },
    {
      keys: ['esc', 'left', 'h', 'backspace'],
      description: 'Back to the parent prefix',
      handler: () => dispatch({ type: 'back' }),
      hint: 'back',
      ...(canGoBack(state.nav) ? {} : { disabledReason: 'already at the zones' }),
    },
  ];
}

export interface PreviewState {
  /** The preview has more than one column to scroll sideways through. */
  wide: boolean;
  page: number;
  /** Only part of the object has been read: End reads on to its end first. */
  partial?: boolean;
}

export interface PreviewActions {
  scrollBy(rows: number, columns?: number): void;
  back(): void;
  /** Goes to the last line, reading on to the end of the object first when need be. */
  goToEnd(): void;
}

export function previewBindings(state: PreviewState, { scrollBy, back, goToEnd }: PreviewActions): Binding[] {
  const narrow = state.wide ? {} : { disabledReason: 'the preview has one column' };
  return [
    { keys: ['up', 'k'], description: 'Scroll up', handler: () => scrollBy(-1), palette: false },
    { keys: ['down', 'j'], description: 'Scroll down', handler: () => scrollBy(1), palette: false },
    { keys: ['pgup', 'ctrl-b'], description: 'Scroll a page up', handler: () => scrollBy(-state.page) },
    { keys: ['pgdn', 'space', 'ctrl-f'], description: 'Scroll a page down', handler: () => scrollBy(state.page) },
    { keys: ['home', 'g'], description: 'Go to the top', handler: () => scrollBy(-Infinity) },
    {
      keys: ['end', 'G'],
      description: state.partial ? 'Go to the bottom (reads on to the end of the object)' : 'Go to the bottom',
      handler: goToEnd,
    },
    {
      keys: ['left', 'h'],
      description: 'Show earlier columns',
      handler: () => scrollBy(0, -1),
      hint: 'columns',
      hintKey: '←/→',
      ...narrow,
    },
    { keys: ['right', 'l'], description: 'Show later columns', handler: () => scrollBy(0, 1), ...narrow },
    { keys: ['esc', 'backspace'], description: 'Close the preview', handler: back, hint: 'back' },
  ];
}
