// Executions on the local backend: the pipeline's ASL file run by aws-local-stepfunctions in this
// process, each Task state bound to a local handler (task-handlers.ts). The process that starts
// an execution owns it: it records every event as it happens and the final status; any console
// on the lake reads the records, asks the owner to stop (it aborts), and calls an execution whose
// owner died ABORTED with the reason.
import { LakeError, errorMessage } from '../../../core/errors.js';
import {
  isExecutionActive,
  type ExecutionDetail,
  type ExecutionsService,
  type ExecutionSummary,
  type HistoryEvent,
  type HistoryOptions,
  type HistoryPage,
  type ListOptions,
  type PipelineNotification,
  type StartRequest,
} from '../../../core/executions.js';
import { SOURCE_NAMES, type IngestionService } from '../../../core/ingestion.js';
import type { QueryService } from '../../../core/query.js';
import { isAlive } from '../steps/process-tree.js';
import { ClusterRecords } from './cluster-records.js';
import { LOCAL_STATE_MACHINE_ARN, loadPipelineDefinition, topLevelOf, type AslDefinition, type AslState } from './definition.js';
import { ExecutionFiles, type ExecutionRecord, type StoredEvent } from './execution-files.js';
import { jsonText, mapEvent, type InterpreterEvent } from './history-events.js';
import { bindTaskHandlers, type RunContext, type StepRunner } from './task-handlers.js';

export interface LocalExecutionsOptions {
  lake: string;
  readOnly: boolean;
  ingestion?: IngestionService;
  steps: StepRunner;
  query?: QueryService;
  /** Sources switched off in the configuration (LAKEDECK_SKIP_SOURCES). */
  skipSources?: string[];
  now?: () => Date;
  env?: Record<string, string | undefined>;
  /** How often the owner looks for a stop asked by another console (ms). */
  stopCheckMs?: number;
  /** Records an execution's points once its final state is written (local metrics). */
  onFinished?: (record: ExecutionRecord) => Promise<void>;
}

interface ActiveRun {
  context: RunContext;
  abort: () => void;
  stopCause?: string;
  done?: Promise<ExecutionRecord>;
}

/** Executions this process runs (shared by every service instance in it), by execution folder. */
const ACTIVE = new Map<string, ActiveRun>();
const RUN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EXECUTION_PREFIX = LOCAL_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:');

/** The ASL interpreter and its Node 20 polyfill load with the first run, not with every command. */
async function loadInterpreter(): Promise<typeof import('aws-local-stepfunctions').StateMachine> {
  // @ts-expect-error: core-js ships no types for this entry; it only installs Promise.withResolvers.
  await import('core-js/actual/promise/with-resolvers.js');
  return (await import('aws-local-stepfunctions')).StateMachine;
}

export class LocalExecutionsService implements ExecutionsService {
  private readonly files: ExecutionFiles;
  private readonly clusters: ClusterRecords;
  private readonly now: () => Date;
  private definitionCache?: AslDefinition;

  constructor(private readonly options: LocalExecutionsOptions) {
    this.files = new ExecutionFiles(options.lake);
    this.now = options.now ?? (() => new Date());
    this.clusters = new ClusterRecords(options.lake, this.now);
  }

  private get aslDefinition(): AslDefinition {
    this.definitionCache ??= loadPipelineDefinition(this.options.env);
    return this.definitionCache;
  }

  async list(options: ListOptions = {}): Promise<ExecutionSummary[]> {
    const names = await this.files.names();
    const records = await Promise.all(names.map((name) => this.files.read(name).catch(() => undefined)));
    const current = await Promise.all(
      records.filter((record): record is ExecutionRecord => record !== undefined).map((record) => this.reconcile(record)),
    );
    return current
      .filter((record) => !options.status || record.status === options.status)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, options.limit ?? Infinity)
      .map(summaryOf);
  }

  async definition(): Promise<string> {
    return JSON.stringify(this.aslDefinition);
  }

  async describe(arn: string): Promise<ExecutionDetail> {
    const record = await this.record(arn);
    return { ...summaryOf(record), input: record.input, output: record.output, error: record.error, cause: record.cause };
  }

  async history(arn: string, options: HistoryOptions = {}): Promise<HistoryPage> {
    const record = await this.record(arn);
    const events = (await this.files.events(record.name)).map(historyEventOf);
    if (options.reverse) events.reverse();
    const from = options.nextToken ? Number(options.nextToken) : 0;
    if (!Number.isInteger(from) || from < 0) throw new LakeError('bad-input', `Not a history page token: '${options.nextToken}'`);
    const size = options.maxResults ?? 1000;
    const page = events.slice(from, from + size);
    return { events: page, nextToken: from + size < events.length ? String(from + size) : undefined };
  }

  async start(request: StartRequest = {}): Promise<ExecutionSummary> {
    this.refuseWrites('starting an execution');
    if (request.runDate !== undefined && !RUN_DATE.test(request.runDate))
      throw new LakeError('bad-input', `Run date '${request.runDate}' is not YYYY-MM-DD`);
    for (const source of request.skip ?? []) {
      if (!(SOURCE_NAMES as readonly string[]).includes(source))
        throw new LakeError('bad-input', `Unknown source '${source}' to skip: use ${SOURCE_NAMES.join(', ')}`);
    }
    const definition = this.aslDefinition;
    const input: Record<string, unknown> = {};
    if (request.runDate !== undefined) input.runDate = request.runDate;
    if (request.force !== undefined) input.force = request.force;
    if (request.skip && request.skip.length > 0) input.skip = request.skip;
    if (request.trigger) input.trigger = request.trigger;
    const started = this.now();
    const name = request.name ?? this.files.newName(started);
    const record: ExecutionRecord = {
      arn: `${EXECUTION_PREFIX}:${name}`,
      name,
      status: 'RUNNING',
      input: JSON.stringify(input),
      startedAt: started.toISOString(),
      trigger: request.trigger,
      redriveCount: 0,
      ownerPid: process.pid,
    };
    await this.files.create(record);
    this.launch(await loadInterpreter(), record, definition, input, { redrive: false, previousEvents: 0, clusterId: undefined });
    return summaryOf(record);
  }

  async stop(arn: string, cause: string): Promise<void> {
    this.refuseWrites(`stopping execution ${arn}`);
    const record = await this.record(arn);
    if (!isExecutionActive(record.status))
      throw new LakeError('bad-input', `Execution ${record.name} is ${record.status}: only a running execution can be stopped`);
    const run = ACTIVE.get(this.files.dir(record.name));
    if (run) {
      await this.abortRun(run, cause);
      await run.done;
      return;
    }
    // Owned by another console: ask it, and wait for it to record the stop (or to be found dead).
    await this.files.write({ ...record, stopRequested: { cause, at: this.now().toISOString() } });
    for (let waited = 0; waited < 60_000; waited += 200) {
      const current = await this.record(arn);
      if (!isExecutionActive(current.status)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new LakeError(
      'bad-input',
      `Execution ${record.name} did not stop within a minute: its console (pid ${record.ownerPid}) does not answer`,
    );
  }

  runningHere(): { arn: string; name: string }[] {
    return [...ACTIVE.values()]
      .filter((run) => run.stopCause === undefined)
      .map((run) => ({ arn: run.context.executionArn, name: nameOf(run.context.executionArn) }));
  }

  async redrive(arn: string): Promise<ExecutionSummary> {
    this.refuseWrites(`redriving execution ${arn}`);
    const record = await this.record(arn);
    if (record.status !== 'FAILED' && record.status !== 'TIMED_OUT') {
      throw new LakeError(
        'bad-input',
        `Execution ${record.name} is ${record.status}: only a failed or timed-out execution can be redriven`,
      );
    }
    const events = await this.files.events(record.name);
    const restart = redrivePoint(this.aslDefinition, events);
    if (!restart) throw new LakeError('bad-input', `Execution ${record.name} has no failed state to redrive from in its history`);
    const input = JSON.parse(restart.input ?? '{}') as Record<string, unknown>;
    const clusterId = (input.cluster as { ClusterId?: string } | undefined)?.ClusterId;
    if (clusterId) await this.clusters.reopen(clusterId);
    const redriven: ExecutionRecord = {
      ...record,
      status: 'RUNNING',
      output: undefined,
      error: undefined,
      cause: undefined,
      stoppedAt: undefined,
      stopRequested: undefined,
      redriveCount: record.redriveCount + 1,
      ownerPid: process.pid,
    };
    await this.files.write(redriven);
    this.launch(await loadInterpreter(), redriven, { ...this.aslDefinition, StartAt: restart.state }, input, {
      redrive: true,
      previousEvents: events.length,
      clusterId,
    });
    return summaryOf(redriven);
  }

  async notifications(limit = 50): Promise<PipelineNotification[]> {
    const stored = await this.files.notifications();
    return stored
      .reverse()
      .slice(0, limit)
      .map((item) => ({ at: new Date(item.at), executionArn: item.executionArn, subject: item.subject, message: item.message }));
  }

  /** Resolves with the final summary of an execution this process runs (the CLI, tests). */
  async waitFor(arn: string): Promise<ExecutionSummary> {
    const run = ACTIVE.get(this.files.dir(nameOf(arn)));
    if (!run?.done) return summaryOf(await this.record(arn));
    return summaryOf(await run.done);
  }

  private refuseWrites(action: string): void {
    if (this.options.readOnly)
      throw new LakeError('read-only', `Read-only mode: ${action} refused (start lakedeck without --read-only to allow it)`);
  }

  private launch(
    interpreter: Awaited<ReturnType<typeof loadInterpreter>>,
    record: ExecutionRecord,
    definition: AslDefinition,
    input: Record<string, unknown>,
    how: { redrive: boolean; previousEvents: number; clusterId?: string },
  ): void {
    const skip = new Set([...(this.options.skipSources ?? []), ...((input.skip as string[] | undefined) ?? [])]);
    const context: RunContext = {
      executionArn: record.arn,
      skip,
      runningSteps: new Map(),
      clusterId: how.clusterId,
      aborted: () => run.stopCause !== undefined,
    };
    const run: ActiveRun = { context, abort: () => {} };
    const handlers = bindTaskHandlers(
      allStates(definition.States),
      {
        ingestion: this.options.ingestion,
        steps: this.options.steps,
        query: this.options.query,
        clusters: this.clusters,
        files: this.files,
        now: this.now,
      },
      context,
    );
    // A redrive starts mid-definition, so the states before it are unreachable: the definition
    // itself was validated when the execution first started.
    const machine = new interpreter(definition as never, { validationOptions: how.redrive ? { noValidate: true } : { checkArn: false } });
    const execution = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      context: { Execution: { Id: record.arn, Name: record.name } },
    });

    let nextId = how.previousEvents + 1;
    let writes = Promise.resolve();
    const append = (events: Omit<StoredEvent, 'id' | 'previousEventId'>[]) => {
      const stored = events.map((event) => {
        const id = nextId++;
        return { id, previousEventId: id - 1, ...event };
      });
      writes = writes.then(() => this.files.appendEvents(record.name, stored)).catch(() => {});
      return stored;
    };
    // A task's TaskSubmitted goes after its state's entered event, which the interpreter's event
    // stream may not have handed over yet when the task submits.
    const entered = new Set<string>();
    const afterEntered = new Map<string, (() => void)[]>();
    context.submitted = (stateName, output) => {
      const write = () =>
        void append([{ type: 'TaskSubmitted', timestamp: this.now().toISOString(), stateName, output: jsonText(output) }]);
      if (entered.has(stateName)) write();
      else afterEntered.set(stateName, [...(afterEntered.get(stateName) ?? []), write]);
    };
    let finalEvent: StoredEvent | undefined;
    const consumed = (async () => {
      for await (const event of execution.eventLogs as AsyncIterable<InterpreterEvent>) {
        const mapped = mapEvent(event);
        if (!mapped) continue;
        if (how.redrive && mapped.type === 'ExecutionStarted') mapped.type = 'ExecutionRedriven';
        const [stored] = append([mapped]);
        if (/^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(stored.type)) finalEvent = stored;
        if (stored.stateName && stored.type.endsWith('StateEntered')) {
          entered.add(stored.stateName);
          for (const write of afterEntered.get(stored.stateName) ?? []) write();
          afterEntered.delete(stored.stateName);
        }
      }
    })();

    const stopWatch = setInterval(() => {
      void this.files
        .read(record.name)
        .then((current) => {
          if (current?.stopRequested && run.stopCause === undefined) void this.abortRun(run, current.stopRequested.cause);
        })
        .catch(() => {});
    }, this.options.stopCheckMs ?? 1_000);
    stopWatch.unref();

    run.abort = execution.abort;
    ACTIVE.set(this.files.dir(record.name), run);
    run.done = (async (): Promise<ExecutionRecord> => {
      let outcome: Partial<ExecutionRecord>;
      try {
        const output = await execution.result;
        outcome = { status: 'SUCCEEDED', output: jsonText(output) };
      } catch (error) {
        const name = (error as Error)?.name;
        if (run.stopCause !== undefined || name === 'ExecutionAbortedError')
          outcome = { status: 'ABORTED', error: 'Stopped', cause: run.stopCause ?? 'aborted' };
        else if (name === 'ExecutionTimeoutError')
          outcome = {
            status: 'TIMED_OUT',
            error: 'States.Timeout',
            cause: 'the execution ran longer than the definition’s TimeoutSeconds',
          };
        else outcome = { status: 'FAILED', error: name, cause: errorMessage(error) };
      } finally {
        clearInterval(stopWatch);
      }
      await consumed.catch(() => {});
      if (outcome.status === 'FAILED' && finalEvent?.type === 'ExecutionFailed')
        outcome = { ...outcome, error: finalEvent.error, cause: finalEvent.cause };
      if (outcome.status === 'ABORTED' && finalEvent?.type !== 'ExecutionAborted')
        append([{ type: 'ExecutionAborted', timestamp: this.now().toISOString(), cause: outcome.cause }]);
      await writes;
      const latest = (await this.files.read(record.name)) ?? record;
      const final: ExecutionRecord = {
        ...latest,
        ...outcome,
        stopRequested: undefined,
        ownerPid: process.pid,
        stoppedAt: this.now().toISOString(),
      };
      await this.files.write(final);
      ACTIVE.delete(this.files.dir(record.name));
      await this.options.onFinished?.(final).catch(() => {});
      return final;
    })();
  }

  /** Abort: the interpreter stops, no Catch runs; the running steps are cancelled and the cluster record ended. */
  private async abortRun(run: ActiveRun, cause: string): Promise<void> {
    if (run.stopCause !== undefined) return;
    run.stopCause = cause;
    run.abort();
    await Promise.all(
      [...run.context.runningSteps.values()].map((step) => this.options.steps.cancel(step.clusterId, step.stepId).catch(() => {})),
    );
    if (run.context.clusterId) await this.clusters.end(run.context.clusterId).catch(() => {});
  }

  private async record(arn: string): Promise<ExecutionRecord> {
    const name = nameOf(arn);
    const record = await this.files.read(name);
    if (!record) throw new LakeError('not-found', `No execution '${name}' on this lake`);
    return this.reconcile(record);
  }

  /** A running execution whose owner is gone can never finish: ABORTED, with why, and its cluster record ended. */
  private async reconcile(record: ExecutionRecord): Promise<ExecutionRecord> {
    if (!isExecutionActive(record.status)) return record;
    if (ACTIVE.has(this.files.dir(record.name))) return record;
    if (record.ownerPid !== process.pid && isAlive(record.ownerPid)) return record;
    const cause = `the process that ran it (pid ${record.ownerPid}) stopped before the execution ended`;
    const events = await this.files.events(record.name);
    const last = events[events.length - 1];
    const at = this.now().toISOString();
    await this.files.appendEvents(record.name, [
      { id: (last?.id ?? 0) + 1, previousEventId: last?.id ?? 0, type: 'ExecutionAborted', timestamp: at, cause },
    ]);
    const clusterId = clusterOf(events);
    if (clusterId) await this.clusters.end(clusterId).catch(() => {});
    const aborted: ExecutionRecord = { ...record, status: 'ABORTED', error: 'Interrupted', cause, stoppedAt: at, stopRequested: undefined };
    await this.files.write(aborted);
    await this.options.onFinished?.(aborted).catch(() => {});
    return aborted;
  }
}

function nameOf(arnOrName: string): string {
  return arnOrName.includes(':') ? arnOrName.slice(arnOrName.lastIndexOf(':') + 1) : arnOrName;
}

function summaryOf(record: ExecutionRecord): ExecutionSummary {
  return {
    arn: record.arn,
    name: record.name,
    status: record.status,
    startedAt: new Date(record.startedAt),
    stoppedAt: record.stoppedAt ? new Date(record.stoppedAt) : undefined,
    trigger: record.trigger,
    redriveCount: record.redriveCount,
  };
}

function historyEventOf(event: StoredEvent): HistoryEvent {
  // The local history holds a TaskScheduled only where a Retrier scheduled the task again.
  return { ...event, timestamp: new Date(event.timestamp), ...(event.type === 'TaskScheduled' ? { retry: true } : {}) };
}

function allStates(states: Record<string, AslState>, out: Record<string, AslState> = {}): Record<string, AslState> {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') out[name] = state;
    for (const branch of state.Branches ?? []) allStates(branch.States, out);
  }
  return out;
}

/** The cluster the execution created, from CreateCluster's output in its history. */
function clusterOf(events: StoredEvent[]): string | undefined {
  for (const event of events) {
    if (event.stateName !== 'CreateCluster' || !event.output) continue;
    try {
      const id = (JSON.parse(event.output) as { cluster?: { ClusterId?: string } }).cluster?.ClusterId;
      if (id) return id;
    } catch {
      // not JSON: keep looking
    }
  }
  return undefined;
}

/**
 * Where a redrive starts: the top-level state of the last attempt's first failure that no retry
 * overcame (the interpreter also "exits" a state whose failure a Catch took), with the input it
 * had then.
 */
export function redrivePoint(definition: AslDefinition, events: StoredEvent[]): { state: string; input?: string } | undefined {
  const owner = topLevelOf(definition);
  let from = 0;
  events.forEach((event, index) => {
    if (event.type === 'ExecutionStarted' || event.type === 'ExecutionRedriven') from = index;
  });
  const attempt = events.slice(from);
  for (let i = 0; i < attempt.length; i += 1) {
    const event = attempt[i];
    if (!/Failed$/.test(event.type) || event.type === 'ExecutionFailed' || !event.stateName) continue;
    const top = owner.get(event.stateName);
    if (!top || definition.States[top]?.Type === 'Fail') continue;
    const retried = attempt.slice(i + 1).some((next) => next.stateName === event.stateName && next.type === 'TaskScheduled');
    if (retried) continue;
    const entered = attempt
      .slice(0, i + 1)
      .reverse()
      .find((previous) => previous.stateName === top && /StateEntered$/.test(previous.type));
    return { state: top, input: entered?.input };
  }
  return undefined;
}
