// The listing view of the Zones pane: breadcrumb, windowed table, its bindings and status.
import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { activityText, type ActivityBoard } from '../../../core/activity.js';
import { errorMessage } from '../../../core/errors.js';
import { useActivities } from '../../hooks/use-activities.js';
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
  backendActivity?: ActivityBoard;
}

export function ZoneBrowser(props: ZoneBrowserProps) {
  const { nav, navRef, dispatch, rows, window, pageRows, listing, summaries, width, height, visible } = props;
  const theme = useTheme();
  const { location } = nav.current;

  // The table is rebuilt from the navigation as of each key (navRef), and re-registered when
  // what it shows changes (hints, help).
  const now = useRef({ rows, pageRows, location, loading: listing.data === undefined && location.zone !== undefined });
  now.current = { rows, pageRows, location, loading: listing.data === undefined && location.zone !== undefined };
  // End/G on a listing with more pages: the cursor follows each page loaded until the real end.
  const [toEnd, setToEnd] = useState<string | undefined>(undefined);
  /** The last row the cursor was sent to: a cursor elsewhere was moved by the user. */
  const [followedTo, setFollowedTo] = useState(-1);
  const placeKey = `${location.zone ?? ''}/${location.prefix}`;
  const goingToEnd = toEnd === placeKey;
  const goToEnd = useCallback(() => {
    const { rows: all, pageRows: height } = now.current;
    dispatch({ type: 'jump', to: 'bottom', height, total: all.length });
    const { zone, prefix } = navRef.current.current.location;
    setToEnd(`${zone ?? ''}/${prefix}`);
    setFollowedTo(all.length - 1);
  }, [dispatch, navRef]);
  const tableFor = useCallback(
    () =>
      browserBindings(
        {
          nav: navRef.current,
          rows: now.current.rows,
          rowsAt: now.current.location,
          pageRows: now.current.pageRows,
          loading: now.current.loading,
        },
        { dispatch, goToEnd },
      ),
    [dispatch, navRef, goToEnd],
  );
  // Only what changes the table's hints and greyed keys: not the cursor, or every key would
  // redraw the whole shell instead of the pane alone.
  const shows = `${rows.length > 0}:${canGoBack(nav)}:${now.current.loading}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `shows` is the trigger: the table reads the pane through refs
  const bindings = useMemo(() => () => tableFor(), [tableFor, shows]);
  const { refresh: reload, loadMore } = listing;
  const refresh = useMemo(
    () => () => {
      reload();
      for (const zone of location.zone ? [location.zone] : ZONES) summaries.forget(zone, location.prefix);
    },
    [reload, summaries, location.zone, location.prefix],
  );
  usePaneControls(useMemo(() => ({ bindings, refresh }), [bindings, refresh]));

  // Seeding on a first start: what has landed shows at once (the listing and the summaries are
  // read again as each source lands), not at the next timed reload.
  const activities = useActivities(props.backendActivity);
  const landed = activities.map((a) => `${a.label}:${a.done}`).join('|');
  const seenLanded = useRef(landed);
  useEffect(() => {
    if (seenLanded.current === landed) return;
    seenLanded.current = landed;
    refresh();
  }, [landed, refresh]);

  const hasMore = listing.data?.nextToken !== undefined;
  const lastRow = rows.length - 1;
  const atEnd = window.cursor === lastRow;
  useEffect(() => {
    if (!goingToEnd) return;
    // A move away from the last row stops it; a new page moves the cursor on to its end.
    if (!atEnd && followedTo === lastRow) return setToEnd(undefined);
    if (!atEnd) dispatch({ type: 'jump', to: 'bottom', height: pageRows, total: rows.length });
    setFollowedTo(lastRow);
    if (!hasMore && atEnd) setToEnd(undefined);
  }, [goingToEnd, atEnd, lastRow, hasMore, followedTo, pageRows, rows.length, dispatch]);
  // Also re-checked after each page: a filter that matches little keeps paging until the screen fills.
  // Three screens ahead: a held PgDn should not catch up with a page still on its way.
  useEffect(() => {
    if (visible && wantsMore(window.cursor, rows.length, hasMore, 3 * pageRows)) loadMore();
  }, [visible, window.cursor, rows.length, props.loadedCount, hasMore, pageRows, loadMore]);

  const error = listing.error !== undefined ? errorMessage(listing.error) : listing.moreError;
  usePaneStatus({
    lastSuccess: location.zone ? listing.lastSuccess : undefined,
    staleAfterMs: listing.policy.staleAfterMs,
    busy: listing.inFlight || listing.loadingMore,
    error,
    info: listingInfo({
      atRoot: !location.zone,
      activity: activities.map((a) => activityText(a, 'sources')).join(' · ') || undefined,
      shown: rows.length,
      loaded: props.loadedCount,
      more: hasMore,
      filter: props.filter,
      loadingMore: listing.loadingMore,
      autoRefresh: listing.autoRefresh,
      goingToEnd,
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
  // At the root the title line says what is landing while the sample lake is seeded.
  const seeding = activities.map((a) => activityText(a, 'sources')).join(' · ');
  const position = location.zone ? positionText(window.cursor, rows.length, hasMore) : seeding;
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
        <WindowedTable
          columns={columns}
          total={rows.length}
          window={window}
          height={height - 1}
          cell={cell}
          empty={empty}
          focused={visible}
        />
      )}
    </Box>
  );
}
