// The root command's action: the console. Shared by the ES-module CLI (src/cli.ts) and the
// start-up script that Nodes without a compile cache run from a V8 code cache (src/launch/).
import type { Command } from 'commander';
import { backendLabel } from '../backends/label.js';
import type { Config } from '../config/config.js';
import { ensureWritableLogFile } from '../config/log-file.js';
import { configFrom, openBackend, reportAndExit } from './run-command.js';

/**
 * Makes the console the root command's action. The UI is imported only when it runs, off the
 * path of the subcommands. `accepts` may decline a configuration (the action then returns at
 * once, having shown nothing): the start script leaves the aws backend to the ES-module CLI.
 */
export function addConsoleAction(program: Command, accepts: (config: Config) => boolean = () => true): void {
  program.action(async () => {
    // Configuration and the log file are checked before anything else: their errors are plain
    // lines on the terminal, never a console that cannot start.
    let config: Config;
    try {
      config = configFrom(program);
      ensureWritableLogFile(config.logFile);
    } catch (error) {
      reportAndExit(error);
    }
    if (!accepts(config)) return;
    const { consoleRefusal, runConsole } = await import('../ui/shell/run-console.js');
    const refusal = consoleRefusal(process);
    if (refusal) {
      process.stderr.write(refusal);
      process.exit(2);
    }
    const code = await runConsole(() => openBackend(config, { seed: 'background' }), {
      logFile: config.logFile,
      label: backendLabel(config),
    });
    // Quit means now: background work (a sample seeding still running) must not hold the
    // terminal. Interrupted ingestion leaves no partial object and can simply run again.
    process.exit(code);
  });
}
