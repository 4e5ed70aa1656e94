// Live progress of a running local step: the status REST API's jobs and stages at the Spark UI
// port the driver bound (the caller reads it from the log), and the step fraction measured against
// the Spark jobs the newest completed run of the same job took (each step remembers the most jobs
// any console saw; what an earlier run took is looked up once per step, not on every poll).
import { stepFraction, type SparkProgress } from '../../../core/spark-progress.js';
import { trySparkProgress } from '../../spark-rest.js';
import type { StepFiles, StepRecord } from './step-files.js';

const RECHECK_MS = 30_000;

export class LiveProgress {
  /** Spark jobs seen per running step, so the count is written only when it grows. */
  private readonly jobsSeen = new Map<string, number>();

  /** Per step: the Spark jobs its newest completed predecessor took, and when that was looked up. */
  private readonly expected = new Map<string, { jobs: number | undefined; at: number }>();

  constructor(private readonly files: StepFiles) {}

  async read(record: StepRecord, uiPort: number | undefined): Promise<SparkProgress | undefined> {
    if (record.state !== 'RUNNING') return undefined;
    if (uiPort === undefined) return undefined;
    const progress = await trySparkProgress(`http://127.0.0.1:${uiPort}`);
    if (!progress) return undefined;
    const seen = this.jobsSeen.get(record.id) ?? (await this.files.sparkJobsSeen(record.id)) ?? 0;
    this.jobsSeen.set(record.id, Math.max(seen, progress.jobs));
    if (progress.jobs > seen) await this.files.noteSparkJobs(record.id, progress.jobs).catch(() => {});
    return { ...progress, fraction: stepFraction(progress, await this.expectedJobs(record)) };
  }

  /**
   * How many Spark jobs the newest completed run of the same job took (seen while it ran). Found
   * once per step; while none is found, looked for again at most every RECHECK_MS (an earlier step
   * may still complete).
   */
  private async expectedJobs(record: StepRecord): Promise<number | undefined> {
    const known = this.expected.get(record.id);
    if (known && (known.jobs !== undefined || Date.now() - known.at < RECHECK_MS)) return known.jobs;
    if (this.expected.size > 1_000) this.expected.clear();
    const jobs = await this.lookUpExpectedJobs(record);
    this.expected.set(record.id, { jobs, at: Date.now() });
    return jobs;
  }

  private async lookUpExpectedJobs(record: StepRecord): Promise<number | undefined> {
    const ids = (await this.files.stepIds())
      .filter((id) => id < record.id)
      .sort()
      .reverse();
    for (const id of ids) {
      const earlier = await this.files.readStep(id);
      if (earlier?.job !== record.job || earlier.state !== 'COMPLETED') continue;
      const jobs = await this.files.sparkJobsSeen(id);
      if (jobs) return jobs;
    }
    return undefined;
  }
}
