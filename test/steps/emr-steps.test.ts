// The EMR steps service against moto: the stack's clusters only, their steps (moto never advances
// them: first RUNNING, the rest PENDING), add step with the stack's artifact paths, terminate, the
// log tail from a gzip object on S3, read-only refusals; and live stages read through the
// on-cluster Spark UI from a loopback server serving Spark REST JSON recorded from a real run.
import { AddJobFlowStepsCommand, DescribeClusterCommand, EMRClient, RunJobFlowCommand } from '@aws-sdk/client-emr';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmrStepsService } from '../../src/backends/aws/steps/emr-steps.js';
import { startMoto, type Moto } from '../support/moto.js';
import { freshBucket, s3For } from '../support/s3.js';

const STACK = 'lakedeck-test';
let moto: Moto;
let emr: EMRClient;
let s3: S3Client;
let bucket: string;

async function cluster(name: string, tags: Record<string, string>): Promise<string> {
  const response = await emr.send(
    new RunJobFlowCommand({
      Name: name,
      ReleaseLabel: 'emr-7.12.0',
      LogUri: `s3://${bucket}/logs/emr/`,
      Applications: [{ Name: 'Spark' }],
      Instances: { MasterInstanceType: 'm5.xlarge', InstanceCount: 1, KeepJobFlowAliveWhenNoSteps: true },
      JobFlowRole: 'EMR_EC2_DefaultRole',
      ServiceRole: 'EMR_DefaultRole',
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  return response.JobFlowId!;
}

const service = (options: Partial<ConstructorParameters<typeof EmrStepsService>[0]> = {}) =>
  new EmrStepsService({
    emr,
    s3,
    stack: STACK,
    bucket,
    artifactsPrefix: 'artifacts/',
    readOnly: false,
    endpoint: moto.endpoint,
    ...options,
  });

beforeAll(async () => {
  moto = await startMoto();
  emr = new EMRClient({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  s3 = s3For(moto);
  bucket = await freshBucket(s3);
});
afterAll(async () => {
  emr?.destroy();
  s3?.destroy();
  await moto?.stop();
});

describe('EMR steps against moto', () => {
  it('lists only the stack’s clusters, adds steps with the stack’s artifacts, tails the log, terminates', async () => {
    const ours = await cluster(`${STACK}-2026-11-28`, { 'lakedeck:stack': STACK });
    await cluster('someone-else', { 'lakedeck:stack': 'other' });
    await cluster(`${STACK}-lookalike`, { owner: 'not lakedeck' });
    const steps = service();

    const clusters = await steps.clusters();
    expect(clusters.map((c) => c.id)).toEqual([ours]);
    expect(clusters[0]).toMatchObject({ name: `${STACK}-2026-11-28`, active: true });

    const etl = await steps.run({ job: 'etl', runDate: '2026-11-28' });
    const analytics = await steps.run({ job: 'analytics', runDate: '2026-11-28', clusterId: ours });
    expect(etl).toMatchObject({ clusterId: ours, name: `${STACK}-etl`, job: 'etl' });
    const listed = await steps.steps(ours);
    expect(listed.map((s) => [s.id, s.job, s.state]).sort()).toEqual(
      [
        [etl.id, 'etl', 'RUNNING'],
        [analytics.id, 'analytics', 'PENDING'],
      ].sort(),
    );

    const detail = await steps.step(ours, etl.id);
    expect(detail.args).toEqual([
      'spark-submit',
      '--deploy-mode',
      'cluster',
      '--py-files',
      `s3://${bucket}/artifacts/spark/lakedeck-spark.zip`,
      `s3://${bucket}/artifacts/spark/jobs/etl.py`,
      '--raw',
      `s3://${bucket}/raw`,
      '--trusted',
      `s3://${bucket}/trusted`,
      '--refined',
      `s3://${bucket}/refined`,
      '--run-date',
      '2026-11-28',
    ]);
    expect(detail.logs[0]).toEqual({ label: 'step stderr', location: `s3://${bucket}/logs/emr/${ours}/steps/${etl.id}/stderr.gz` });
    // moto offers no on-cluster UI and no earlier run exists: no progress is invented.
    expect(detail.progress).toBeUndefined();
    expect(detail.stages).toEqual([]);

    expect(await steps.logTail(ours, etl.id, 5)).toEqual([]);
    const log = Array.from({ length: 500 }, (_, i) => `line ${i + 1}`).join('\n') + '\nlakedeck etl: error: no divipola extract\n';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `logs/emr/${ours}/steps/${etl.id}/stderr.gz`, Body: gzipSync(log) }));
    expect(await steps.logTail(ours, etl.id, 3)).toEqual(['line 499', 'line 500', 'lakedeck etl: error: no divipola extract']);

    // The full log for the pager: stderr.gz downloaded and decompressed to an owner-only temp file
    // (stdout.gz is not there: skipped), removed by dispose().
    await expect(steps.logFiles(ours, analytics.id)).rejects.toThrow(/has no log on S3 yet .*steps\/s-[A-Z0-9]+\/stderr\.gz/);
    const full = await steps.logFiles(ours, etl.id);
    expect(full.files.map((file) => file.label)).toEqual(['step stderr']);
    const [paged] = full.files;
    expect(readFileSync(paged.path, 'utf8')).toBe(log);
    expect(statSync(paged.path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(paged.path)).mode & 0o777).toBe(0o700);
    await full.dispose();
    expect(existsSync(dirname(paged.path))).toBe(false);

    await steps.terminateCluster(ours);
    const state = (await emr.send(new DescribeClusterCommand({ ClusterId: ours }))).Cluster?.Status?.State;
    expect(['TERMINATING', 'TERMINATED']).toContain(state);
    expect((await steps.clusters())[0].active).toBe(false);
    await expect(steps.run({ job: 'ml', runDate: '2026-11-28' })).rejects.toThrow(/no running EMR cluster/);
  });

  it('pages through many steps', async () => {
    const id = await cluster(`${STACK}-2026-11-29`, { 'lakedeck:stack': STACK });
    const many = Array.from({ length: 60 }, (_, i) => ({
      Name: `s${i}`,
      ActionOnFailure: 'CONTINUE' as const,
      HadoopJarStep: { Jar: 'command-runner.jar', Args: ['true'] },
    }));
    for (let i = 0; i < many.length; i += 20) await emr.send(new AddJobFlowStepsCommand({ JobFlowId: id, Steps: many.slice(i, i + 20) }));
    const listed = await service().steps(id);
    expect(new Set(listed.map((s) => s.name)).size).toBe(60);
  });

  it('refuses every change in read-only mode, saying why', async () => {
    const steps = service({ readOnly: true });
    await expect(steps.run({ job: 'etl', runDate: 'all' })).rejects.toThrow(/Read-only: adding a step/);
    await expect(steps.cancel('j-1', 's-1')).rejects.toThrow(/Read-only: cancelling a step/);
    await expect(steps.terminateCluster('j-1')).rejects.toThrow(/Read-only: terminating a cluster/);
  });

  it('reads live stages through the on-cluster Spark UI (recorded Spark REST JSON on loopback)', async () => {
    const fixture = (name: string) => readFileSync(`test/fixtures/spark-rest/${name}.json`, 'utf8');
    const app = JSON.parse(fixture('applications'))[0].id as string;
    const seen: string[] = [];
    const server: Server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      seen.push(url.pathname);
      const body =
        url.searchParams.get('authToken') !== 'secret'
          ? undefined
          : url.pathname === '/shs/api/v1/applications'
            ? fixture('applications')
            : url.pathname === `/shs/api/v1/applications/${app}/jobs`
              ? fixture('jobs')
              : url.pathname === `/shs/api/v1/applications/${app}/stages`
                ? fixture('stages')
                : undefined;
      response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body ?? '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const id = await cluster(`${STACK}-2026-11-30`, { 'lakedeck:stack': STACK });
      const steps = service({ sparkUi: async () => `http://127.0.0.1:${port}/shs/?authToken=secret` });
      const step = await steps.run({ job: 'etl', runDate: 'all', clusterId: id });
      const detail = await steps.step(id, step.id);
      expect(detail.state).toBe('RUNNING');
      expect(detail.progressSource).toBe('spark');
      // 13 jobs with 19 tasks planned; the running job's one task is the only one not done.
      expect(detail.progress).toBeCloseTo(18 / 19, 5);
      expect(detail.stages[0]).toMatchObject({ stageId: 18, status: 'ACTIVE', tasksDone: 0, tasksTotal: 1 });
      expect(detail.stages.length).toBeGreaterThan(5);
      expect(seen).toContain(`/shs/api/v1/applications/${app}/stages`);
    } finally {
      server.close();
    }
  });
});
