// The Executions pane driven by keys in the real shell at 80×24: the list → an execution drawn as
// the state machine (marks, Parallel branches indented, the path taken) → the failed state's
// detail and the events; start (asks run date and force), stop and redrive (ask), the schedule
// on/off (aws), and the read-only refusal with its reason.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { assembleBackend } from '../../src/backends/assemble.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import { localTarget } from '../../src/backends/local/target.js';
import type { Backend } from '../../src/core/backend.js';
import { systemClock } from '../../src/ui/clock.js';
import { App } from '../../src/ui/shell/app.js';
import { drive, KEY, lines } from '../ui/support/render.js';
import { MemoryZoneStore } from '../ui/support/memory-store.js';
import { MemoryExecutions } from './support/memory-executions.js';
import { MemorySteps } from '../steps/support/memory-steps.js';

afterEach(() => cleanup());

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(done()).toBe(true);
}

function backend(executions: MemoryExecutions, readOnly = false): Backend {
  return assembleBackend({
    kind: 'local',
    label: 'local /lake',
    readOnly,
    calls: new CallCounter(),
    target: localTarget('/lake'),
    services: { zones: new MemoryZoneStore(), executions },
  });
}

async function open(b: Backend) {
  const ui = await drive(<App backend={b} />, { columns: 80, rows: 24, clock: systemClock });
  await ui.waitFor('4 Executions');
  await ui.press('4');
  await ui.waitFor((f) => f.includes('run-failed'), 'the executions');
  return ui;
}

/** The pane in a console whose quits are recorded (exit statuses in `codes`). */
async function openQuitting(service: MemoryExecutions) {
  const codes: number[] = [];
  const ui = await drive(<App backend={backend(service)} onQuit={(code) => codes.push(code)} />, {
    columns: 80,
    rows: 24,
    clock: systemClock,
  });
  await ui.waitFor('4 Executions');
  await ui.press('4');
  await ui.waitFor((f) => f.includes('run-failed'), 'the executions');
  return { ui, codes };
}

const selected = (frame: string) => lines(frame).find((line) => line.startsWith('› '));

describe('Executions pane', () => {
  it('draws a failed execution as the state machine, opens the failed state, lists the events', async () => {
    const ui = await open(backend(new MemoryExecutions()));
    expect(selected(ui.lastFrame())).toMatch(/run-failed +✗ FAILED +2026-11-28 06:00 +[\d.]+ s +schedule/);
    await ui.press(KEY.enter);
    const graph = await ui.waitFor('✗ RunEtl', 'the shape');
    expect(graph).toContain('✓ RunDefaults  Pass  → RunParameters');
    expect(graph).toMatch(/ {2}├ ✓ IngestCovidCsv {2}Task/);
    expect(graph).toContain('✓ CheckAnythingNew  Choice  → CreateCluster');
    expect(graph).toContain('✗ RunEtl  Task  → TerminateClusterOnFailure');
    expect(graph).toContain('· NothingNew  Succeed');
    expect(graph).toContain('States.TaskFailed: Step s-1 (etl) FAILED');
    for (const line of lines(graph)) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines(graph).length).toBeLessThanOrEqual(24);

    // The cursor opens on the state that failed.
    await ui.waitFor((f) => selected(f)?.includes('✗ RunEtl') === true, 'RunEtl selected');
    await ui.press(KEY.enter);
    const state = await ui.waitFor('error  States.TaskFailed', 'the state detail');
    expect(state).toContain('cause  Step s-1 (etl) FAILED: file:/lake/raw/covid_csv/x.csv: empty file');
    expect(state).toContain('input  {"runDate":"2026-11-28","cluster":{"ClusterId":"j-1"}}');
    await ui.press('e');
    await ui.waitFor('ExecutionStarted', 'the events');
    const end = await ui.press('G');
    expect(end).toMatch(/TaskFailed +RunEtl +States\.TaskFailed: Step/);
    expect(selected(end)).toMatch(/ExecutionFailed +States\.TaskFailed/);
  });

  it('starts after asking run date and force, stops after asking; redrives a failed one after asking', async () => {
    const service = new MemoryExecutions();
    const ui = await open(backend(service));
    expect(await ui.press('n')).toContain('Start the pipeline for run date (today)?');
    await ui.press(...'2026-11-28'.split(''));
    expect(await ui.press('f')).toContain('Start the pipeline for run date 2026-11-28, forced?');
    await ui.press(KEY.enter);
    await ui.waitFor('Started run-new', 'the start');
    expect(service.calls).toContain('start {"runDate":"2026-11-28","force":true,"trigger":"console"}');
    await ui.waitFor('▶ RunParameters', 'the running state');

    expect(await ui.press('x')).toContain('Stop run-new? Its running step is cancelled.  y: yes · n: no');
    await ui.press('y');
    await ui.waitFor('Stopped run-new', 'the stop');
    expect(service.calls).toContain('stop run-new stopped from the lakedeck console');

    await ui.press(KEY.esc);
    await ui.waitFor((f) => f.includes('run-failed') && f.includes('■ ABORTED'), 'back on the list');
    await ui.press('G');
    await ui.waitFor((f) => selected(f)?.includes('run-ok') === true, 'run-ok selected');
    const refused = await ui.press('R');
    expect(refused).toContain('Redrive from the failed state (asks first): only a failed run can be redriven');
    await ui.press('k');
    await ui.waitFor((f) => selected(f)?.includes('run-failed') === true, 'run-failed selected');
    expect(await ui.press('R')).toContain('Redrive run-failed from the state that failed?');
    await ui.press('y');
    await ui.waitFor('Redriving run-failed', 'the redrive');
    expect(service.calls).toContain('redrive run-failed');
  });

  it('asks before quitting while an execution it runs is running; on yes stops it and quits', async () => {
    const service = new MemoryExecutions(false, true);
    const { ui, codes } = await openQuitting(service);
    await ui.press('n', KEY.enter);
    await ui.waitFor('Started run-new', 'the start');
    let frame = await ui.press('q');
    expect(frame).toContain('Quit and cancel? y: yes, cancel and quit · n: no, keep working');
    expect(frame).toContain('The pipeline execution run-new is still running.');
    frame = await ui.press('n');
    expect(frame).not.toContain('Quit and cancel?');
    await ui.press('q', 'y');
    await until(() => codes.length > 0);
    expect(codes).toEqual([0]);
    expect(service.calls).toContain('stop run-new the lakedeck console quit');
    expect(service.runningHere!()).toEqual([]);
  });

  it('quits at once when no execution runs in the console (finished, or run elsewhere)', async () => {
    const { ui, codes } = await openQuitting(new MemoryExecutions(false, true));
    await ui.press('q');
    await until(() => codes.length > 0);
    expect(codes).toEqual([0]);
  });

  it('shows the aws schedule with its next run and turns it off after asking', async () => {
    const service = new MemoryExecutions(true);
    const ui = await open(backend(service));
    await ui.waitFor('schedule cron(0 6 * * ? *) on, next 2026-11-29 06:00Z', 'the schedule');
    expect(await ui.press('S')).toContain('Turn the schedule lakedeck-dev-schedule off?');
    await ui.press('y');
    await ui.waitFor('Schedule lakedeck-dev-schedule is off', 'the switch');
    expect(service.calls).toContain('schedule off');
  });

  it('refuses to start in read-only mode, saying why', async () => {
    const service = new MemoryExecutions();
    const ui = await open(backend(service, true));
    const frame = await ui.press('n');
    expect(frame).toMatch(/read-only mode/);
    expect(frame).not.toContain('Start the pipeline for run date');
    expect(service.calls).toEqual([]);
  });
});

describe('Executions pane → Steps pane', () => {
  function withSteps(executions: MemoryExecutions, steps: MemorySteps): Backend {
    return assembleBackend({
      kind: 'local',
      label: 'local /lake',
      readOnly: false,
      calls: new CallCounter(),
      target: localTarget('/lake'),
      services: { zones: new MemoryZoneStore(), executions, steps },
    });
  }

  it('s on a state that ran a step opens that step in the Steps pane; elsewhere it says why not', async () => {
    const ui = await open(withSteps(new MemoryExecutions(), new MemorySteps()));
    await ui.press(KEY.enter);
    await ui.waitFor((f) => selected(f)?.includes('✗ RunEtl') === true, 'RunEtl selected');
    await ui.press('k');
    await ui.waitFor((f) => selected(f)?.includes('CreateCluster') === true, 'CreateCluster selected');
    expect(await ui.press('t')).toContain('Show the step in the Steps pane: CreateCluster runs no EMR step');
    await ui.press('j');
    await ui.waitFor((f) => selected(f)?.includes('✗ RunEtl') === true, 'RunEtl selected again');
    await ui.press('t');
    const step = await ui.waitFor('Clusters › lakedeck-dev-2026-11-28 › s-old', 'the step in the Steps pane');
    expect(step).toContain('[3 Steps]');
    expect(step).toContain('reason: no divipola extract');
    // Back goes to that cluster's steps; 4 returns to the execution where it was.
    await ui.press(KEY.esc);
    await ui.waitFor('Clusters › lakedeck-dev-2026-11-28 › steps', 'the cluster’s steps');
    await ui.press('4');
    await ui.waitFor((f) => selected(f)?.includes('✗ RunEtl') === true, 'back on RunEtl');
  });

  it('names a step state not reached yet', async () => {
    const ui = await open(withSteps(new MemoryExecutions(), new MemorySteps()));
    await ui.press(KEY.enter);
    await ui.waitFor((f) => selected(f)?.includes('✗ RunEtl') === true, 'RunEtl selected');
    await ui.press('j', 'j');
    await ui.waitFor((f) => selected(f)?.includes('RunAnalytics') === true, 'RunAnalytics selected');
    expect(await ui.press('t')).toContain('RunAnalytics has not run in this execution');
  });
});
