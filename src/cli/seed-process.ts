// The console's first start on an empty local lake: the sample is landed by a child process
// (`lakedeck init --lake <lake>`), so the embedded Postgres it needs never sits in the console's
// own memory. It loads the cluster the build dumped (prebuilt-cluster.ts) under V8's
// --liftoff-only: PGlite's WebAssembly is not worth optimising for one seeding (measured: peak
// 798 MB / 10.1 s with initdb, 379 MB / 4.1 s from the dump, 322 MB / 2.8 s with Liftoff only). The console sees the objects appear through
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
  const args = [...process.execArgv, '--liftoff-only', entry, '--lake', config.lake, '--log-file', config.logFile];
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
