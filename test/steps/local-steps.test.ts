// The local steps service running the real ETL with spark-submit on a tiny lake: live progress
// from the driver's Spark REST API, metric lines, failure reason and log tail, cancel, a watcher
// killed mid-step, and the second concurrent ETL refused.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGroupAlive } from '../../src/backends/local/steps/process-tree.js';
import { LocalStepsService } from '../../src/backends/local/steps/local-steps.js';
import { StepFiles } from '../../src/backends/local/steps/step-files.js';
import { isStepActive, type StepDetail } from '../../src/core/steps.js';
import { bundleForNode } from '../ingestion/support/bundle.js';
import { QUICK_SPARK, tinyLake } from './support/tiny-lake.js';

const SPARK_TIMEOUT = 600_000;
const service = (lake: string, readOnly = false) => new LocalStepsService({ lake, readOnly, ...QUICK_SPARK });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the step like the console does until `until` holds; returns every detail seen. */
async function observe(steps: LocalStepsService, id: string, until: (detail: StepDetail) => boolean): Promise<StepDetail[]> {
  const seen: StepDetail[] = [];
  for (;;) {
    const detail = await steps.step('local', id);
    seen.push(detail);
    if (until(detail)) return seen;
    await pause(200);
  }
}

let child: string;
beforeAll(async () => {
  child = await bundleForNode('test/steps/support/watcher-child.ts');
});

describe('local steps: a real spark-submit of the ETL', () => {
  const lake = tinyLake();
  afterAll(() => {});

  it(
    'shows live progress, parses the metric lines, ends COMPLETED; a second ETL meanwhile is refused',
    async () => {
      const steps = service(lake);
      const started = await steps.run({ job: 'etl', runDate: 'all' });
      expect(started.state).toBe('RUNNING');
      await expect(service(lake).run({ job: 'etl', runDate: 'all' })).rejects.toThrow(/already writing trusted covid_cases.*cancel it/);

      const seen = await observe(steps, started.id, (detail) => !isStepActive(detail.state));
      const final = seen[seen.length - 1];
      expect(final.state).toBe('COMPLETED');
      expect(final.exitCode).toBe(0);
      const midway = seen.filter(
        (detail) => detail.state === 'RUNNING' && detail.progress !== undefined && detail.progress > 0 && detail.progress < 1,
      );
      expect(midway.length).toBeGreaterThan(0);
      expect(seen.some((detail) => detail.stages.some((stage) => stage.tasksTotal > 0))).toBe(true);
      const cases = final.metrics.find((line) => line.table === 'covid_cases');
      expect(cases).toMatchObject({ job: 'etl', rows_read: 700, rows_written: 700, rows_rejected: 0 });
      expect(final.rows?.read).toBeGreaterThanOrEqual(700);
      expect(final.progress).toBe(1);
      expect(existsSync(path.join(lake, 'trusted', 'covid_cases'))).toBe(true);

      // Another console on the same lake sees the same record after a restart.
      const [listed] = await service(lake).steps('local');
      expect(listed).toMatchObject({ id: started.id, state: 'COMPLETED', job: 'etl' });
      const [cluster] = await service(lake).clusters();
      expect(cluster.stepCounts).toEqual({ COMPLETED: 1 });
    },
    SPARK_TIMEOUT,
  );

  it('refuses to run in read-only mode, saying why', async () => {
    await expect(service(lake, true).run({ job: 'etl', runDate: 'all' })).rejects.toThrow(/Read-only/);
  });
});

describe('local steps: failures, cancel and a lost watcher', () => {
  it(
    'a job on bad input ends FAILED with its one-line reason and the log tail',
    async () => {
      const lake = tinyLake(['covid_csv']);
      const steps = service(lake);
      const started = await steps.run({ job: 'etl', runDate: 'all' });
      const final = await steps.waitFor(started.id);
      expect(final.state).toBe('FAILED');
      expect(final.failureReason).toMatch(/^no divipola extract under file:.*raw\/divipola/);
      expect(final.failureReason).not.toContain('\n');
      const tail = await steps.logTail('local', started.id, 20);
      expect(tail.join('\n')).toContain('lakedeck etl: error: no divipola extract');
      expect((await steps.step('local', started.id)).exitCode).toBe(2);
      // The full log for the pager is the step's own log file, left in place.
      const full = await steps.logFiles('local', started.id);
      expect(full.files).toHaveLength(1);
      expect(readFileSync(full.files[0].path, 'utf8')).toContain('lakedeck etl: error: no divipola extract');
      await full.dispose();
      expect(existsSync(full.files[0].path)).toBe(true);
      await expect(steps.logFiles('local', 'no-such-step')).rejects.toThrow(/no-such-step/);
    },
    SPARK_TIMEOUT,
  );

  it(
    'cancel mid-run stops the whole process tree and records CANCELLED',
    async () => {
      const lake = tinyLake();
      const steps = service(lake);
      const started = await steps.run({ job: 'etl', runDate: 'all' });
      await observe(steps, started.id, (detail) => detail.stages.length > 0 || !isStepActive(detail.state));
      const pid = (await new StepFiles(lake).readStep(started.id))!.pid!;
      await steps.cancel('local', started.id);
      const detail = await steps.step('local', started.id);
      expect(detail.state).toBe('CANCELLED');
      expect(isGroupAlive(pid)).toBe(false);
      // The lock went with it: the ETL can run again.
      const again = await steps.run({ job: 'etl', runDate: 'all' });
      await steps.cancel('local', again.id);
    },
    SPARK_TIMEOUT,
  );

  it(
    'a step whose console was killed is INTERRUPTED on the next open, with nothing left running',
    async () => {
      const lake = tinyLake();
      const console_ = spawn(process.execPath, [child, lake, QUICK_SPARK.master, '4'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((resolve) => console_.once('exit', resolve));
      const id = await new Promise<string>((resolve, reject) => {
        let out = '';
        console_.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
        console_.once('exit', (code) => reject(new Error(`watcher child exited early (${code})`)));
      });
      const files = new StepFiles(lake);
      const pid = (await files.readStep(id))!.pid!;
      expect(isGroupAlive(pid)).toBe(true);
      console_.kill('SIGKILL');
      await exited;

      const [step] = await service(lake).steps('local');
      expect(step).toMatchObject({ id, state: 'INTERRUPTED' });
      expect(step.failureReason).toMatch(/console that ran it .* stopped/);
      expect(isGroupAlive(pid)).toBe(false);
    },
    SPARK_TIMEOUT,
  );
});
