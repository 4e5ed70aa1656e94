// `lakedeck steps`: the Spark steps without the console. `ls` lists clusters and steps, `run`
// starts a job and follows it (a progress bar on a terminal, plain lines otherwise; the exit
// status is the job's, 130 after Ctrl-C, which cancels the step), `logs` prints or follows a
// step's log, `cancel` stops one.
import type { Command } from 'commander';
import type { Backend } from '../core/backend.js';
import { LakeError } from '../core/errors.js';
import { isStepActive, STEP_JOBS, type StepDetail, type StepJob, type StepsService, type StepSummary } from '../core/steps.js';
import { activeStageText, percentText, stepLine, stepProgressLine } from '../format/steps.js';
import { linesAfter } from './log-follow.js';
import type { WithBackend } from './zones-command.js';

export interface StepsIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  setExitCode: (code: number) => void;
  /** Pause between polls while the step moves (tests shorten it); up to 4× longer while it does not. */
  pollMs: number;
  onInterrupt: (handler: () => void) => () => void;
}

const processIo: StepsIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  setExitCode: (code) => (process.exitCode = code),
  // Each poll reads the driver's REST API, which shares the machine's cores with the job.
  pollMs: 2_000,
  onInterrupt: (handler) => {
    process.on('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pause that ends early when `wake` settles (its timer cleared, so it never holds the process). */
function pauseUnless(ms: number, wake: Promise<unknown> | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void wake?.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The longest pause between polls of a step whose progress has not moved, as a multiple of pollMs. */
const MAX_BACKOFF = 4;

function stepsOf(backend: Backend): StepsService {
  if (!backend.steps) {
    throw new LakeError(
      'config',
      backend.kind === 'aws' ? 'EMR steps need the stack: pass --stack NAME' : `The ${backend.kind} backend offers no steps`,
    );
  }
  return backend.steps;
}

/** The cluster holding a step: the one named, else the first (newest) that lists it. */
async function clusterOf(steps: StepsService, stepId: string, cluster?: string): Promise<string> {
  if (cluster) return cluster;
  for (const candidate of await steps.clusters()) {
    if ((await steps.steps(candidate.id)).some((step) => step.id === stepId)) return candidate.id;
  }
  throw new LakeError('not-found', `No step ${stepId} on any cluster (lakedeck steps ls lists them)`);
}

export function registerStepsCommands(program: Command, withBackend: WithBackend, io: StepsIo = processIo): void {
  const steps = program.command('steps').description('Spark jobs as steps: EMR on aws, spark-submit on the local lake');

  steps
    .command('ls')
    .description('clusters and their steps, newest first')
    .option('--json', 'one JSON document: clusters, each with its steps')
    .action((flags: { json?: boolean }) =>
      withBackend(async (backend) => {
        const service = stepsOf(backend);
        const now = new Date();
        const clusters = await service.clusters();
        const listed = await Promise.all(clusters.map(async (cluster) => ({ ...cluster, steps: await service.steps(cluster.id) })));
        if (flags.json) {
          io.stdout.write(`${JSON.stringify({ clusters: listed }, null, 1)}\n`);
          return;
        }
        for (const cluster of listed) {
          io.stdout.write(`${cluster.id}  ${cluster.state}  ${cluster.name}  (${cluster.steps.length} steps)\n`);
          for (const step of cluster.steps) io.stdout.write(`  ${stepLine(step, now)}\n`);
        }
      }),
    );

  steps
    .command('run')
    .description('run a pipeline job as a step and follow it; exit status is the job’s')
    .argument('<job>', STEP_JOBS.join(' | '))
    .option('--run-date <date>', "ingest_date to process (YYYY-MM-DD), or 'all'", 'all')
    .option('--cluster <id>', 'aws: the cluster to add the step to (default: the stack’s running one)')
    .action((job: string, flags: { runDate: string; cluster?: string }) =>
      withBackend(async (backend) => {
        if (!STEP_JOBS.includes(job as StepJob))
          throw new LakeError('bad-input', `Unknown job '${job}': use one of ${STEP_JOBS.join(', ')}`);
        await runAndFollow(stepsOf(backend), { job: job as StepJob, runDate: flags.runDate, clusterId: flags.cluster }, io);
      }),
    );

  steps
    .command('logs')
    .description('the last lines of a step’s log; --follow keeps printing until the step ends')
    .argument('<id>', 'step id (lakedeck steps ls)')
    .option('--cluster <id>', 'the cluster of the step (default: found by listing)')
    .option('--lines <n>', 'how many lines', '200')
    .option('-f, --follow', 'keep printing new lines until the step ends')
    .action((id: string, flags: { cluster?: string; lines: string; follow?: boolean }) =>
      withBackend(async (backend) => {
        const service = stepsOf(backend);
        const clusterId = await clusterOf(service, id, flags.cluster);
        const lines = Math.max(1, Number(flags.lines) || 200);
        let printed: string[] = [];
        for (;;) {
          const tail = await service.logTail(clusterId, id, Math.max(lines, 500));
          const fresh = printed.length === 0 ? tail.slice(-lines) : linesAfter(printed, tail);
          for (const line of fresh) io.stdout.write(`${line}\n`);
          printed = [...printed, ...fresh].slice(-lines);
          if (!flags.follow || !isStepActive((await service.step(clusterId, id)).state)) break;
          await pause(io.pollMs);
        }
      }),
    );

  steps
    .command('cancel')
    .description('cancel a pending or running step')
    .argument('<id>', 'step id')
    .option('--cluster <id>', 'the cluster of the step (default: found by listing)')
    .action((id: string, flags: { cluster?: string }) =>
      withBackend(async (backend) => {
        const service = stepsOf(backend);
        const clusterId = await clusterOf(service, id, flags.cluster);
        await service.cancel(clusterId, id);
        io.stdout.write(`${stepLine(await service.step(clusterId, id), new Date())}\n`);
      }),
    );
}

async function runAndFollow(
  service: StepsService,
  request: { job: StepJob; runDate: string; clusterId?: string },
  io: StepsIo,
): Promise<void> {
  const started = await service.run(request);
  const write = (text: string) => io.stderr.write(text);
  write(`step ${started.id} on ${started.clusterId}: ${started.name}\n`);
  let interrupted = false;
  let cancelling: Promise<void> | undefined;
  const off = io.onInterrupt(() => {
    if (interrupted) process.exit(130);
    interrupted = true;
    write('\ncancelling the step (Ctrl-C again to leave it running and quit)…\n');
    cancelling = service.cancel(started.clusterId, started.id).catch((error: Error) => {
      write(`cancel failed: ${error.message}\n`);
    });
  });
  const tty = Boolean(io.stderr.isTTY);
  let lastPlain = '';
  let lastSeen = '';
  let interval = io.pollMs;
  // The step's end is noticed on the watcher's exit event, not on the next poll; the polls only
  // fetch progress, and back off while nothing moves.
  let ended = service.whenEnded?.(started.clusterId, started.id);
  void ended?.finally(() => (ended = undefined));
  let detail: StepDetail | undefined;
  try {
    for (;;) {
      detail = await service.step(started.clusterId, started.id);
      if (!isStepActive(detail.state)) break;
      const seen = JSON.stringify([
        detail.state,
        detail.progress,
        detail.rows,
        detail.stages.map((stage) => [stage.stageId, stage.tasksDone, stage.tasksTotal]),
      ]);
      interval = seen === lastSeen ? Math.min(interval * 2, io.pollMs * MAX_BACKOFF) : io.pollMs;
      lastSeen = seen;
      if (tty) {
        write(`\r\x1b[2K${stepProgressLine(detail, detail.stages, new Date(), (io.stderr.columns ?? 80) - 1)}`);
      } else {
        const plain = [detail.state, percentText(detail), activeStageText(detail.stages)].filter(Boolean).join('  ');
        // One line per change of state, whole ten percent, or stage: a CI log stays short.
        const key = `${detail.state} ${Math.floor((detail.progress ?? 0) * 10)} ${activeStageText(detail.stages).split(' ')[1] ?? ''}`;
        if (key !== lastPlain) write(`${started.id}: ${plain}\n`);
        lastPlain = key;
      }
      await pauseUnless(interval, ended);
    }
    await cancelling;
  } finally {
    if (tty) write('\r\x1b[2K');
    off();
  }
  const now = new Date();
  io.stdout.write(`${stepLine(detail, now)}\n`);
  if (detail.state === 'FAILED' || detail.state === 'INTERRUPTED') {
    const tail = await service.logTail(started.clusterId, started.id, 20);
    if (tail.length > 0) write(`--- last lines of the log ---\n${tail.join('\n')}\n`);
  }
  io.setExitCode(interrupted ? 130 : exitCodeOf(detail));
}

function exitCodeOf(step: StepSummary & { exitCode?: number }): number {
  if (step.state === 'COMPLETED') return 0;
  return step.exitCode && step.exitCode > 0 && step.exitCode < 126 ? step.exitCode : 1;
}
