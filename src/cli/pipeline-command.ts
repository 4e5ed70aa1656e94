// `lakedeck run`: starts the pipeline state machine and follows it state by state (plain lines,
// one per state started, done, failed or retried), exit status from the final status (0
// SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED, 130 when stopped with Ctrl-C). Ctrl-C asks on a terminal
// whether to stop the execution or detach; without a terminal it stops. `--detach` starts and
// returns; on the local backend the run then goes on in a background lakedeck process.
// `lakedeck executions ls|show` list and describe executions.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Backend } from '../core/backend.js';
import { LakeError } from '../core/errors.js';
import { isExecutionActive, fullHistory, type ExecutionsService, type ExecutionSummary, type StartRequest } from '../core/executions.js';
import { eventLine, executionLine } from '../format/executions.js';
import type { WithBackend } from './zones-command.js';

export interface PipelineIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadStream;
  setExitCode: (code: number) => void;
  pollMs: number;
  onInterrupt: (handler: () => void) => () => void;
}

const processIo: PipelineIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  setExitCode: (code) => (process.exitCode = code),
  pollMs: 500,
  onInterrupt: (handler) => {
    process.on('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
};

interface RunFlags {
  runDate?: string;
  force?: boolean;
  skip?: string;
  detach?: boolean;
  name?: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function executionsOf(backend: Backend): ExecutionsService {
  if (!backend.executions) {
    throw new LakeError(
      'config',
      backend.kind === 'aws'
        ? 'Executions need the stack’s state machine: pass --stack NAME'
        : `The ${backend.kind} backend offers no executions`,
    );
  }
  return backend.executions;
}

/** Exit status of a final execution status. */
export function exitCodeOf(status: string, stoppedHere: boolean): number {
  if (status === 'SUCCEEDED') return 0;
  return status === 'ABORTED' && stoppedHere ? 130 : 1;
}

export function registerPipelineCommands(program: Command, withBackend: WithBackend, io: PipelineIo = processIo): void {
  program
    .command('run')
    .description('run the pipeline state machine and follow it state by state')
    .option('--run-date <date>', 'YYYY-MM-DD (default: today, UTC)')
    .option('--force', 'run the Spark jobs even when no source brought anything new')
    .option('--skip <sources>', 'comma-separated sources to switch off for this run (e.g. covid_api)')
    .option('--detach', 'start it and return (local: it runs on in a background lakedeck process)')
    .addOption(new Option('--name <name>', 'execution name (the background run of --detach)').hideHelp())
    .action((flags: RunFlags) =>
      withBackend(async (backend) => {
        const executions = executionsOf(backend);
        const request: StartRequest = {
          runDate: flags.runDate,
          force: flags.force ? true : undefined,
          skip: flags.skip
            ? flags.skip
                .split(',')
                .map((name) => name.trim())
                .filter(Boolean)
            : undefined,
          trigger: 'cli',
          name: flags.name,
        };
        if (flags.detach && backend.kind === 'local') {
          await detachLocal(backend, request, io);
          return;
        }
        const started = await executions.start(request);
        io.stderr.write(
          `execution ${started.name} on ${backend.kind}${started.arn.startsWith('arn:aws:states:local') ? '' : `: ${started.arn}`}\n`,
        );
        if (flags.detach) {
          io.stdout.write(`${started.name}\n`);
          return;
        }
        const final = await follow(executions, started, backend.kind, io);
        io.stdout.write(`${executionLine(final.execution, new Date())}\n`);
        io.setExitCode(exitCodeOf(final.execution.status, final.stoppedHere));
      }),
    );

  const group = program.command('executions').description('pipeline executions: list and show');
  group
    .command('ls')
    .description('executions, newest first')
    .option('--json', 'one JSON object per line')
    .option('--status <status>', 'only those with this status (RUNNING, SUCCEEDED, FAILED, ABORTED…)')
    .action((flags: { json?: boolean; status?: string }) =>
      withBackend(async (backend) => {
        const list = await executionsOf(backend).list({ status: flags.status?.toUpperCase() as never, limit: 100 });
        const now = new Date();
        for (const execution of list) io.stdout.write(`${flags.json ? JSON.stringify(execution) : executionLine(execution, now)}\n`);
      }),
    );
  group
    .command('show')
    .description('one execution: input, output or error, and its history')
    .argument('<name>', 'execution name or ARN')
    .option('--json', 'the description and every history event as JSON')
    .action((name: string, flags: { json?: boolean }) =>
      withBackend(async (backend) => {
        const executions = executionsOf(backend);
        const detail = await executions.describe(name);
        const events = await fullHistory(executions, detail.arn);
        if (flags.json) {
          io.stdout.write(`${JSON.stringify({ ...detail, events }, null, 2)}\n`);
          return;
        }
        io.stdout.write(`${executionLine(detail, new Date())}\n`);
        io.stdout.write(`input   ${detail.input}\n`);
        if (detail.output) io.stdout.write(`output  ${detail.output}\n`);
        if (detail.error || detail.cause) io.stdout.write(`error   ${detail.error ?? ''}: ${detail.cause ?? ''}\n`);
        for (const event of events) {
          const line = eventLine(event);
          if (line) io.stdout.write(`${line}\n`);
        }
      }),
    );
}

/** Follows the history until the execution ends; Ctrl-C asks to stop or detach. */
async function follow(
  executions: ExecutionsService,
  started: ExecutionSummary,
  kind: string,
  io: PipelineIo,
): Promise<{ execution: ExecutionSummary; stoppedHere: boolean }> {
  let shown = 0;
  let stoppedHere = false;
  let detached = false;
  let asking = false;
  const stop = async () => {
    stoppedHere = true;
    io.stderr.write('stopping the execution…\n');
    await executions
      .stop(started.arn, 'stopped with Ctrl-C from lakedeck run')
      .catch((error) => io.stderr.write(`lakedeck: ${(error as Error).message}\n`));
  };
  const release = io.onInterrupt(() => {
    if (asking || stoppedHere) return;
    if (!io.stdin.isTTY || !io.stderr.isTTY) {
      void stop();
      return;
    }
    asking = true;
    const local = kind === 'local';
    io.stderr.write(
      local
        ? '\nstop the execution [s], or keep following [c]? (it runs in this process; --detach runs it in the background) '
        : '\nstop the execution [s], detach and leave it running [d], or keep following [c]? ',
    );
    io.stdin.setRawMode?.(true);
    io.stdin.resume();
    io.stdin.once('data', (data: Buffer) => {
      io.stdin.setRawMode?.(false);
      io.stdin.pause();
      asking = false;
      const key = data.toString().toLowerCase();
      io.stderr.write(`${key.trim()}\n`);
      if (key === 's' || key === '\u0003') void stop();
      else if (key === 'd' && !local) detached = true;
    });
  });
  try {
    for (;;) {
      const events = await fullHistory(executions, started.arn);
      for (const event of events.slice(shown)) {
        const line = eventLine(event);
        if (line) io.stderr.write(`${line}\n`);
      }
      shown = events.length;
      const current = await executions.describe(started.arn);
      if (!isExecutionActive(current.status)) {
        // The last events may land just after the status: show them.
        for (const event of (await fullHistory(executions, started.arn)).slice(shown)) {
          const line = eventLine(event);
          if (line) io.stderr.write(`${line}\n`);
        }
        return { execution: current, stoppedHere };
      }
      if (detached) {
        io.stderr.write(`detached: ${started.name} goes on (lakedeck executions show ${started.name})\n`);
        return { execution: current, stoppedHere: false };
      }
      await pause(io.pollMs);
    }
  } finally {
    release();
  }
}

/** Local --detach: the same `lakedeck run` in a background process that owns the execution. */
async function detachLocal(backend: Backend, request: StartRequest, io: PipelineIo): Promise<void> {
  const name =
    request.name ??
    `run-${new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}-${process.pid.toString(16)}`;
  const args = [process.argv[1], 'run', '--name', name];
  if (request.runDate) args.push('--run-date', request.runDate);
  if (request.force) args.push('--force');
  if (request.skip?.length) args.push('--skip', request.skip.join(','));
  const target = backend.target.kind === 'local' ? backend.target.lakeRoot : '';
  args.splice(1, 0, '--lake', target);
  const logDir = path.join(target, '.executions');
  mkdirSync(logDir, { recursive: true });
  const log = openSync(path.join(logDir, `${name}.log`), 'a');
  try {
    const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log] });
    child.unref();
  } finally {
    closeSync(log);
  }
  const executions = executionsOf(backend);
  for (let waited = 0; waited < 30_000; waited += 200) {
    const found = await executions.describe(name).catch(() => undefined);
    if (found) {
      io.stderr.write(`execution ${name} runs in the background (its output: ${path.join(logDir, `${name}.log`)})\n`);
      io.stdout.write(`${name}\n`);
      return;
    }
    await pause(200);
  }
  throw new LakeError('bad-input', `The background run did not start within 30 s: see ${path.join(logDir, `${name}.log`)}`);
}
