// One local handler per Task state of the pipeline definition, following the task contract of
// cloudformation/statemachine/README.md: what the state's Parameters carry in, what the service
// integration would return, and errors thrown with the integration's error names.
import { errorMessage } from '../../../core/errors.js';
import { SOURCE_NAMES, type IngestionService, type SourceName } from '../../../core/ingestion.js';
import type { QueryService } from '../../../core/query.js';
import { STEP_JOBS, type StepJob, type StepSummary } from '../../../core/steps.js';
import type { ClusterRecords } from './cluster-records.js';
import type { ExecutionFiles } from './execution-files.js';

type Json = unknown;
export type TaskHandler = (input: Json) => Promise<Json>;

/** What the handlers need from the local steps service: start a step on a cluster, await it, cancel it. */
export interface StepRunner {
  run(request: { job: StepJob; runDate: string; clusterId: string }): Promise<StepSummary>;
  waitFor(stepId: string): Promise<StepSummary>;
  cancel(clusterId: string, stepId: string): Promise<void>;
}

export interface RunContext {
  executionArn: string;
  /** Sources switched off for this run (configuration and the run's `skip`). */
  skip: ReadonlySet<string>;
  /** Steps this run has in flight, so a stop can cancel them. */
  runningSteps: Map<string, { clusterId: string; stepId: string }>;
  /** The run's cluster, once created, so a stop can end it. */
  clusterId?: string;
  aborted: () => boolean;
  /**
   * Records what a task submitted before it waits (Step Functions' TaskSubmitted: the step's
   * ids), so the history names the step while it runs.
   */
  submitted?: (stateName: string, output: unknown) => void;
}

export interface HandlerServices {
  ingestion?: IngestionService;
  steps: StepRunner;
  query?: QueryService;
  clusters: ClusterRecords;
  files: ExecutionFiles;
  now: () => Date;
  /** Pause between query status checks (ms). */
  pollMs?: number;
}

export function taskError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

const record = (value: Json): Record<string, Json> => (value && typeof value === 'object' ? (value as Record<string, Json>) : {});

function ingestHandler(services: HandlerServices, context: RunContext): TaskHandler {
  return async (input) => {
    const payload = record(record(input).Payload);
    const source = payload.source as SourceName;
    if (!SOURCE_NAMES.includes(source))
      throw taskError('BadEvent', `event.source must be one of ${SOURCE_NAMES.join(', ')}; got ${JSON.stringify(source)}`);
    if (context.skip.has(source)) {
      return { Payload: { source, outcome: 'skipped', isNew: false, note: 'switched off for this run' }, StatusCode: 200 };
    }
    if (!services.ingestion) throw taskError('Lambda.ServiceException', 'This backend has no ingestion service');
    const run = await services.ingestion.run(source);
    // A cancelled run (the console quit under it) published nothing: the state fails like a failed one.
    if (run.outcome === 'failed' || run.outcome === 'cancelled')
      throw taskError('IngestionFailed', `${run.runId}: ${run.error ?? run.note ?? run.outcome}`);
    return { Payload: { ...run, isNew: run.outcome === 'ingested' }, StatusCode: 200 };
  };
}

function createClusterHandler(services: HandlerServices, context: RunContext): TaskHandler {
  return async (input) => {
    const name = String(record(input).Name ?? 'lakedeck run');
    const cluster = await services.clusters.create(name);
    context.clusterId = cluster.id;
    return { ClusterId: cluster.id, ClusterArn: `arn:aws:elasticmapreduce:local:000000000000:cluster/${cluster.id}` };
  };
}

/** The job and run date from an EMR step's spark-submit arguments (jobs/<job>.py … --run-date D). */
export function stepJobOf(args: unknown): { job: StepJob; runDate: string } {
  const list = Array.isArray(args) ? args.map(String) : [];
  const script = list.find((arg) => /jobs\/\w+\.py$/.test(arg));
  const job = script?.match(/jobs\/(\w+)\.py$/)?.[1] as StepJob | undefined;
  const dateAt = list.indexOf('--run-date');
  const runDate = dateAt >= 0 ? list[dateAt + 1] : undefined;
  if (!job || !STEP_JOBS.includes(job))
    throw taskError('EMR.ValidationException', `The step runs no pipeline job (jobs/etl.py, analytics.py or ml.py): ${list.join(' ')}`);
  if (!runDate) throw taskError('EMR.ValidationException', `The ${job} step has no --run-date`);
  return { job, runDate };
}

function addStepHandler(services: HandlerServices, context: RunContext, stateName: string): TaskHandler {
  return async (input) => {
    const clusterId = String(record(input).ClusterId ?? '');
    const step = record(record(input).Step);
    const { job, runDate } = stepJobOf(record(step.HadoopJarStep).Args);
    let started: StepSummary;
    try {
      started = await services.steps.run({ job, runDate, clusterId });
    } catch (error) {
      throw taskError('States.TaskFailed', `The ${job} step could not start: ${errorMessage(error)}`);
    }
    context.runningSteps.set(started.id, { clusterId, stepId: started.id });
    context.submitted?.(stateName, { ClusterId: clusterId, StepId: started.id });
    try {
      const final = await services.steps.waitFor(started.id);
      if (final.state !== 'COMPLETED') {
        throw taskError('States.TaskFailed', `Step ${final.id} (${job}) ${final.state}: ${final.failureReason ?? 'no reason recorded'}`);
      }
      return { Step: { Id: final.id, Name: String(step.Name ?? job), Status: { State: final.state } } };
    } finally {
      context.runningSteps.delete(started.id);
    }
  };
}

function queryHandler(services: HandlerServices): TaskHandler {
  return async (input) => {
    const query = services.query;
    if (!query) throw taskError('States.TaskFailed', 'This backend offers no query service: the catalog cannot be checked');
    const sql = String(record(input).QueryString ?? '');
    const id = await query.start(sql);
    for (;;) {
      const status = await query.status(id);
      if (status.state === 'SUCCEEDED') return { QueryExecution: { QueryExecutionId: id, Query: sql, Status: { State: 'SUCCEEDED' } } };
      if (status.state === 'FAILED' || status.state === 'CANCELLED') {
        throw taskError('States.TaskFailed', `Query ${id} ${status.state}: ${status.error ?? 'no reason given'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, services.pollMs ?? 250));
    }
  };
}

function terminateHandler(services: HandlerServices, context: RunContext): TaskHandler {
  return async (input) => {
    const clusterId = String(record(input).ClusterId ?? '');
    for (const running of [...context.runningSteps.values()].filter((step) => step.clusterId === clusterId)) {
      await services.steps.cancel(running.clusterId, running.stepId).catch(() => {});
    }
    await services.clusters.end(clusterId);
    return {};
  };
}

function publishHandler(services: HandlerServices, context: RunContext): TaskHandler {
  return async (input) => {
    const request = record(input);
    await services.files.notify({
      at: services.now().toISOString(),
      executionArn: context.executionArn,
      topicArn: String(request.TopicArn ?? ''),
      subject: String(request.Subject ?? ''),
      message: String(request.Message ?? ''),
    });
    return { MessageId: `local-${Date.now().toString(36)}` };
  };
}

/** The handler of each Task state, chosen by the state's Resource (the service integration). */
export function bindTaskHandlers(
  states: Record<string, { Type: string; Resource?: unknown }>,
  services: HandlerServices,
  context: RunContext,
): Record<string, TaskHandler> {
  const byResource: Record<string, (name: string) => TaskHandler> = {
    'arn:aws:states:::lambda:invoke': () => ingestHandler(services, context),
    'arn:aws:states:::elasticmapreduce:createCluster.sync': () => createClusterHandler(services, context),
    'arn:aws:states:::elasticmapreduce:addStep.sync': (name) => addStepHandler(services, context, name),
    'arn:aws:states:::athena:startQueryExecution.sync': () => queryHandler(services),
    'arn:aws:states:::elasticmapreduce:terminateCluster': () => terminateHandler(services, context),
    'arn:aws:states:::sns:publish': () => publishHandler(services, context),
  };
  const handlers: Record<string, TaskHandler> = {};
  for (const [name, state] of Object.entries(states)) {
    const make = byResource[String(state.Resource)];
    if (!make) throw taskError('States.Runtime', `No local handler for the Task state ${name} (${String(state.Resource)})`);
    handlers[name] = make(name);
  }
  return handlers;
}
