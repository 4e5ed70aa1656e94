// The Query pane's key table, a pure function of what is true when a key is pressed: which area
// has the keys (editor or results), whether a query runs, whether a result is there to page or
// export. The editor takes raw keys through captureInput; its entries here are what help shows.
import type { Binding } from '../../shell/bindings.js';

export type QueryFocus = 'editor' | 'results';

export interface QueryKeysState {
  focus: QueryFocus;
  running: boolean;
  hasResult: boolean;
  rows: number;
  detailOpen: boolean;
  chartOpen: boolean;
}

export interface QueryKeysActions {
  run(): void;
  cancel(): void;
  complete(): void;
  switchFocus(): void;
  snippets(): void;
  move(delta: number): void;
  scrollColumns(delta: number): void;
  openRow(): void;
  closeRow(): void;
  askExport(): void;
  /** Opens (or closes) the quick chart of the rows loaded. */
  chart(): void;
  chartValue(): void;
  chartLabel(): void;
  scrollChart(delta: number): void;
}

export function queryBindings(state: QueryKeysState, actions: QueryKeysActions): Binding[] {
  const disabled = (reason: string | undefined) => (reason === undefined ? {} : { disabledReason: reason });
  const cancelBlocked = state.running ? undefined : 'no query is running';
  const runBlocked = state.running ? 'a query is running (Ctrl-C cancels it)' : undefined;
  if (state.focus === 'editor') {
    return [
      {
        keys: ['ctrl-r'],
        description: 'Run the query (also Enter after a closing ;)',
        handler: actions.run,
        hint: 'run',
        ...disabled(runBlocked),
      },
      {
        keys: ['tab'],
        description: 'Complete a keyword, table or column (Tab again for the next)',
        handler: actions.complete,
        hint: 'complete',
      },
      { keys: ['esc'], description: 'Go to the results', handler: actions.switchFocus, hint: 'results' },
      { keys: ['ctrl-n'], description: 'Insert a named query of the query API', handler: actions.snippets, hint: 'named' },
      { keys: ['ctrl-c'], description: 'Cancel the running query', handler: actions.cancel, ...disabled(cancelBlocked) },
    ];
  }
  if (state.chartOpen) {
    return [
      { keys: ['n'], description: 'Chart the next numeric column', handler: actions.chartValue, hint: 'number col' },
      {
        keys: ['t'],
        description: 'Label the bars with the next column (then the row number)',
        handler: actions.chartLabel,
        hint: 'label col',
      },
      { keys: ['up', 'k'], description: 'Scroll the bars up', handler: () => actions.scrollChart(-1), palette: false },
      { keys: ['down', 'j'], description: 'Scroll the bars down', handler: () => actions.scrollChart(1), palette: false },
      { keys: ['pgup'], description: 'Scroll the bars a page up', handler: () => actions.scrollChart(-10), palette: false },
      { keys: ['pgdn'], description: 'Scroll the bars a page down', handler: () => actions.scrollChart(10), palette: false },
      { keys: ['c', 'esc'], description: 'Back to the result rows', handler: actions.chart, hint: 'table' },
      { keys: ['x', 'ctrl-c'], description: 'Cancel the running query', handler: actions.cancel, ...disabled(cancelBlocked) },
    ];
  }
  if (state.detailOpen)
    return [{ keys: ['esc', 'enter'], description: 'Back to the result rows', handler: actions.closeRow, hint: 'back' }];
  const noRows = state.rows === 0 ? 'no rows to show' : undefined;
  return [
    { keys: ['up', 'k'], description: 'Move up', handler: () => actions.move(-1), palette: false },
    { keys: ['down', 'j'], description: 'Move down', handler: () => actions.move(1), palette: false },
    { keys: ['pgup'], description: 'Page up', handler: () => actions.move(-10), palette: false },
    { keys: ['pgdn'], description: 'Page down', handler: () => actions.move(10), palette: false },
    {
      keys: ['left', 'h'],
      description: 'Scroll columns left',
      handler: () => actions.scrollColumns(-1),
      hint: 'columns',
      hintKey: '←/→',
      palette: false,
    },
    { keys: ['right', 'l'], description: 'Scroll columns right', handler: () => actions.scrollColumns(1), palette: false },
    { keys: ['enter'], description: 'Show the row, one column a line', handler: actions.openRow, hint: 'row', ...disabled(noRows) },
    { keys: ['tab', 'esc'], description: 'Go to the editor', handler: actions.switchFocus, hint: 'editor' },
    {
      keys: ['x', 'ctrl-c'],
      description: 'Cancel the running query',
      handler: actions.cancel,
      hint: state.running ? 'cancel' : undefined,
      ...disabled(cancelBlocked),
    },
    {
      keys: ['c'],
      description: 'Quick chart: bars of a numeric column against a label column, over the rows loaded',
      handler: actions.chart,
      hint: 'chart',
      ...disabled(noRows),
    },
    {
      keys: ['e'],
      description: 'Export the whole result to CSV or JSON lines (asks the path)',
      handler: actions.askExport,
      hint: 'export',
      ...disabled(state.hasResult ? undefined : 'no finished result to export'),
    },
    { keys: ['ctrl-r'], description: 'Run the query again', handler: actions.run, ...disabled(runBlocked) },
  ];
}
