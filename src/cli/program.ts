// The root `lakedeck` command with its global options only. The subcommands are registered by
// subcommands.ts, imported only when the command line names one (or asks for help): the console's
// start does not load their modules (the deploy command alone brings in the EC2 client, ~1 MB).
import { Command } from 'commander';
import { VERSION } from '../version.js';

export function rootProgram(): Command {
  return (
    new Command('lakedeck')
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
      .helpCommand('help [command]', 'show the help of a command, e.g. lakedeck help zones')
  );
}

/**
 * Whether the arguments (after `node lakedeck`) start the console: nothing but the root's own
 * options and their values. Anything else (a word that may name a subcommand, help, an option
 * the root does not know) goes through the full command line, so commander answers as before.
 */
export function startsConsole(args: readonly string[], program: Command): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--') || arg === '--') return false;
    const [name, inline] = arg.split(/=(.*)/s, 2);
    const option = program.options.find((o) => o.long === name);
    if (!option || option.long === '--version') return false;
    if (option.required && inline === undefined) i++;
  }
  return true;
}

/** Whether the command line needs the subcommands registered: not for the console, nor for the version alone. */
export function needsSubcommands(args: readonly string[], program: Command): boolean {
  if (args.length === 1 && (args[0] === '-V' || args[0] === '--version')) return false;
  return !startsConsole(args, program);
}
