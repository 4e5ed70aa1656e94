// Runs the console in a real pseudo-terminal through test/bench/pty-session.py, which replays its
// output into a terminal emulator (pyte, in .venv: `npm run setup:python`) and matches each step's
// regex against the screen a user would see, not against the byte stream (frames are incremental).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PYTHON = path.join(root, '.venv/bin/python');

/**
 * steps: [regex on the screen text (rows joined by \n), keys to type once it shows | '__HWM__' (sample the peak RSS)
 * | '__PAUSE_S=<seconds>__' (stay on that screen)].
 * Returns { marks (ms from spawn, one per step), steps_done, console_hwm_kb, tree_peak_kb, screen }.
 */
export function ptySession(argv, env, { rows, columns, steps, timeoutS = 60 }) {
  if (!fs.existsSync(PYTHON)) throw new Error('the pty benchmarks need .venv (with pyte): run `npm run setup:python`');
  const input = JSON.stringify([argv, env, rows, columns, steps, timeoutS]);
  const result = spawnSync(PYTHON, [path.join(root, 'test/bench/pty-session.py'), input], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`pty session failed: ${result.stderr}`);
  const probe = JSON.parse(result.stdout);
  if (probe.steps_done < steps.length)
    throw new Error(`the console never showed ${JSON.stringify(steps[probe.steps_done][0])}; screen:\n${probe.screen}`);
  return probe;
}

/** The environment of a user's terminal: no CI variables (Ink draws nothing in CI), no LAKEDECK_ settings. */
export function userEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => k !== 'CI' && k !== 'CONTINUOUS_INTEGRATION' && !k.startsWith('CI_') && !k.startsWith('LAKEDECK_'),
    ),
  );
  return { ...env, TERM: 'xterm-256color', ...extra };
}
