// The listing view of the Zones pane: breadcrumb, windowed table, its bindings and status.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, type MutableRefObject } from 'react';
import { errorMessage } from '../../../core/errors.js';
import { ZONES } from '../../../core/zones.js';
import type { Binding } from '../../bindings.js';
import { WindowedTable, type CellValue } from '../../components/WindowedTable.js';
import type { Listing } from '../../hooks/use-listing.js';
import { usePaneControls } from '../../hooks/use-pane-controls.js';
import { usePaneStatus } from '../../hooks/use-pane-status.js';
import type { SummaryLoader } from '../../summary-loader.js';
import { toneProps, useTheme } from '../../theme.js';
import { displayWidth, fit } from '../../text.js';
import { refit, wantsMore, type ListWindow } from '../../windowing.js';
import { listingInfo, positionText } from './listing-info.js';
import { breadcrumb } from './location.js';
import { cellText, nameSegments, rowZone, zoneColumns, type ZoneRow } from './zone-rows.js';
import { canGoBack, type ZonesAction, type ZonesNav } from './zones-nav.js';

export interface ZoneBrowserProps {
  nav: ZonesNav;
  /** The navigation as of the last key, ahead of `nav` until React renders. */
  navRef: MutableRefObject<ZonesNav>;
  dispatch: (action: ZonesAction) => void;
  rows: readonly ZoneRow[];
  loadedCount: number;
  window: ListWindow;
  pageRows: number;
  listing: Listing;
  summaries: SummaryLoader;
  width: number;
  height: number;
  visible: boolean;
  filter: string;
}

export function ZoneBrowser(props: ZoneBrowserProps) {
  const { nav, navRef, dispatch, rows, window, pageRows, listing, summaries, width, height, visible } = props;
  const theme = useTheme();
  const { location } = nav.current;

  // Bindings are built once; what they act on is read at key time (navigation from navRef).
  const now = useRef({ rows, pageRows, location });
  now.current = { rows, pageRows, location };
  const bindings = useMemo<Binding[]>(() => {
    const move = (delta: number) => () => dispatch({ type: 'move', delta, height: now.current.pageRows, total: now.current.rows.length });
    const page = (sign: number) => () => move(sign * Math.max(1, now.current.pageRows - 1))();
    const jump = (to: 'top' | 'bottom') => () => dispatch({ type: 'jump', to, height: now.current.pageRows, total: now.current.rows.length });
    const selected = (): ZoneRow | undefined => {
      const { rows: all, pageRows: height, location: shown } = now.current;
      const place = navRef.current.current;
      // Keys typed ahead past an Enter must not pick from the previous place's rows.
      if (place.location.zone !== shown.zone || place.location.prefix !== shown.prefix) return undefined;
      return all[refit(place.window, height, all.length).cursor];
    };
    const open = (): void => {
      const row = selected();
      if (!row) return;
      const zone = rowZone(row, navRef.current.current.location.zone);
      if (row.kind === 'object') dispatch({ type: 'preview', zone, key: row.key });
      else dispatch({ type: 'open', location: { zone, prefix: row.key } });
    };
    return [
      { keys: ['up', 'k'], description: 'Move up', handler: move(-1), palette: false },
      { keys: ['down', 'j'], description: 'Move down', handler: move(1), palette: false },
      { keys: ['pgup', 'ctrl-b'], description: 'Page up', handler: page(-1) },
      { keys: ['pgdn', 'space', 'ctrl-f'], description: 'Page down', handler: page(1) },
      { keys: ['home', 'g'], description: 'Go to the first row', handler: jump('top') },
      { keys: ['end', 'G'], description: 'Go to the last loaded row (loads the next page)', handler: jump('bottom') },
      { keys: ['enter', 'right', 'l'], description: 'Open the prefix or preview the object', handler: open, when: () => selected() !== undefined, hint: 'open' },
      { keys: ['esc', 'left', 'h', 'backspace'], description: 'Back to the parent prefix', handler: () => dispatch({ type: 'back' }), when: () => canGoBack(navRef.current), hint: 'back' },
    ];
  }, [dispatch, navRef]);
  const { refresh: reload } = listing;
  const refresh = useMemo(
    () => () => {
      reload();
      for (const zone of location.zone ? [location.zone] : ZONES) summaries.forget(zone, location.prefix);
    },
    [reload, summaries, location.zone, location.prefix],
  );
  usePaneControls(useMemo(() => ({ bindings, refresh }), [bindings, refresh]));

  const hasMore = listing.data?.nextToken !== undefined;
  // Also re-checked after each page: a filter that matches little keeps paging until the screen fills.
  // Three screens ahead: a held PgDn should not catch up with a page still on its way.
  useEffect(() => {
    if (visible && wantsMore(window.cursor, rows.length, hasMore, 3 * pageRows)) listing.loadMore();
  }, [visible, window.cursor, rows.length, props.loadedCount, hasMore, pageRows, listing.loadMore]);

  const error = listing.error !== undefined ? errorMessage(listing.error) : listing.moreError;
  usePaneStatus({
    lastSuccess: location.zone ? listing.lastSuccess : undefined,
    staleAfterMs: listing.policy.staleAfterMs,
    busy: listing.inFlight || listing.loadingMore,
    error,
    info: listingInfo({
      atRoot: !location.zone,
      shown: rows.length,
      loaded: props.loadedCount,
      more: hasMore,
      filter: props.filter,
      loadingMore: listing.loadingMore,
      autoRefresh: listing.autoRefresh,
    }),
  });

  const columns = useMemo(() => zoneColumns(width), [width]);
  const cell = (row: number, column: number): CellValue => {
    const item = rows[row];
    const id = columns[column].id;
    if (id === 'name') return nameSegments(item);
    const summary = item.kind === 'object' ? undefined : summaries.get(rowZone(item, location.zone), item.key);
    return cellText(item, id, summary);
  };
  // The position changes with every key: it lives here, not in the status bar, so a keypress
  // redraws the pane alone.
  const position = location.zone ? positionText(window.cursor, rows.length, hasMore) : '';
  const trail = fit(breadcrumb(location).join(' › '), Math.max(1, width - displayWidth(position) - 1));
  const failed = location.zone !== undefined && listing.data === undefined && listing.error !== undefined;
  const empty =
    listing.data === undefined && location.zone
      ? 'loading…'
      : props.filter.trim()
        ? `no loaded row matches "${props.filter.trim()}"`
        : 'empty: no objects under this prefix';
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text wrap="truncate">
        <Text {...toneProps(theme, 'accent', { bold: true })}>{trail}</Text>
        {position ? ` ${position}` : ''}
      </Text>
      {failed ? (
        <Box flexDirection="column">
          <Text wrap="wrap" {...toneProps(theme, 'error', { bold: true })}>
            {`Cannot list ${location.zone}/${location.prefix}: ${error}`}
          </Text>
          <Text {...toneProps(theme, 'muted')}>r tries again · Esc goes back</Text>
        </Box>
      ) : (
        <WindowedTable columns={columns} total={rows.length} window={window} height={height - 1} cell={cell} empty={empty} focused={visible} />
      )}
    </Box>
  );
}
