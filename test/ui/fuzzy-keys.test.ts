import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { filterPredicate, fold, fuzzyRank, fuzzyScore, wordScore } from '../../src/ui/fuzzy.js';
import { paletteEntries } from '../../src/ui/shell/bindings.js';
import { globalBindings, type ShellActions } from '../../src/ui/shell/global-bindings.js';
import { ingestionPane } from '../../src/ui/panes/ingestion/index.js';
import { zonesPane } from '../../src/ui/panes/zones/index.js';
import { browserBindings, previewBindings } from '../../src/ui/panes/zones/zones-bindings.js';
import { INITIAL_NAV } from '../../src/ui/panes/zones/zones-nav.js';

const noop = () => {};
const NO_ACTIONS: ShellActions = {
  toggleHelp: noop,
  openPalette: noop,
  openFilter: noop,
  clearFilter: noop,
  refresh: noop,
  goTo: noop,
  cycle: noop,
  quit: noop,
  redraw: noop,
  openStack: noop,
};
import { keyLabel, keyName, keysLabel, typedText } from '../../src/ui/shell/keys.js';
import { NO_KEY } from '../../src/ui/shell/shell-input.js';

const key = (flags: Partial<Key>): Key => ({ ...NO_KEY, ...flags });

describe('filter and fuzzy matching', () => {
  it('folds case and accents', () => {
    expect(fold('Código Médico')).toBe('codigo medico');
    expect(fold('Co\u0301digo')).toBe('codigo');
  });

  it.each([
    ['', 'anything', true],
    ['csv', 'covid_csv_20240115.csv', true],
    ['CODIGO', 'Código DIVIPOLA', true],
    ['ingest 2024-01', 'ingest_date=2024-01-15', true],
    ['ingest 2023', 'ingest_date=2024-01-15', false],
    ['parquet', 'part-0000.csv', false],
  ])('filter %j on %j → %s', (filter, text, expected) => {
    expect(filterPredicate(filter)(text)).toBe(expected);
  });

  it('scores subsequences and rejects the rest', () => {
    expect(fuzzyScore('rfr', 'Refresh this pane now')).toBeDefined();
    expect(fuzzyScore('xyz', 'Refresh this pane now')).toBeUndefined();
    expect(fuzzyScore('', 'anything')).toBe(0);
  });

  it('ranks word starts and consecutive letters first, ties in original order', () => {
    const items = ['Open the prefix or preview the object', 'Refresh this pane now', 'Go to the Zones pane'];
    expect(fuzzyRank(items, 'ref', (s) => s)[0]).toBe('Refresh this pane now');
    expect(fuzzyRank(items, 'zon', (s) => s)).toEqual(['Go to the Zones pane']);
    expect(fuzzyRank(items, '', (s) => s)).toEqual(items);
  });

  it('ranks exact and prefix word matches of the palette first ("go to the top" is not the Ingestion pane)', () => {
    const panes = [zonesPane, ingestionPane];
    const groups = [
      {
        title: 'Zones pane',
        bindings: previewBindings({ wide: true, page: 10 }, { scrollBy: () => {}, back: () => {}, goToEnd: () => {} }),
      },
      { title: 'Global', bindings: globalBindings({ panes, canRefresh: true, filterActive: false }, NO_ACTIONS) },
    ];
    expect(paletteEntries(groups, 'Go to the top')[0].description).toBe('Go to the top');
    expect(paletteEntries(groups, 'go to ing')[0].description).toBe('Go to the Ingestion pane');
    expect(paletteEntries(groups, 'bot')[0].description).toBe('Go to the bottom');
    // In the listing, where there is no 'Go to the top', the first row still wins over a pane switch.
    const listing = [
      {
        title: 'Zones pane',
        bindings: browserBindings(
          { nav: INITIAL_NAV, rows: [], rowsAt: INITIAL_NAV.current.location, pageRows: 10, loading: false },
          { dispatch: () => {}, goToEnd: () => {} },
        ),
      },
      groups[1],
    ];
    expect(paletteEntries(listing, 'Go to the top')[0].description).toBe('Go to the first row (top)');
    expect(wordScore('go to the top', 'Go to the top')).toBeGreaterThan(wordScore('go to the top', 'Go to the Ingestion pane'));
  });
});

describe('key names', () => {
  it.each([
    ['', key({ upArrow: true }), 'up'],
    ['', key({ downArrow: true }), 'down'],
    ['', key({ pageDown: true }), 'pgdn'],
    ['', key({ return: true }), 'enter'],
    ['', key({ escape: true, meta: true }), 'esc'],
    ['', key({ tab: true }), 'tab'],
    ['', key({ tab: true, shift: true }), 'shift-tab'],
    ['', key({ delete: true }), 'backspace'],
    ['c', key({ ctrl: true }), 'ctrl-c'],
    [' ', NO_KEY, 'space'],
    ['G', key({ shift: true }), 'G'],
    ['?', NO_KEY, '?'],
    ['3', NO_KEY, '3'],
  ])('%j with flags → %s', (input, flags, name) => {
    expect(keyName(input, flags)).toBe(name);
  });

  it('labels keys for help and hints', () => {
    expect(keyLabel('down')).toBe('↓');
    expect(keyLabel('ctrl-f')).toBe('Ctrl-F');
    expect(keysLabel(['pgdn', 'space'])).toBe('PgDn/Space');
  });

  it('tells typed text from control keys', () => {
    expect(typedText('a', NO_KEY)).toBe('a');
    expect(typedText('é', NO_KEY)).toBe('é');
    expect(typedText('', key({ return: true }))).toBeUndefined();
    expect(typedText('u', key({ ctrl: true }))).toBeUndefined();
  });
});
