import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { Text } from 'ink';
import { useEffect, useMemo } from 'react';
import { ActivityBoard } from '../../src/core/activity.js';
import { App } from '../../src/ui/shell/app.js';
import { usePaneControls } from '../../src/ui/shell/use-pane-controls.js';
import { usePaneStatus } from '../../src/ui/shell/use-pane-status.js';
import { PANES } from '../../src/ui/panes/index.js';
import type { PaneDefinition, PaneProps } from '../../src/ui/shell/pane.js';
import { FakeClock } from './support/fake-clock.js';
import { MemoryZoneStore } from './support/memory-store.js';
import { drive, KEY, lines, memoryBackend } from './support/render.js';

afterEach(() => cleanup());

function lake(): MemoryZoneStore {
  return new MemoryZoneStore()
    .add('raw', 'covid_csv/ingest_date=2024-01-15/covid_csv_20240115_093000.csv', 'a,b\n1,2\n')
    .add('trusted', 'cases/part-0000.parquet', 'PAR1');
}

const refreshes = vi.fn();
let probeMounts = 0;
/** A second pane for shell tests: shows its props, has one binding and a refresh. */
function ProbePane({ visible, filter, height }: PaneProps) {
  const controls = useMemo(
    () => ({ bindings: () => [{ keys: ['x'], description: 'Do the probe thing', handler: () => {}, hint: 'probe' }], refresh: refreshes }),
    [],
  );
  usePaneControls(controls);
  usePaneStatus({ info: `probe info, filter "${filter}"` });
  useEffect(() => {
    probeMounts += 1;
  }, []);
  return <Text>{`probe pane visible=${visible} height=${height}`}</Text>;
}
const probe: PaneDefinition = { id: 'probe', title: 'Probe', slot: 2, available: () => true, component: ProbePane };
const absent: PaneDefinition = { id: 'steps', title: 'Steps', slot: 3, available: (b) => b.ingestion !== undefined, component: ProbePane };

describe('console shell', () => {
  it('shows header, tabs, the zones and the status bar within 80×24', async () => {
    const ui = await drive(<App backend={memoryBackend(lake())} />, { columns: 80, rows: 24 });
    const frame = await ui.waitFor(/raw\/\s+zone\s+8 B\s+1 2024-01-15 09:30/);
    expect(frame).toContain('lakedeck │ local /tmp/lake');
    expect(frame).toContain('[1 Zones]');
    expect(frame).toContain('refined/');
    expect(frame).toContain('? help');
    expect(frame).toMatch(/\d+ API calls/);
    expect(lines(frame)).toHaveLength(23);
    for (const row of lines(frame)) expect(row.length).toBeLessThanOrEqual(80);
  });

  it('keeps every frame within the terminal when it is resized, and says when it is too small', async () => {
    const ui = await drive(<App backend={memoryBackend(lake())} />, { columns: 100, rows: 30 });
    await ui.waitFor('refined/');
    let frame = await ui.resize(60, 12);
    expect(lines(frame).length).toBeLessThanOrEqual(11);
    for (const row of lines(frame)) expect(row.length).toBeLessThanOrEqual(60);
    expect(frame).toContain('trusted/');
    frame = await ui.resize(30, 6);
    expect(frame).toContain('Terminal too small: 30×6');
    frame = await ui.resize(80, 24);
    expect(frame).toContain('[1 Zones]');
  });

  it('lists only the panes whose service the backend has, switched by number and Tab', async () => {
    const ui = await drive(<App backend={memoryBackend(lake())} panes={[...PANES, probe, absent]} />, { columns: 80, rows: 24 });
    await ui.waitFor('refined/');
    expect(ui.lastFrame()).toContain(' 2 Probe ');
    expect(ui.lastFrame()).not.toContain('Steps');
    probeMounts = 0;
    await ui.press(KEY.down);
    expect(probeMounts).toBe(0);
    let frame = await ui.press('2');
    expect(probeMounts).toBe(1);
    expect(frame).toContain('[2 Probe]');
    expect(frame).toContain('probe pane visible=true height=19');
    expect(frame).toContain('x probe');
    frame = await ui.press(KEY.tab);
    expect(frame).toContain('[1 Zones]');
    expect(frame).toContain('raw/');
    expect(frame).toMatch(/› trusted\//);
    await ui.press('\u001B[Z');
    expect(ui.lastFrame()).toContain('[2 Probe]');
    expect(probeMounts).toBe(1);
  });

  it('generates the help from the bindings of the pane and the shell', async () => {
    const ui = await drive(<App backend={memoryBackend(lake())} panes={[...PANES, probe]} />, { columns: 80, rows: 40 });
    await ui.waitFor('refined/');
    let frame = await ui.press('?');
    expect(frame).toContain('Help: keys for this pane and everywhere');
    expect(frame).toMatch(/Enter\/→\/l\s+Open the prefix or preview the object/);
    expect(frame).toMatch(/Esc\/←\/h\/Bksp\s+Back to the parent prefix \(already at the zones\)/);
    expect(frame).toMatch(/q\s+Quit lakedeck/);
    expect(frame).toMatch(/2\s+Go to the Probe pane/);
    frame = await ui.press(KEY.esc);
    expect(frame).not.toContain('Help:');
    expect(frame).toContain('raw/');
  });

  it('runs commands from the palette by fuzzy name', async () => {
    const onQuit = vi.fn();
    const ui = await drive(<App backend={memoryBackend(lake())} panes={[...PANES, probe]} onQuit={onQuit} />, { columns: 80, rows: 24 });
    await ui.waitFor('refined/');
    let frame = await ui.press(':');
    expect(frame).toContain('Esc closes');
    frame = await ui.press('p', 'r', 'o', 'b');
    expect(frame).toMatch(/› Go to the Probe pane/);
    frame = await ui.press(KEY.enter);
    expect(frame).toContain('[2 Probe]');
    await ui.press(':', 'q', 'u', 'i', 't');
    await ui.press(KEY.enter);
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('filters the pane with /, keeps it on Enter and clears it with Esc', async () => {
    const ui = await drive(<App backend={memoryBackend(lake())} />, { columns: 80, rows: 24 });
    await ui.waitFor('refined/');
    await ui.press('/');
    let frame = await ui.press('t', 'r');
    expect(frame).toContain('/ tr');
    expect(frame).toContain('trusted/');
    expect(frame).not.toContain('refined/');
    frame = await ui.press(KEY.enter);
    expect(frame).toContain('(Esc clears)');
    expect(frame).not.toContain('refined/');
    frame = await ui.press(KEY.esc);
    expect(frame).toContain('refined/');
    expect(frame).not.toContain('/ tr');
  });

  it('refreshes the visible pane with r and quits with q', async () => {
    const onQuit = vi.fn();
    refreshes.mockClear();
    const ui = await drive(<App backend={memoryBackend(lake())} panes={[...PANES, probe]} onQuit={onQuit} />, { columns: 80, rows: 24 });
    await ui.waitFor('refined/');
    await ui.press('2');
    ui.send('r');
    expect(refreshes).toHaveBeenCalledOnce();
    expect(onQuit).not.toHaveBeenCalled();
    ui.send('q');
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('shows the last refresh, marks it STALE as time passes, and counts API calls', async () => {
    const clock = new FakeClock(new Date(2024, 0, 15, 12, 0, 0).getTime());
    const store = lake();
    const ui = await drive(<App backend={memoryBackend(store)} />, { columns: 100, rows: 24, clock });
    await ui.waitFor('refined/');
    await ui.press(KEY.enter);
    let frame = await ui.waitFor((f) => f.includes('covid_csv/') && f.includes('updated 12:00:00 (just now)'));
    const total = () => Object.values(store.calls).reduce((a, b) => a + b);
    expect(frame).toContain(`${total()} API calls`);
    const lists = store.calls.list;
    store.fail('list', new Error('Connection refused'));
    clock.advance(15_000);
    frame = await ui.waitFor('ERROR Connection refused');
    expect(frame).toContain('covid_csv/');
    // One listing refresh failed; the summaries on screen were reloaded on the same clock.
    expect(store.calls.list).toBe(lists + 1);
    expect(frame).toContain(`${total()} API calls`);
    clock.advance(60_000);
    frame = await ui.waitFor('STALE updated 12:00:00');
    expect(frame).toContain('STALE');
  });
});

describe('a lake being seeded', () => {
  it('says so in the Zones pane and the status bar, and re-reads the lake as each source lands', async () => {
    const store = lake();
    const activity = new ActivityBoard();
    const seeding = activity.begin('Seeding the sample lake', 3);
    const ui = await drive(<App backend={{ ...memoryBackend(store), activity }} />, { columns: 100, rows: 24 });
    let frame = await ui.waitFor('refined/');
    expect(frame).toMatch(/^zones +Seeding the sample lake: 0 of 3 sources landed…$/m);
    expect(lines(frame).at(-2)).toContain('Seeding the sample lake: 0 of 3 sources landed… · 3 zones · Enter opens what has landed so far');
    // Enter opens what exists so far.
    frame = await ui.press(KEY.enter);
    frame = await ui.waitFor('covid_csv/');
    const lists = store.calls.list;
    store.add('raw', 'divipola/ingest_date=2024-01-15/divipola_20240115_093000.csv', 'a\n');
    seeding.step();
    frame = await ui.waitFor('divipola/', 'the landed source, without waiting for a timed reload');
    expect(store.calls.list).toBeGreaterThan(lists);
    expect(lines(frame).at(-2)).toContain('Seeding the sample lake: 1 of 3 sources landed…');
    seeding.end();
    frame = await ui.waitFor((f) => !f.includes('Seeding'), 'the seeding line gone');
  });
});
