// Shows files in the user's pager, full-screen, as git does: $PAGER when set (run by the shell,
// so `less -R` or `bat --paging=always` work; the file names are passed as arguments, never
// spliced into the command), otherwise `less -R`, falling back to `more` when less is missing.
// Run it inside PaneHost.runFullScreen, which hands the terminal over and takes it back.
import { spawn } from 'node:child_process';

export interface PagerCommand {
  /** How the pager is named to the user. */
  label: string;
  command: string;
  args: string[];
  /** Run through `sh -c` ($PAGER): a missing program shows as exit status 127. */
  viaShell: boolean;
}

export const NO_PAGER_MESSAGE =
  'No pager found: neither less nor more is installed. Install less, or set PAGER to a program that shows a file';

/** The pagers to try, in order. */
export function pagerCommands(env: Record<string, string | undefined>): PagerCommand[] {
  const configured = env.PAGER?.trim();
  if (configured) return [{ label: configured, command: 'sh', args: ['-c', `${configured} "$@"`, 'pager'], viaShell: true }];
  return [
    { label: 'less -R', command: 'less', args: ['-R'], viaShell: false },
    { label: 'more', command: 'more', args: [], viaShell: false },
  ];
}

type Outcome = { code: number | null; signal: NodeJS.Signals | null } | { missing: true };

function runOnce(pager: PagerCommand, files: readonly string[], env: Record<string, string | undefined>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(pager.command, [...pager.args, ...files], { stdio: 'inherit', env });
    child.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve({ missing: true }) : reject(error)));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Runs the first pager that exists on the files and waits for it; says plainly what went wrong. */
export async function showInPager(files: readonly string[], env: Record<string, string | undefined> = process.env): Promise<string> {
  for (const pager of pagerCommands(env)) {
    const outcome = await runOnce(pager, files, env);
    if ('missing' in outcome) continue;
    if (pager.viaShell && outcome.code === 127)
      throw new Error(`PAGER '${pager.label}' could not be run (the shell found no such program)`);
    if (outcome.code !== 0 && outcome.code !== null) throw new Error(`The pager (${pager.label}) ended with status ${outcome.code}`);
    return pager.label;
  }
  throw new Error(env.PAGER?.trim() ? `PAGER '${env.PAGER}' could not be run: no sh to run it` : NO_PAGER_MESSAGE);
}
