// The Metrics pane in the real shell over a real local lake: a local ingestion run (the bundled
// sample) and a failed one produce the points and the alarm the pane then shows, at 80×24 and
// 120×40, driven by keys: the grid, Enter for one series full width, [ ] for the range, a for the
// alarms with reasons, / to filter.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanup } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../src/backends/local/backend.js';
import type { Backend } from '../../src/core/backend.js';
import { systemClock } from '../../src/ui/clock.js';
import { App } from '../../src/ui/shell/app.js';
import { drive, KEY, lines } from '../ui/support/render.js';

const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-metrics-pane-'));
let backend: Backend;

beforeAll(async () => {
  backend = await createLocalBackend({ backend: 'local', lake, readOnly: false, logFile: '/dev/null', createLake: true }, {});
  const ok = await backend.ingestion!.run('covid_csv', {
    url: pathToFileURL(path.resolve('sample-data', 'covid_casos_sample_700.csv')).href,
  });
  expect(ok.outcome).toBe('ingested');
  const failed = await backend.ingestion!.run('covid_api', { url: 'http://127.0.0.1:9/unreachable' });
  expect(failed.outcome).toBe('failed');
}, 60_000);
afterEach(() => cleanup());
afterAll(async () => {
  await backend?.close();
  rmSync(lake, { recursive: true, force: true });
});

async function open(columns: number, rows: number) {
  const ui = await drive(<App backend={backend} />, { columns, rows, clock: systemClock });
  await ui.waitFor('6 Metrics');
  await ui.press('6');
  await ui.waitFor('rows ingested covid_csv', 'the grid');
  return ui;
}

const fits = (frame: string, columns: number, rows: number) => {
  for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(columns);
  expect(lines(frame).length).toBeLessThanOrEqual(rows);
};

describe('Metrics pane', () => {
  it('shows the ingested rows and the alarm in ALARM at 80×24, two sparklines a row', async () => {
    const ui = await open(80, 24);
    const frame = ui.lastFrame();
    fits(frame, 80, 24);
    expect(frame).toContain('Metrics · last 1d in 15 min periods');
    expect(frame).toContain('alarms: ✖ ALARM IngestErrorsAlarm · 5 ✓ OK');
    const first = lines(frame).find((line) => line.includes('▶ rows ingested covid_csv'))!;
    expect(first).toMatch(/▶ rows ingested covid_csv +rows ingested covid_api$/);
    expect(frame).toMatch(/ 700 {2}↓700 ↑700/);
    expect(frame).toMatch(/[╭╮╯╰]/);
    // Below the grid: why there are no EMR series on this machine.
    const note = lines(frame).findIndex((line) => line.startsWith('EMR'));
    expect(lines(frame)[note]).toBe('EMR series (idle, apps, HDFS) are aws-only: local steps run Spark in local mode');
    expect(note).toBeGreaterThan(Math.max(...lines(frame).map((line, i) => (line.includes('┼') ? i : -1))));
  });

  it('moves the selection, opens one series full width with axis labels, and goes back', async () => {
    const ui = await open(80, 24);
    await ui.press('l');
    expect(lines(ui.lastFrame()).find((line) => line.includes('▶'))).toContain('▶ rows ingested covid_api');
    await ui.press('h', 'j');
    expect(lines(ui.lastFrame()).find((line) => line.includes('▶'))).toContain('▶ rows ingested divipola');
    await ui.press('k');
    const chart = await ui.press(KEY.enter);
    fits(chart, 80, 24);
    expect(chart).toContain('rows ingested covid_csv · Lakedeck RowsIngested · Sum per 15 min');
    expect(chart).toContain('last 700 · min 700 · max 700');
    expect(chart).toMatch(/^ +700 [┤┼]/m);
    expect(chart).toMatch(/^ {10}\d{2}-\d{2} \d{2}:\d{2} +\d{2}-\d{2} \d{2}:\d{2} UTC$/m);
    expect(chart).toMatch(/^ +0 ┼/m);
    expect(chart).toMatch(/UTC$/m);
    const back = await ui.press(KEY.esc);
    expect(back).toContain('▶ rows ingested covid_csv');
  });

  it('changes the range with [ and ], refusing past the ends with a reason', async () => {
    const ui = await open(80, 24);
    await ui.press(']');
    await ui.waitFor('last 7d in 1 h periods', 'the 7d range');
    await ui.waitFor(/ 700 {2}↓700 ↑700/, 'the data again');
    await ui.press(']');
    await ui.waitFor('last 30d in 6 h periods', 'the 30d range');
    const refused = await ui.press(']');
    expect(refused).toContain('30d is the longest range');
    await ui.press('[', '[', '[', '[');
    await ui.waitFor('last 1h in 1 min periods', 'the 1h range');
  });

  it('lists the alarms with state by symbol and word, reason and time', async () => {
    const ui = await open(80, 24);
    const frame = await ui.press('a');
    fits(frame, 80, 24);
    const body = lines(frame);
    const firing = body.findIndex((line) => line.startsWith('✖ ALARM   IngestErrorsAlarm'));
    expect(firing).toBeGreaterThan(-1);
    expect(body[firing]).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    expect(body[firing + 1]).toMatch(/^ +Threshold Crossed: 1 datapoint \[1 /);
    expect(frame).toMatch(/✓ OK +ExecutionsFailedAlarm/);
    const back = await ui.press('a');
    expect(back).toContain('▶ rows ingested covid_csv');
  });

  it('filters the series with / and draws three a row at 120×40', async () => {
    const ui = await open(120, 40);
    fits(ui.lastFrame(), 120, 40);
    expect(lines(ui.lastFrame()).find((line) => line.includes('▶'))).toMatch(
      /▶ rows ingested covid_csv +rows ingested covid_api +rows ingested divipola$/,
    );
    await ui.press('/');
    await ui.press(...'bytes'.split(''));
    const filtered = await ui.press(KEY.enter);
    expect(filtered).toContain('▶ bytes ingested covid_csv');
    expect(filtered).not.toContain('rows ingested covid_csv');
    expect(filtered).toContain('120 KiB');
  });
});
