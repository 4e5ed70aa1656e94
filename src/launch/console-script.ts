// Entry of dist/console.script.js: the console's start path as one classic script (not ES
// modules), so that Nodes without `module.enableCompileCache` (Node 20) can run it through
// `vm.Script` with a V8 code cache (src/launch/script-start.ts). It starts the console on the
// local backend only; any other command line, and the aws backend (whose SDK clients would
// triple the script), are left to the ES-module CLI (dist/cli.js).
import '../cli/quiet-warnings.js';
import { addConsoleAction } from '../cli/console-action.js';
import { needsSubcommands, rootProgram } from '../cli/program.js';
import { withStartFlags } from '../ui/shell/heap-tuning.js';

/**
 * The code cache is taken this long after the console started: the functions that drew its
 * first frames have been compiled by then (a cache holds only compiled functions), and the user
 * has rarely started typing. Later starts find it and skip the compile.
 */
export const CACHE_AFTER_MS = 1500;

/**
 * Runs the console when argv starts it (resolves true once it has run), else resolves false at
 * once. `cacheCode` (when the start had no usable cache) is called once the console has drawn.
 */
export async function startConsole(argv: readonly string[], cacheCode?: () => void): Promise<boolean> {
  const program = rootProgram();
  if (needsSubcommands(argv.slice(2), program)) return false;
  let declined = false;
  addConsoleAction(program, (config) => {
    declined = config.backend !== 'local';
    if (!declined && cacheCode) setTimeout(() => withStartFlags(cacheCode), CACHE_AFTER_MS).unref();
    return !declined;
  });
  await program.parseAsync([...argv]);
  return !declined;
}
