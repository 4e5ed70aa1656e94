// Live progress of a running local step: the Spark UI port the driver bound (from its log), the
// status REST API's jobs and stages, and the step fraction measured against the Spark jobs the
// newest completed run of the same job took (each step remembers the most jobs any console saw).
import { stepFraction, type SparkProgress } from '../../../core/spark-progress.js';
import { trySparkProgress } from '../../spark-rest.js';
import { readText } from './log-files.js';
import { boundUiPort } from './spark-runtime.js';
import type { StepFiles, StepRecord } from './step-files.js';

export class LiveProgress {
  /** Spark jobs seen per running step, so the count is written only when it grows. */
  private readonly jobsSeen = new Map<string, number>();

  constructor(private readonly files: StepFiles) {}

  async read(record: StepRecord): Promise<SparkProgress | undefined> {
    if (record.state !== 'RUNNING') return undefined;
    const port = boundUiPort(await readText(this.files.logPath(record.id), 256 * 1024));
    if (port === undefined) return undefined;
    const progress = await trySparkProgress(`http://127.0.0.1:${port}`);
    if (!progress) return undefined;
    const seen = this.jobsSeen.get(record.id) ?? (await this.files.sparkJobsSeen(record.id)) ?? 0;
    if (progress.jobs > seen) {
      this.jobsSeen.set(record.id, progress.jobs);
      await this.files.noteSparkJobs(record.id, progress.jobs).catch(() => {});
    }
    return { ...progress, fraction: stepFraction(progress, await this.expectedJobs(record)) };
  }

  /** How many Spark jobs the newest completed run of the same job took (seen while it ran). */
  private async expectedJobs(record: StepRecord): Promise<number | undefined> {
    const ids = (await this.files.stepIds()).filter((id) => id < record.id).sort().reverse();
    for (const id of ids) {
      const earlier = await this.files.readStep(id);
      if (earlier?.job !== record.job || earlier.state !== 'COMPLETED') continue;
      const jobs = await this.files.sparkJobsSeen(id);
      if (jobs) return jobs;
    }
    return undefined;
  }
}
