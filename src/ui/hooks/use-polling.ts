// The one refresh loop every pane uses. It loads when the pane becomes visible, re-loads on a
// timer only while visible, never starts a load while one is in flight (a tick that finds one
// running is dropped), backs off after failures and throttling, and keeps the last good data
// (with its age) when a refresh fails.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClock, type TimerHandle } from '../clock.js';
import { decideTick, nextDelay, type PollPolicy } from '../polling.js';

export interface PollingOptions<T = unknown> {
  /** Only the visible pane polls. */
  visible: boolean;
  policy: PollPolicy;
  /**
   * The policy for what was just loaded, when the pace depends on the data (a stack IN_PROGRESS
   * polls faster): read when the load settles, so the next pause already fits the new data.
   */
  policyFor?: (data: T) => PollPolicy;
  /** Periodic refresh allowed; when false only the first load and refresh() run. */
  auto?: boolean;
  /** A new value drops the data and loads afresh (another prefix, another table). */
  resetKey?: string;
}

export interface Polled<T> {
  data?: T;
  error?: unknown;
  lastSuccess?: number;
  inFlight: boolean;
  failures: number;
  /** Starts a refresh now; false (and nothing started) when one is already running. */
  refresh(): boolean;
  /** Applies a local change to the data (an appended page), keeping its age. */
  update(change: (data: T) => T): void;
}

interface PollState<T> {
  /** The resetKey this state belongs to; state of another key is never shown. */
  key?: string;
  data?: T;
  error?: unknown;
  lastSuccess?: number;
  inFlight: boolean;
  failures: number;
}

const IDLE = { inFlight: false, failures: 0 };

export function usePolling<T>(load: (signal: AbortSignal) => Promise<T>, options: PollingOptions<T>): Polled<T> {
  const clock = useClock();
  const [state, setState] = useState<PollState<T>>(IDLE);
  const loadRef = useRef(load);
  loadRef.current = load;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const running = useRef<AbortController | null>(null);
  const timer = useRef<TimerHandle | undefined>(undefined);
  const lastAttempt = useRef<number | undefined>(undefined);
  const failures = useRef(0);
  const hasData = useRef(false);
  const lastData = useRef<{ data: T } | undefined>(undefined);
  const currentPolicy = (): PollPolicy => {
    const { policy, policyFor } = optionsRef.current;
    return policyFor && lastData.current ? policyFor(lastData.current.data) : policy;
  };

  const cancelTimer = useCallback(() => {
    if (timer.current !== undefined) clock.clearTimeout(timer.current);
    timer.current = undefined;
  }, [clock]);

  const run = useCallback((): boolean => {
    if (running.current) return false;
    cancelTimer();
    const controller = new AbortController();
    running.current = controller;
    lastAttempt.current = clock.now();
    const key = optionsRef.current.resetKey;
    setState((s) => (s.key === key ? { ...s, inFlight: true } : { key, inFlight: true, failures: 0 }));
    const settle = (next: (s: PollState<T>) => PollState<T>, error?: unknown): void => {
      if (running.current !== controller) return; // superseded by a reset
      running.current = null;
      setState(next);
      schedule(nextDelay(currentPolicy(), failures.current, error));
    };
    loadRef.current(controller.signal).then(
      (data) => {
        lastData.current = { data };
        failures.current = 0;
        hasData.current = true;
        const now = clock.now();
        settle(() => ({ key, data, lastSuccess: now, inFlight: false, failures: 0 }));
      },
      (error: unknown) => {
        failures.current += 1;
        const count = failures.current;
        settle((s) => ({ ...s, error, inFlight: false, failures: count }), error);
      },
    );
    return true;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- schedule is declared below and calls run: listing it would loop the two callbacks
  }, [clock, cancelTimer]);

  const tick = useCallback(() => {
    timer.current = undefined;
    const decision = decideTick({ visible: optionsRef.current.visible, inFlight: running.current !== null });
    // A tick that finds a load running is dropped: that load's completion schedules the next one.
    if (decision === 'run') run();
  }, [run]);

  function schedule(delay: number): void {
    cancelTimer();
    const { visible, auto } = optionsRef.current;
    if (!visible || auto === false) return;
    timer.current = clock.setTimeout(tick, delay);
  }

  // A new key (or the first mount): forget the old data and load again.
  useEffect(() => {
    running.current?.abort();
    running.current = null;
    failures.current = 0;
    hasData.current = false;
    lastData.current = undefined;
    lastAttempt.current = undefined;
    setState({ ...IDLE, key: optionsRef.current.resetKey });
    if (optionsRef.current.visible) run();
    return () => {
      running.current?.abort();
      running.current = null;
      cancelTimer();
    };
  }, [options.resetKey, run, cancelTimer]);

  // Becoming visible (or auto turning on) catches up at once if a tick was missed while hidden.
  useEffect(() => {
    if (!options.visible) {
      cancelTimer();
      return;
    }
    if (running.current) return;
    const policy = currentPolicy();
    const since = lastAttempt.current === undefined ? Infinity : clock.now() - lastAttempt.current;
    const due = nextDelay(policy, failures.current);
    if (!hasData.current && lastAttempt.current === undefined) run();
    else if (options.auto !== false && since >= due) run();
    else schedule(due - since);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only showing/hiding the pane or switching auto re-plans the next load
  }, [options.visible, options.auto]);

  const update = useCallback((change: (data: T) => T) => {
    setState((s) => (s.data === undefined ? s : { ...s, data: change(s.data) }));
  }, []);

  // Right after the key changes, before the reset effect runs, the old key's data must not show.
  const current = state.key === options.resetKey ? state : IDLE;
  const { key: _key, ...shown } = current as PollState<T>;
  return { ...shown, refresh: run, update };
}
