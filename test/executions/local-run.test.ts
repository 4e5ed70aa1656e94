// The pipeline state machine end to end on a fresh local lake with every source offline: the very
// ASL file the stack deploys, run by the local executions service over the real ingestion, steps
// (spark-submit) and catalog services. Spark runs are slow here, so one lake serves the file and
// the number of full runs is kept small.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepOfState } from '../../src/core/execution-steps.js';
import { fullHistory, type HistoryEvent } from '../../src/core/executions.js';
import { pipelineLake, type PipelineLake } from './support/pipeline-lake.js';

const SPARK_TIMEOUT = 900_000;
let env: PipelineLake;

beforeAll(async () => {
  env = await pipelineLake();
});
afterAll(async () => {
  await env?.close();
});

const entered = (events: HistoryEvent[]) => events.filter((event) => event.type.endsWith('StateEntered')).map((event) => event.stateName);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lakedeck run on the local backend', () => {
  it(
    'ingests the four sources, runs ETL, analytics and ML through the steps service, and follows the definition to its end',
    async () => {
      const executions = env.executions();
      const started = await executions.start({ trigger: 'test' });
      expect(started.status).toBe('RUNNING');
      const final = await executions.waitFor(started.arn);
      const events = await fullHistory(executions, started.arn);
      const states = entered(events);
      expect(states.slice(0, 3)).toEqual(['RunDefaults', 'RunParameters', 'Ingest']);
      expect(states).toEqual(
        expect.arrayContaining([
          'IngestCovidCsv',
          'IngestCovidApi',
          'ExtractDivipola',
          'ExtractDepartments',
          'CheckAnythingNew',
          'CreateCluster',
          'RunEtl',
          'AnalyticsAndMl',
          'RunAnalytics',
          'RunMl',
          'RefreshCatalog',
        ]),
      );
      const ingestOut = JSON.parse(events.find((event) => event.type === 'ParallelStateExited' && event.stateName === 'Ingest')!.output!);
      expect(ingestOut.ingestion.map((result: { outcome: string }) => result.outcome)).toEqual([
        'ingested',
        'ingested',
        'ingested',
        'ingested',
      ]);

      // Every Spark job ran as a step of the run's own cluster, and wrote its tables.
      const clusters = await env.steps.clusters();
      const cluster = clusters.find((item) => item.name.startsWith('lakedeck-local-'))!;
      expect(cluster.active).toBe(false);
      const steps = await env.steps.steps(cluster.id);
      expect(steps.map((step) => `${step.job} ${step.state}`).sort()).toEqual(['analytics COMPLETED', 'etl COMPLETED', 'ml COMPLETED']);
      // The history names each step (TaskSubmitted, after its state was entered), as Step Functions does.
      for (const [state, job] of [
        ['RunEtl', 'etl'],
        ['RunAnalytics', 'analytics'],
        ['RunMl', 'ml'],
      ] as const) {
        expect(stepOfState(events, state)).toEqual({ clusterId: cluster.id, stepId: steps.find((step) => step.job === job)!.id });
        const at = (type: string) => events.findIndex((event) => event.stateName === state && event.type === type);
        expect(at('TaskSubmitted')).toBeGreaterThan(at('TaskStateEntered'));
      }
      expect(existsSync(path.join(env.lake, 'trusted', 'covid_cases'))).toBe(true);
      expect(existsSync(path.join(env.lake, 'refined', 'cases_daily_by_department'))).toBe(true);

      // The record survives: another service on the same lake reads the same execution.
      const again = await env.executions().describe(started.arn);
      expect(again.status).toBe(final.status);
      expect(JSON.parse(again.input)).toEqual({ trigger: 'test' });
      // The catalog check ran on the local DuckDB query service over what the run wrote.
      expect(final.status).toBe('SUCCEEDED');
      expect(states.slice(-3)).toEqual(['RefreshCatalog', 'TerminateCluster', 'PipelineSucceeded']);
      expect(await executions.notifications()).toEqual([]);
    },
    SPARK_TIMEOUT,
  );

  it(
    'ends at NothingNew when every source is a duplicate, and skips a switched-off source',
    async () => {
      const executions = env.executions({ skipSources: ['covid_api'] });
      const started = await executions.start({ skip: ['departments'] });
      const final = await executions.waitFor(started.arn);
      expect(final.status).toBe('SUCCEEDED');
      const events = await fullHistory(executions, started.arn);
      expect(entered(events)).toContain('NothingNew');
      expect(entered(events)).not.toContain('CreateCluster');
      const ingestOut = JSON.parse(events.find((event) => event.type === 'ParallelStateExited' && event.stateName === 'Ingest')!.output!);
      expect(ingestOut.ingestion.map((result: { outcome: string }) => result.outcome)).toEqual([
        'duplicate',
        'skipped',
        'duplicate',
        'skipped',
      ]);
      const page = await executions.history(started.arn, { reverse: true, maxResults: 2 });
      expect(page.events[0].type).toBe('ExecutionSucceeded');
      expect(page.nextToken).toBe('2');
    },
    SPARK_TIMEOUT,
  );

  it(
    'stop during the ETL cancels the step, ends the cluster record and ends ABORTED',
    async () => {
      const executions = env.executions();
      const started = await executions.start({ force: true, skip: ['covid_api'] });
      for (;;) {
        const events = await fullHistory(executions, started.arn);
        if (entered(events).includes('RunEtl')) break;
        await pause(200);
      }
      // It runs in this process (the console asks before quitting while it does).
      expect(executions.runningHere()).toEqual([{ arn: started.arn, name: started.name }]);
      // Another console asks: the owner aborts.
      await env.executions().stop(started.arn, 'stopped by the test');
      expect(executions.runningHere()).toEqual([]);
      const final = await env.executions().describe(started.arn);
      expect(final.status).toBe('ABORTED');
      expect(final.cause).toBe('stopped by the test');
      const events = await fullHistory(executions, started.arn);
      expect(events[events.length - 1].type).toBe('ExecutionAborted');
      expect(entered(events)).not.toContain('TerminateClusterOnFailure');
      const clusters = await env.steps.clusters();
      const newest = clusters.find((item) => item.name.startsWith('lakedeck-local-') && item.createdAt! >= started.startedAt)!;
      expect(newest.active).toBe(false);
      const [etl] = await env.steps.steps(newest.id);
      expect(etl).toMatchObject({ job: 'etl', state: 'CANCELLED' });
    },
    SPARK_TIMEOUT,
  );

  it(
    'a failing ETL (bad raw file) is caught: cluster ended, notification, FAILED with the job’s error; redrive after the fix starts at RunEtl',
    async () => {
      const executions = env.executions();
      const today = new Date().toISOString().slice(0, 10);
      const folder = path.join(env.lake, 'raw', 'covid_csv', `ingest_date=${today}`);
      mkdirSync(folder, { recursive: true });
      const bad = path.join(folder, `covid_csv_${today.replace(/-/g, '')}_235959.csv`);
      writeFileSync(bad, '');
      const started = await executions.start({ force: true, skip: ['covid_csv', 'covid_api', 'divipola', 'departments'] });
      const failed = await executions.waitFor(started.arn);
      expect(failed.status).toBe('FAILED');
      const detail = await executions.describe(started.arn);
      expect(detail.error).toBe('States.TaskFailed');
      expect(detail.cause).toMatch(/\(etl\) FAILED: .*empty file \(0 bytes\)/);
      const events = await fullHistory(executions, started.arn);
      expect(entered(events).slice(-4)).toEqual(['RunEtl', 'TerminateClusterOnFailure', 'NotifyFailure', 'PipelineFailed']);
      const [notification] = await executions.notifications();
      expect(notification.message).toContain('empty file (0 bytes)');
      const cluster = (await env.steps.clusters()).find(
        (item) => item.name.startsWith('lakedeck-local-') && item.createdAt! >= started.startedAt,
      )!;
      expect(cluster.active).toBe(false);

      // Fix the input, redrive: it starts again at the state that failed, with the input it had.
      rmSync(bad);
      const redriven = await executions.redrive(started.arn);
      expect(redriven).toMatchObject({ status: 'RUNNING', redriveCount: 1 });
      const final = await executions.waitFor(started.arn);
      const after = await fullHistory(executions, started.arn);
      const second = after.slice(after.findIndex((event) => event.type === 'ExecutionRedriven'));
      expect(entered(second)[0]).toBe('RunEtl');
      expect(entered(second)).toEqual(expect.arrayContaining(['RunEtl', 'AnalyticsAndMl', 'RunAnalytics', 'RunMl', 'RefreshCatalog']));
      const steps = await env.steps.steps(cluster.id);
      expect(steps.map((step) => `${step.job} ${step.state}`).sort()).toEqual([
        'analytics COMPLETED',
        'etl COMPLETED',
        'etl FAILED',
        'ml COMPLETED',
      ]);
      expect(final.status).toBe('SUCCEEDED');
      expect(entered(second).slice(-2)).toEqual(['TerminateCluster', 'PipelineSucceeded']);
      expect(after.every((event, index) => event.id === index + 1)).toBe(true);
    },
    SPARK_TIMEOUT,
  );
});
