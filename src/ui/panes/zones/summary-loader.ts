// Object counts and total sizes of prefixes, fetched lazily: only for rows on screen, at most a
// couple at a time, newest request first, and cached (a summary walks every object below).
import { errorMessage } from '../../../core/errors.js';
import type { PrefixSummary, Zone, ZoneStore } from '../../../core/zones.js';

export type SummaryState = { status: 'loading' } | { status: 'ok'; summary: PrefixSummary } | { status: 'error'; message: string };

export interface SummaryTarget {
  zone: Zone;
  prefix: string;
}

const keyOf = (zone: Zone, prefix: string): string => `${zone}:${prefix}`;

export class SummaryLoader {
  private readonly cache = new Map<string, SummaryState>();
  private queue: SummaryTarget[] = [];
  private wanted: readonly SummaryTarget[] = [];
  /** Known summaries queued or running to be loaded again: they stay on screen meanwhile. */
  private readonly reloadQueued = new Set<string>();
  private readonly reloadsRunning = new Set<string>();
  private running = 0;
  private readonly abort = new AbortController();
  /** Callers of reload() waiting for the reloads they queued to finish. */
  private reloadWaiters: (() => void)[] = [];

  constructor(
    private readonly store: ZoneStore,
    private readonly onChange: () => void,
    private readonly concurrency = 2,
    private readonly maxEntries = 5000,
  ) {}

  get(zone: Zone, prefix: string): SummaryState | undefined {
    return this.cache.get(keyOf(zone, prefix));
  }

  /** The rows on screen now: what is not known yet is queued, replacing rows scrolled away. */
  request(targets: readonly SummaryTarget[]): void {
    this.wanted = targets;
    // A new screen drops queued reloads; the next reload() asks again for what is still shown.
    this.reloadQueued.clear();
    this.queue = targets.filter((t) => !this.cache.has(keyOf(t.zone, t.prefix)));
    this.pump();
    this.settleReloads();
  }

  /** Drops cached summaries at and below `prefix` (a refresh) and loads the rows on screen again. */
  forget(zone: Zone, prefix = ''): void {
    for (const key of [...this.cache.keys()]) {
      if (key.startsWith(keyOf(zone, prefix)) && this.cache.get(key)?.status !== 'loading') this.cache.delete(key);
    }
    this.request(this.wanted);
  }

  /**
   * Loads the summaries on screen again, showing the known ones meanwhile: new objects (a sample
   * seeding, an ingestion run) show up without a refresh that blanks the table. Resolves once
   * no reload is queued or running (the refresh loop starts the next one only then).
   */
  reload(): Promise<void> {
    for (const target of this.wanted) {
      const key = keyOf(target.zone, target.prefix);
      const state = this.cache.get(key);
      if (state && state.status !== 'loading' && !this.reloadQueued.has(key) && !this.reloadsRunning.has(key)) {
        this.reloadQueued.add(key);
        this.queue.push(target);
      }
    }
    const settled = new Promise<void>((resolve) => this.reloadWaiters.push(resolve));
    this.pump();
    this.settleReloads();
    return settled;
  }

  dispose(): void {
    this.queue = [];
    this.abort.abort();
    this.reloadQueued.clear();
    this.reloadsRunning.clear();
    this.settleReloads();
  }

  private settleReloads(): void {
    if (this.reloadQueued.size > 0 || this.reloadsRunning.size > 0) return;
    const waiters = this.reloadWaiters;
    this.reloadWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private pump(): void {
    let started = false;
    while (this.running < this.concurrency && this.queue.length > 0 && !this.abort.signal.aborted) {
      const target = this.queue.shift() as SummaryTarget;
      const key = keyOf(target.zone, target.prefix);
      const again = this.reloadQueued.delete(key);
      if (this.cache.has(key) && !again) continue;
      if (again) {
        this.reloadsRunning.add(key);
      } else {
        this.set(key, { status: 'loading' });
        started = true;
      }
      this.running += 1;
      this.store
        .summarize(target.zone, target.prefix, this.abort.signal)
        .then(
          (summary) => this.set(key, { status: 'ok', summary }),
          (error: unknown) => this.set(key, { status: 'error', message: errorMessage(error) }),
        )
        .finally(() => {
          this.reloadsRunning.delete(key);
          this.running -= 1;
          if (this.abort.signal.aborted) return;
          this.onChange();
          this.pump();
          this.settleReloads();
        });
    }
    // Rows show '…' while their summary loads.
    if (started) this.onChange();
  }

  private set(key: string, state: SummaryState): void {
    this.cache.delete(key);
    this.cache.set(key, state);
    // Oldest first in a Map: evict from the front once the cache is full.
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value as string;
      this.cache.delete(oldest);
    }
  }
}
