// Summaries (object count, total size) for the prefixes on screen, loaded lazily and cached per
// store; the component re-renders as each one arrives. Reloading them on a timer goes through the
// shared refresh loop (usePolling: injected clock, visible pane only, one reload at a time).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ZoneStore } from '../../../core/zones.js';
import { usePolling } from '../../hooks/use-polling.js';
import type { PollPolicy } from '../../polling.js';
import { SummaryLoader, type SummaryTarget } from './summary-loader.js';

/**
 * `reloadPolicy`: how often the summaries on screen are loaded again while shown (none by
 * default: on S3 a summary lists every object below the prefix, which costs requests).
 */
export function usePrefixSummaries(
  store: ZoneStore,
  targets: readonly SummaryTarget[],
  enabled: boolean,
  reloadPolicy?: PollPolicy,
): SummaryLoader {
  const [, setVersion] = useState(0);
  const loader = useMemo(() => new SummaryLoader(store, () => setVersion((v) => v + 1)), [store]);
  useEffect(() => () => loader.dispose(), [loader]);
  const wanted = targets.map((t) => `${t.zone}:${t.prefix}`).join('\n');
  useEffect(() => {
    if (enabled) loader.request(targets);
    // `wanted` stands for `targets`: a new array with the same rows must not re-queue.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [loader, wanted, enabled]);
  const reload = useCallback(() => loader.reload(), [loader]);
  usePolling(reload, {
    visible: enabled && reloadPolicy !== undefined,
    // Unused when not visible: nothing is scheduled then.
    policy: reloadPolicy ?? NEVER,
  });
  return loader;
}

const NEVER: PollPolicy = { intervalMs: Infinity, maxBackoffMs: Infinity, staleAfterMs: Infinity };
