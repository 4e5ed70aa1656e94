// The Zones pane: raw / trusted / refined at the root, prefixes and `key=value` partitions below,
// objects previewed in place. Holds the navigation and the loaded listing, so closing a preview
// returns to the same row without listing again.
import { useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import { ZONES } from '../../../core/zones.js';
import { filterPredicate } from '../../fuzzy.js';
import { useListing } from './use-listing.js';
import { useSyncedReducer } from '../../hooks/use-synced-reducer.js';
import { usePrefixSummaries } from './use-prefix-summaries.js';
import type { SummaryTarget } from './summary-loader.js';
import { LOCAL_SUMMARY_POLL } from '../../refresh-settings.js';
import { refit, visibleRange } from '../../windowing.js';
import { PaneHostContext } from '../../shell/pane-host.js';
import type { PaneProps } from '../../shell/pane.js';
import { ObjectPreview } from './ObjectPreview.js';
import { ZoneBrowser } from './ZoneBrowser.js';
import { rootRow, rowZone, type ZoneRow } from './zone-rows.js';
import { INITIAL_NAV, zonesReducer } from './zones-nav.js';

const ROOT_ROWS: readonly ZoneRow[] = ZONES.map(rootRow);
const NO_ROWS: readonly ZoneRow[] = [];
/** Lines the browser uses besides rows: the breadcrumb and the table header. */
const CHROME = 2;

export function ZonesPane({ backend, visible, width, height, filter }: PaneProps) {
  const store = backend.zones;
  const [nav, dispatch, navRef] = useSyncedReducer(zonesReducer, INITIAL_NAV);
  const { location } = nav.current;
  const host = useContext(PaneHostContext);
  // A filter finds a row here; the place it opens starts unfiltered.
  const place = `${location.zone ?? ''}/${location.prefix}`;
  const shownPlace = useRef(place);
  useEffect(() => {
    if (shownPlace.current !== place) host.clearFilter();
    shownPlace.current = place;
  }, [place, host]);
  const listing = useListing(store, location.zone, location.prefix, { visible: visible && !nav.preview });

  const entries = listing.data?.entries;
  const all: readonly ZoneRow[] = location.zone ? (entries ?? NO_ROWS) : ROOT_ROWS;
  const rows = useMemo(() => {
    const matches = filterPredicate(filter);
    return filter.trim() === '' ? all : all.filter((row) => matches(row.name));
  }, [all, filter]);

  const pageRows = Math.max(1, height - CHROME);
  const window = refit(nav.current.window, pageRows, rows.length);
  useEffect(() => {
    dispatch({ type: 'jump', to: 'top', height: pageRows, total: rows.length });
    // Only a new filter text moves the cursor back to the top.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new filter text is the only trigger (not new rows or a resize)
  }, [filter]);

  // Moves typed ahead while the rows were not listed yet are fitted to them once they are.
  // (Not while the place is still loading: a place returned to keeps its row until listed again.)
  const stored = nav.current.window;
  const listed = location.zone === undefined || entries !== undefined;
  useEffect(() => {
    if (listed && (stored.cursor !== window.cursor || stored.offset !== window.offset))
      dispatch({ type: 'fit', height: pageRows, total: rows.length });
  }, [listed, stored.cursor, stored.offset, window.cursor, window.offset, pageRows, rows.length, dispatch]);

  const { start, end } = visibleRange(window.offset, pageRows, rows.length);
  const targets = useMemo(() => {
    const wanted: SummaryTarget[] = [];
    for (let i = start; i < end; i++) {
      const row = rows[i];
      if (row.kind !== 'object') wanted.push({ zone: rowZone(row, location.zone), prefix: row.key });
    }
    return wanted;
  }, [rows, start, end, location.zone]);
  // On the local lake a summary walks folders on this disk: cheap enough to keep current (a sample
  // seeding or an ingestion run shows up by itself). On S3 it costs requests: `r` reloads.
  const summaries = usePrefixSummaries(store, targets, visible && !nav.preview, backend.kind === 'local' ? LOCAL_SUMMARY_POLL : undefined);

  const back = useCallback(() => dispatch({ type: 'back' }), [dispatch]);
  if (nav.preview) {
    return (
      <ObjectPreview
        store={store}
        zone={nav.preview.zone}
        objectKey={nav.preview.key}
        width={width}
        height={height}
        visible={visible}
        onBack={back}
      />
    );
  }
  return (
    <ZoneBrowser
      nav={nav}
      navRef={navRef}
      dispatch={dispatch}
      rows={rows}
      loadedCount={all.length}
      window={window}
      pageRows={pageRows}
      listing={listing}
      summaries={summaries}
      width={width}
      height={height}
      visible={visible}
      filter={filter}
      backendActivity={backend.activity}
    />
  );
}
