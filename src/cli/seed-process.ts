// The console's first start on an empty local lake: the sample is landed by a child process
// (`lakedeck init --lake <lake>`), so the embedded Postgres it needs (~800 MB while PGlite runs
// initdb) never sits in the console's own memory. The console sees the objects appear through
// its usual reloads; the child's output goes to the console's log file.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Config } from '../config/config.js';

export interface SeedProcess {
  child: ChildProcess;
  /** Resolves with the child's exit code (null when killed). */
  done: Promise<number | null>;
}

/** `entry`: the script this process runs (bin/lakedeck.js), started again as `init`. */
export function startSeedProcess(config: Config, entry: string = process.argv[1]): SeedProcess {
  const log = openSync(config.logFile, 'a');
  const args = [...process.execArgv, entry, '--lake', config.lake, '--log-file', config.logFile];
  if (config.configFile) args.push('--config', config.configFile);
  const child = spawn(process.execPath, [...args, '--backend', 'local', 'init'], { stdio: ['ignore', log, log], env: process.env });
  closeSync(log);
  // Quitting the console stops the seeding: temp files of the killed writer are swept at the
  // next start, and a lake that is still empty is seeded again then.
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  const done = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('exit', (code) => {
      process.off('exit', stop);
      resolve(code);
    });
  });
  return { child, done };
}
