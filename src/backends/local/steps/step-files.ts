// Where the local steps live with the lake (<lake>/.steps), so every console on the same lake sees
// the same records and they survive a restart: one folder per step with its record and logs,
// one record per cluster, and one lock file per group of tables a job writes.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { LakeError } from '../../../core/errors.js';
import type { StepJob, StepState } from '../../../core/steps.js';

export interface StepRecord {
  id: string;
  clusterId: string;
  name: string;
  job: StepJob;
  runDate: string;
  args: string[];
  state: StepState;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  /** spark-submit's pid, which leads the step's process group. */
  pid?: number;
  /** The console process that waits for the step's exit and records it. */
  watcherPid: number;
  /** The Spark UI port asked for; the port Spark really bound is read from stderr. */
  uiPort?: number;
  exitCode?: number;
  cancelRequested?: boolean;
  failureReason?: string;
}

export interface ClusterRecord {
  id: string;
  name: string;
  createdAt: string;
  endedAt?: string;
}

export const DEFAULT_CLUSTER_ID = 'local';

export class StepFiles {
  readonly root: string;
  /** step.json path → its last parsed record and the file version (inode, size, mtime) it came from. */
  private readonly parsed = new Map<string, { version: string; record: StepRecord }>();

  constructor(lake: string) {
    this.root = path.join(lake, '.steps');
  }

  stepDir(stepId: string): string {
    return path.join(this.root, 'steps', safeId(stepId));
  }

  /**
   * One log per step: spark-submit's stdout and stderr together, in order. (Spark's PythonRunner
   * sends the job's own stderr to stdout anyway, so the two files would not separate anything.)
   */
  logPath(stepId: string): string {
    return path.join(this.stepDir(stepId), 'step.log');
  }

  /** The most Spark jobs any console saw the step's driver run (kept beside its record, never in it). */
  async sparkJobsSeen(stepId: string): Promise<number | undefined> {
    return (await readJson<{ jobs: number }>(path.join(this.stepDir(stepId), 'spark-jobs.json')))?.jobs;
  }

  async noteSparkJobs(stepId: string, jobs: number): Promise<void> {
    await writeJsonAtomic(path.join(this.stepDir(stepId), 'spark-jobs.json'), { jobs });
  }

  newStepId(now: Date): string {
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    return `s-${stamp}-${randomBytes(3).toString('hex')}`;
  }

  /** A record is parsed again only when its file changed (records are replaced by rename: a new inode). */
  async readStep(stepId: string): Promise<StepRecord | undefined> {
    const file = path.join(this.stepDir(stepId), 'step.json');
    let stat;
    try {
      stat = await fs.stat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.parsed.delete(file);
      return undefined;
    }
    const version = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    const cached = this.parsed.get(file);
    if (cached?.version === version) return { ...cached.record };
    const record = await readJson<StepRecord>(file);
    if (this.parsed.size >= 1_000) this.parsed.clear();
    if (record) this.parsed.set(file, { version, record: { ...record } });
    return record;
  }

  async writeStep(record: StepRecord): Promise<void> {
    await fs.mkdir(this.stepDir(record.id), { recursive: true });
    await writeJsonAtomic(path.join(this.stepDir(record.id), 'step.json'), record);
  }

  async stepIds(): Promise<string[]> {
    try {
      return (await fs.readdir(path.join(this.root, 'steps'))).filter((name) => name.startsWith('s-'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async clusters(): Promise<ClusterRecord[]> {
    const dir = path.join(this.root, 'clusters');
    let names: string[];
    try {
      names = (await fs.readdir(dir)).filter((name) => name.endsWith('.json'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records = await Promise.all(names.map((name) => readJson<ClusterRecord>(path.join(dir, name))));
    return records.filter((record): record is ClusterRecord => record !== undefined);
  }

  async writeCluster(record: ClusterRecord): Promise<void> {
    await fs.mkdir(path.join(this.root, 'clusters'), { recursive: true });
    await writeJsonAtomic(path.join(this.root, 'clusters', `${safeId(record.id)}.json`), record);
  }

  /** Creates the lock file of a table group; false when it exists already. */
  async tryLock(group: string, stepId: string): Promise<boolean> {
    await fs.mkdir(path.join(this.root, 'locks'), { recursive: true });
    try {
      await fs.writeFile(this.lockPath(group), JSON.stringify({ stepId }), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  async lockHolder(group: string): Promise<string | undefined> {
    return (await readJson<{ stepId: string }>(this.lockPath(group)))?.stepId;
  }

  /** Removes the lock only if `stepId` still holds it. */
  async unlock(group: string, stepId: string): Promise<void> {
    if ((await this.lockHolder(group)) !== stepId) return;
    await fs.rm(this.lockPath(group), { force: true });
  }

  private lockPath(group: string): string {
    return path.join(this.root, 'locks', `${group}.lock`);
  }
}

function safeId(id: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(id) || id.startsWith('.')) throw new LakeError('bad-input', `Not a step or cluster id: '${id}'`);
  return id;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify(value, null, 1)}\n`);
  await fs.rename(temp, file);
}
