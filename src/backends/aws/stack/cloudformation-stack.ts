// The Stack view's service on aws: DescribeStacks for status, outputs, parameters and drift, and
// DescribeStackEvents page by page. The description the target was resolved from at start (one
// DescribeStacks, target.ts) serves the view's first look while it is fresh, so opening the view
// right after start costs no second call.
import { DescribeStackEventsCommand, DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { LakeError } from '../../../core/errors.js';
import type { StackEventsPage, StackService, StackSummary } from '../../../core/stack.js';
import { toLakeError } from '../errors.js';
import { toStackEvent, toStackSummary } from './stack-summary.js';

/** How long the start-time description stands in for a fresh DescribeStacks. */
export const SEED_FRESH_MS = 10_000;

export interface CloudFormationStackOptions {
  stackName: string;
  endpoint?: string;
  /** The DescribeStacks answer the target was resolved from, and when it came. */
  seed?: { stack: Stack; at: number };
  now?: () => number;
}

export class CloudFormationStackService implements StackService {
  readonly stackName: string;
  private seed: CloudFormationStackOptions['seed'];
  private readonly now: () => number;

  constructor(
    private readonly cf: CloudFormationClient,
    private readonly options: CloudFormationStackOptions,
  ) {
    this.stackName = options.stackName;
    this.seed = options.seed;
    this.now = options.now ?? Date.now;
  }

  async describe(signal?: AbortSignal): Promise<StackSummary> {
    const seed = this.seed;
    this.seed = undefined;
    if (seed && this.now() - seed.at < SEED_FRESH_MS) return toStackSummary(seed.stack, this.stackName);
    let stack: Stack | undefined;
    try {
      stack = (await this.cf.send(new DescribeStacksCommand({ StackName: this.stackName }), { abortSignal: signal })).Stacks?.[0];
    } catch (error) {
      throw this.failure(error, 'reading');
    }
    if (!stack) throw new LakeError('not-found', `Stack '${this.stackName}' no longer exists (deleted since lakedeck started?)`);
    return toStackSummary(stack, this.stackName);
  }

  async events(nextToken?: string, signal?: AbortSignal): Promise<StackEventsPage> {
    try {
      const page = await this.cf.send(new DescribeStackEventsCommand({ StackName: this.stackName, NextToken: nextToken }), {
        abortSignal: signal,
      });
      return { events: (page.StackEvents ?? []).map(toStackEvent), ...(page.NextToken ? { nextToken: page.NextToken } : {}) };
    } catch (error) {
      throw this.failure(error, 'reading the events of');
    }
  }

  private failure(error: unknown, doing: string): LakeError {
    const e = error as { name?: string; message?: string };
    if (e.name === 'ValidationError' && /does not exist/.test(e.message ?? '')) {
      return new LakeError('not-found', `Stack '${this.stackName}' no longer exists (deleted since lakedeck started?)`, { cause: error });
    }
    return toLakeError(error, { what: `${doing} stack '${this.stackName}'`, endpoint: this.options.endpoint });
  }
}
