// Steps on the aws backend: the stack's EMR clusters (named `<stack>-…` by the state machine and
// tagged `lakedeck:stack`), their steps through the Steps API (every page), the log tail from the
// cluster's log URI on S3, add step with the stack's artifact paths, cancel, terminate. Live stage
// progress through the on-cluster Spark UI where EMR hands out its presigned URL; otherwise an
// estimate from the same job's earlier durations.
import {
  AddJobFlowStepsCommand,
  CancelStepsCommand,
  DescribeClusterCommand,
  DescribeStepCommand,
  GetOnClusterAppUIPresignedURLCommand,
  ListClustersCommand,
  ListStepsCommand,
  TerminateJobFlowsCommand,
  type Cluster,
  type ClusterSummary as EmrClusterSummary,
  type EMRClient,
} from '@aws-sdk/client-emr';
import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LakeError } from '../../../core/errors.js';
import { failureFromMetrics, parseMetricLines, rowsFromMetrics } from '../../../core/step-metrics.js';
import {
  isStepActive,
  RUN_DATE_PATTERN,
  STEP_JOBS,
  type ClusterSummary,
  type RunStepRequest,
  type StepDetail,
  type StepLogFiles,
  type StepsService,
  type StepSummary,
} from '../../../core/steps.js';
import { trySparkProgress } from '../../spark-rest.js';
import { toLakeError } from '../errors.js';
import { downloadGzip, readGzipTail, stepLogLocation } from './emr-log-tail.js';
import { toStepSummary, withEstimates } from './emr-step-map.js';

const ACTIVE_STATES = new Set(['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING']);
/** Ended clusters older than this are history, not something to operate. */
const RECENT_DAYS = 14;
const STACK_TAG = 'lakedeck:stack';

export interface EmrStepsSettings {
  emr: EMRClient;
  s3: S3Client;
  stack: string;
  bucket: string;
  /** The stack output ArtifactsPrefix (artifacts/). */
  artifactsPrefix: string;
  readOnly: boolean;
  endpoint?: string;
  now?: () => Date;
  /**
   * The on-cluster Spark UI's base URL for a cluster, or undefined where EMR offers none. The
   * default asks GetOnClusterAppUIPresignedURL for the Spark history server's UI.
   */
  sparkUi?: (clusterId: string) => Promise<string | undefined>;
}

export class EmrStepsService implements StepsService {
  /** Tags and log URI never change: one DescribeCluster per cluster for the session. */
  private readonly described = new Map<string, Cluster>();
  private readonly now: () => Date;

  constructor(private readonly settings: EmrStepsSettings) {
    this.now = settings.now ?? (() => new Date());
  }

  async clusters(): Promise<ClusterSummary[]> {
    const createdAfter = new Date(this.now().getTime() - RECENT_DAYS * 86_400_000);
    const found: EmrClusterSummary[] = [];
    let marker: string | undefined;
    do {
      const page = await this.call('listing the EMR clusters', () =>
        this.settings.emr.send(new ListClustersCommand({ CreatedAfter: createdAfter, Marker: marker })),
      );
      found.push(...(page.Clusters ?? []).filter((cluster) => cluster.Name?.startsWith(`${this.settings.stack}-`)));
      marker = page.Marker;
    } while (marker);
    const ours = await Promise.all(found.map(async (cluster) => ({ cluster, detail: await this.describe(cluster.Id ?? '') })));
    return ours
      .filter(({ detail }) => detail.Tags?.some((tag) => tag.Key === STACK_TAG && tag.Value === this.settings.stack))
      .map(({ cluster }) => {
        const state = cluster.Status?.State ?? 'UNKNOWN';
        return {
          id: cluster.Id ?? '',
          name: cluster.Name ?? '',
          state,
          createdAt: cluster.Status?.Timeline?.CreationDateTime,
          endedAt: cluster.Status?.Timeline?.EndDateTime,
          active: ACTIVE_STATES.has(state),
        };
      })
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  }

  async steps(clusterId: string): Promise<StepSummary[]> {
    const steps: StepSummary[] = [];
    let marker: string | undefined;
    do {
      const page = await this.call(`listing the steps of ${clusterId}`, () =>
        this.settings.emr.send(new ListStepsCommand({ ClusterId: clusterId, Marker: marker })),
      );
      steps.push(...(page.Steps ?? []).map((step) => toStepSummary(clusterId, step)));
      marker = page.Marker;
    } while (marker);
    return withEstimates(steps, this.now());
  }

  async step(clusterId: string, stepId: string): Promise<StepDetail> {
    const response = await this.call(`describing step ${stepId}`, () =>
      this.settings.emr.send(new DescribeStepCommand({ ClusterId: clusterId, StepId: stepId })),
    );
    if (!response.Step) throw new LakeError('not-found', `No step ${stepId} on cluster ${clusterId}`);
    let summary = toStepSummary(clusterId, response.Step);
    const cluster = await this.describe(clusterId);
    const logUri = cluster.LogUri;
    const location = (file: 'stdout' | 'stderr') => (logUri ? stepLogLocation(logUri, clusterId, stepId, file) : undefined);
    const stdout = location('stdout');
    let stages: StepDetail['stages'] = [];
    if (summary.state === 'RUNNING') {
      const base = await this.sparkUi(clusterId);
      const live = base ? await trySparkProgress(base) : undefined;
      if (live) {
        stages = live.stages;
        summary = { ...summary, progress: live.fraction, progressSource: 'spark' };
      } else {
        const estimated = withEstimates([summary, ...(await this.steps(clusterId)).filter((step) => step.id !== stepId)], this.now())[0];
        summary = estimated;
      }
    }
    // Step logs reach S3 only every few minutes (and at the end): read them once the step is over.
    const metrics = !isStepActive(summary.state) && stdout ? parseMetricLines(((await this.tail(stdout, 2_000)) ?? []).join('\n')) : [];
    return {
      ...summary,
      progress: summary.state === 'COMPLETED' ? 1 : summary.progress,
      rows: rowsFromMetrics(metrics),
      failureReason: summary.failureReason ?? failureFromMetrics(metrics),
      args: response.Step.Config?.Args ?? [],
      stages,
      metrics,
      logs: (['stderr', 'stdout'] as const).flatMap((file) => {
        const at = location(file);
        return at ? [{ label: `step ${file}`, location: `s3://${at.bucket}/${at.key}` }] : [];
      }),
    };
  }

  async logTail(clusterId: string, stepId: string, lines: number): Promise<string[]> {
    const logUri = (await this.describe(clusterId)).LogUri;
    if (!logUri) return [];
    const location = stepLogLocation(logUri, clusterId, stepId, 'stderr');
    return (location ? await this.tail(location, lines) : undefined) ?? [];
  }

  /**
   * The step's stderr and stdout objects, downloaded and decompressed into a private temp folder
   * (owner-only) that dispose() removes.
   */
  async logFiles(clusterId: string, stepId: string): Promise<StepLogFiles> {
    const logUri = (await this.describe(clusterId)).LogUri;
    if (!logUri) throw new LakeError('not-found', `Cluster ${clusterId} keeps no logs on S3 (it has no LogUri)`);
    const dir = await mkdtemp(join(tmpdir(), 'lakedeck-step-log-'));
    const dispose = () => rm(dir, { recursive: true, force: true });
    try {
      const files: StepLogFiles['files'] = [];
      const where: string[] = [];
      for (const file of ['stderr', 'stdout'] as const) {
        const location = stepLogLocation(logUri, clusterId, stepId, file);
        if (!location) continue;
        where.push(`s3://${location.bucket}/${location.key}`);
        const path = join(dir, `${stepId}-${file}.log`);
        const found = await this.call(`reading the ${file} log of ${stepId}`, () => downloadGzip(this.settings.s3, location, path));
        if (found) files.push({ label: `step ${file}`, path });
      }
      if (files.length === 0) {
        throw new LakeError(
          'not-found',
          `Step ${stepId} has no log on S3 yet (EMR uploads them every few minutes and when the step ends): ${where.join(', ')}`,
        );
      }
      return { files, dispose };
    } catch (error) {
      await dispose();
      throw error;
    }
  }

  async run(request: RunStepRequest): Promise<StepSummary> {
    this.refuseReadOnly('adding a step');
    if (!STEP_JOBS.includes(request.job))
      throw new LakeError('bad-input', `Unknown job '${request.job}': use one of ${STEP_JOBS.join(', ')}`);
    if (!RUN_DATE_PATTERN.test(request.runDate))
      throw new LakeError('bad-input', `Run date '${request.runDate}' is not YYYY-MM-DD or 'all'`);
    const clusterId = request.clusterId ?? (await this.clusters()).find((cluster) => cluster.active)?.id;
    if (!clusterId) {
      throw new LakeError(
        'bad-input',
        `Stack '${this.settings.stack}' has no running EMR cluster: start the pipeline (its state machine creates one) and add the step then`,
      );
    }
    const { bucket, artifactsPrefix } = this.settings;
    const artifacts = `s3://${bucket}/${artifactsPrefix}spark`;
    const args = [
      'spark-submit',
      '--deploy-mode',
      'cluster',
      '--py-files',
      `${artifacts}/lakedeck-spark.zip`,
      `${artifacts}/jobs/${request.job}.py`,
      '--raw',
      `s3://${bucket}/raw`,
      '--trusted',
      `s3://${bucket}/trusted`,
      '--refined',
      `s3://${bucket}/refined`,
      '--run-date',
      request.runDate,
    ];
    const response = await this.call(`adding a step to ${clusterId}`, () =>
      this.settings.emr.send(
        new AddJobFlowStepsCommand({
          JobFlowId: clusterId,
          Steps: [
            {
              Name: `${this.settings.stack}-${request.job}`,
              ActionOnFailure: 'CONTINUE',
              HadoopJarStep: { Jar: 'command-runner.jar', Args: args },
            },
          ],
        }),
      ),
    );
    const stepId = response.StepIds?.[0];
    if (!stepId) throw new LakeError('bad-input', `EMR accepted no step on ${clusterId}`);
    const added = await this.call(`describing step ${stepId}`, () =>
      this.settings.emr.send(new DescribeStepCommand({ ClusterId: clusterId, StepId: stepId })),
    );
    return toStepSummary(clusterId, added.Step ?? { Id: stepId });
  }

  async cancel(clusterId: string, stepId: string): Promise<void> {
    this.refuseReadOnly('cancelling a step');
    const response = await this.call(`cancelling step ${stepId}`, () =>
      this.settings.emr.send(new CancelStepsCommand({ ClusterId: clusterId, StepIds: [stepId], StepCancellationOption: 'SEND_INTERRUPT' })),
    );
    const info = response.CancelStepsInfoList?.find((item) => item.StepId === stepId);
    if (info?.Status === 'FAILED')
      throw new LakeError('bad-input', `EMR did not cancel step ${stepId}: ${info.Reason ?? 'no reason given'}`);
  }

  async terminateCluster(clusterId: string): Promise<void> {
    this.refuseReadOnly('terminating a cluster');
    await this.call(`terminating ${clusterId}`, () => this.settings.emr.send(new TerminateJobFlowsCommand({ JobFlowIds: [clusterId] })));
  }

  private async describe(clusterId: string): Promise<Cluster> {
    const known = this.described.get(clusterId);
    if (known) return known;
    const response = await this.call(`describing ${clusterId}`, () =>
      this.settings.emr.send(new DescribeClusterCommand({ ClusterId: clusterId })),
    );
    const cluster = response.Cluster ?? {};
    this.described.set(clusterId, cluster);
    return cluster;
  }

  private async sparkUi(clusterId: string): Promise<string | undefined> {
    if (this.settings.sparkUi) return this.settings.sparkUi(clusterId);
    try {
      const response = await this.settings.emr.send(
        new GetOnClusterAppUIPresignedURLCommand({ ClusterId: clusterId, OnClusterAppUIType: 'SparkHistoryServer' }),
      );
      return response.PresignedURLReady ? response.PresignedURL : undefined;
    } catch {
      // Not offered for this cluster, release or role (or by the endpoint): fall back to the estimate.
      return undefined;
    }
  }

  private async tail(location: { bucket: string; key: string }, lines: number): Promise<string[] | undefined> {
    return this.call(`reading s3://${location.bucket}/${location.key}`, () => readGzipTail(this.settings.s3, location, lines));
  }

  private refuseReadOnly(what: string): void {
    if (this.settings.readOnly) throw new LakeError('read-only', `Read-only: ${what} is a change on EMR (drop --read-only to do it)`);
  }

  private async call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof LakeError) throw error;
      const name = (error as { name?: string }).name;
      if (name === 'InvalidRequestException')
        throw new LakeError('bad-input', `EMR refused ${what}: ${(error as Error).message}`, { cause: error });
      throw toLakeError(error, { what, endpoint: this.settings.endpoint });
    }
  }
}
