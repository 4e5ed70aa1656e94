// Follows a stack's events while CloudFormation works: each new event printed once, oldest
// first, until the stack settles; on a rollback, the first resource that failed and its reason
// (the cause — later failures are mostly "Resource creation cancelled").
import {
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type CloudFormationClient,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { toLakeError } from '../backends/aws/errors.js';

export interface SettledStack {
  status: string;
  ok: boolean;
  /** On failure: the first failed resource and CloudFormation's reason. */
  firstFailure?: { logicalId: string; resourceType: string; reason: string };
}

const SUCCESS = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'DELETE_COMPLETE', 'IMPORT_COMPLETE']);
const CANCELLED = /cancelled|canceled/i;

export function isSettled(status: string): boolean {
  return !status.endsWith('_IN_PROGRESS');
}

export function formatEvent(event: StackEvent): string {
  const time = event.Timestamp ? event.Timestamp.toISOString().slice(11, 19) : '--:--:--';
  const reason = event.ResourceStatusReason ? `  ${event.ResourceStatusReason}` : '';
  return `${time}  ${(event.ResourceStatus ?? '').padEnd(20)} ${event.LogicalResourceId} (${event.ResourceType})${reason}`;
}

/** The first failed resource among events (oldest first), skipping cascade cancellations. */
export function firstFailure(events: StackEvent[], stackName: string): SettledStack['firstFailure'] {
  const failed = events.filter((e) => (e.ResourceStatus ?? '').endsWith('_FAILED') && e.ResourceStatusReason);
  const cause =
    failed.find((e) => e.LogicalResourceId !== stackName && !CANCELLED.test(e.ResourceStatusReason!)) ??
    failed.find((e) => e.LogicalResourceId !== stackName) ??
    failed[0];
  if (!cause) return undefined;
  return { logicalId: cause.LogicalResourceId ?? '?', resourceType: cause.ResourceType ?? '?', reason: cause.ResourceStatusReason! };
}

/** The ids of the events the stack has now: what `follow` must not print again. */
export async function seenEventIds(cf: CloudFormationClient, stackId: string): Promise<Set<string>> {
  try {
    const page = await cf.send(new DescribeStackEventsCommand({ StackName: stackId }));
    return new Set((page.StackEvents ?? []).map((e) => e.EventId!));
  } catch {
    return new Set();
  }
}

async function newEvents(cf: CloudFormationClient, stackId: string, seen: Set<string>): Promise<StackEvent[]> {
  const fresh: StackEvent[] = [];
  let next: string | undefined;
  do {
    const page = await cf.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: next }));
    const events = page.StackEvents ?? [];
    const unseen = events.filter((e) => !seen.has(e.EventId!));
    fresh.push(...unseen);
    // Newest first: once a page holds an event already seen, older pages hold only seen ones.
    next = unseen.length === events.length ? page.NextToken : undefined;
  } while (next);
  for (const e of fresh) seen.add(e.EventId!);
  return fresh.reverse();
}

export interface FollowOptions {
  stackId: string;
  stackName: string;
  seen: Set<string>;
  print: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  pollMs: number;
}

export async function followStack(cf: CloudFormationClient, options: FollowOptions): Promise<SettledStack> {
  const { stackId, stackName, seen, print } = options;
  const all: StackEvent[] = [];
  for (;;) {
    let status: string;
    try {
      const events = await newEvents(cf, stackId, seen);
      for (const event of events) print(formatEvent(event));
      all.push(...events);
      const stack = (await cf.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0];
      status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    } catch (error) {
      throw toLakeError(error, { what: `following the events of stack '${stackName}'` });
    }
    if (isSettled(status)) {
      // Events written between the last read and the status change.
      const tail = await newEvents(cf, stackId, seen).catch(() => []);
      for (const event of tail) print(formatEvent(event));
      all.push(...tail);
      const ok = SUCCESS.has(status);
      return { status, ok, firstFailure: ok ? undefined : firstFailure(all, stackName) };
    }
    await options.sleep(options.pollMs);
  }
}
