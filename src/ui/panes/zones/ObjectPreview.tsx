// The preview of one object: CSV as a table (headers as written, accents intact), Parquet schema
// and first rows, JSON; scrolls both ways; a read or parse error is shown in place.
import { Box, Text } from 'ink';
import { useCallback, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../core/errors.js';
import type { Zone, ZoneStore } from '../../../core/zones.js';
import { previewBindings } from './zones-bindings.js';
import { usePaneControls } from '../../shell/use-pane-controls.js';
import { usePaneStatus } from '../../shell/use-pane-status.js';
import { usePolling } from '../../hooks/use-polling.js';
import { PREVIEW_POLL as POLICY } from '../../refresh-settings.js';
import { toneProps, useTheme, type Tone } from '../../theme.js';
import { displayWidth, fit, shortenMiddle, truncate } from '../../text.js';
import { clamp } from '../../windowing.js';
import { maxColumns, previewLines, previewSummary, stickyHeader, type LineStyle } from './preview-layout.js';

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

export function ObjectPreview({ store, zone, objectKey, width, height, visible, onBack }: ObjectPreviewProps) {
  const theme = useTheme();
  // The readers (Parquet, CSV: ~350 KB of bundle) load with the first preview, not with the console.
  const load = useCallback(async () => (await import('../../../preview/index.js')).previewObject(store, zone, objectKey), [store, zone, objectKey]);
  const polled = usePolling(load, { visible, policy: POLICY, auto: false, resetKey: `${zone}/${objectKey}` });
  const [scroll, setScroll] = useState({ top: 0, column: 0 });
  const preview = polled.data;
  const lines = useMemo(() => (preview ? previewLines(preview, width, scroll.column) : []), [preview, width, scroll.column]);
  const page = Math.max(1, height - 2);
  const maxTop = Math.max(0, lines.length - page);
  const top = Math.min(scroll.top, maxTop);
  // The table's column header stays put while its rows scroll under it.
  const pinned = stickyHeader(lines, top);

  const limits = useRef({ maxTop, columns: 1, page });
  limits.current = { maxTop, columns: preview ? maxColumns(preview) : 1, page };
  const scrollBy = useCallback((rows: number, columns = 0) => {
    setScroll((s) => {
      const { maxTop: bottom, columns: count } = limits.current;
      const next = { top: clamp(Math.min(s.top, bottom) + rows, 0, bottom), column: clamp(s.column + columns, 0, count - 1) };
      return next.top === s.top && next.column === s.column ? s : next;
    });
  }, []);

  const wide = preview ? maxColumns(preview) > 1 : false;
  const bindings = useMemo(() => () => previewBindings({ wide: limits.current.columns > 1, page: limits.current.page }, { scrollBy, back: onBack }), [scrollBy, onBack, wide, page]);
  const refresh = polled.refresh;
  usePaneControls(useMemo(() => ({ bindings, refresh }), [bindings, refresh]));

  // The key is on the title line: the error says 'this object', so its reason is what shows.
  const error = polled.error === undefined ? undefined : errorMessage(polled.error).split(`${zone}/${objectKey}`).join('this object');
  const end = Math.min(lines.length, top + page);
  const first = pinned ? top + 1 : top;
  usePaneStatus({
    lastSuccess: polled.lastSuccess,
    staleAfterMs: POLICY.staleAfterMs,
    busy: polled.inFlight,
    error,
  });

  // The scroll position changes with every key: it stays in the pane's own title line.
  const position = preview ? `lines ${lines.length === 0 ? 0 : first + 1}–${end} of ${lines.length}` : '';
  // A long key loses its middle, not its file name.
  const titleWidth = Math.max(1, width - displayWidth(position) - 1);
  const title = fit(shortenMiddle(`${zone}/${objectKey}`, titleWidth), titleWidth);
  let summary = preview ? previewSummary(preview) : polled.inFlight ? 'loading preview…' : '';
  // The decision and the reason first, wrapped: the key is already on the title line.
  const failed = !preview && error !== undefined;
  if (failed) summary = `Cannot preview: ${error}`;
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text wrap="truncate">
        <Text {...toneProps(theme, 'accent', { bold: true })}>{title}</Text>
        {position ? ` ${position}` : ''}
      </Text>
      <Text wrap={failed ? 'wrap' : 'truncate'} {...toneProps(theme, failed ? 'error' : 'muted')}>
        {failed ? summary : truncate(summary, width)}
      </Text>
      {(pinned ? [pinned, ...lines.slice(first, end)] : lines.slice(top, end)).map((line, index) => {
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
