// Every subcommand of `lakedeck`, registered on the root command (see program.ts: imported only
// when the command line is not the console's).
import type { Command } from 'commander';
import { stopQuietlyOnClosedPipe } from './closed-pipe.js';
import { registerApiCommand } from './api-command.js';
import { registerDeployCommands } from './deploy-command.js';
import { registerIngestCommand } from './ingest-command.js';
import { registerInitCommand } from './init-command.js';
import { registerMetricsCommands } from './metrics-command.js';
import { registerPipelineCommands } from './pipeline-command.js';
import { registerQueryCommand } from './query-command.js';
import { backendRunner } from './run-command.js';
import { registerStepsCommands } from './steps-command.js';
import { registerZonesCommands } from './zones-command.js';

export function registerSubcommands(program: Command): void {
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
}
