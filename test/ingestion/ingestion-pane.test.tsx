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
import { App } from '../../src/ui/shell/app.js';
import { CANCEL_ON_EXIT_MS, ConsoleLifecycle } from '../../src/ui/shell/lifecycle.js';
import { systemClock } from '../../src/ui/clock.js';
import { drive, KEY, lines } from '../ui/support/render.js';
import { SAMPLE_CSV } from './support/api-rows.js';
import { startFixtureServer, type FixtureServer } from './support/fixture-server.js';
import { LocalZoneStore } from '../../src/backends/local/zone-store.js';
import { freshLake, rawFiles, serviceOver } from './support/lake.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ '/slow.csv': { body: readFileSync(SAMPLE_CSV), drip: { bytes: 4096, everyMs: 15 } } });
});
afterAll(() => server.close());
afterEach(() => cleanup());

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

function backend(readOnly = false): Backend {
  const zones = freshLake();
  return assembleBackend({
    kind: 'local',
    label: `local ${zones.root}`,
    readOnly,
    calls: new CallCounter(),
    target: localTarget(zones.root),
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
    expect(await ui.press('i')).toMatch(/Ingest covid_csv into raw\/\? y: yes · n: no · from http:\/\/127\.0\.0\.1:\d+\/slow\.csv/);
    expect(await ui.press('n')).not.toContain('y: yes');
    await ui.press('i', 'y');
    await ui.waitFor((f) => /covid_csv +\[#*\.+\] +\d+% +[\d.]+ KiB \/ 120 KiB/.test(f), 'a progress bar');
    const done = await ui.waitFor('covid_csv ingested: 120 KiB, 700 rows → raw/covid_csv/ingest_date=');
    expect(done).toMatch(/› covid_csv +ingested (just now|\d+s ago) +http:/);
    const row = lines(await ui.waitFor((f) => /covid_csv +ingested +120 KiB +700/.test(f), 'the history row')).find((l) =>
      /ingested +120 KiB/.test(l),
    );
    expect(row).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} +covid_csv +ingested +120 KiB +700 +\d+\.\d s +covid_csv\/ingest_date=/);
    for (const line of lines(done)) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('shows a failure in the run line and its full error in the run details', async () => {
    const ui = await open(backend());
    await ui.press(KEY.down, 'i', 'y');
    await ui.waitFor((f) => /covid_api failed: HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/gone\.json/.test(f), 'the failure');
    await ui.press(KEY.right);
    const detail = await ui.press(KEY.enter);
    // A small bordered table: field and value, the outcome and its error first.
    expect(detail).toMatch(/│ run +│ covid_api-\d{8}_\d{6}_\d{3}-\w{4} · \d+\.\d s +│/);
    expect(detail).toMatch(/│ outcome +│ failed +│/);
    expect(detail).toMatch(/│ error +│ HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/gone\.json\?\$order=:id/);
    for (const line of lines(detail)) expect(line.length).toBeLessThanOrEqual(100);
    expect(await ui.press(KEY.esc)).not.toMatch(/│ error +│/);
  });

  it('cancels a run in progress with x: nothing in the store, no temp file, the run recorded as cancelled', async () => {
    const b = backend();
    const ui = await open(b);
    await ui.press('i', 'y');
    await ui.waitFor('% ', 'progress');
    await ui.press('x');
    await ui.waitFor('covid_csv cancelled: cancelled before the object was published; nothing was written');
    const zones = b.zones as LocalZoneStore;
    // Only the run's manifest is left under raw/: no object, no hidden temp file.
    const files = rawFiles(zones);
    expect(files.filter((f) => !f.startsWith('_manifests/'))).toEqual([]);
    expect(files.some((f) => f.split('/').some((part) => part.startsWith('.')))).toBe(false);
    const [run] = await b.ingestion!.history(10);
    expect(run).toMatchObject({ source: 'covid_csv', outcome: 'cancelled', bytes: 0 });
    expect(run.error).toBeUndefined();
    expect(run.note).toMatch(/^cancelled before the object was published/);
    // The history says so in its own column, and its detail says why.
    await ui.press(KEY.right);
    const history = lines(await ui.waitFor((f) => /covid_csv +cancelled +0 B/.test(f), 'the cancelled history row'));
    expect(history.find((l) => /covid_csv +cancelled +0 B/.test(l))).toMatch(/cancelled +0 B +0 +\d+\.\d s +cancelled before the object/);
  });

  it('asks before quitting during a run; on yes cancels it, records it and quits with the status asked for', async () => {
    const b = backend();
    const codes: number[] = [];
    const ui = await drive(<App backend={b} onQuit={(code) => codes.push(code)} />, { columns: 80, rows: 24, clock: systemClock });
    await ui.waitFor('2 Ingestion');
    await ui.press('2');
    await ui.waitFor('never run');
    await ui.press('i', 'y');
    await ui.waitFor('% ', 'progress');
    // q asks; n keeps the run going.
    let frame = await ui.press('q');
    expect(frame).toContain('Quit and cancel? y: yes, cancel and quit · n: no, keep working');
    expect(frame).toContain('The covid_csv ingestion is still running.');
    frame = await ui.press('n');
    expect(frame).not.toContain('Quit and cancel?');
    expect(codes).toEqual([]);
    // Ctrl-C asks too; a second Ctrl-C confirms, with the status of an interrupted program.
    await ui.press('\u0003');
    await ui.press('\u0003');
    await until(() => codes.length > 0);
    expect(codes).toEqual([130]);
    const files = rawFiles(b.zones as LocalZoneStore);
    expect(files.filter((f) => !f.startsWith('_manifests/'))).toEqual([]);
    const [run] = await b.ingestion!.history(10);
    expect(run).toMatchObject({ outcome: 'cancelled', bytes: 0 });
  });

  it('on SIGTERM (the console cancels its work in flight) records the run as cancelled, with no object or temp file', async () => {
    const b = backend();
    const lifecycle = new ConsoleLifecycle();
    const ui = await drive(<App backend={b} lifecycle={lifecycle} onQuit={() => {}} />, { columns: 80, rows: 24, clock: systemClock });
    await ui.waitFor('2 Ingestion');
    await ui.press('2');
    await ui.waitFor('never run');
    await ui.press('i', 'y');
    await ui.waitFor('% ', 'progress');
    // What run-console does on SIGINT/SIGTERM/SIGHUP before it exits.
    await lifecycle.cancelAll(CANCEL_ON_EXIT_MS);
    const files = rawFiles(b.zones as LocalZoneStore);
    expect(files.filter((f) => !f.startsWith('_manifests/'))).toEqual([]);
    expect(files.some((f) => f.split('/').some((part) => part.startsWith('.')))).toBe(false);
    expect(files.filter((f) => f.startsWith('_manifests/')).map((f) => f.split('.').slice(-2)[0])).toEqual(['cancelled']);
    const [run] = await b.ingestion!.history(10);
    expect(run).toMatchObject({ source: 'covid_csv', outcome: 'cancelled', bytes: 0 });
  });

  it('keeps the question and its keys whole at 80 columns, shortening a long URL in the middle', async () => {
    const zones = freshLake();
    const long = `${server.url('/slow.csv')}?${'x'.repeat(120)}=1&end=here`;
    const b: Backend = { ...backend(), zones, ingestion: serviceOver(zones, { covidCsvUrl: long, covidApiUrl: server.url('/gone.json') }) };
    const ui = await drive(<App backend={b} />, { columns: 80, rows: 24, clock: systemClock });
    await ui.waitFor('2 Ingestion');
    await ui.press('2');
    await ui.waitFor('never run');
    const line = lines(await ui.press('i')).find((l) => l.includes('Ingest covid_csv'));
    expect(line).toMatch(/^Ingest covid_csv into raw\/\? y: yes · n: no · from http:\/\/127.*….*end=here$/);
    expect(line!.length).toBeLessThanOrEqual(80);
  });

  it('switches pane and acts on the key after it when both come in one chunk ("2i")', async () => {
    const ui = await drive(<App backend={backend()} />, { columns: 100, rows: 30, clock: systemClock });
    await ui.waitFor('2 Ingestion');
    ui.send('2i');
    const frame = await ui.waitFor('y: yes · n: no', 'the confirmation asked by i');
    expect(frame).toContain('[2 Ingestion]');
  });

  it('refuses to run in read-only mode', async () => {
    const ui = await open(backend(true));
    expect(ui.lastFrame()).toContain('Read-only mode: runs are refused');
    // The footer does not offer what would be refused; pressing it says why nothing happens.
    expect(lines(ui.lastFrame()).at(-1)).not.toContain('ingest');
    const frame = await ui.press('i');
    expect(frame).toContain('Ingest the selected source (asks first): read-only mode');
    expect(frame).not.toContain('y: yes');
  });
});
