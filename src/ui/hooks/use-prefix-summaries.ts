// Summaries (object count, total size) for the prefixes on screen, loaded lazily and cached per
// store, optionally reloaded on a timer; the component re-renders as each one arrives.
import { useEffect, useMemo, useState } from 'react';
import type { ZoneStore } from '../../core/zones.js';
import { SummaryLoader, type SummaryTarget } from '../summary-loader.js';

/**
 * `reloadEveryMs`: how often the summaries on screen are loaded again while shown (none by
 * default: on S3 a summary lists every object below the prefix, which costs requests).
 */
export function usePrefixSummaries(store: ZoneStore, targets: readonly SummaryTarget[], enabled: boolean, reloadEveryMs?: number): SummaryLoader {
  const [, setVersion] = useState(0);
  const loader = useMemo(() => new SummaryLoader(store, () => setVersion((v) => v + 1)), [store]);
  useEffect(() => () => loader.dispose(), [loader]);
  const wanted = targets.map((t) => `${t.zone}:${t.prefix}`).join('\n');
  useEffect(() => {
    if (enabled) loader.request(targets);
    // `wanted` stands for `targets`: a new array with the same rows must not re-queue.
  }, [loader, wanted, enabled]);
  useEffect(() => {
    if (!enabled || reloadEveryMs === undefined) return;
    const timer = setInterval(() => loader.reload(), reloadEveryMs);
    return () => clearInterval(timer);
  }, [loader, enabled, reloadEveryMs]);
  return loader;
}
