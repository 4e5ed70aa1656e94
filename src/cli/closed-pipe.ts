// `lakedeck zones ls raw/ | head -1`: once the reader has gone, a write fails with EPIPE. Like
// `ls | head`, a subcommand then stops at once and quietly with the status of a program ended by
// SIGPIPE (128 + 13), instead of an unhandled stack trace.
export const CLOSED_PIPE_STATUS = 141;

interface Output {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** Installs the handler on the subcommands' outputs (the console has its own). */
export function stopQuietlyOnClosedPipe(
  outputs: readonly Output[] = [process.stdout, process.stderr],
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  for (const output of outputs) {
    output.on('error', (error) => {
      if (error.code === 'EPIPE') exit(CLOSED_PIPE_STATUS);
      else throw error;
    });
  }
}
