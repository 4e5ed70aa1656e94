// `lakedeck query "SQL"` (or SQL from --file or stdin): runs Athena (Trino) SQL on the backend's
// query service, prints the result as a table, CSV or JSON lines (to --output FILE if given),
// data scanned and its cost on stderr, and exits non-zero with the engine's message on failure.
// Ctrl-C stops the query in the engine before exiting.
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { Backend } from '../core/backend.js';
import { LakeError } from '../core/errors.js';
import { resultPages, waitForQuery } from '../core/query-wait.js';
import type { QueryService } from '../core/query.js';
import { costLine, FORMATS, writerFor, type OutputFormat } from './query-output.js';

export type WithBackend = (action: (backend: Backend) => Promise<void>) => Promise<void>;

interface QueryOptions {
  file?: string;
  format: string;
  output?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function sqlFrom(argument: string | undefined, options: QueryOptions): Promise<string> {
  if (argument !== undefined && options.file !== undefined)
    throw new LakeError('bad-input', 'give the SQL as an argument or with --file, not both');
  let sql: string;
  if (argument !== undefined) sql = argument;
  else if (options.file !== undefined) sql = await readFile(options.file, 'utf8');
  else if (!process.stdin.isTTY) sql = await readStdin();
  else throw new LakeError('bad-input', 'no SQL: give it as an argument, with --file FILE, or on stdin');
  if (sql.trim() === '') throw new LakeError('bad-input', 'the SQL is empty');
  return sql;
}

function write(out: Writable, text: string): Promise<void> {
  if (text === '' || out.write(text)) return Promise.resolve();
  return new Promise((resolve) => out.once('drain', () => resolve()));
}

/** Runs one query to its last page; returns the number of rows written. */
export async function runQueryTo(
  service: QueryService,
  sql: string,
  format: OutputFormat,
  out: Writable,
  stderr: Writable,
): Promise<number> {
  const started = Date.now();
  const id = await service.start(sql);
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    stderr.write('lakedeck: cancelling the query…\n');
    void service.cancel(id).finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    const status = await waitForQuery(service, id);
    const writer = writerFor(format);
    let rows = 0;
    for await (const page of resultPages(service, id)) {
      if (interrupted) break;
      await write(out, writer.page(page.columns, page.rows));
      rows += page.rows.length;
    }
    stderr.write(`${costLine(service.engine, status, rows, Date.now() - started)}\n`);
    return rows;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

export function registerQueryCommand(program: Command, withBackend: WithBackend): void {
  program
    .command('query')
    .description('run Athena (Trino) SQL: Athena on aws, DuckDB over the lake on local')
    .argument('[sql]', 'the SQL (else --file, else stdin)')
    .option('-f, --file <file>', 'read the SQL from a file')
    .option('--format <format>', `output: ${FORMATS.join(', ')} (json: one object per line)`, 'table')
    .option('-o, --output <file>', 'write the result to a new file (never overwrites) instead of stdout')
    .action((argument: string | undefined, options: QueryOptions) =>
      withBackend(async (backend) => {
        if (!FORMATS.includes(options.format as OutputFormat))
          throw new LakeError('bad-input', `--format must be one of ${FORMATS.join(', ')}, got ${options.format}`);
        if (!backend.query)
          throw new LakeError(
            'config',
            'this backend has no query service: on aws, give --stack NAME (its outputs name the Athena workgroup and Glue database)',
          );
        const sql = await sqlFrom(argument, options);
        const out = options.output ? createWriteStream(options.output, { flags: 'wx' }) : process.stdout;
        if (options.output) {
          await new Promise<void>((resolve, reject) => {
            out.once('open', () => resolve());
            out.once('error', (error: NodeJS.ErrnoException) =>
              reject(
                error.code === 'EEXIST'
                  ? new LakeError('bad-input', `${options.output} exists: choose a new file (nothing was overwritten)`)
                  : error,
              ),
            );
          });
        }
        try {
          await runQueryTo(backend.query, sql, options.format as OutputFormat, out, process.stderr);
        } finally {
          if (options.output) await new Promise<void>((resolve) => out.end(() => resolve()));
        }
      }),
    );
}
