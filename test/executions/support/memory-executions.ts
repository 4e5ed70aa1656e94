// An in-memory ExecutionsService for pane tests: the real pipeline definition, two executions
// with scripted histories (one failed at RunEtl and caught, one succeeded), a schedule, and a
// log of the calls the pane made.
import { loadPipelineDefinition } from '../../../src/backends/local/executions/definition.js';
import type {
  ExecutionDetail,
  ExecutionsService,
  ExecutionSummary,
  HistoryEvent,
  HistoryPage,
  ScheduleInfo,
  StartRequest,
} from '../../../src/core/executions.js';

const t = (seconds: number) => new Date(Date.UTC(2026, 10, 28, 6, 0, seconds));
const ARN = 'arn:aws:states:local:000000000000:execution:lakedeck-local-pipeline:';

function history(steps: [string, string?, Partial<HistoryEvent>?][]): HistoryEvent[] {
  return steps.map(([type, stateName, extra], index) => ({
    id: index + 1,
    previousEventId: index,
    type,
    timestamp: t(index),
    stateName,
    ...extra,
  }));
}

const CAUSE = 'Step s-1 (etl) FAILED: file:/lake/raw/covid_csv/x.csv: empty file (0 bytes)';

export class MemoryExecutions implements ExecutionsService {
  readonly calls: string[] = [];
  scheduleEnabled = true;
  private readonly runs = new Map<string, { detail: ExecutionDetail; events: HistoryEvent[] }>();

  /** `runsHere`: executions started through it run in this process, as the local backend's do. */
  constructor(withSchedule = false, runsHere = false) {
    if (!withSchedule) {
      this.schedule = undefined;
      this.setScheduleEnabled = undefined;
    }
    if (!runsHere) this.runningHere = undefined;
    this.add(
      'run-failed',
      'FAILED',
      'schedule',
      history([
        ['ExecutionStarted', undefined, { input: '{}' }],
        ['PassStateEntered', 'RunDefaults'],
        ['PassStateExited', 'RunDefaults'],
        ['PassStateEntered', 'RunParameters'],
        ['PassStateExited', 'RunParameters'],
        ['ParallelStateEntered', 'Ingest'],
        ['TaskStateEntered', 'IngestCovidCsv'],
        ['TaskStateExited', 'IngestCovidCsv', { output: '{"source":"covid_csv","outcome":"ingested"}' }],
        ['TaskStateEntered', 'IngestCovidApi'],
        ['TaskStateExited', 'IngestCovidApi', { output: '{"source":"covid_api","outcome":"skipped"}' }],
        ['ParallelStateExited', 'Ingest'],
        ['ChoiceStateEntered', 'CheckAnythingNew'],
        ['ChoiceStateExited', 'CheckAnythingNew'],
        ['TaskStateEntered', 'CreateCluster'],
        ['TaskStateExited', 'CreateCluster'],
        ['TaskStateEntered', 'RunEtl', { input: '{"runDate":"2026-11-28","cluster":{"ClusterId":"j-1"}}' }],
        ['TaskSubmitted', 'RunEtl', { output: '{"ClusterId":"j-1","StepId":"s-old"}' }],
        ['TaskFailed', 'RunEtl', { error: 'States.TaskFailed', cause: CAUSE }],
        ['TaskStateExited', 'RunEtl'],
        ['TaskStateEntered', 'TerminateClusterOnFailure'],
        ['TaskStateExited', 'TerminateClusterOnFailure'],
        ['TaskStateEntered', 'NotifyFailure'],
        ['TaskStateExited', 'NotifyFailure'],
        ['FailStateEntered', 'PipelineFailed'],
        ['ExecutionFailed', undefined, { error: 'States.TaskFailed', cause: CAUSE }],
      ]),
      { error: 'States.TaskFailed', cause: CAUSE },
    );
    this.add(
      'run-ok',
      'SUCCEEDED',
      'cli',
      history([
        ['ExecutionStarted'],
        ['PassStateEntered', 'RunDefaults'],
        ['PassStateExited', 'RunDefaults'],
        ['SucceedStateEntered', 'NothingNew'],
        ['ExecutionSucceeded'],
      ]),
    );
  }

  private add(
    name: string,
    status: ExecutionSummary['status'],
    trigger: string,
    events: HistoryEvent[],
    extra: Partial<ExecutionDetail> = {},
    startedAt = t(0),
  ): void {
    this.runs.set(ARN + name, {
      detail: { arn: ARN + name, name, status, trigger, startedAt, stoppedAt: t(events.length), input: '{}', ...extra },
      events,
    });
  }

  async list(): Promise<ExecutionSummary[]> {
    return [...this.runs.values()]
      .map((run) => run.detail)
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || a.name.localeCompare(b.name));
  }

  async describe(arn: string): Promise<ExecutionDetail> {
    const run = this.runs.get(arn);
    if (!run) throw new Error(`no ${arn}`);
    return run.detail;
  }

  async definition(): Promise<string> {
    return JSON.stringify(loadPipelineDefinition());
  }

  async history(arn: string): Promise<HistoryPage> {
    return { events: this.runs.get(arn)?.events ?? [] };
  }

  async start(request: StartRequest): Promise<ExecutionSummary> {
    this.calls.push(`start ${JSON.stringify(request)}`);
    this.add(
      'run-new',
      'RUNNING',
      request.trigger ?? '-',
      history([
        ['ExecutionStarted'],
        ['PassStateEntered', 'RunDefaults'],
        ['PassStateExited', 'RunDefaults'],
        ['PassStateEntered', 'RunParameters'],
      ]),
      { stoppedAt: undefined },
      t(600),
    );
    return this.runs.get(ARN + 'run-new')!.detail;
  }

  async stop(arn: string, cause: string): Promise<void> {
    this.calls.push(`stop ${arn.slice(ARN.length)} ${cause}`);
    const run = this.runs.get(arn)!;
    run.detail = { ...run.detail, status: 'ABORTED', stoppedAt: t(700) };
  }

  async redrive(arn: string): Promise<ExecutionSummary> {
    this.calls.push(`redrive ${arn.slice(ARN.length)}`);
    const run = this.runs.get(arn)!;
    run.detail = { ...run.detail, status: 'RUNNING', redriveCount: 1, stoppedAt: undefined };
    return run.detail;
  }

  runningHere? = (): { arn: string; name: string }[] =>
    [...this.runs.values()]
      .filter((run) => run.detail.status === 'RUNNING' && run.detail.trigger === 'console')
      .map((run) => ({ arn: run.detail.arn, name: run.detail.name }));

  schedule? = async (): Promise<ScheduleInfo> => ({
    ruleName: 'lakedeck-dev-schedule',
    expression: 'cron(0 6 * * ? *)',
    enabled: this.scheduleEnabled,
    nextRun: this.scheduleEnabled ? new Date('2026-11-29T06:00:00Z') : undefined,
  });

  setScheduleEnabled? = async (enabled: boolean): Promise<void> => {
    this.calls.push(`schedule ${enabled ? 'on' : 'off'}`);
    this.scheduleEnabled = enabled;
  };
}
