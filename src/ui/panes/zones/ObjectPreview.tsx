// The preview of one object: CSV as a table (headers as written, accents intact), Parquet schema
// and rows, JSON; scrolls both ways, through the whole object for CSV, JSON lines and Parquet (rows
// read on demand, a window of them held); a read or parse error is shown in place.
import { Box, Text } from 'ink';
import { useCallback, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../core/errors.js';
import type { Zone, ZoneStore } from '../../../core/zones.js';
import type { Preview } from '../../../preview/preview.js';
import type { RowPager } from '../../../preview/row-pager.js';
import { previewBindings } from './zones-bindings.js';
import { usePaneControls } from '../../shell/use-pane-controls.js';
import { usePaneStatus } from '../../shell/use-pane-status.js';
import { usePolling } from '../../hooks/use-polling.js';
import { PREVIEW_POLL as POLICY } from '../../refresh-settings.js';
import { toneProps, useTheme, type Tone } from '../../theme.js';
import { displayWidth, fit, shortenMiddle, truncate, wrappedLineCount } from '../../text.js';
import { clamp } from '../../windowing.js';
import {
  grownWidths,
  maxColumns,
  previewLines,
  previewSummary,
  rowLine,
  stickyHeader,
  type DocLine,
  type LineStyle,
} from './preview-layout.js';
import type { RowRange, RowWindow } from './row-window.js';
import { useRowWindow, type RowWindowState } from './use-row-window.js';

export interface ObjectPreviewProps {
  store: ZoneStore;
  zone: Zone;
  objectKey: string;
  width: number;
  height: number;
  visible: boolean;
  onBack(): void;
}

// An object does not change under a fixed key often: load once, `r` reloads.
const STYLE: Record<LineStyle, { tone: Tone; bold?: boolean }> = {
  title: { tone: 'accent', bold: true },
  header: { tone: 'plain', bold: true },
  plain: { tone: 'plain' },
  note: { tone: 'muted' },
};

const FIRST_ROWS = 200;
const NO_ROWS: string[][] = [];
/** Scrolled to the end: the view stays at the bottom however many rows become known. */
const BOTTOM = Number.MAX_SAFE_INTEGER;

export function ObjectPreview({ store, zone, objectKey, width, height, visible, onBack }: ObjectPreviewProps) {
  const theme = useTheme();
  // The readers (Parquet, CSV: ~350 KB of bundle) load with the first preview, not with the console.
  const load = useCallback(
    async () => (await import('../../../preview/paged-preview.js')).openPagedPreview(store, zone, objectKey, FIRST_ROWS),
    [store, zone, objectKey],
  );
  const polled = usePolling(load, { visible, policy: POLICY, auto: false, resetKey: `${zone}/${objectKey}` });
  const [scroll, setScroll] = useState({ top: 0, column: 0 });
  const opened = polled.data;
  const pager = opened?.pager;
  // JSON lines: the columns grow as records with new keys are read.
  const columnCount = pager?.columns.length;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the pager's column list grows in place: its length is what says it changed
  const preview = useMemo(() => opened && withColumns(opened.preview, pager?.columns), [opened, pager, columnCount]);
  const countLines = useMemo(() => (preview ? previewLines(preview, width, 0).length : 0), [preview, width]);
  const rowCount = pager ? (pager.total ?? pager.known) : 0;
  const page = Math.max(1, height - 2);
  const maxTop = Math.max(0, countLines + rowCount - page);
  const top = Math.min(scroll.top, maxTop);
  const end = Math.min(countLines + rowCount, top + page);
  // The rows of a paged table on screen (the pinned header takes the first line's place).
  const view = { start: Math.max(0, top + 1 - countLines), end: Math.max(0, end - countLines) };
  const rows = useRowWindow(pager, opened?.first ?? NO_ROWS, view);

  const widthsRef = useRef<{ pager?: RowPager; widths: number[] }>({ widths: [] });
  if (pager && preview) {
    const held = widthsRef.current.pager === pager ? widthsRef.current.widths : [];
    widthsRef.current = { pager, widths: grownWidths(held, pager.columns, rows.window.rows) };
  }
  const widths = widthsRef.current.widths;
  const widthsKey = widths.join();
  const lines = useMemo(
    () => (preview ? previewLines(preview, width, scroll.column, pager ? widths : undefined) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the widths array is rebuilt on each render; its values (the key) are what matter
    [preview, width, scroll.column, pager, widthsKey],
  );
  // The table's column header stays put while its rows scroll under it.
  const pinned = pager && top >= lines.length ? lines[lines.length - 1] : stickyHeader(lines, top);

  const limits = useRef({ maxTop, columns: 1, page });
  limits.current = { maxTop, columns: preview ? maxColumns(preview) : 1, page };
  const { stopEnding, goToEnd: readToEnd } = rows;
  const scrollBy = useCallback(
    (delta: number, columns = 0) => {
      if (delta !== 0) stopEnding();
      setScroll((s) => {
        const { maxTop: bottom, columns: count } = limits.current;
        const next = { top: clamp(Math.min(s.top, bottom) + delta, 0, bottom), column: clamp(s.column + columns, 0, count - 1) };
        return next.top === s.top && next.column === s.column ? s : next;
      });
    },
    [stopEnding],
  );
  // End on an object read only in part: read on to its end (counting rows), then go there.
  const goToEnd = useCallback(() => {
    if (!pager) return scrollBy(Infinity);
    readToEnd(() => setScroll((s) => ({ ...s, top: BOTTOM })));
  }, [pager, readToEnd, scrollBy]);

  const wide = preview ? maxColumns(preview) > 1 : false;
  const partial = pager !== undefined && pager.total === undefined;
  const bindings = useMemo(
    () => () =>
      previewBindings({ wide: limits.current.columns > 1, page: limits.current.page, partial }, { scrollBy, back: onBack, goToEnd }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the table reads the limits through a ref; wide and page are what change the keys it offers
    [scrollBy, onBack, goToEnd, wide, page, partial],
  );
  const refresh = polled.refresh;
  usePaneControls(useMemo(() => ({ bindings, refresh }), [bindings, refresh]));

  // The key is on the title line: the error says 'this object', so its reason is what shows.
  const error = polled.error === undefined ? undefined : errorMessage(polled.error).split(`${zone}/${objectKey}`).join('this object');
  const first = pinned ? top + 1 : top;
  const rowsError = rows.error === undefined ? undefined : errorMessage(rows.error).split(`${zone}/${objectKey}`).join('this object');
  usePaneStatus({
    lastSuccess: polled.lastSuccess,
    staleAfterMs: POLICY.staleAfterMs,
    busy: polled.inFlight || rows.reading || rows.ending !== undefined,
    error: error ?? rowsError,
  });

  // The scroll position changes with every key: it stays in the pane's own title line.
  const position = !preview
    ? ''
    : pager
      ? rowsPosition(view, rows)
      : `lines ${lines.length === 0 ? 0 : first + 1}–${end} of ${lines.length}`;
  // A long key loses its middle, not its file name.
  const titleWidth = Math.max(1, width - displayWidth(position) - 1);
  const title = fit(shortenMiddle(`${zone}/${objectKey}`, titleWidth), titleWidth);
  let summary = preview ? previewSummary(preview) : polled.inFlight ? 'loading preview…' : '';
  // The decision and the reason first, wrapped: the key is already on the title line.
  const failed = (!preview && error !== undefined) || rowsError !== undefined;
  if (!preview && error !== undefined) summary = `Cannot preview: ${error}`;
  else if (rowsError !== undefined) summary = `Cannot read these rows: ${rowsError}`;
  const shown: DocLine[] = [];
  if (pinned) shown.push(pinned);
  // A wrapped error takes lines from the bottom rows: the frame stays within the pane.
  const last = failed ? end - (wrappedLineCount(summary, width) - 1) : end;
  for (let at = first; at < last; at++) {
    if (at < lines.length) shown.push(lines[at]);
    else {
      const cells = rowAt(rows.window, at - lines.length);
      shown.push(cells ? rowLine(cells, widths, scroll.column, width) : { text: '…', style: 'note' });
    }
  }
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text wrap="truncate">
        <Text {...toneProps(theme, 'accent', { bold: true })}>{title}</Text>
        {position ? ` ${position}` : ''}
      </Text>
      <Text wrap={failed ? 'wrap' : 'truncate'} {...toneProps(theme, failed ? 'error' : 'muted')}>
        {failed ? summary : truncate(summary, width)}
      </Text>
      {shown.map((line, index) => {
        const style = STYLE[line.style];
        return (
          <Text key={index} wrap="truncate" {...toneProps(theme, style.tone, { bold: style.bold })}>
            {line.text}
          </Text>
        );
      })}
      {!preview && error ? <Text {...toneProps(theme, 'muted')}>Esc goes back · r tries again</Text> : null}
    </Box>
  );
}

function rowAt(window: RowWindow, row: number): string[] | undefined {
  return row >= window.start && row < window.start + window.rows.length ? window.rows[row - window.start] : undefined;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** `rows 181–200 of ≥ 400 · reading…`, `rows 6 981–7 000 of 7 000`, `reading to the end… 34 %` */
function rowsPosition(view: RowRange, rows: RowWindowState): string {
  const of = rows.total !== undefined ? count(rows.total) : `≥ ${count(rows.known)}`;
  const where = view.end > view.start ? `rows ${count(view.start + 1)}–${count(view.end)} of ${of}` : `${of} rows`;
  if (rows.ending !== undefined) return `${where} · reading to the end… ${Math.floor(rows.ending * 100)} %`;
  return rows.reading && rows.total === undefined ? `${where} · reading…` : where;
}

/** The preview with its paged table's columns as the pager knows them now. */
function withColumns(preview: Preview, columns: readonly string[] | undefined): Preview {
  const last = preview.sections[preview.sections.length - 1];
  if (!columns || last?.kind !== 'table' || !last.paged || last.columns.length === columns.length) return preview;
  return { ...preview, sections: [...preview.sections.slice(0, -1), { ...last, columns: [...columns] }] };
}
