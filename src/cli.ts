// lakedeck: with no subcommand, the console; subcommands for scripts and plain terminals.
import './cli/quiet-warnings.js';
import { addConsoleAction } from './cli/console-action.js';
import { needsSubcommands, rootProgram } from './cli/program.js';

const program = rootProgram();
// The subcommands' modules load only when the command line may name one: the console starts without them.
if (needsSubcommands(process.argv.slice(2), program)) {
  const { registerSubcommands } = await import('./cli/subcommands.js');
  registerSubcommands(program);
}
// No subcommand: the console.
addConsoleAction(program);

await program.parseAsync(process.argv);
