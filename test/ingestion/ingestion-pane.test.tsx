// The Ingestion pane driven by keystrokes in the real console shell: confirmation, live progress,
// history, error detail, cancellation and the read-only refusal, against real runs into a local
// lake from a local HTTP server.
import { cleanup } from 'ink-testing-library';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallCounter } from '../../src/backends/call-counter.js';
import { assembleBackend } from '../../src/backends/assemble.js';
import { localTarget } from '../../src/backends/local/target.js';
import type { Backend } from '../../src/core/backend.js';
import { App } from '../../src/ui/app.js';
import { systemClock } from '../../src/ui/clock.js';
import { drive, KEY, lines } from '../ui/support/render.js';
import { SAMPLE_CSV } from './support/api-rows.js';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.js';
import { freshLake, serviceOver } from './support/lake.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ '/slow.csv': { body: readFileSync(SAMPLE_CSV), drip: { bytes: 4096, everyMs: 15 } } });
});
afterAll(() => server.close());
afterEach(() => cleanup());

function backend(readOnly = false): Backend {
  const zones = freshLake();
  return assembleBackend({
    kind: 'local', label: `local ${zones.root}`, readOnly, calls: new CallCounter(), target: localTarget(zones.root),
    services: { zones, ingestion: serviceOver(zones, { covidCsvUrl: server.url('/slow.csv'), covidApiUrl: server.url('/gone.json') }) },
  });
}

const open = async (b: Backend) => {
  const ui = await drive(<App backend={b} />, { columns: 100, rows: 30, clock: systemClock });
  await ui.waitFor('2 Ingestion');
  await ui.press('2');
  await ui.waitFor((f) => f.includes('[2 Ingestion]') && f.includes('never run'), 'the Ingestion pane');
  return ui;
};

describe('Ingestion pane', () => {
  it('asks before a run, shows its progress live, then the outcome and the history row', async () => {
    const ui = await open(backend());
    expect(await ui.press('i')).toMatch(/Ingest covid_csv from http:\/\/127\.0\.0\.1:\d+\/slow\.csv into raw\/\? {2}y: yes · n: no/);
    expect(await ui.press('n')).not.toContain('y: yes');
    await ui.press('i', 'y');
    await ui.waitFor((f) => /covid_csv +\[#*\.+\] +\d+% +[\d.]+ KiB \/ 120 KiB/.test(f), 'a progress bar');
    const done = await ui.waitFor('covid_csv ingested: 120 KiB, 700 rows → raw/covid_csv/ingest_date=');
    expect(done).toMatch(/› covid_csv +ingested (just now|\d+s ago) +http:/);
    const row = lines(await ui.waitFor((f) => /covid_csv +ingested +120 KiB +700/.test(f), 'the history row')).find((l) => /ingested +120 KiB/.test(l));
    expect(row).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} +covid_csv +ingested +120 KiB +700 +\d+\.\d s +covid_csv\/ingest_date=/);
    for (const line of lines(done)) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('shows a failure in the run line and its full error in the run details', async () => {
    const ui = await open(backend());
    await ui.press(KEY.down, 'i', 'y');
    await ui.waitFor((f) => /covid_api failed: HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/gone\.json/.test(f), 'the failure');
    await ui.press(KEY.right);
    const detail = await ui.press(KEY.enter);
    expect(detail).toMatch(/run covid_api-\d{8}_\d{6}_\d{3}-\w{4} · failed/);
    expect(detail).toMatch(/error: HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/gone\.json\?\$order=:id/);
    expect(await ui.press(KEY.esc)).not.toContain('error: HTTP 404');
  });

  it('cancels a run in progress with x', async () => {
    const ui = await open(backend());
    await ui.press('i', 'y');
    await ui.waitFor('% ', 'progress');
    await ui.press('x');
    await ui.waitFor('covid_csv failed: cancelled before the object was published; nothing was written');
  });

  it('refuses to run in read-only mode', async () => {
    const ui = await open(backend(true));
    expect(ui.lastFrame()).toContain('Read-only mode: runs are refused');
    expect(await ui.press('i')).toContain('Not run: Read-only mode: ingestion of covid_csv refused');
  });
});
