// lakedeck: with no subcommand, the console; subcommands for scripts and plain terminals.
import './cli/quiet-warnings.js';
import { Command } from 'commander';
import { stopQuietlyOnClosedPipe } from './cli/closed-pipe.js';
import { registerDeployCommands } from './cli/deploy-command.js';
import { registerIngestCommand } from './cli/ingest-command.js';
import { registerInitCommand } from './cli/init-command.js';
import { registerMetricsCommands } from './cli/metrics-command.js';
import { backendLabel } from './backends/label.js';
import { backendRunner, configFrom, openBackend, reportAndExit } from './cli/run-command.js';
import type { Config } from './config/config.js';
import { ensureWritableLogFile } from './config/log-file.js';
import { registerPipelineCommands } from './cli/pipeline-command.js';
import { registerStepsCommands } from './cli/steps-command.js';
import { registerZonesCommands } from './cli/zones-command.js';
import { registerQueryCommand } from './cli/query-command.js';
import { registerApiCommand } from './cli/api-command.js';
import { VERSION } from './version.js';

const program = new Command('lakedeck')
  .description('Terminal console for a zoned data lake pipeline (S3/EMR/Athena/Step Functions, or the embedded local lake)')
  .version(VERSION, '-V, --version')
  .option('--backend <kind>', "'local' (default) or 'aws'")
  .option('--lake <dir>', 'local backend: the lake folder (default ~/.local/share/lakedeck/lake)')
  .option('--profile <name>', 'aws: named profile for the credential chain')
  .option('--region <region>', 'aws: region')
  .option('--stack <name>', 'aws: a deployed lakedeck stack; its outputs name the bucket and the rest')
  .option('--bucket <name>', 'aws: the lake bucket (instead of the stack output)')
  .option('--endpoint-url <url>', 'aws: custom endpoint, e.g. moto or LocalStack (also AWS_ENDPOINT_URL)')
  .option('--read-only', 'refuse every write (ingestion runs, executions)')
  .option('--config <file>', 'config file (default ~/.config/lakedeck/config.json)')
  .option('--log-file <file>', 'where the console logs (default ~/.local/state/lakedeck/lakedeck.log)')
  .showHelpAfterError()
  // The root has an action (the console), so commander leaves `help <command>` out unless asked.
  .helpCommand('help [command]', 'show the help of a command, e.g. lakedeck help zones');

// Subcommands write to pipes: a reader that stops early (`| head`) ends them quietly.
program.hook('preAction', (_program, command) => {
  if (command !== program) stopQuietlyOnClosedPipe();
});

const withBackend = backendRunner(program);
registerZonesCommands(program, withBackend);
registerIngestCommand(program, withBackend);
registerStepsCommands(program, withBackend);
registerQueryCommand(program, withBackend);
registerApiCommand(program, withBackend);
registerInitCommand(program, withBackend);
registerMetricsCommands(program, withBackend);
registerPipelineCommands(program, withBackend);
registerDeployCommands(program);

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
  const code = await runConsole(() => openBackend(config, { seed: 'background' }), { logFile: config.logFile, label: backendLabel(config) });
  // Quit means now: background work (a sample seeding still running) must not hold the
  // terminal. Interrupted ingestion leaves no partial object and can simply run again.
  process.exit(code);
});

await program.parseAsync(process.argv);
