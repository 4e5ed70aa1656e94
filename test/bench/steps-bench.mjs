// `lakedeck steps run etl` on the seeded sample lake against a bare spark-submit of the very same
// command line and environment: the wall-time ratio (target: within 5 %), lakedeck's own share of
// the wall time (from process start to spark-submit's start, and from the job's end — the step
// record's endedAt, written on the exit event — to the process's exit: the part lakedeck can
// reduce, and a figure a loaded machine does not blur the way it blurs the ratio), and the CPU the
// lakedeck process itself spends following the step (polling the Spark REST API and the log), as
// a share of one core (target < 3 %). RUNS pairs, alternating which goes first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.LAKEDECK_BENCH_STEPS_RUNS ?? 1);
const CPU_PROBE = path.join(root, 'test', 'bench', 'cpu-at-exit.mjs');

/** Runs a command to its end: wall seconds (and the epoch ms it started and ended at), exit code. */
function timed(command, args, env) {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const started = performance.now();
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ wall: (performance.now() - started) / 1000, startedAt, endedAt: Date.now(), code, stderr }));
  });
}

/** The newest step record of the lake. */
function newestStep(lake) {
  const steps = path.join(lake, '.steps', 'steps');
  const newest = readdirSync(steps).sort().at(-1);
  return JSON.parse(readFileSync(path.join(steps, newest, 'step.json'), 'utf8'));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function runStepsBench() {
  const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-steps-bench-'));
  const env = { ...process.env, LAKEDECK_LAKE: lake, XDG_STATE_HOME: lake, XDG_CONFIG_HOME: lake };
  const seeded = await timed('node', ['bin/lakedeck.js', 'init'], env);
  if (seeded.code !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
  const lakedeck = [];
  const bare = [];
  for (let run = 0; run < RUNS; run += 1) {
    const viaLakedeck = async () => {
      const cpuFile = path.join(lake, 'bench-cpu.txt');
      rmSync(cpuFile, { force: true });
      const result = await timed('node', ['--import', CPU_PROBE, 'bin/lakedeck.js', 'steps', 'run', 'etl', '--run-date', 'all'], {
        ...env,
        LAKEDECK_BENCH_CPU_FILE: cpuFile,
      });
      if (result.code !== 0) throw new Error(`lakedeck steps run etl failed: ${result.stderr}`);
      const step = newestStep(lake);
      // Before spark-submit started, and after the job ended (its exit recorded) until lakedeck exited.
      const before = (Date.parse(step.startedAt) - result.startedAt) / 1000;
      const after = (result.endedAt - Date.parse(step.endedAt)) / 1000;
      lakedeck.push({ ...result, cpu: Number(readFileSync(cpuFile, 'utf8')), before, after });
    };
    const viaSparkSubmit = async () => {
      // The command line and environment lakedeck used, read back from its newest step record.
      const { args } = newestStep(lake);
      const venv = path.join(root, '.venv');
      const python = path.join(venv, 'bin', 'python');
      const result = await timed(args[0], args.slice(1), {
        ...env,
        PATH: `${path.join(venv, 'bin')}:${env.PATH}`,
        VIRTUAL_ENV: venv,
        PYSPARK_PYTHON: python,
        PYSPARK_DRIVER_PYTHON: python,
        SPARK_LOCAL_IP: '127.0.0.1',
      });
      if (result.code !== 0) throw new Error(`bare spark-submit failed: ${result.stderr}`);
      bare.push(result);
    };
    if (run === 0 || run % 2 === 0) {
      await viaLakedeck();
      await viaSparkSubmit();
    } else {
      await viaSparkSubmit();
      await viaLakedeck();
    }
  }
  const ratio = median(lakedeck.map((r) => r.wall)) / median(bare.map((r) => r.wall));
  const cpuShare = median(lakedeck.map((r) => r.cpu / r.wall));
  const before = median(lakedeck.map((r) => r.before));
  const after = median(lakedeck.map((r) => r.after));
  return [
    `load average at the end: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (${os.availableParallelism()} cores)`,
    `steps run etl, sample lake (${RUNS} run${RUNS === 1 ? '' : 's'} each): lakedeck ${median(lakedeck.map((r) => r.wall)).toFixed(1)} s, bare spark-submit ${median(bare.map((r) => r.wall)).toFixed(1)} s: ratio ${ratio.toFixed(3)} (target ≤ 1.05)`,
    `lakedeck's own wall time (median): ${before.toFixed(2)} s before spark-submit starts + ${after.toFixed(2)} s from the job's end to lakedeck's exit = ${(before + after).toFixed(2)} s`,
    `CPU of the lakedeck process following the step: ${(cpuShare * 100).toFixed(2)} % of a core (${median(lakedeck.map((r) => r.cpu)).toFixed(2)} s over the run; target < 3 %)`,
  ];
}
