// The Steps pane's L key in the real shell at 80×24: the step's full log goes to $PAGER (here a
// small script that copies the file it is given to a marker file), the files made for it are
// removed afterwards, and a missing pager is said plainly.
import { cleanup } from 'ink-testing-library';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assembleBackend } from '../../src/backends/assemble.js';
import { CallCounter } from '../../src/backends/call-counter.js';
import { localTarget } from '../../src/backends/local/target.js';
import type { Backend } from '../../src/core/backend.js';
import { systemClock } from '../../src/ui/clock.js';
import { App } from '../../src/ui/shell/app.js';
import { drive, KEY } from '../ui/support/render.js';
import { MemoryZoneStore } from '../ui/support/memory-store.js';
import { MemorySteps } from './support/memory-steps.js';

let dir: string;
const saved = { PAGER: process.env.PAGER, PATH: process.env.PATH };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'steps-pager-'));
});
afterEach(() => {
  cleanup();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

function backend(steps: MemorySteps): Backend {
  return assembleBackend({
    kind: 'local',
    label: 'local /lake',
    readOnly: true,
    calls: new CallCounter(),
    target: localTarget('/lake'),
    services: { zones: new MemoryZoneStore(), steps },
  });
}

async function openDetail(steps: MemorySteps) {
  const ui = await drive(<App backend={backend(steps)} />, { columns: 80, rows: 24, clock: systemClock });
  await ui.waitFor('3 Steps');
  await ui.press('3');
  await ui.waitFor('lakedeck-dev-2026-11-28 (j-1)', 'the cluster row');
  await ui.press(KEY.enter);
  await ui.waitFor('etl 2026-11-27', 'the steps');
  await ui.press(KEY.enter);
  await ui.waitFor('reason: no divipola extract', 'the detail');
  return ui;
}

describe('Steps pane: the full log in $PAGER', () => {
  it('hands the log files to $PAGER, then removes them and says so', async () => {
    const marker = join(dir, 'paged.txt');
    const pager = join(dir, 'fake-pager.sh');
    writeFileSync(pager, `#!/bin/sh\nprintf '%s\\n' "$#" > '${marker}'\ncat "$@" >> '${marker}'\n`);
    chmodSync(pager, 0o755);
    process.env.PAGER = pager;
    const steps = new MemorySteps();
    const ui = await openDetail(steps);
    await ui.press('L');
    await ui.waitFor('Closed the log of etl 2026-11-27 (s-old) in /', 'the pager’s end');
    expect(readFileSync(marker, 'utf8')).toBe('1\nfull log of s-old\nlakedeck etl: error: something\n');
    expect(steps.calls).toEqual(expect.arrayContaining(['logFiles s-old', 'dispose s-old']));
    // The console took the screen back: keys work again.
    await ui.press(KEY.esc);
    await ui.waitFor('Clusters › lakedeck-dev-2026-11-28 › steps', 'back on the steps');
  });

  it('says plainly when no pager can be found', async () => {
    delete process.env.PAGER;
    process.env.PATH = dir; // neither less nor more here
    const steps = new MemorySteps();
    const ui = await openDetail(steps);
    await ui.press('L');
    await ui.waitFor('Not done: No pager found: neither less nor more is installed.', 'the refusal');
    expect(steps.calls).toContain('dispose s-old');
  });

  it('names a PAGER that cannot be run', async () => {
    process.env.PAGER = 'no-such-pager-here --flag';
    const ui = await openDetail(new MemorySteps());
    await ui.press('L');
    await ui.waitFor("Not done: PAGER 'no-such-pager-here --flag' could not be run", 'the refusal');
  });
});
