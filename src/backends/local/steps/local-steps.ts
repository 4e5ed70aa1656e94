// Steps on the local backend: each step is one spark-submit of a pipeline job in Spark local mode
// on the lake's folders. The console that starts a step watches its exit and records it; every
// console reads the records, the logs, and live progress from the driver's Spark REST API.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { LakeError } from '../../../core/errors.js';
import { failureFromMetrics, parseMetricLines, rowsFromMetrics } from '../../../core/step-metrics.js';
import {
  FINAL_STEP_STATES,
  isStepActive,
  RUN_DATE_PATTERN,
  STEP_JOBS,
  type ClusterSummary,
  type MetricLine,
  type RunStepRequest,
  type StepDetail,
  type StepLogFiles,
  type StepState,
  type StepsService,
  type StepSummary,
} from '../../../core/steps.js';
import type { SparkProgress } from '../../../core/spark-progress.js';
import { readText, tailLines } from './log-files.js';
import { isAlive, isGroupAlive, stopGroup } from './process-tree.js';
import { LiveProgress } from './live-progress.js';
import { StepLogReader } from './step-log-reader.js';
import { checkRuntime, findSparkRuntime, freePort, submitCommand, submitEnv, type SparkRuntime } from './spark-runtime.js';
import { DEFAULT_CLUSTER_ID, StepFiles, type ClusterRecord, type StepRecord } from './step-files.js';
import { WRITE_GROUP } from './table-groups.js';

export interface LocalStepsOptions {
  lake: string;
  readOnly: boolean;
  runtime?: SparkRuntime;
  master?: string;
  conf?: Record<string, string>;
  driverJavaOptions?: string;
  now?: () => Date;
  /** Records a step's points when this process writes its final state (local metrics). */
  onFinished?: (record: StepRecord, metrics: MetricLine[]) => Promise<void>;
}

/** Step folder → the promise of the step's final record, for steps this process started. */
const WATCHING = new Map<string, Promise<StepRecord>>();
/** Step folder → resolves as soon as the final state is on disk (before its metrics are recorded). */
const RECORDED = new Map<string, Promise<void>>();

export class LocalStepsService implements StepsService {
  private readonly files: StepFiles;
  private readonly now: () => Date;
  /** Steps this process started and waits for (shared by every service on any lake in it). */
  private readonly watching = WATCHING;
  private readonly progress: LiveProgress;
  /** Follows the step logs (metric lines, UI port) reading only what was appended since. */
  private readonly logs = new StepLogReader();

  constructor(private readonly options: LocalStepsOptions) {
    this.files = new StepFiles(options.lake);
    this.progress = new LiveProgress(this.files);
    this.now = options.now ?? (() => new Date());
  }

  async clusters(): Promise<ClusterSummary[]> {
    const records = await this.files.clusters();
    if (!records.some((record) => record.id === DEFAULT_CLUSTER_ID)) records.push(defaultCluster());
    const steps = await this.allRecords();
    return records
      .map((record) => {
        const own = steps.filter((step) => step.clusterId === record.id);
        const stepCounts: Partial<Record<StepState, number>> = {};
        for (const step of own) stepCounts[step.state] = (stepCounts[step.state] ?? 0) + 1;
        const active = !record.endedAt;
        return {
          id: record.id,
          name: record.name,
          state: active ? (own.some((step) => isStepActive(step.state)) ? 'RUNNING' : 'WAITING') : 'TERMINATED',
          createdAt: own.length > 0 || record.id !== DEFAULT_CLUSTER_ID ? new Date(record.createdAt) : undefined,
          endedAt: record.endedAt ? new Date(record.endedAt) : undefined,
          active,
          stepCounts,
        };
      })
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  }

  async steps(clusterId: string): Promise<StepSummary[]> {
    const records = (await this.allRecords()).filter((record) => record.clusterId === clusterId);
    const summaries = await Promise.all(records.map((record) => this.summary(record)));
    return summaries.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  }

  async step(clusterId: string, stepId: string): Promise<StepDetail> {
    const record = await this.record(clusterId, stepId);
    const log = await this.logs.read(this.files.logPath(stepId));
    const metrics = log.metrics;
    const live = await this.progress.read(record, log.uiPort);
    return {
      ...(await this.summary(record, { metrics, live })),
      args: record.args,
      exitCode: record.exitCode,
      stages: live?.stages ?? [],
      metrics,
      logs: [{ label: 'spark-submit output (driver and job)', location: this.files.logPath(stepId) }],
    };
  }

  async logTail(clusterId: string, stepId: string, lines: number): Promise<string[]> {
    await this.record(clusterId, stepId);
    return tailLines(this.files.logPath(stepId), lines);
  }

  /** The step's own log file (spark-submit's stdout and stderr together): nothing to clean up. */
  async logFiles(clusterId: string, stepId: string): Promise<StepLogFiles> {
    await this.record(clusterId, stepId);
    const path = this.files.logPath(stepId);
    if (!existsSync(path)) throw new LakeError('not-found', `Step ${stepId} has no log yet (${path})`);
    return { files: [{ label: 'spark-submit output (driver and job)', path }], dispose: async () => {} };
  }

  async run(request: RunStepRequest): Promise<StepSummary> {
    if (this.options.readOnly)
      throw new LakeError('read-only', 'Read-only: running a step writes to the lake (drop --read-only to run it)');
    if (!STEP_JOBS.includes(request.job))
      throw new LakeError('bad-input', `Unknown job '${request.job}': use one of ${STEP_JOBS.join(', ')}`);
    if (!RUN_DATE_PATTERN.test(request.runDate))
      throw new LakeError('bad-input', `Run date '${request.runDate}' is not YYYY-MM-DD or 'all'`);
    const clusterId = request.clusterId ?? DEFAULT_CLUSTER_ID;
    const runtime = this.options.runtime ?? findSparkRuntime();
    checkRuntime(runtime);
    await this.ensureCluster(clusterId);

    const created = this.now();
    const id = this.files.newStepId(created);
    const { group, tables } = WRITE_GROUP[request.job];
    await this.lock(group, id, request.job, tables);
    let record: StepRecord;
    try {
      const uiPort = await freePort();
      const args = submitCommand(runtime, {
        job: request.job,
        runDate: request.runDate,
        lake: this.options.lake,
        uiPort,
        master: this.options.master,
        conf: this.options.conf,
        driverJavaOptions: this.options.driverJavaOptions,
      });
      record = {
        id,
        clusterId,
        name: `${request.job} ${request.runDate}`,
        job: request.job,
        runDate: request.runDate,
        args,
        state: 'PENDING',
        createdAt: created.toISOString(),
        watcherPid: process.pid,
        uiPort,
      };
      await this.files.writeStep(record);
      record = await this.start(record, runtime);
    } catch (error) {
      await this.files.unlock(group, id);
      throw error;
    }
    return this.summary(record);
  }

  async cancel(clusterId: string, stepId: string): Promise<void> {
    if (this.options.readOnly) throw new LakeError('read-only', 'Read-only: cancelling a step is a change (drop --read-only)');
    const record = await this.record(clusterId, stepId);
    if (!isStepActive(record.state))
      throw new LakeError('bad-input', `Step ${stepId} is ${record.state}: only a pending or running step can be cancelled`);
    await this.files.writeStep({ ...record, cancelRequested: true });
    if (record.pid !== undefined) await stopGroup(record.pid);
    const watched = this.watching.get(this.files.stepDir(stepId));
    if (watched) {
      await watched;
      return;
    }
    // Watched by another console (which records the same outcome when it sees the exit) or by none.
    await this.finish(stepId, { state: 'CANCELLED', failureReason: 'cancelled by the user' });
  }

  whenEnded(_clusterId: string, stepId: string): Promise<void> | undefined {
    return RECORDED.get(this.files.stepDir(stepId));
  }

  /** Resolves with the final summary of a step this process started (tests, the CLI). */
  async waitFor(stepId: string): Promise<StepSummary> {
    const watched = this.watching.get(this.files.stepDir(stepId));
    if (!watched) throw new Error(`Step ${stepId} was not started by this process`);
    return this.summary(await watched);
  }

  private async start(record: StepRecord, runtime: SparkRuntime): Promise<StepRecord> {
    mkdirSync(this.files.stepDir(record.id), { recursive: true });
    const log = openSync(this.files.logPath(record.id), 'a');
    let child;
    try {
      child = spawn(record.args[0], record.args.slice(1), {
        cwd: this.files.stepDir(record.id),
        env: submitEnv(runtime),
        stdio: ['ignore', log, log],
        detached: true,
      });
    } finally {
      closeSync(log);
    }
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    const running: StepRecord = { ...record, state: 'RUNNING', pid: child.pid, startedAt: this.now().toISOString() };
    if (child.pid !== undefined) await this.files.writeStep(running);
    let recorded: () => void = () => {};
    RECORDED.set(this.files.stepDir(record.id), new Promise<void>((resolve) => (recorded = resolve)));
    const done = exited.then(async ({ code, signal, error }) => {
      const current = (await this.files.readStep(record.id)) ?? running;
      let outcome: Partial<StepRecord>;
      if (current.cancelRequested) outcome = { state: 'CANCELLED', failureReason: 'cancelled by the user' };
      else if (code === 0) outcome = { state: 'COMPLETED' };
      else
        outcome = {
          state: 'FAILED',
          failureReason: error ? `spark-submit did not start: ${error.message}` : await this.reasonOf(record.id, code, signal),
        };
      return this.finish(record.id, { ...outcome, exitCode: code ?? undefined }, recorded);
    });
    void done.finally(recorded).catch(() => {});
    this.watching.set(this.files.stepDir(record.id), done);
    return child.pid === undefined ? await done : running;
  }

  /**
   * Records a final state once (the first writer wins) and releases the table lock; `onRecorded`
   * is told then, before onFinished records the step's metrics.
   */
  private async finish(stepId: string, outcome: Partial<StepRecord>, onRecorded?: () => void): Promise<StepRecord> {
    const current = await this.files.readStep(stepId);
    if (!current) throw new LakeError('not-found', `No step ${stepId}`);
    const first = !FINAL_STEP_STATES.includes(current.state);
    const final = first ? { ...current, ...outcome, endedAt: this.now().toISOString() } : current;
    if (first) await this.files.writeStep(final);
    await this.files.unlock(WRITE_GROUP[current.job].group, stepId);
    onRecorded?.();
    if (first && this.options.onFinished) {
      const metrics = parseMetricLines(await readText(this.files.logPath(stepId)));
      await this.options.onFinished(final, metrics).catch(() => {});
    }
    return final;
  }

  private async reasonOf(stepId: string, code: number | null, signal: NodeJS.Signals | null): Promise<string> {
    const fromMetrics = failureFromMetrics(parseMetricLines(await readText(this.files.logPath(stepId))));
    if (fromMetrics) return fromMetrics;
    const tail = await tailLines(this.files.logPath(stepId), 200);
    const errorLine = [...tail].reverse().find((line) => /error/i.test(line));
    const how = signal ? `stopped by ${signal}` : `exit code ${code}`;
    return errorLine ? `${errorLine.trim()} (${how})` : `spark-submit ended with ${how}`;
  }

  private async lock(group: string, stepId: string, job: string, tables: string): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (await this.files.tryLock(group, stepId)) return;
      const holder = await this.files.lockHolder(group);
      const held = holder ? await this.files.readStep(holder) : undefined;
      const current = held ? await this.reconcile(held) : undefined;
      if (current && isStepActive(current.state)) {
        throw new LakeError(
          'bad-input',
          `Step ${current.id} (${current.name}) is already writing ${tables} on this lake: wait for it or cancel it before running ${job} again`,
        );
      }
      if (holder) await this.files.unlock(group, holder);
    }
    throw new LakeError('bad-input', `Could not take the ${group} lock of this lake: another console is starting a step`);
  }

  private async ensureCluster(clusterId: string): Promise<void> {
    const clusters = await this.files.clusters();
    const found = clusters.find((cluster) => cluster.id === clusterId);
    if (found?.endedAt) throw new LakeError('bad-input', `Cluster ${clusterId} has ended: run the step on another`);
    if (found) return;
    if (clusterId !== DEFAULT_CLUSTER_ID) throw new LakeError('not-found', `No local cluster '${clusterId}'`);
    await this.files.writeCluster({ ...defaultCluster(), createdAt: this.now().toISOString() });
  }

  private async record(clusterId: string, stepId: string): Promise<StepRecord> {
    const record = await this.files.readStep(stepId);
    if (!record || record.clusterId !== clusterId) throw new LakeError('not-found', `No step ${stepId} on cluster ${clusterId}`);
    return this.reconcile(record);
  }

  private async allRecords(): Promise<StepRecord[]> {
    const ids = await this.files.stepIds();
    const records = await Promise.all(ids.map((id) => this.files.readStep(id)));
    return Promise.all(records.filter((record): record is StepRecord => record !== undefined).map((record) => this.reconcile(record)));
  }

  /**
   * An active step whose watcher is gone (console killed, machine rebooted) can never be
   * recorded: stop what is left of it and call it INTERRUPTED.
   */
  private async reconcile(record: StepRecord): Promise<StepRecord> {
    if (!isStepActive(record.state)) return record;
    const watchedHere = this.watching.has(this.files.stepDir(record.id));
    if (watchedHere || (record.watcherPid !== process.pid && isAlive(record.watcherPid))) return record;
    if (record.pid !== undefined && isGroupAlive(record.pid)) await stopGroup(record.pid);
    return this.finish(record.id, {
      state: 'INTERRUPTED',
      failureReason: `interrupted: the console that ran it (pid ${record.watcherPid}) stopped before the step ended`,
    });
  }

  private async summary(record: StepRecord, known?: { metrics: MetricLine[]; live: SparkProgress | undefined }): Promise<StepSummary> {
    const log = known ? undefined : await this.logs.read(this.files.logPath(record.id));
    const metrics = known?.metrics ?? log?.metrics ?? [];
    const live = known ? known.live : await this.progress.read(record, log?.uiPort);
    const progress = record.state === 'COMPLETED' ? 1 : live?.fraction;
    return {
      id: record.id,
      clusterId: record.clusterId,
      name: record.name,
      job: record.job,
      state: record.state,
      createdAt: new Date(record.createdAt),
      startedAt: record.startedAt ? new Date(record.startedAt) : undefined,
      endedAt: record.endedAt ? new Date(record.endedAt) : undefined,
      progress,
      progressSource: progress === undefined ? undefined : 'spark',
      rows: rowsFromMetrics(metrics),
      failureReason: record.failureReason,
    };
  }
}

function defaultCluster(): ClusterRecord {
  return { id: DEFAULT_CLUSTER_ID, name: 'local Spark (standalone runs)', createdAt: new Date(0).toISOString() };
}
