// lakedeck: with no subcommand, the console; subcommands for scripts and plain terminals.
import './cli/quiet-warnings.js';
import { backendLabel } from './backends/label.js';
import { needsSubcommands, rootProgram } from './cli/program.js';
import { configFrom, openBackend, reportAndExit } from './cli/run-command.js';
import type { Config } from './config/config.js';
import { ensureWritableLogFile } from './config/log-file.js';

const program = rootProgram();
// The subcommands' modules load only when the command line may name one: the console starts without them.
if (needsSubcommands(process.argv.slice(2), program)) {
  const { registerSubcommands } = await import('./cli/subcommands.js');
  registerSubcommands(program);
}

// No subcommand: the console. The UI is imported only here, off the path of the subcommands.
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
  const { consoleRefusal, runConsole } = await import('./ui/shell/run-console.js');
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

await program.parseAsync(process.argv);
