// An in-memory StepsService for driving the Steps pane by keys: steps it runs start RUNNING with
// recorded Spark stages, advance when the test says so, and every call is recorded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterSummary, RunStepRequest, StepDetail, StepLogFiles, StepsService, StepSummary } from '../../../src/core/steps.js';

export class MemorySteps implements StepsService {
  readonly calls: string[] = [];
  readonly clusterList: ClusterSummary[];
  readonly details = new Map<string, StepDetail>();
  private counter = 0;

  constructor(private readonly withTerminate = false) {
    this.clusterList = [
      { id: 'j-1', name: 'lakedeck-dev-2026-11-28', state: 'WAITING', active: true, createdAt: new Date(Date.now() - 3_600_000) },
    ];
    if (withTerminate)
      this.terminateCluster = async (clusterId: string) => {
        this.calls.push(`terminate ${clusterId}`);
        const cluster = this.clusterList.find((c) => c.id === clusterId)!;
        Object.assign(cluster, { state: 'TERMINATING', active: false });
      };
    this.add({
      id: 's-old',
      clusterId: 'j-1',
      name: 'etl 2026-11-27',
      job: 'etl',
      state: 'FAILED',
      startedAt: new Date(Date.now() - 600_000),
      endedAt: new Date(Date.now() - 540_000),
      failureReason: 'no divipola extract under s3://lake/raw/divipola/',
      rows: { read: 700 },
    });
  }

  terminateCluster?: (clusterId: string) => Promise<void>;

  add(summary: StepSummary, extra: Partial<StepDetail> = {}): void {
    this.details.set(summary.id, {
      args: [],
      stages: [],
      metrics: [],
      logs: [{ label: 'log', location: `/logs/${summary.id}.log` }],
      ...summary,
      ...extra,
    });
  }

  advance(stepId: string, change: Partial<StepDetail>): void {
    Object.assign(this.details.get(stepId)!, change);
  }

  async clusters(): Promise<ClusterSummary[]> {
    this.calls.push('clusters');
    return this.clusterList.map((c) => ({ ...c }));
  }

  async steps(clusterId: string): Promise<StepSummary[]> {
    this.calls.push(`steps ${clusterId}`);
    return [...this.details.values()]
      .filter((d) => d.clusterId === clusterId)
      .reverse()
      .map((d) => ({ ...d }));
  }

  async step(_clusterId: string, stepId: string): Promise<StepDetail> {
    this.calls.push(`step ${stepId}`);
    return structuredClone(this.details.get(stepId)!);
  }

  async logTail(_clusterId: string, stepId: string): Promise<string[]> {
    return [`log of ${stepId}`, 'lakedeck etl: error: something'];
  }

  /** Real files (the pager reads them), in a temp folder removed on dispose. */
  async logFiles(_clusterId: string, stepId: string): Promise<StepLogFiles> {
    this.calls.push(`logFiles ${stepId}`);
    const dir = mkdtempSync(join(tmpdir(), 'memory-steps-log-'));
    const path = join(dir, `${stepId}-stderr.log`);
    writeFileSync(path, `full log of ${stepId}\nlakedeck etl: error: something\n`);
    return {
      files: [{ label: 'step stderr', path }],
      dispose: async () => {
        this.calls.push(`dispose ${stepId}`);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  async run(request: RunStepRequest): Promise<StepSummary> {
    this.calls.push(`run ${request.job} ${request.runDate} on ${request.clusterId}`);
    this.counter += 1;
    const id = `s-new${this.counter}`;
    this.add(
      {
        id,
        clusterId: request.clusterId ?? 'j-1',
        name: `${request.job} ${request.runDate}`,
        job: request.job,
        state: 'RUNNING',
        startedAt: new Date(),
        progress: 0.4,
        progressSource: 'spark',
      },
      {
        stages: [
          {
            stageId: 18,
            attemptId: 0,
            name: 'collect at etl/job.py:120',
            status: 'ACTIVE',
            tasksDone: 3,
            tasksTotal: 8,
            tasksActive: 2,
            tasksFailed: 0,
          },
          {
            stageId: 17,
            attemptId: 0,
            name: 'parquet at load.py:40',
            status: 'COMPLETE',
            tasksDone: 4,
            tasksTotal: 4,
            tasksActive: 0,
            tasksFailed: 0,
          },
        ],
        metrics: [{ job: 'etl', table: 'municipalities', rows_read: 1122, rows_written: 1122 }],
      },
    );
    return { ...this.details.get(id)! };
  }

  async cancel(_clusterId: string, stepId: string): Promise<void> {
    this.calls.push(`cancel ${stepId}`);
    this.advance(stepId, { state: 'CANCELLED', endedAt: new Date(), failureReason: 'cancelled by the user', progress: undefined });
  }
}
