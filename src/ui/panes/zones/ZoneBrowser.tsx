// The listing view of the Zones pane: breadcrumb, windowed table, its bindings and status.
import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useRef, type MutableRefObject } from 'react';
import { errorMessage } from '../../../core/errors.js';
import { ZONES } from '../../../core/zones.js';
import { WindowedTable, type CellValue } from '../../components/WindowedTable.js';
import type { Listing } from './use-listing.js';
import { usePaneControls } from '../../shell/use-pane-controls.js';
import { usePaneStatus } from '../../shell/use-pane-status.js';
import type { SummaryLoader } from './summary-loader.js';
import { toneProps, useTheme } from '../../theme.js';
import { displayWidth, fit } from '../../text.js';
import { wantsMore, type ListWindow } from '../../windowing.js';
import { listingInfo, positionText } from './listing-info.js';
import { breadcrumb } from './location.js';
import { cellText, nameSegments, rowZone, zoneColumns, type ZoneRow } from './zone-rows.js';
import { browserBindings } from './zones-bindings.js';
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

  // The table is rebuilt from the navigation as of each key (navRef), and re-registered when
  // what it shows changes (hints, help).
  const now = useRef({ rows, pageRows, location, loading: listing.data === undefined && location.zone !== undefined });
  now.current = { rows, pageRows, location, loading: listing.data === undefined && location.zone !== undefined };
  const tableFor = useCallback(
    () => browserBindings({ nav: navRef.current, rows: now.current.rows, rowsAt: now.current.location, pageRows: now.current.pageRows, loading: now.current.loading }, { dispatch }),
    [dispatch, navRef],
  );
  const shows = `${rows.length}:${window.cursor}:${canGoBack(nav)}:${now.current.loading}`;
  const bindings = useMemo(() => () => tableFor(), [tableFor, shows]);
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
