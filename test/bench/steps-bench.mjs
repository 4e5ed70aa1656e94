// `lakedeck steps run etl` on the seeded sample lake against a bare spark-submit of the very same
// command line and environment: the wall-time ratio (target: within 5 %) and the CPU the lakedeck
// process itself spends following the step (polling the record, the log and the Spark REST API
// every second), as a share of one core (target < 3 %). RUNS pairs, alternating which goes first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.LAKEDECK_BENCH_STEPS_RUNS ?? 1);
const TICKS = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}

/** Runs a command to its end; wall seconds, exit code, and its own CPU seconds (last sample). */
function timed(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    let cpu = 0;
    const sampler = setInterval(() => (cpu = cpuSeconds(child.pid) ?? cpu), 100);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(sampler);
      resolve({ wall: (performance.now() - started) / 1000, code, cpu, stderr });
    });
  });
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
      const result = await timed('node', ['bin/lakedeck.js', 'steps', 'run', 'etl', '--run-date', 'all'], env);
      if (result.code !== 0) throw new Error(`lakedeck steps run etl failed: ${result.stderr}`);
      lakedeck.push(result);
    };
    const viaSparkSubmit = async () => {
      // The command line and environment lakedeck used, read back from its newest step record.
      const steps = path.join(lake, '.steps', 'steps');
      const newest = readdirSync(steps).sort().at(-1);
      const { args } = JSON.parse(readFileSync(path.join(steps, newest, 'step.json'), 'utf8'));
      const venv = path.join(root, '.venv');
      const python = path.join(venv, 'bin', 'python');
      const result = await timed(args[0], args.slice(1), { ...env, PATH: `${path.join(venv, 'bin')}:${env.PATH}`, VIRTUAL_ENV: venv, PYSPARK_PYTHON: python, PYSPARK_DRIVER_PYTHON: python, SPARK_LOCAL_IP: '127.0.0.1' });
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
  return [
    `steps run etl, sample lake (${RUNS} run${RUNS === 1 ? '' : 's'} each): lakedeck ${median(lakedeck.map((r) => r.wall)).toFixed(1)} s, bare spark-submit ${median(bare.map((r) => r.wall)).toFixed(1)} s: ratio ${ratio.toFixed(3)} (target ≤ 1.05)`,
    `CPU of the lakedeck process following the step: ${(cpuShare * 100).toFixed(2)} % of a core (${median(lakedeck.map((r) => r.cpu)).toFixed(2)} s over the run; target < 3 %)`,
  ];
}
