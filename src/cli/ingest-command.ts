// `lakedeck ingest [source]`: ingestion runs without the console. A progress bar on a terminal,
// plain lines otherwise; exit code 0 when every run ingested or was a duplicate, 1 when one
// failed, 130 when cancelled with Ctrl-C (the first Ctrl-C cancels cleanly, a second one exits).
import type { Command } from 'commander';
import { positiveInteger } from './numbers.js';
import type { Backend } from '../core/backend.js';
import { LakeError } from '../core/errors.js';
import { SOURCE_NAMES, type IngestRun, type SourceName } from '../core/ingestion.js';
import { plainProgress, runLine, ttyProgress } from './ingest-output.js';
import type { WithBackend } from './zones-command.js';

export interface IngestIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  setExitCode: (code: number) => void;
}

const processIo: IngestIo = { stdout: process.stdout, stderr: process.stderr, setExitCode: (code) => (process.exitCode = code) };

interface IngestFlags {
  url?: string;
  json?: boolean;
  history?: number | true;
}

export function registerIngestCommand(program: Command, withBackend: WithBackend, io: IngestIo = processIo): void {
  program
    .command('ingest')
    .description('land sources in the raw zone, with duplicate check and a manifest per run')
    .argument('[source]', `one of ${SOURCE_NAMES.join(', ')} (default: all, in that order)`)
    .option('--url <url>', 'covid_csv or covid_api: read from this http(s):// or file:// URL instead')
    .option('--json', 'print each run’s manifest record as one JSON line')
    .option('--history [n]', 'show the last n runs (default 20) instead of running, of the source named if any', positiveInteger)
    .action((source: string | undefined, flags: IngestFlags) =>
      withBackend(async (backend) => {
        const ingestion = backend.ingestion;
        if (!ingestion) throw new LakeError('config', `The ${backend.kind} backend offers no ingestion`);
        if (source !== undefined && !SOURCE_NAMES.includes(source as SourceName)) {
          throw new LakeError('bad-input', `Unknown source '${source}': use one of ${SOURCE_NAMES.join(', ')}`);
        }
        if (flags.history !== undefined) {
          const runs = await ingestion.history(flags.history === true ? 20 : flags.history, source as SourceName | undefined);
          for (const run of runs)
            io.stdout.write(`${flags.json ? JSON.stringify(run) : `${run.startedAt.slice(0, 19)}Z ${runLine(run)}`}\n`);
          return;
        }
        if (flags.url && source !== 'covid_csv' && source !== 'covid_api') {
          throw new LakeError('bad-input', '--url applies to one URL-based source: name covid_csv or covid_api');
        }
        await runAll(backend, source ? [source as SourceName] : [...SOURCE_NAMES], flags, io);
      }),
    );
}

async function runAll(backend: Backend, sources: SourceName[], flags: IngestFlags, io: IngestIo): Promise<void> {
  const write = (text: string) => io.stderr.write(text);
  const sink = io.stderr.isTTY ? ttyProgress(write, () => io.stderr.columns ?? 80) : plainProgress(write);
  const controller = new AbortController();
  // Ctrl-C or SIGTERM cancels the run in flight, which is then recorded as `cancelled`.
  let exitCode = 0;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    if (controller.signal.aborted) process.exit(exitCode);
    exitCode = signal === 'SIGINT' ? 130 : 143;
    write(`\ncancelling (${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'} again to quit at once)…\n`);
    controller.abort();
  };
  const onInterrupt = () => onSignal('SIGINT');
  const onTerminate = () => onSignal('SIGTERM');
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  const runs: IngestRun[] = [];
  try {
    for (const source of sources) {
      if (controller.signal.aborted) break;
      const run = await backend.ingestion!.run(source, { url: flags.url, signal: controller.signal, onProgress: (p) => sink.update(p) });
      sink.end();
      runs.push(run);
      io.stdout.write(`${flags.json ? JSON.stringify(run) : runLine(run)}\n`);
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
    sink.end();
  }
  if (controller.signal.aborted) io.setExitCode(exitCode);
  else if (runs.some((run) => run.outcome === 'failed')) io.setExitCode(1);
}
