// One prefix of a zone, paged: the first page loads (and auto-refreshes) through usePolling;
// further pages are fetched with the continuation token only when loadMore() is called (the
// pane calls it as the cursor nears the end). Nothing is listed up front.
import { useCallback, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../../core/errors.js';
import type { Zone, ZoneEntry, ZoneStore } from '../../../core/zones.js';
import type { PollPolicy } from '../../polling.js';
import { LISTING_POLL } from '../../refresh-settings.js';
import { usePolling } from '../../hooks/use-polling.js';

export interface ListingData {
  entries: ZoneEntry[];
  nextToken?: string;
  pages: number;
}

export interface Listing {
  data?: ListingData;
  error?: unknown;
  lastSuccess?: number;
  inFlight: boolean;
  loadingMore: boolean;
  moreError?: string;
  policy: PollPolicy;
  /** Auto-refresh re-reads every loaded page, so it pauses once a listing grows past a few pages. */
  autoRefresh: boolean;
  loadMore(): void;
  refresh(): boolean;
}

export interface ListingOptions {
  visible: boolean;
  pageSize?: number;
  policy?: PollPolicy;
  /** Largest listing (in pages) still refreshed on a timer. */
  autoMaxPages?: number;
}

export function useListing(store: ZoneStore, zone: Zone | undefined, prefix: string, options: ListingOptions): Listing {
  const { pageSize = 1000, policy = LISTING_POLL, autoMaxPages = 2 } = options;
  const pagesWanted = useRef(1);
  const resetKey = zone ? `${zone}/${prefix}` : '';

  // A refresh re-reads as many pages as are loaded, so the cursor keeps its place.
  const load = useCallback(
    async (signal: AbortSignal): Promise<ListingData> => {
      if (!zone) return { entries: [], pages: 0 };
      let entries: ZoneEntry[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await store.list(zone, prefix, { token, limit: pageSize });
        signal.throwIfAborted();
        entries = entries.concat(page.entries);
        token = page.nextToken;
        pages += 1;
      } while (token !== undefined && pages < pagesWanted.current);
      return { entries, nextToken: token, pages };
    },
    [store, zone, prefix, pageSize],
  );

  // pagesWanted still holds the previous render's page count here, which is what auto needs.
  const polled = usePolling(load, {
    visible: options.visible && zone !== undefined,
    policy,
    auto: pagesWanted.current <= autoMaxPages,
    resetKey,
  });
  pagesWanted.current = Math.max(1, polled.data?.pages ?? 1);
  const autoRefresh = pagesWanted.current <= autoMaxPages;
  const dataRef = useRef(polled.data);
  dataRef.current = polled.data;
  const moreRunning = useRef(false);
  const [loadingMore, setLoadingMore] = useState(false);
  // Remembered with the place it happened in, so moving elsewhere forgets it.
  const [failure, setFailure] = useState<{ place: string; message: string } | undefined>();
  const moreError = failure?.place === resetKey ? failure.message : undefined;

  const loadMore = useCallback(() => {
    const token = dataRef.current?.nextToken;
    if (!zone || token === undefined || moreRunning.current || moreError !== undefined) return;
    moreRunning.current = true;
    setLoadingMore(true);
    store
      .list(zone, prefix, { token, limit: pageSize })
      .then(
        (page) => {
          // Append only onto the listing the token came from (a refresh may have replaced it).
          polled.update((data) =>
            data.nextToken !== token
              ? data
              : { entries: data.entries.concat(page.entries), nextToken: page.nextToken, pages: data.pages + 1 },
          );
        },
        (error: unknown) => setFailure({ place: resetKey, message: errorMessage(error) }),
      )
      .finally(() => {
        moreRunning.current = false;
        setLoadingMore(false);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- polled.update is stable; polled itself is a new object each render
  }, [store, zone, prefix, pageSize, moreError, resetKey, polled.update]);

  const refresh = useCallback(() => {
    setFailure(undefined);
    return polled.refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- polled.refresh is stable; polled itself is a new object each render
  }, [polled.refresh]);

  return useMemo(
    () => ({
      data: polled.data,
      error: polled.error,
      lastSuccess: polled.lastSuccess,
      inFlight: polled.inFlight,
      loadingMore,
      moreError,
      policy,
      autoRefresh,
      loadMore,
      refresh,
    }),
    [polled.data, polled.error, polled.lastSuccess, polled.inFlight, loadingMore, moreError, policy, autoRefresh, loadMore, refresh],
  );
}
