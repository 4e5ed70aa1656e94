// The Query pane: a multi-line SQL editor over the query service (Athena on aws, DuckDB on local),
// and the result below it, paged on demand as the cursor nears the loaded end. A state line says
// the state, elapsed time, rows, data scanned and what Athena charges (or would). The editor and
// the results are two focus areas (Tab/Esc switch); the editor takes raw keys via captureInput.
import { Box, Text, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../core/errors.js';
import { athenaCostUsd, formatUsd, QueryFailed, type Cell, type QueryStatus, type ResultColumn } from '../../../core/query.js';
import { waitForQuery } from '../../../core/query-wait.js';
import { useClock } from '../../clock.js';
import { WindowedTable } from '../../components/WindowedTable.js';
import { editLine, EMPTY_LINE, type LineState } from '../../shell/line-edit.js';
import { keyName } from '../../shell/keys.js';
import type { PaneProps } from '../../shell/pane.js';
import { usePaneControls } from '../../shell/use-pane-controls.js';
import { usePaneStatus } from '../../shell/use-pane-status.js';
import { truncate } from '../../text.js';
import { toneProps, useTheme, type Tone } from '../../theme.js';
import { step, wantsMore, type ListWindow } from '../../windowing.js';
import { editorKey } from './editor-keys.js';
import { namedSnippets, type Snippet } from './named-snippets.js';
import { queryBindings, type QueryFocus, type QueryKeysActions } from './query-bindings.js';
import { exportResult } from './query-export.js';
import { barChart, defaultPick, nextLabel, nextValue, type ChartPick } from './quick-chart.js';
import { historyFile, loadHistory, saveHistory, withQuery } from './query-history.js';
import { columnWidths, visibleColumns } from './result-columns.js';
import {
  atFirstLine,
  atLastLine,
  bufferFrom,
  bufferText,
  cursorOffset,
  emptyBuffer,
  endsStatement,
  insertText,
  type SqlBuffer,
} from './sql-buffer.js';
import { complete } from './sql-completion.js';

/** Rows asked for per page as the cursor scrolls (never the whole result). */
export const RESULT_PAGE_SIZE = 100;
const EDITOR_LINES = 6;

interface Run {
  id: string;
  sql: string;
  startedAt: number;
  endedAt?: number;
  status?: QueryStatus;
  columns: ResultColumn[];
  rows: Cell[][];
  nextToken?: string;
  /** The first page has been read (the result is there to page and export). */
  hasResult: boolean;
  loadingPage: boolean;
  error?: string;
}

interface Cycle {
  /** Offset where the completed word starts, the candidates and the one inserted. */
  start: number;
  items: string[];
  index: number;
  /** The buffer the last completion produced (another edit ends the cycle). */
  buffer: SqlBuffer;
}

interface Message {
  text: string;
  tone: Tone;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function formatElapsed(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

/** The state line: state · elapsed · rows · scanned · cost (Athena's price, or what Athena would charge). */
export function stateLine(run: Run, now: number, engine: 'athena' | 'duckdb'): string {
  const state = run.status?.state ?? 'QUEUED';
  const elapsed = formatElapsed((run.endedAt ?? now) - run.startedAt);
  const parts = [state, elapsed];
  const total = run.status?.rowCount;
  if (run.hasResult)
    parts.push(`${run.rows.length}${run.nextToken !== undefined ? '+' : ''}${total !== undefined ? ` of ${total}` : ''} rows`);
  const scanned = run.status?.bytesScanned;
  if (scanned !== undefined) {
    const cost = formatUsd(athenaCostUsd(scanned));
    parts.push(engine === 'athena' ? `scanned ${formatBytes(scanned)}` : `read ${formatBytes(scanned)}`);
    parts.push(engine === 'athena' ? `cost ${cost}` : `on Athena ${cost}`);
  }
  return parts.join(' · ');
}

/** Replaces the text between `start` and the cursor with `word`. */
function replaceWord(buffer: SqlBuffer, start: number, word: string): SqlBuffer {
  const text = bufferText(buffer);
  const offset = cursorOffset(buffer);
  const before = text.slice(0, start) + word;
  const next = bufferFrom(before + text.slice(offset));
  // Put the cursor right after the inserted word.
  const lines = before.split('\n');
  return {
    ...next,
    row: lines.length - 1,
    col: lines[lines.length - 1].length,
    undo: [...buffer.undo, { lines: buffer.lines, row: buffer.row, col: buffer.col }],
    typing: false,
  };
}

export function QueryPane({ backend, visible, width, height }: PaneProps) {
  const service = backend.query!;
  const theme = useTheme();
  const clock = useClock();
  const [, setVersion] = useState(0);
  const redraw = useCallback(() => setVersion((v) => v + 1), []);

  // Everything keys read lives in refs, so each key of one input chunk sees the keys before it.
  const buffer = useRef<SqlBuffer>(emptyBuffer());
  const focus = useRef<QueryFocus>('editor');
  const run = useRef<Run | undefined>(undefined);
  const window = useRef<ListWindow>({ cursor: 0, offset: 0 });
  const firstColumn = useRef(0);
  const detail = useRef(false);
  const chart = useRef<{ pick: ChartPick; offset: number } | undefined>(undefined);
  const cycle = useRef<Cycle | undefined>(undefined);
  const exportLine = useRef<LineState | undefined>(undefined);
  const snippets = useRef<{ items: Snippet[]; cursor: number } | undefined>(undefined);
  const history = useRef<string[]>([]);
  const historyAt = useRef<number | undefined>(undefined);
  const draft = useRef<SqlBuffer | undefined>(undefined);
  const message = useRef<Message | undefined>(undefined);
  const tables = useRef<Awaited<ReturnType<typeof service.tables>>>([]);
  const tablesLoaded = useRef(false);
  const mounted = useRef(true);

  const file = useMemo(() => historyFile(backend.target.kind), [backend.target.kind]);
  useEffect(() => {
    mounted.current = true;
    void loadHistory(file).then((loaded) => {
      history.current = loaded;
      if (mounted.current) redraw();
    });
    service.tables().then(
      (loaded) => {
        tables.current = loaded;
        tablesLoaded.current = true;
      },
      (error: unknown) => {
        message.current = { text: `Completion has no tables: ${errorMessage(error)}`, tone: 'warn' };
        if (mounted.current) redraw();
      },
    );
    return () => {
      mounted.current = false;
    };
  }, [file, service, redraw]);

  const say = useCallback(
    (text: string, tone: Tone) => {
      message.current = { text, tone };
      if (mounted.current) redraw();
    },
    [redraw],
  );

  const bodyHeight = Math.max(3, height - Math.min(EDITOR_LINES, buffer.current.lines.length) - 2);
  const tableRows = Math.max(1, bodyHeight - 1);
  const layout = useRef({ tableRows });
  layout.current = { tableRows };

  const loadPage = useCallback(
    (current: Run) => {
      if (current.loadingPage || (current.hasResult && current.nextToken === undefined)) return;
      current.loadingPage = true;
      service.results(current.id, current.nextToken, RESULT_PAGE_SIZE).then(
        (page) => {
          current.loadingPage = false;
          current.columns = page.columns;
          current.rows = current.rows.concat(page.rows);
          current.nextToken = page.nextToken;
          if (page.rowCount !== undefined && current.status) current.status = { ...current.status, rowCount: page.rowCount };
          current.hasResult = true;
          if (mounted.current) redraw();
        },
        (error: unknown) => {
          current.loadingPage = false;
          current.error = `Cannot read the result: ${errorMessage(error)}`;
          if (mounted.current) redraw();
        },
      );
    },
    [redraw, service],
  );

  const running = () => run.current !== undefined && run.current.endedAt === undefined;

  const runQuery = useCallback(() => {
    if (running()) return;
    const sql = bufferText(buffer.current).trim().replace(/;\s*$/, '');
    if (sql === '') return say('Nothing to run: type a query first', 'warn');
    history.current = withQuery(history.current, bufferText(buffer.current));
    historyAt.current = undefined;
    saveHistory(file, history.current).catch((error: unknown) => say(`History not saved (${file}): ${errorMessage(error)}`, 'warn'));
    message.current = undefined;
    window.current = { cursor: 0, offset: 0 };
    firstColumn.current = 0;
    detail.current = false;
    chart.current = undefined;
    const current: Run = { id: '', sql, startedAt: clock.now(), columns: [], rows: [], hasResult: false, loadingPage: false };
    run.current = current;
    redraw();
    service
      .start(sql)
      .then(async (id) => {
        current.id = id;
        current.status = { id, state: 'RUNNING' };
        if (mounted.current) redraw();
        current.status = await waitForQuery(service, id);
        current.endedAt = clock.now();
        loadPage(current);
      })
      .catch(async (error: unknown) => {
        current.endedAt = clock.now();
        if (current.id) current.status = await service.status(current.id).catch(() => current.status);
        if (error instanceof QueryFailed) {
          current.status = { ...(current.status ?? { id: current.id }), state: error.state };
          current.error = error.state === 'CANCELLED' ? `Cancelled: ${error.reason}` : `${error.state}: ${error.reason}`;
        } else current.error = `The query did not start: ${errorMessage(error)}`;
        if (mounted.current) redraw();
      });
  }, [clock, file, loadPage, redraw, say, service]);

  const cancel = useCallback(() => {
    const current = run.current;
    if (!current || current.endedAt !== undefined) return;
    if (!current.id) return say('The query is starting; cancel again in a moment', 'warn');
    say('Cancelling…', 'accent');
    service.cancel(current.id).then(
      () => say('Query cancelled', 'ok'),
      (error: unknown) => say(`Not cancelled: ${errorMessage(error)}`, 'error'),
    );
  }, [say, service]);

  const completeWord = useCallback((): boolean => {
    const previous = cycle.current;
    if (previous && previous.buffer === buffer.current && previous.items.length > 1) {
      const index = (previous.index + 1) % previous.items.length;
      buffer.current = replaceWord(buffer.current, previous.start, previous.items[index]);
      cycle.current = { ...previous, index, buffer: buffer.current };
      say(`${previous.items.slice(0, 8).join('  ')}${previous.items.length > 8 ? '  …' : ''}`, 'muted');
      return true;
    }
    const offset = cursorOffset(buffer.current);
    const found = complete(bufferText(buffer.current), offset, tables.current);
    if (found.items.length === 0) return false;
    const start = offset - found.prefix.length;
    buffer.current = replaceWord(buffer.current, start, found.items[0]);
    cycle.current = { start, items: found.items, index: 0, buffer: buffer.current };
    say(
      found.items.length > 1 ? `${found.items.slice(0, 8).join('  ')}${found.items.length > 8 ? '  …' : ''}  (Tab: next)` : found.items[0],
      'muted',
    );
    return true;
  }, [say]);

  const switchFocus = useCallback(() => {
    focus.current = focus.current === 'editor' ? 'results' : 'editor';
    detail.current = false;
    chart.current = undefined;
    redraw();
  }, [redraw]);

  const openSnippets = useCallback(() => {
    snippets.current = { items: namedSnippets(new Date(clock.now()).toISOString().slice(0, 10)), cursor: 0 };
    redraw();
  }, [clock, redraw]);

  const move = useCallback(
    (delta: number) => {
      const current = run.current;
      if (!current) return;
      window.current = step(window.current, delta, layout.current.tableRows, current.rows.length);
      if (wantsMore(window.current.cursor, current.rows.length, current.nextToken !== undefined, layout.current.tableRows))
        loadPage(current);
      redraw();
    },
    [loadPage, redraw],
  );

  const actions = useMemo<QueryKeysActions>(
    () => ({
      run: runQuery,
      cancel,
      complete: () => {
        if (completeWord()) redraw();
      },
      switchFocus,
      snippets: openSnippets,
      move,
      scrollColumns: (delta) => {
        const columns = run.current?.columns.length ?? 0;
        firstColumn.current = Math.max(0, Math.min(columns - 1, firstColumn.current + delta));
        redraw();
      },
      openRow: () => {
        if ((run.current?.rows.length ?? 0) > 0) detail.current = true;
        redraw();
      },
      closeRow: () => {
        detail.current = false;
        redraw();
      },
      askExport: () => {
        exportLine.current = EMPTY_LINE;
        redraw();
      },
      chart: () => {
        if (chart.current) chart.current = undefined;
        else {
          const pick = defaultPick(run.current?.columns ?? []);
          if (!pick) return say('No numeric column to chart: the quick chart needs a number column (and a label column)', 'warn');
          chart.current = { pick, offset: 0 };
          message.current = undefined;
        }
        redraw();
      },
      chartValue: () => {
        if (chart.current && run.current) chart.current = { ...chart.current, pick: nextValue(run.current.columns, chart.current.pick) };
        redraw();
      },
      chartLabel: () => {
        if (chart.current && run.current) chart.current = { ...chart.current, pick: nextLabel(run.current.columns, chart.current.pick) };
        redraw();
      },
      scrollChart: (delta) => {
        const rows = run.current?.rows.length ?? 0;
        if (chart.current)
          chart.current = { ...chart.current, offset: Math.max(0, Math.min(Math.max(0, rows - 1), chart.current.offset + delta)) };
        redraw();
      },
    }),
    [runQuery, cancel, completeWord, switchFocus, openSnippets, move, redraw, say],
  );

  const tableFor = useCallback(
    () =>
      queryBindings(
        {
          focus: focus.current,
          running: running(),
          hasResult: run.current?.hasResult === true && run.current.status?.state === 'SUCCEEDED',
          rows: run.current?.rows.length ?? 0,
          detailOpen: detail.current,
          chartOpen: chart.current !== undefined,
        },
        actions,
      ),
    [actions],
  );

  const historyStep = useCallback((delta: number): boolean => {
    const entries = history.current;
    if (entries.length === 0) return false;
    const at = historyAt.current ?? entries.length;
    const next = Math.max(0, Math.min(entries.length, at + delta));
    if (next === at) return false;
    if (historyAt.current === undefined) draft.current = buffer.current;
    historyAt.current = next;
    buffer.current = next === entries.length ? (draft.current ?? emptyBuffer()) : bufferFrom(entries[next]);
    if (next === entries.length) historyAt.current = undefined;
    return true;
  }, []);

  const captureInput = useCallback(
    (input: string, key: Key): boolean => {
      const name = keyName(input, key);
      if (exportLine.current) {
        if (name === 'esc') exportLine.current = undefined;
        else if (name === 'enter') {
          const target = exportLine.current.text.trim();
          const current = run.current;
          exportLine.current = undefined;
          if (target === '') say('Not exported: no path given', 'warn');
          else if (current) {
            say(`Exporting to ${target}…`, 'accent');
            exportResult(service, current.id, target).then(
              (rows) => say(`Exported ${rows} rows to ${target}`, 'ok'),
              (error: unknown) =>
                say(
                  (error as NodeJS.ErrnoException).code === 'EEXIST'
                    ? `Not exported, the file exists (never overwritten): ${target}`
                    : `Not exported: ${errorMessage(error)}`,
                  'error',
                ),
            );
          }
        } else exportLine.current = editLine(exportLine.current, input, key) ?? exportLine.current;
        redraw();
        return true;
      }
      if (snippets.current) {
        const list = snippets.current;
        if (name === 'esc') snippets.current = undefined;
        else if (name === 'up' || name === 'k') list.cursor = Math.max(0, list.cursor - 1);
        else if (name === 'down' || name === 'j') list.cursor = Math.min(list.items.length - 1, list.cursor + 1);
        else if (name === 'enter') {
          buffer.current = insertText(emptyBuffer(), list.items[list.cursor].sql);
          snippets.current = undefined;
          focus.current = 'editor';
          say(`${list.items[list.cursor].name}: ${list.items[list.cursor].summary}`, 'muted');
        }
        redraw();
        return true;
      }
      if (name === 'ctrl-c' && running()) {
        cancel();
        return true;
      }
      if (focus.current !== 'editor') return false;
      // The editor: every key but the shell's quit is the editor's.
      if (name === 'ctrl-c') return false;
      if (name === 'ctrl-r' || (name === 'enter' && endsStatement(buffer.current))) {
        runQuery();
        return true;
      }
      if (name === 'tab') {
        // Before the catalog answers (the local engine starts lazily), Tab on a word waits for it.
        const completed = completeWord();
        if (!completed && !tablesLoaded.current && /\w$/.test(bufferText(buffer.current).slice(0, cursorOffset(buffer.current))))
          say('Completion: the catalog is still loading, Tab again in a moment', 'muted');
        else if (!completed) switchFocus();
        redraw();
        return true;
      }
      if (name === 'esc') {
        switchFocus();
        return true;
      }
      if (name === 'ctrl-n') {
        openSnippets();
        return true;
      }
      if ((name === 'up' && atFirstLine(buffer.current)) || (name === 'down' && atLastLine(buffer.current))) {
        if (historyStep(name === 'up' ? -1 : 1)) {
          redraw();
          return true;
        }
      }
      const next = editorKey(buffer.current, input, key);
      if (next) {
        buffer.current = next;
        if (message.current?.tone === 'muted') message.current = undefined;
        redraw();
      }
      return true;
    },
    [cancel, completeWord, historyStep, openSnippets, redraw, runQuery, say, service, switchFocus],
  );

  const current = run.current;
  const isRunningNow = current !== undefined && current.endedAt === undefined;
  // Re-registered when what the table shows changes, so the shell redraws its hints.
  const bindings = useMemo(
    () => () => tableFor(),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the table reads the pane's state through refs (read when the shell asks); these values are what changes which keys it offers, so they make a new table
    [
      tableFor,
      focus.current,
      isRunningNow,
      current?.hasResult,
      current?.status?.state,
      current?.rows.length,
      detail.current,
      chart.current,
    ],
  );
  usePaneControls(useMemo(() => ({ bindings, captureInput }), [bindings, captureInput]));

  // The elapsed time moves once a second while the query runs.
  const isRunning = current !== undefined && current.endedAt === undefined;
  useEffect(() => {
    if (!isRunning || !visible) return;
    const handle = clock.setTimeout(function tick() {
      redraw();
    }, 1000);
    return () => clock.clearTimeout(handle);
  });

  usePaneStatus({
    busy: isRunning || current?.loadingPage === true,
    error: current?.error,
    info: `${focus.current === 'editor' ? 'editor' : 'results'} · ${service.engine === 'athena' ? 'Athena' : 'DuckDB'}${history.current.length ? ` · ${history.current.length} in history` : ''}`,
  });

  const now = clock.now();
  const editorFocused = focus.current === 'editor' && visible;
  const buf = buffer.current;
  const shownLines = Math.min(EDITOR_LINES, buf.lines.length);
  const top = Math.max(0, Math.min(buf.row - shownLines + 1, buf.lines.length - shownLines));
  const editor = buf.lines.slice(top, top + shownLines).map((line, i) => {
    const row = top + i;
    const prefix = row === 0 ? 'SQL› ' : '   … ';
    const room = width - prefix.length;
    if (!editorFocused || row !== buf.row)
      return (
        <Text key={i} wrap="truncate">
          {truncate(prefix + line, width)}
        </Text>
      );
    const start = Math.max(0, buf.col - room + 1);
    const visibleText = line.slice(start, start + room);
    const col = buf.col - start;
    return (
      <Text key={i} wrap="truncate">
        {prefix}
        {visibleText.slice(0, col)}
        <Text inverse>{visibleText[col] ?? ' '}</Text>
        {visibleText.slice(col + 1)}
      </Text>
    );
  });

  const hint = exportLine.current
    ? { text: `Export to (.csv or .jsonl; never overwrites): ${exportLine.current.text}▏  Enter exports · Esc no`, tone: 'warn' as Tone }
    : (message.current ??
      (chart.current
        ? { text: 'n number column · t label column · ↑/↓ scroll bars · c/Esc table', tone: 'muted' as Tone }
        : focus.current === 'editor'
          ? { text: 'Ctrl-R or ; Enter runs · Tab completes · ↑/↓ history · Ctrl-N named · Esc results', tone: 'muted' as Tone }
          : { text: 'Enter row · ←/→ columns · c chart · e export · x cancels · Tab/Esc editor', tone: 'muted' as Tone }));

  let body;
  if (snippets.current) {
    const list = snippets.current;
    body = list.items.slice(0, bodyHeight).map((snippet, i) => (
      <Text key={i} wrap="truncate" {...(i === list.cursor ? toneProps(theme, 'plain', { inverse: true, bold: true }) : {})}>
        {truncate(`${i === list.cursor ? '› ' : '  '}${snippet.name} — ${snippet.summary}`, width)}
      </Text>
    ));
  } else if (!current) {
    body = <Text {...toneProps(theme, 'muted')}>{truncate('No query run yet.', width)}</Text>;
  } else if (chart.current) {
    const lines = barChart({
      columns: current.columns,
      rows: current.rows,
      pick: chart.current.pick,
      more: current.nextToken !== undefined,
      width,
      height: bodyHeight,
      offset: chart.current.offset,
    });
    body = lines.map((line, i) => (
      <Text key={i} wrap="truncate" {...(i === 0 ? toneProps(theme, 'accent', { bold: true }) : {})}>
        {line}
      </Text>
    ));
  } else if (detail.current && current.rows[window.current.cursor]) {
    const row = current.rows[window.current.cursor];
    const nameWidth = Math.min(24, Math.max(...current.columns.map((c) => c.name.length)));
    body = current.columns.slice(0, bodyHeight).map((column, i) => (
      <Text key={i} wrap="truncate">
        {truncate(`${column.name.padEnd(nameWidth)}  ${row[i] ?? 'NULL'}`, width)}
      </Text>
    ));
  } else {
    const widths = columnWidths(current.columns, current.rows.slice(window.current.offset, window.current.offset + tableRows));
    const shown = visibleColumns(current.columns, widths, firstColumn.current, width);
    body = (
      <WindowedTable
        columns={shown.map((s) => s.column)}
        total={current.rows.length}
        window={window.current}
        height={bodyHeight}
        cell={(row, column) => {
          const value = current.rows[row][shown[column].index];
          return value === null ? [{ text: 'NULL', muted: true }] : value;
        }}
        focused={visible && focus.current === 'results'}
        empty={current.hasResult ? 'no rows' : current.error ? '' : 'waiting for the result…'}
      />
    );
  }

  const stateTone: Tone = !current ? 'muted' : current.error ? 'error' : current.endedAt === undefined ? 'accent' : 'ok';
  const stateText = current
    ? `${stateLine(current, now, service.engine)}${current.error ? ` · ${current.error}` : ''}`
    : `${service.engine === 'athena' ? 'Athena' : 'DuckDB (Athena SQL)'} · no query yet`;
  const columnsNote =
    current && current.columns.length > 0 && firstColumn.current > 0
      ? ` · from column ${firstColumn.current + 1}/${current.columns.length}`
      : '';
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {editor}
      <Text wrap="truncate" {...toneProps(theme, hint.tone, { bold: hint.tone === 'warn' || hint.tone === 'error' })}>
        {truncate(hint.text, width)}
      </Text>
      <Text wrap="truncate" {...toneProps(theme, stateTone)}>
        {truncate(stateText + columnsNote, width)}
      </Text>
      {body}
    </Box>
  );
}
