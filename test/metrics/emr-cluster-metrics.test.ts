// The EMR series of the Metrics pane against moto: a cluster made by RunJobFlow with the stack's
// tag gets IsIdle, AppsRunning, AppsPending and HDFSUtilization series (JobFlowId), read with the
// pipeline's series in one GetMetricData call; another stack's cluster gets none; the cluster
// list is asked for once in five minutes; with no active cluster the service says so. The
// template's dashboard searches the same metric names.
import { readFileSync } from 'node:fs';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EMRClient, RunJobFlowCommand, TerminateJobFlowsCommand } from '@aws-sdk/client-emr';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCalls } from '../../src/backends/aws/clients.js';
import { ActiveClusterLookup, ACTIVE_CLUSTERS_TTL_MS } from '../../src/backends/aws/metrics/active-clusters.js';
import { CloudWatchMetricsService } from '../../src/backends/aws/metrics/cloudwatch-metrics.js';
import { EmrStepsService } from '../../src/backends/aws/steps/emr-steps.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import type { AwsTarget } from '../../src/core/backend.js';
import { isClusterDefinition, METRIC_DEFINITIONS, NO_ACTIVE_CLUSTER } from '../../src/core/metric-catalog.js';
import { rangeFor } from '../../src/core/metric-range.js';
import { startMoto, type Moto } from '../support/moto.js';
import { s3For } from '../support/s3.js';

const STACK = 'lakedeck-emr-metrics';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
let moto: Moto;
let cloudwatch: CloudWatchClient;
let emr: EMRClient;
let s3: S3Client;
const cloudwatchCalls = new CallCounter();
const emrCalls = new CallCounter();
let ours: string;

const target: AwsTarget = {
  kind: 'aws',
  stackName: STACK,
  bucket: 'lake-bucket',
  metricsNamespace: 'LakedeckEmr',
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:lakedeck-emr-metrics-pipeline',
};

async function runJobFlow(name: string, stack: string): Promise<string> {
  const response = await emr.send(
    new RunJobFlowCommand({
      Name: name,
      ReleaseLabel: 'emr-7.12.0',
      Instances: { MasterInstanceType: 'm5.large', InstanceCount: 1, KeepJobFlowAliveWhenNoSteps: true },
      JobFlowRole: 'EMR_EC2_DefaultRole',
      ServiceRole: 'EMR_DefaultRole',
      Tags: [{ Key: 'lakedeck:stack', Value: stack }],
    }),
  );
  return response.JobFlowId!;
}

function services(now: () => number = Date.now) {
  const steps = new EmrStepsService({ emr, s3, stack: STACK, bucket: 'lake-bucket', artifactsPrefix: 'artifacts/', readOnly: true });
  const lookup = new ActiveClusterLookup(() => steps.clusters(), STACK, now);
  return new CloudWatchMetricsService(cloudwatch, target, lookup);
}

beforeAll(async () => {
  moto = await startMoto();
  cloudwatch = countCalls(new CloudWatchClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials }), cloudwatchCalls);
  emr = countCalls(new EMRClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials }), emrCalls);
  s3 = s3For(moto);
  ours = await runJobFlow(`${STACK}-2026-11-29`, STACK);
  const theirs = await runJobFlow('other-stack-2026-11-29', 'other-stack');
  const now = Date.now();
  for (const [cluster, apps] of [
    [ours, 2],
    [theirs, 9],
  ] as const) {
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/ElasticMapReduce',
        MetricData: [
          {
            MetricName: 'IsIdle',
            Dimensions: [{ Name: 'JobFlowId', Value: cluster }],
            Value: 0,
            Unit: 'None',
            Timestamp: new Date(now - 300_000),
          },
          { MetricName: 'IsIdle', Dimensions: [{ Name: 'JobFlowId', Value: cluster }], Value: 1, Unit: 'None', Timestamp: new Date(now) },
          {
            MetricName: 'AppsRunning',
            Dimensions: [{ Name: 'JobFlowId', Value: cluster }],
            Value: apps,
            Unit: 'Count',
            Timestamp: new Date(now - 300_000),
          },
          {
            MetricName: 'HDFSUtilization',
            Dimensions: [{ Name: 'JobFlowId', Value: cluster }],
            Value: 12.5,
            Unit: 'Percent',
            Timestamp: new Date(now),
          },
        ],
      }),
    );
  }
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'LakedeckEmr',
      MetricData: [{ MetricName: 'RowsIngested', Dimensions: [{ Name: 'Source', Value: 'covid_csv' }], Value: 700, Unit: 'Count' }],
    }),
  );
});
afterAll(async () => {
  cloudwatch?.destroy();
  emr?.destroy();
  s3?.destroy();
  await moto?.stop();
});

describe('EMR cluster series (moto)', () => {
  it("reads the stack's active cluster's series with the pipeline's in one GetMetricData call, and no other stack's", async () => {
    const metrics = services();
    const clusters = await metrics.clusterSeries();
    expect(clusters.absent).toBeUndefined();
    expect(clusters.series.map((s) => [s.label, s.dimensions])).toEqual([
      ['EMR idle 2026-11-29', { JobFlowId: ours }],
      ['EMR apps running 2026-11-29', { JobFlowId: ours }],
      ['EMR apps pending 2026-11-29', { JobFlowId: ours }],
      ['EMR HDFS use 2026-11-29', { JobFlowId: ours }],
    ]);
    expect(clusters.series.every((s) => s.namespace === 'AWS/ElasticMapReduce')).toBe(true);
    // The static catalog never holds a cluster series (it cannot know the clusters).
    expect(metrics.catalog().some((s) => s.namespace === 'AWS/ElasticMapReduce')).toBe(false);

    const before = cloudwatchCalls.count;
    const series = await metrics.query([...metrics.catalog(), ...clusters.series], rangeFor('1h', new Date()));
    expect(cloudwatchCalls.count - before).toBe(1);
    const values = (label: string) => series.find((s) => s.label === label)!.points.map((p) => p.value);
    expect(values('EMR idle 2026-11-29')).toEqual([0, 1]);
    expect(values('EMR apps running 2026-11-29')).toEqual([2]);
    expect(values('EMR apps pending 2026-11-29')).toEqual([]);
    expect(values('EMR HDFS use 2026-11-29')).toEqual([12.5]);
    expect(values('rows ingested covid_csv')).toEqual([700]);
  });

  it('lists the clusters once in five minutes, not once a refresh', async () => {
    let now = Date.now();
    const metrics = services(() => now);
    await metrics.clusterSeries();
    const listed = emrCalls.count;
    now += ACTIVE_CLUSTERS_TTL_MS - 1_000;
    await metrics.clusterSeries();
    expect(emrCalls.count).toBe(listed);
    now += 2_000;
    await metrics.clusterSeries();
    // ListClusters again; DescribeCluster is asked once per cluster and session already.
    expect(emrCalls.count - listed).toBe(1);
  });

  it('says there is no active cluster once the run has terminated it, and has no series then', async () => {
    await emr.send(new TerminateJobFlowsCommand({ JobFlowIds: [ours] }));
    const clusters = await services().clusterSeries();
    expect(clusters).toEqual({ series: [], absent: NO_ACTIVE_CLUSTER });
  });

  it('says why without a stack, and when the clusters cannot be listed', async () => {
    expect((await new CloudWatchMetricsService(cloudwatch, target).clusterSeries()).absent).toMatch(/pass --stack NAME/);
    const failing = new ActiveClusterLookup(() => Promise.reject(new Error('AccessDenied: elasticmapreduce:ListClusters')), STACK);
    const clusters = await new CloudWatchMetricsService(cloudwatch, target, failing).clusterSeries();
    expect(clusters.series).toEqual([]);
    expect(clusters.absent).toMatch(/^EMR: cannot list the stack's clusters: .*AccessDenied/);
  });

  it("names the same EMR metrics as the template's dashboard", () => {
    const template = readFileSync('cloudformation/lakedeck.yaml', 'utf8');
    const searched = [...template.matchAll(/SEARCH\('\{AWS\/ElasticMapReduce,JobFlowId\} MetricName=\\"(\w+)\\"'/g)].map((m) => m[1]);
    const defined = METRIC_DEFINITIONS.filter(isClusterDefinition);
    expect(searched).toEqual(defined.map((d) => d.name));
    expect(new Set(defined.map((d) => d.namespace))).toEqual(new Set(['AWS/ElasticMapReduce']));
  });
});
