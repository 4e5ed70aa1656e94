// Finds what a local step needs to run: the project's Spark jobs (spark/jobs/<job>.py), its Python
// environment with pyspark's spark-submit (.venv), and Java; builds the spark-submit command line.
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LakeError } from '../../../core/errors.js';
import type { StepJob } from '../../../core/steps.js';

const SETUP = 'bash scripts/setup-python.sh';

export interface SparkRuntime {
  /** The folder holding spark/jobs and lakedeck_spark. */
  sparkDir: string;
  /** The Python environment (a venv with pyspark). */
  venv: string;
}

type Env = Record<string, string | undefined>;

/** The repository's spark/ and .venv, searched upwards from this file (src/ or dist/); env overrides. */
export function findSparkRuntime(env: Env = process.env): SparkRuntime {
  let sparkDir = env.LAKEDECK_SPARK_DIR ? path.resolve(env.LAKEDECK_SPARK_DIR) : undefined;
  let venv = env.LAKEDECK_VENV ? path.resolve(env.LAKEDECK_VENV) : undefined;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6 && (!sparkDir || !venv); depth += 1) {
    if (!sparkDir && existsSync(path.join(dir, 'spark', 'jobs', 'etl.py'))) sparkDir = path.join(dir, 'spark');
    if (!venv && existsSync(path.join(dir, '.venv'))) venv = path.join(dir, '.venv');
    dir = path.dirname(dir);
  }
  if (!sparkDir)
    throw new LakeError(
      'config',
      'The Spark jobs (spark/jobs/*.py) were not found: run lakedeck from its repository or set LAKEDECK_SPARK_DIR',
    );
  return { sparkDir, venv: venv ?? path.join(path.dirname(sparkDir), '.venv') };
}

/** Clear messages for what is missing, before anything starts. */
export function checkRuntime(runtime: SparkRuntime, env: Env = process.env): void {
  if (!existsSync(path.join(runtime.venv, 'bin', 'spark-submit'))) {
    throw new LakeError('config', `No Python environment with pyspark at ${runtime.venv}: run \`${SETUP}\` (or set LAKEDECK_VENV)`);
  }
  if (!findJava(env)) {
    throw new LakeError(
      'config',
      `Java was not found (JAVA_HOME or java on the PATH): Spark needs Java 17; install it, then \`${SETUP}\` checks the rest`,
    );
  }
}

function findJava(env: Env): string | undefined {
  const candidates = [
    env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : undefined,
    ...(env.PATH ?? '')
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, 'java')),
  ];
  return candidates.find((file) => file !== undefined && isFile(file));
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface SubmitOptions {
  job: StepJob;
  runDate: string;
  lake: string;
  uiPort: number;
  /** Spark master (default local[*]). */
  master?: string;
  /** Extra --conf settings (tests and benchmarks tune partitions; the jobs' own settings win). */
  conf?: Record<string, string>;
  driverJavaOptions?: string;
  /** Driver heap (default localDriverMemory()). */
  driverMemory?: string;
}

/**
 * The driver heap of a local run: a quarter of the machine's memory, between 1 and 8 GiB. In local
 * mode the driver is all of Spark, and the ETL keeps its classified batch in memory (about 0.8 GB a
 * million rows): Spark's default 1 GB spills and collects garbage for most of a full-size run.
 */
export function localDriverMemory(totalBytes: number = os.totalmem()): string {
  const gib = Math.min(8, Math.max(1, Math.floor(totalBytes / 4 / 2 ** 30)));
  return `${gib}g`;
}

/**
 * JVM options of a local run's driver, measured with spark/bench/etl_bench.py (LOCAL_JAVA_OPTIONS
 * in spark/lakedeck_spark/session.py says why): the parallel collector, and the JIT compiling only
 * the hotter methods, so it competes less with the tasks for a few cores. A test keeps the two equal.
 */
export const LOCAL_DRIVER_JAVA_OPTIONS = '-XX:+UseParallelGC -XX:CompileThresholdScaling=4';

/**
 * Hadoop's local file system over Java NIO (LOCAL_FS_JAR in spark/lakedeck_spark/session.py says
 * why: the stock one starts a chmod process for every file and folder Spark writes). Fetched into
 * the venv by scripts/setup-python.sh; a test keeps these equal to the Python side.
 */
export const LOCAL_FS_JAR = 'hadoop-bare-naked-local-fs-0.1.0.jar';
export const LOCAL_FS_CLASS = 'com.globalmentor.apache.hadoop.fs.BareLocalFileSystem';

/** spark-submit arguments that give the driver that file system; none when the jar is missing. */
function localFsArgs(runtime: SparkRuntime): string[] {
  const jar = path.join(runtime.venv, 'jars', LOCAL_FS_JAR);
  if (!isFile(jar)) return [];
  return ['--driver-class-path', jar, '--conf', `spark.hadoop.fs.file.impl=${LOCAL_FS_CLASS}`];
}

/** spark-submit of the job in local mode on the lake's file:// zone URIs. */
export function submitCommand(runtime: SparkRuntime, options: SubmitOptions): string[] {
  // Not percent-encoded: the jobs hand these to Hadoop's Path, which does not decode them (the
  // same form as `file://$LAKE/raw` in the README).
  const zone = (name: string) => `file://${path.resolve(options.lake)}/${name}`;
  // One machine: a few shuffle partitions per core, not the cluster default of 200 (which makes a
  // small lake take minutes on two cores). Only speed depends on it, never results.
  const conf = {
    'spark.sql.shuffle.partitions': String(2 * os.availableParallelism()),
    'spark.ui.port': String(options.uiPort),
    ...options.conf,
  };
  const logging = `-Dlog4j2.configurationFile=${pathToFileURL(path.join(runtime.sparkDir, 'conf', 'log4j2-steps.properties')).href}`;
  return [
    path.join(runtime.venv, 'bin', 'spark-submit'),
    '--master',
    options.master ?? 'local[*]',
    '--driver-memory',
    options.driverMemory ?? localDriverMemory(),
    '--driver-java-options',
    // The caller's options last: where they set the same flag, theirs wins.
    [logging, LOCAL_DRIVER_JAVA_OPTIONS, options.driverJavaOptions].filter(Boolean).join(' '),
    ...localFsArgs(runtime),
    ...Object.entries(conf).flatMap(([key, value]) => ['--conf', `${key}=${value}`]),
    path.join(runtime.sparkDir, 'jobs', `${options.job}.py`),
    '--raw',
    zone('raw'),
    '--trusted',
    zone('trusted'),
    '--refined',
    zone('refined'),
    '--run-date',
    options.runDate,
  ];
}

/** The environment of spark-submit: the venv's Python for driver and workers, the UI on loopback only. */
export function submitEnv(runtime: SparkRuntime, env: Env = process.env): Env {
  const python = path.join(runtime.venv, 'bin', 'python');
  return {
    ...env,
    PATH: `${path.join(runtime.venv, 'bin')}${path.delimiter}${env.PATH ?? ''}`,
    VIRTUAL_ENV: runtime.venv,
    PYSPARK_PYTHON: python,
    PYSPARK_DRIVER_PYTHON: python,
    SPARK_LOCAL_IP: '127.0.0.1',
  };
}

/** The port Spark really bound its UI to, from the driver's log (it moves on when one is taken). */
export function boundUiPort(stderr: string): number | undefined {
  const match = /Successfully started service 'SparkUI' on port (\d+)/.exec(stderr);
  return match ? Number(match[1]) : undefined;
}
