// The aws executions service against moto with Step Functions execution switched on (moto's
// config API): executions of a real (small) state machine listed with a status filter and paged,
// described, their history read oldest and newest first; stop; redrive named as missing on moto;
// the schedule rule on moto's EventBridge; read-only refusals.
import { EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SfnExecutionsService } from '../../src/backends/aws/executions/sfn-executions.js';
import { fullHistory, isExecutionActive } from '../../src/core/executions.js';
import { startMoto, type Moto } from '../support/moto.js';

let moto: Moto;
let sfn: SFNClient;
let events: EventBridgeClient;
let stateMachineArn: string;
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

const DEFINITION = {
  StartAt: 'RunDefaults',
  States: {
    // moto hands $$.Execution.StartTime to intrinsics as a datetime, not a string: a fixed default here.
    RunDefaults: { Type: 'Pass', Parameters: { runDate: '2026-01-01', force: false }, Next: 'RunParameters' },
    RunParameters: {
      Type: 'Pass',
      Parameters: { 'merged.$': 'States.JsonMerge($, $$.Execution.Input, false)' },
      OutputPath: '$.merged',
      Next: 'CheckForce',
    },
    CheckForce: { Type: 'Choice', Choices: [{ Variable: '$.force', BooleanEquals: true, Next: 'Done' }], Default: 'PipelineFailed' },
    Done: { Type: 'Succeed' },
    PipelineFailed: { Type: 'Fail', Error: 'NothingToDo', Cause: 'force was not set' },
  },
};

const service = (readOnly = false) =>
  new SfnExecutionsService({
    sfn,
    events,
    stateMachineArn,
    scheduleRuleName: 'lakedeck-test-schedule',
    readOnly,
    endpoint: moto.endpoint,
    now: () => new Date('2026-11-29T20:00:00Z'),
  });

async function settled(svc: SfnExecutionsService, arn: string) {
  for (;;) {
    const detail = await svc.describe(arn);
    if (!isExecutionActive(detail.status)) return detail;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  moto = await startMoto();
  await fetch(`${moto.endpoint}/moto-api/config`, {
    method: 'POST',
    body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
  });
  sfn = new SFNClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials });
  events = new EventBridgeClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials });
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: 'lakedeck-test-pipeline',
      definition: JSON.stringify(DEFINITION),
      roleArn: 'arn:aws:iam::123456789012:role/sfn',
    }),
  );
  stateMachineArn = created.stateMachineArn!;
  await events.send(new PutRuleCommand({ Name: 'lakedeck-test-schedule', ScheduleExpression: 'cron(0 6 * * ? *)', State: 'ENABLED' }));
}, 60_000);
afterAll(async () => {
  sfn?.destroy();
  events?.destroy();
  await moto?.stop();
});

describe('executions on aws (moto)', () => {
  it('starts with input, ends by the definition, lists by status and pages, and reads the history both ways', async () => {
    const executions = service();
    const forced = await executions.start({ runDate: '2026-11-28', force: true, trigger: 'test', name: 'forced-run' });
    expect(forced.name).toBe('forced-run');
    const plain = await executions.start({ name: 'plain-run' });
    const third = await executions.start({ force: true, name: 'third-run' });

    const done = await settled(executions, forced.arn);
    expect(done).toMatchObject({ status: 'SUCCEEDED', trigger: 'test' });
    expect(JSON.parse(done.input)).toEqual({ runDate: '2026-11-28', force: true, trigger: 'test' });
    const failed = await settled(executions, plain.arn);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'NothingToDo', cause: 'force was not set' });
    await settled(executions, third.arn);

    const all = await executions.list({ limit: 10 });
    expect(all.map((item) => item.name).sort()).toEqual(['forced-run', 'plain-run', 'third-run']);
    const two = await executions.list({ limit: 2 });
    expect(two).toHaveLength(2);
    expect((await executions.list({ status: 'FAILED' })).map((item) => item.name)).toEqual(['plain-run']);

    const history = await fullHistory(executions, forced.arn);
    expect(history[0].type).toBe('ExecutionStarted');
    expect(history[history.length - 1].type).toBe('ExecutionSucceeded');
    const entered = history.filter((event) => event.type.endsWith('StateEntered')).map((event) => event.stateName);
    expect(entered).toEqual(['RunDefaults', 'RunParameters', 'CheckForce', 'Done']);
    const parameters = history.find((event) => event.type === 'PassStateExited' && event.stateName === 'RunParameters')!;
    expect(JSON.parse(parameters.output!)).toEqual({ runDate: '2026-11-28', force: true, trigger: 'test' });

    const tail = await executions.history(forced.arn, { reverse: true, maxResults: 3 });
    expect(tail.events[0].type).toBe('ExecutionSucceeded');
    expect(tail.events.map((event) => event.id)).toEqual([...tail.events.map((event) => event.id)].sort((a, b) => b - a));

    expect(JSON.parse(await executions.definition()).StartAt).toBe('RunDefaults');
    const failedHistory = await fullHistory(executions, plain.arn);
    expect(failedHistory[failedHistory.length - 1]).toMatchObject({ type: 'ExecutionFailed', error: 'NothingToDo' });
  }, 60_000);

  it('names RedriveExecution as missing on moto, refuses --skip and writes in read-only, and says when an execution is unknown', async () => {
    const executions = service();
    await expect(executions.redrive('plain-run')).rejects.toThrow(
      /RedriveExecution is unavailable at http:\/\/127\.0\.0\.1:\d+ \(moto lacks it\)/,
    );
    await expect(executions.start({ skip: ['covid_api'] })).rejects.toThrow(/--skip works on the local backend only/);
    await expect(executions.describe('no-such-run')).rejects.toThrow(/no such execution/);
    const readOnly = service(true);
    await expect(readOnly.start({})).rejects.toThrow(/Read-only mode: starting an execution refused/);
    await expect(readOnly.stop('forced-run', 'x')).rejects.toThrow(/Read-only/);
    await expect(readOnly.setScheduleEnabled(false)).rejects.toThrow(/Read-only mode: disabling the schedule refused/);
    expect((await readOnly.list()).length).toBe(3);
  }, 60_000);

  it('reads the schedule rule with its next run, and turns it off and on', async () => {
    const executions = service();
    expect(await executions.schedule()).toEqual({
      ruleName: 'lakedeck-test-schedule',
      expression: 'cron(0 6 * * ? *)',
      enabled: true,
      nextRun: new Date('2026-11-30T06:00:00Z'),
    });
    await executions.setScheduleEnabled(false);
    expect(await executions.schedule()).toMatchObject({ enabled: false, nextRun: undefined });
    await executions.setScheduleEnabled(true);
    expect((await executions.schedule()).enabled).toBe(true);
  }, 60_000);
});
