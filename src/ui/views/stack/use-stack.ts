// The stack's description and its newest events, through the shared refresh loop (usePolling):
// loaded when the view opens, refreshed only while it is open — every few seconds while the stack
// is IN_PROGRESS, twice a minute once it settled — and older event pages loaded on demand.
import { useCallback, useRef, useState } from 'react';
import { stackInProgress, type StackEvent, type StackService, type StackSummary } from '../../../core/stack.js';
import { usePolling, type Polled } from '../../hooks/use-polling.js';
import type { PollPolicy } from '../../polling.js';
import { STACK_ACTIVE_POLL, STACK_IDLE_POLL } from '../../refresh-settings.js';

export interface StackData {
  summary: StackSummary;
  /** Newest first. */
  events: readonly StackEvent[];
  /** Where the older events continue, while there are more. */
  nextToken?: string;
  /** Older pages were loaded by hand: a refresh keeps them below the newest page. */
  olderLoaded: boolean;
}

export interface StackState extends Polled<StackData> {
  inProgress: boolean;
  loadingOlder: boolean;
  olderError?: unknown;
  loadOlder(): void;
}

/** The newest page first, then the events already held that it does not repeat. */
export function mergeEvents(newest: readonly StackEvent[], held: readonly StackEvent[]): StackEvent[] {
  const ids = new Set(newest.map((e) => e.id));
  return [...newest, ...held.filter((e) => !ids.has(e.id))];
}

/** Every few seconds while CloudFormation works on the stack, twice a minute once it settled. */
export function paceFor(data: StackData): PollPolicy {
  return stackInProgress(data.summary.status) ? STACK_ACTIVE_POLL : STACK_IDLE_POLL;
}

export function useStack(service: StackService): StackState {
  const held = useRef<StackData | undefined>(undefined);
  const load = useCallback(
    async (signal: AbortSignal): Promise<StackData> => {
      const [summary, page] = await Promise.all([service.describe(signal), service.events(undefined, signal)]);
      const previous = held.current;
      if (previous?.olderLoaded) {
        return { summary, events: mergeEvents(page.events, previous.events), nextToken: previous.nextToken, olderLoaded: true };
      }
      return { summary, events: page.events, nextToken: page.nextToken, olderLoaded: false };
    },
    [service],
  );
  const polled = usePolling(load, { visible: true, policy: STACK_IDLE_POLL, policyFor: paceFor, resetKey: service.stackName });
  held.current = polled.data;

  const [older, setOlder] = useState<{ loading: boolean; error?: unknown }>({ loading: false });
  // The page being read, so a page is asked for once however often the cursor asks.
  const asking = useRef<string | undefined>(undefined);
  const { update } = polled;
  const loadOlder = useCallback(() => {
    const token = held.current?.nextToken;
    if (!token || asking.current !== undefined) return;
    asking.current = token;
    setOlder({ loading: true });
    service.events(token).then(
      (page) => {
        update((data) => ({ ...data, events: mergeEvents(data.events, page.events), nextToken: page.nextToken, olderLoaded: true }));
        setOlder({ loading: false });
        asking.current = undefined;
      },
      (error: unknown) => {
        setOlder({ loading: false, error });
        asking.current = undefined;
      },
    );
  }, [service, update]);

  const nowInProgress = polled.data !== undefined && stackInProgress(polled.data.summary.status);
  return { ...polled, inProgress: nowInProgress, loadingOlder: older.loading, olderError: older.error, loadOlder };
}
