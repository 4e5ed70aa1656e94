// NO_COLOR and TERM=dumb are honoured by the console itself (chalk ignores them): with colour
// forced on in chalk, the frames must still carry no colour codes, or no codes at all.
import chalk from 'chalk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/shell/app.js';
import { themeFromEnv } from '../../src/ui/theme.js';
import { MemoryZoneStore } from './support/memory-store.js';
import { drive, KEY, memoryBackend } from './support/render.js';

const level = chalk.level;
beforeAll(() => {
  chalk.level = 3;
});
afterAll(() => {
  chalk.level = level;
});
afterEach(() => cleanup());

const COLOR = /\u001B\[(3[0-9]|9[0-7]|38;)/;
const ANY_SGR = /\u001B\[[0-9;]*m/;
const strip = (frame: string) => frame.replace(/\u001B\[[0-9;]*m/g, '');

async function browse(env: NodeJS.ProcessEnv) {
  const store = new MemoryZoneStore().add('raw', 'covid_csv/ingest_date=2024-01-15/a.csv', 'a\n1\n');
  const ui = await drive(<App backend={memoryBackend(store, { readOnly: true })} />, { columns: 80, rows: 24, theme: themeFromEnv(env) });
  await ui.waitFor((f) => strip(f).includes('Enter open'));
  await ui.press(KEY.enter);
  await ui.waitFor((f) => strip(f).includes('covid_csv/'));
  return ui;
}

describe('colour', () => {
  it('is used by default (so the checks below can fail)', async () => {
    const ui = await browse({ TERM: 'xterm-256color' });
    expect(ui.lastFrame()).toMatch(COLOR);
  });

  it('is left out with NO_COLOR, while the cursor row and states stay readable', async () => {
    const ui = await browse({ NO_COLOR: '1' });
    const frame = ui.lastFrame();
    expect(frame).not.toMatch(COLOR);
    expect(strip(frame)).toMatch(/› covid_csv\//);
    expect(strip(frame)).toContain('[1 Zones]');
    expect(strip(frame)).toContain('[read-only]');
  });

  it('and every other attribute is left out on TERM=dumb', async () => {
    const ui = await browse({ TERM: 'dumb' });
    expect(ui.lastFrame()).not.toMatch(ANY_SGR);
    expect(ui.lastFrame()).toMatch(/› covid_csv\//);
  });
});
