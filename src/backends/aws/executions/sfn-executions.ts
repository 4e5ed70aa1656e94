// Executions on the aws backend: the stack's state machine (StateMachineArn output) through Step
// Functions, and its EventBridge schedule (ScheduleRuleName output). History is read page by page
// (newest first for the live tail); RedriveExecution is sent as is, and an endpoint that does not
// implement it (moto) is named in the error.
import { DescribeRuleCommand, DisableRuleCommand, EnableRuleCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { LakeError } from '../../../core/errors.js';
import type {
  ExecutionDetail,
  ExecutionsService,
  ExecutionStatus,
  ExecutionSummary,
  HistoryOptions,
  HistoryPage,
  ListOptions,
  ScheduleInfo,
  StartRequest,
} from '../../../core/executions.js';
import { toLakeError } from '../errors.js';
import { nextRun } from './next-run.js';
import { flattenHistory } from './sfn-history.js';

export interface SfnExecutionsOptions {
  sfn: SFNClient;
  events?: EventBridgeClient;
  stateMachineArn: string;
  scheduleRuleName?: string;
  readOnly: boolean;
  endpoint?: string;
  now?: () => Date;
}

const RUN_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SfnExecutionsService implements ExecutionsService {
  constructor(private readonly options: SfnExecutionsOptions) {}

  private async call<T>(what: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'ExecutionDoesNotExist') throw new LakeError('not-found', `${what}: no such execution`, { cause: error });
      if (name === 'ExecutionAlreadyExists')
        throw new LakeError('bad-input', `${what}: an execution with that name exists already`, { cause: error });
      throw toLakeError(error, { what, endpoint: this.options.endpoint });
    }
  }

  private refuseWrites(action: string): void {
    if (this.options.readOnly)
      throw new LakeError('read-only', `Read-only mode: ${action} refused (start lakedeck without --read-only to allow it)`);
  }

  async list(options: ListOptions = {}): Promise<ExecutionSummary[]> {
    const limit = options.limit ?? 100;
    const out: ExecutionSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call('listing executions', () =>
        this.options.sfn.send(
          new ListExecutionsCommand({
            stateMachineArn: this.options.stateMachineArn,
            statusFilter: options.status,
            maxResults: Math.min(100, limit - out.length),
            nextToken,
          }),
        ),
      );
      for (const item of page.executions ?? []) {
        out.push({
          arn: item.executionArn!,
          name: item.name!,
          status: item.status as ExecutionStatus,
          startedAt: item.startDate ?? new Date(0),
          stoppedAt: item.stopDate,
          redriveCount: item.redriveCount,
        });
      }
      nextToken = page.nextToken;
    } while (nextToken && out.length < limit);
    return out.slice(0, limit);
  }

  async definition(): Promise<string> {
    const machine = await this.call('reading the state machine', () =>
      this.options.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: this.options.stateMachineArn })),
    );
    return machine.definition ?? '{}';
  }

  async describe(arn: string): Promise<ExecutionDetail> {
    const found = await this.call(`describing ${arn}`, () =>
      this.options.sfn.send(new DescribeExecutionCommand({ executionArn: this.arnOf(arn) })),
    );
    return {
      arn: found.executionArn!,
      name: found.name!,
      status: found.status as ExecutionStatus,
      startedAt: found.startDate ?? new Date(0),
      stoppedAt: found.stopDate,
      trigger: triggerOf(found.input),
      redriveCount: found.redriveCount,
      input: found.input ?? '{}',
      output: found.output,
      error: found.error,
      cause: found.cause,
    };
  }

  async history(arn: string, options: HistoryOptions = {}): Promise<HistoryPage> {
    const page = await this.call(`reading the history of ${arn}`, () =>
      this.options.sfn.send(
        new GetExecutionHistoryCommand({
          executionArn: this.arnOf(arn),
          reverseOrder: options.reverse ?? false,
          maxResults: options.maxResults,
          nextToken: options.nextToken,
          includeExecutionData: true,
        }),
      ),
    );
    const events = flattenHistory(page.events ?? []);
    // An endpoint that ignores reverseOrder (moto) still gives the tail newest first.
    const ascending = events.length > 1 && events[0].id < events[events.length - 1].id;
    if (options.reverse && ascending) events.reverse();
    if (!options.reverse && events.length > 1 && !ascending) events.reverse();
    return { events, nextToken: page.nextToken };
  }

  async start(request: StartRequest = {}): Promise<ExecutionSummary> {
    this.refuseWrites('starting an execution');
    if (request.runDate !== undefined && !RUN_DATE.test(request.runDate))
      throw new LakeError('bad-input', `Run date '${request.runDate}' is not YYYY-MM-DD`);
    if (request.skip && request.skip.length > 0) {
      throw new LakeError(
        'bad-input',
        'The deployed state machine ingests every source (its Lambda payload has no switch): --skip works on the local backend only',
      );
    }
    const input: Record<string, unknown> = {};
    if (request.runDate !== undefined) input.runDate = request.runDate;
    if (request.force !== undefined) input.force = request.force;
    if (request.trigger) input.trigger = request.trigger;
    const started = await this.call('starting an execution', () =>
      this.options.sfn.send(
        new StartExecutionCommand({ stateMachineArn: this.options.stateMachineArn, name: request.name, input: JSON.stringify(input) }),
      ),
    );
    const arn = started.executionArn!;
    return {
      arn,
      name: arn.slice(arn.lastIndexOf(':') + 1),
      status: 'RUNNING',
      startedAt: started.startDate ?? new Date(),
      trigger: request.trigger,
    };
  }

  async stop(arn: string, cause: string): Promise<void> {
    this.refuseWrites(`stopping execution ${arn}`);
    await this.call(`stopping ${arn}`, () =>
      this.options.sfn.send(new StopExecutionCommand({ executionArn: this.arnOf(arn), error: 'Stopped', cause })),
    );
  }

  async redrive(arn: string): Promise<ExecutionSummary> {
    this.refuseWrites(`redriving execution ${arn}`);
    try {
      await this.options.sfn.send(new RedriveExecutionCommand({ executionArn: this.arnOf(arn) }));
    } catch (error) {
      const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } };
      const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
      // moto answers an action it lacks with an HTML 404 page, which the SDK cannot parse.
      if (/not (yet )?implemented|<!doctype|<html/i.test(e.message ?? '') || status === 501 || status === 404) {
        throw new LakeError(
          'bad-input',
          `RedriveExecution is unavailable at ${this.options.endpoint ?? 'this endpoint'} (moto lacks it): redrive ${arn} on AWS itself, or start a new execution`,
          { cause: error },
        );
      }
      throw toLakeError(error, { what: `redriving ${arn}`, endpoint: this.options.endpoint });
    }
    const detail = await this.describe(arn);
    return detail;
  }

  async schedule(): Promise<ScheduleInfo> {
    const { events, scheduleRuleName } = this.scheduleParts();
    const rule = await this.call(`reading the schedule ${scheduleRuleName}`, () =>
      events.send(new DescribeRuleCommand({ Name: scheduleRuleName })),
    );
    const expression = rule.ScheduleExpression ?? '';
    const enabled = rule.State === 'ENABLED';
    return {
      ruleName: scheduleRuleName,
      expression,
      enabled,
      nextRun: enabled ? nextRun(expression, (this.options.now ?? (() => new Date()))()) : undefined,
    };
  }

  async setScheduleEnabled(enabled: boolean): Promise<void> {
    this.refuseWrites(`${enabled ? 'enabling' : 'disabling'} the schedule`);
    const { events, scheduleRuleName } = this.scheduleParts();
    await this.call(`${enabled ? 'enabling' : 'disabling'} the schedule ${scheduleRuleName}`, () =>
      events.send(enabled ? new EnableRuleCommand({ Name: scheduleRuleName }) : new DisableRuleCommand({ Name: scheduleRuleName })),
    );
  }

  private scheduleParts(): { events: EventBridgeClient; scheduleRuleName: string } {
    if (!this.options.events || !this.options.scheduleRuleName)
      throw new LakeError('config', 'The stack names no schedule (ScheduleRuleName output)');
    return { events: this.options.events, scheduleRuleName: this.options.scheduleRuleName };
  }

  /** A bare execution name becomes the ARN under the stack's state machine. */
  private arnOf(arnOrName: string): string {
    if (arnOrName.startsWith('arn:')) return arnOrName;
    return `${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${arnOrName}`;
  }
}

function triggerOf(input: string | undefined): string | undefined {
  try {
    const trigger = (JSON.parse(input ?? '{}') as { trigger?: unknown }).trigger;
    return typeof trigger === 'string' ? trigger : undefined;
  } catch {
    return undefined;
  }
}
