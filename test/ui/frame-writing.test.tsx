// The console's frames as they land on a terminal: the shell rendered with the console's frame
// options (incremental writer, throttled frames) must leave exactly the screen that Ink's
// full-frame writer leaves for the same keys — while scrolling, after resizes, after Ctrl-L over
// stray output, in colour and as NO_COLOR/TERM=dumb draw it — and write far fewer bytes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/shell/app.js';
import { FRAME_OPTIONS } from '../../src/ui/shell/frame-options.js';
import { CLEAR_WHOLE_SCREEN } from '../../src/ui/shell/use-screen-redraw.js';
import type { Theme } from '../../src/ui/theme.js';
import { MemoryZoneStore } from './support/memory-store.js';
import { KEY, memoryBackend } from './support/render.js';
import { ttyRender, type TtyApp } from './support/tty-render.js';

const CTRL_L = '\u000C';
const BEGIN_FRAME = '\u001B[?2026h'; // Ink opens every frame on a TTY with a synchronized update
const mounted: TtyApp[] = [];
afterEach(() => {
  for (const app of mounted.splice(0)) app.unmount();
});

function shell(
  incremental: boolean,
  size: { columns: number; rows: number },
  extra: { theme?: Theme; clearScreen?: boolean } = {},
): TtyApp {
  const store = new MemoryZoneStore().addMany('raw', 'covid_api/ingest_date=2024-01-15/', 300);
  const app = ttyRender(<App backend={memoryBackend(store)} onQuit={() => {}} />, {
    ...size,
    ...extra,
    ink: { ...FRAME_OPTIONS, incrementalRendering: incremental },
  });
  mounted.push(app);
  return app;
}

const has = (text: string) => (screen: string[]) => screen.some((row) => row.includes(text));

/** Opens the 300-object listing, one level at a time. */
async function openListing(app: TtyApp): Promise<void> {
  await app.until(has('raw/'), 'the zones');
  app.press(KEY.enter);
  await app.until(has('covid_api/'), 'covid_api/');
  app.press(KEY.enter);
  await app.until(has('ingest_date='), 'the partition');
  app.press(KEY.enter);
  await app.until(has('row 1 of 300'), 'the listing');
}

/** Moves down one row at a time, each move on screen before the next key. */
async function down(app: TtyApp, from: number, count: number): Promise<void> {
  for (let row = from + 1; row <= from + count; row++) {
    app.press(KEY.down);
    await app.until(has(`row ${row} of 300`), `row ${row}`);
  }
}

async function sameScreen(app: TtyApp, reference: TtyApp): Promise<void> {
  const want = () => reference.term.screen().join('\n');
  await app
    .until(() => app.term.screen().join('\n') === want(), 'the reference screen')
    .catch(() => {
      expect(app.term.text()).toEqual(reference.term.text());
      expect(app.term.screen()).toEqual(reference.term.screen());
    });
}

describe('frames on the terminal', () => {
  it('scrolling ends on the full redraw screen, with far fewer bytes per key', async () => {
    const size = { columns: 100, rows: 30 };
    const app = shell(true, size);
    const reference = shell(false, size);
    for (const ui of [app, reference]) await openListing(ui);
    const before = [app.stdout.bytes, reference.stdout.bytes];
    for (const ui of [app, reference]) await down(ui, 1, 12);
    await sameScreen(app, reference);
    const incremental = app.stdout.bytes - before[0];
    const full = reference.stdout.bytes - before[1];
    expect(incremental * 5).toBeLessThan(full);
  });

  it('coalesces a burst of keys into at most two frames, the last one showing the latest state', async () => {
    const app = shell(true, { columns: 80, rows: 24 });
    await openListing(app);
    await app.stdout.flushed();
    const frames = () => app.stdout.chunks.filter((chunk) => chunk === BEGIN_FRAME).length;
    const before = frames();
    // Ink's frame timer on a fake clock: 30 keys, each rendered by React before the next, all
    // within one frame interval however slow this machine is; then the interval ends.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      for (let i = 0; i < 30; i++) {
        app.press(KEY.down);
        await new Promise((resolve) => setImmediate(resolve));
      }
      vi.advanceTimersByTime(1000);
    } finally {
      vi.useRealTimers();
    }
    await app.until(has('row 31 of 300'), 'row 31');
    expect(frames() - before).toBeGreaterThanOrEqual(1);
    expect(frames() - before).toBeLessThanOrEqual(2);
  });

  it('redraws the whole screen after resizes: wider, fewer rows, narrower', async () => {
    const app = shell(true, { columns: 80, rows: 24 });
    await openListing(app);
    await down(app, 1, 3);
    for (const [columns, rows] of [
      [100, 30],
      [100, 22],
      [60, 20],
    ] as const) {
      // Fewer rows: the terminal scrolls the frame's top lines off the screen; narrower: it reflows.
      const written = app.stdout.chunks.length;
      app.resize(columns, rows);
      // Not a diff against a screen the resize may have moved: the whole screen, cleared first.
      expect(app.stdout.chunks.slice(written).join('')).toContain(CLEAR_WHOLE_SCREEN);
      const reference = shell(false, { columns, rows });
      await openListing(reference);
      await down(reference, 1, 3);
      await sameScreen(app, reference);
    }
  });

  it('draws a frame much shorter than the terminal in place, and the shell again after it', async () => {
    const app = shell(true, { columns: 80, rows: 24 });
    const reference = shell(false, { columns: 80, rows: 24 });
    for (const ui of [app, reference]) {
      await openListing(ui);
      ui.resize(30, 6); // too small: a one-line frame
      await ui.until(has('Terminal too small'), 'the size message');
    }
    expect(
      app.term
        .text()
        .slice(1)
        .every((row) => row === ''),
    ).toBe(true);
    for (const ui of [app, reference]) {
      ui.resize(80, 24);
      await ui.until(has('3 zones'), 'the shell again');
    }
    await sameScreen(app, reference);
  });

  for (const [name, theme, clearScreen] of [
    ['in colour', { color: true, attributes: true }, true],
    ['as TERM=dumb draws it (no colour, attributes or alternate screen)', { color: false, attributes: false }, false],
  ] as const) {
    it(`Ctrl-L wipes stray output and draws the frame again, ${name}`, async () => {
      const app = shell(true, { columns: 80, rows: 24 }, { theme, clearScreen });
      const reference = shell(false, { columns: 80, rows: 24 }, { theme, clearScreen });
      for (const ui of [app, reference]) await openListing(ui);
      for (const ui of [app, reference]) await down(ui, 1, 2);
      // Something else wrote over the frame (a `wall` message, a backgrounded job).
      await app.term.write('\u001B7\u001B[5;10HBroadcast message from root: going down\u001B8');
      expect(app.term.text().join('\n')).toContain('Broadcast message');
      app.press(CTRL_L);
      await sameScreen(app, reference);
      expect(app.term.text().join('\n')).not.toContain('Broadcast message');
    });
  }
});
