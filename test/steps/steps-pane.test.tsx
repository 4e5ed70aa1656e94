// The Steps pane driven by keys in the real shell at 80×24: clusters → steps → detail with
// stages, metric lines and the log tail; running a job (asks for job and date), cancelling
// (asks), terminating a cluster (aws, asks), and the read-only refusal with its reason.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { assembleBackend } from '../../src/backends/assemble.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import { localTarget } from '../../src/backends/local/target.js';
import type { Backend } from '../../src/core/backend.js';
import { App } from '../../src/ui/shell/app.js';
import { systemClock } from '../../src/ui/clock.js';
import { drive, KEY, lines } from '../ui/support/render.js';
import { MemoryZoneStore } from '../ui/support/memory-store.js';
import { MemorySteps } from './support/memory-steps.js';

afterEach(() => cleanup());

function backend(steps: MemorySteps, readOnly = false): Backend {
  return assembleBackend({
    kind: 'local',
    label: 'local /lake',
    readOnly,
    calls: new CallCounter(),
    target: localTarget('/lake'),
    services: { zones: new MemoryZoneStore(), steps },
  });
}

async function open(b: Backend) {
  const ui = await drive(<App backend={b} />, { columns: 80, rows: 24, clock: systemClock });
  await ui.waitFor('3 Steps');
  await ui.press('3');
  await ui.waitFor((f) => f.includes('lakedeck-dev-2026-11-28 (j-1)'), 'the cluster row');
  return ui;
}

const selected = (frame: string) => lines(frame).find((line) => line.startsWith('› '));

describe('Steps pane', () => {
  it('goes from clusters to steps to a step’s detail and back', async () => {
    const ui = await open(backend(new MemorySteps()));
    expect(selected(ui.lastFrame())).toMatch(/lakedeck-dev-2026-11-28 \(j-1\) +WAITING +1 h 0 min/);
    await ui.press(KEY.enter);
    const steps = await ui.waitFor('etl 2026-11-27', 'the steps');
    expect(selected(steps)).toMatch(/etl 2026-11-27 +FAILED +1 min 0 s 700\/-\/- +no divip/);
    await ui.press(KEY.enter);
    const detail = await ui.waitFor('reason: no divipola extract', 'the detail');
    expect(detail).toContain('log /logs/s-old.log:');
    expect(detail).toContain('lakedeck etl: error: something');
    for (const line of lines(detail)) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines(detail).length).toBeLessThanOrEqual(24);
    await ui.press(KEY.esc);
    await ui.waitFor((f) => selected(f)?.includes('etl 2026-11-27') === true, 'back on the steps');
  });

  it('runs a job after asking for job and run date, shows its stages live, and cancels it after asking', async () => {
    const service = new MemorySteps();
    const ui = await open(backend(service));
    expect(await ui.press('n')).toContain('Run etl on j-1 for run date all?');
    await ui.press(KEY.right);
    await ui.press(KEY.backspace, KEY.backspace, KEY.backspace);
    expect(await ui.press(...'2026-11-28'.split(''))).toContain('Run analytics on j-1 for run date 2026-11-28?');
    await ui.press(KEY.enter);
    const started = await ui.waitFor('Started analytics 2026-11-28 as s-new1 (RUNNING)', 'the start');
    expect(service.calls).toContain('run analytics 2026-11-28 on j-1');
    expect(selected(started)).toMatch(/analytics 2026-… RUNNING +\[###\.+\] 40% +\d+\.\d s/);

    await ui.press(KEY.enter);
    const detail = await ui.waitFor('stages (2, newest first):', 'the stages');
    // The stages as a small bordered table, within 80 columns.
    expect(detail).toMatch(/│ stage │ status +│ progress +│ tasks +│ name +│/);
    expect(detail).toMatch(/│ 18 +│ ACTIVE +│ \[####\.+\] +│ 3\/8 +│ collect at job\.py:120 +│/);
    for (const line of lines(detail)) expect(line.length).toBeLessThanOrEqual(80);
    expect(detail).toContain('metric lines (1, last 1):');
    service.advance('s-new1', {
      progress: 0.75,
      stages: [{ stageId: 19, attemptId: 0, name: 'save', status: 'ACTIVE', tasksDone: 6, tasksTotal: 8, tasksActive: 2, tasksFailed: 0 }],
    });
    await ui.press('r');
    await ui.waitFor((f) => /│ 19 +│ ACTIVE +│ \[#{8}\.+\] +│ 6\/8 +│/.test(f) && f.includes('RUNNING  75%'), 'the stage advance');

    expect(await ui.press('x')).toContain('Cancel step analytics 2026-11-28 (s-new1)?  y: yes · n: no');
    await ui.press('y');
    await ui.waitFor('Cancelled analytics 2026-11-28 (s-new1)', 'the cancel');
    expect(service.calls).toContain('cancel s-new1');
    await ui.waitFor('CANCELLED', 'the cancelled state');
  });

  it('terminates an aws cluster after asking', async () => {
    const service = new MemorySteps(true);
    const ui = await open(backend(service));
    expect(await ui.press('T')).toContain('Terminate cluster lakedeck-dev-2026-11-28 (j-1)?');
    await ui.press('n');
    expect(service.calls).not.toContain('terminate j-1');
    await ui.press('T', 'y');
    await ui.waitFor('Terminating lakedeck-dev-2026-11-28 (j-1)', 'the terminate');
    expect(service.calls).toContain('terminate j-1');
    await ui.waitFor((f) => selected(f)?.includes('TERMINATING') === true, 'the new state');
  });

  it('refuses to run or cancel in read-only mode, saying why', async () => {
    const service = new MemorySteps();
    const ui = await open(backend(service, true));
    const frame = await ui.press('n');
    expect(frame).toMatch(/Run a job as a new step \(asks first\): read-only mode \(start lakedeck without --/);
    expect(frame).not.toContain('Run etl on');
    expect(service.calls.some((call) => call.startsWith('run'))).toBe(false);
  });
});
