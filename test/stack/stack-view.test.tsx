// The Stack view driven by keys as a user would, at 80×24 and 120×40: opened with `s` or from the
// palette, a rolled-back stack's status by symbol and word with its reason, the failed event's
// reason readable in full at 80 columns, outputs shortened in the middle and shown whole with
// Enter, older events paged in as the cursor reaches them, polling only while open (faster while
// IN_PROGRESS), `r`, Esc; and on the local lake the refusal, with the command that makes a stack.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { StackEvent, StackEventsPage, StackService, StackSummary } from '../../src/core/stack.js';
import { App } from '../../src/ui/shell/app.js';
import { eventTime } from '../../src/ui/views/stack/stack-rows.js';
import { FakeClock } from '../ui/support/fake-clock.js';
import { MemoryZoneStore } from '../ui/support/memory-store.js';
import { drive, KEY, lines, memoryBackend } from '../ui/support/render.js';

afterEach(() => cleanup());

const FAILURE =
  'Resource handler returned message: "The specified bucket lakedeck-demo-lakebucket-1a2b3c4d5e6f already exists in another account ' +
  '(Service: S3, Status Code: 409, Request ID: 7QW9XK2M3N4P5R6S)" (RequestToken: 0b2c9f1e-5d4a-4f3b-9e8d-7c6b5a4f3e2d, HandlerErrorCode: AlreadyExists)';
const API_URL = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/departments/{code}/daily?from=2020-03-01&to=2021-12-31';
const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

function event(n: number, overrides: Partial<StackEvent> = {}): StackEvent {
  return {
    id: `ev-${n}`,
    at: new Date(T0 - n * 1000),
    logicalId: `Resource${n}`,
    resourceType: 'AWS::S3::Bucket',
    status: 'CREATE_COMPLETE',
    ...overrides,
  };
}

/** A stack in memory: the service the view reads, with its calls counted and its pages cut at `pageSize`. */
class MemoryStack implements StackService {
  readonly stackName = 'demo';
  describes = 0;
  pagesRead: (string | undefined)[] = [];
  constructor(
    public summary: StackSummary,
    public all: StackEvent[],
    private readonly pageSize = 25,
  ) {}
  async describe(): Promise<StackSummary> {
    this.describes += 1;
    return this.summary;
  }
  async events(token?: string): Promise<StackEventsPage> {
    this.pagesRead.push(token);
    const start = token ? Number(token) : 0;
    const end = start + this.pageSize;
    return { events: this.all.slice(start, end), ...(end < this.all.length ? { nextToken: String(end) } : {}) };
  }
}

function rolledBack(): MemoryStack {
  const summary: StackSummary = {
    name: 'demo',
    status: 'UPDATE_ROLLBACK_COMPLETE',
    statusReason: 'The following resource(s) failed to update: [LakeBucket].',
    createdAt: new Date(T0 - 86_400_000),
    lastUpdatedAt: new Date(T0 - 240_000),
    driftStatus: 'NOT_CHECKED',
    outputs: [
      { key: 'LakeBucketName', value: 'lakedeck-demo-lakebucket-1a2b3c4d5e6f' },
      { key: 'ApiUrl', value: API_URL, description: 'The query API' },
    ],
    parameters: [
      { key: 'AcademyMode', value: 'false' },
      { key: 'AlarmEmail', value: '' },
    ],
  };
  const events = [
    event(1, { logicalId: 'demo', resourceType: 'AWS::CloudFormation::Stack', status: 'UPDATE_ROLLBACK_COMPLETE' }),
    event(2, { logicalId: 'LakeBucket', status: 'UPDATE_FAILED', reason: FAILURE }),
    event(3, { logicalId: 'LakeBucket', status: 'UPDATE_IN_PROGRESS' }),
    event(4, { logicalId: 'demo', resourceType: 'AWS::CloudFormation::Stack', status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' }),
  ];
  return new MemoryStack(summary, events);
}

const lake = () => new MemoryZoneStore().add('raw', 'covid_csv/ingest_date=2024-01-15/covid_csv_20240115_093000.csv', 'a,b\n1,2\n');
const awsBackend = (stack: StackService) => memoryBackend(lake(), { kind: 'aws', label: 'aws demo', stack });

function expectWithin(frame: string, columns: number, rows: number): void {
  expect(lines(frame).length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines(frame)) expect(line.length).toBeLessThanOrEqual(columns);
}

/** The lines after the `── reason ──` / `── value ──` rule, joined back into one text. */
function detailText(frame: string): string {
  const all = lines(frame);
  const at = all.findIndex((l) => /^── (reason|value) ─/.test(l));
  return all
    .slice(at + 1, -2)
    .map((l) => l.trimEnd())
    .join(' ');
}

describe('the Stack view at 80×24', () => {
  it('opens with s: a rolled-back stack by symbol and word, its reason, and the failed event readable whole', async () => {
    const stack = rolledBack();
    const ui = await drive(<App backend={awsBackend(stack)} />, { columns: 80, rows: 24 });
    await ui.waitFor('raw/');
    let frame = await ui.press('s');
    frame = await ui.waitFor('↺ UPDATE_ROLLBACK_COMPLETE');
    expectWithin(frame, 80, 24);
    expect(frame).toContain('Stack demo ↺ UPDATE_ROLLBACK_COMPLETE · updated');
    expect(frame).toContain('(4m ago)');
    expect(frame).toContain('drift: not checked');
    expect(frame).toContain('Reason: The following resource(s) failed to update: [LakeBucket].');
    expect(frame).toContain('[Events 4]');
    // Newest first; the cursor on the newest.
    const rows = lines(frame).filter((l) => /\d\d-\d\d \d\d:\d\d:\d\d/.test(l));
    expect(rows.map((l) => l.slice(2, 14) + l.slice(16, 30).trim())).toEqual([
      `${eventTime(new Date(T0 - 1000)).slice(0, 12)}↺ UPDATE_ROLL`,
      `${eventTime(new Date(T0 - 2000)).slice(0, 12)}✖ UPDATE_FAIL`,
      `${eventTime(new Date(T0 - 3000)).slice(0, 12)}▶ UPDATE_IN_P`,
      `${eventTime(new Date(T0 - 4000)).slice(0, 12)}▶ UPDATE_IN_P`,
    ]);
    expect(rows[0]).toMatch(/^› /);
    expect(frame).toMatch(/Esc close/);
    // The failed event: its whole reason in the strip under the list, at 80 columns.
    frame = await ui.press('j');
    expect(lines(frame).find((l) => l.startsWith('› '))).toContain('✖ UPDATE_FAILED');
    expect(detailText(frame).replace(/\s+/g, ' ')).toContain(`LakeBucket: ${FAILURE}`.replace(/\s+/g, ' '));
    expectWithin(frame, 80, 24);
    // Esc closes: back to the pane that was shown.
    frame = await ui.press(KEY.esc);
    expect(frame).not.toContain('Stack demo');
    expect(frame).toContain('raw/');
  });

  it('shows outputs key → value shortened in the middle, Enter shows one whole, parameters next', async () => {
    const ui = await drive(<App backend={awsBackend(rolledBack())} />, { columns: 80, rows: 24 });
    await ui.waitFor('raw/');
    await ui.press('s');
    await ui.waitFor('[Events 4]');
    let frame = await ui.press(KEY.tab);
    expect(frame).toContain('[Outputs 2]');
    const apiRow = lines(frame).find((l) => l.includes('ApiUrl'))!;
    expect(apiRow).toMatch(/ApiUrl\s+https:\/\/a1b2c3.*….*to=2021-12-31\s*$/);
    expect(apiRow.length).toBeLessThanOrEqual(80);
    frame = await ui.press('j', KEY.enter);
    expect(frame).toContain('the whole row');
    const all = lines(frame);
    const valueAt = all.indexOf('Value:');
    expect(
      all
        .slice(valueAt + 1, valueAt + 3)
        .map((l) => l.trimEnd())
        .join(''),
    ).toBe(API_URL);
    expect(frame).toContain('The query API');
    expectWithin(frame, 80, 24);
    frame = await ui.press(KEY.esc);
    expect(frame).toContain('[Outputs 2]');
    frame = await ui.press(KEY.tab);
    expect(frame).toContain('[Parameters 2]');
    expect(frame).toMatch(/AcademyMode\s+false/);
    expect(frame).toMatch(/AlarmEmail\s+\(empty\)/);
  });

  it('refreshes only while open: every 30s when settled, every 3s while IN_PROGRESS, and on r', async () => {
    const clock = new FakeClock(T0);
    const stack = rolledBack();
    const ui = await drive(<App backend={awsBackend(stack)} />, { columns: 80, rows: 24, clock });
    await ui.waitFor('raw/');
    expect(stack.describes).toBe(0);
    await ui.press('s');
    await ui.waitFor('[Events 4]');
    expect(stack.describes).toBe(1);
    clock.advance(29_000);
    expect(stack.describes).toBe(1);
    await ui.waitFor('read 29s ago');
    clock.advance(1_000);
    expect(stack.describes).toBe(2);
    await ui.waitFor('read just now');
    // CloudFormation starts an update: the view notices at its next refresh and speeds up.
    stack.summary = { ...stack.summary, status: 'UPDATE_IN_PROGRESS', statusReason: 'User Initiated' };
    stack.all = [event(0, { logicalId: 'demo', resourceType: 'AWS::CloudFormation::Stack', status: 'UPDATE_IN_PROGRESS' }), ...stack.all];
    await ui.press('r');
    let frame = await ui.waitFor('▶ UPDATE_IN_PROGRESS · updated');
    expect(frame).toContain('every 3s (in progress)');
    expect(frame).toContain('[Events 5]');
    await ui.waitFor('read just now, every 3s (in progress)');
    const before = stack.describes;
    expect(clock.pending()).toContain(3_000);
    clock.advance(3_000);
    await ui.waitFor(() => stack.describes > before, 'the 3s refresh');
    // Closed: no more calls, however long.
    frame = await ui.press(KEY.esc);
    // (React runs the closed view's effect clean-ups just after the frame.)
    await new Promise((resolve) => setImmediate(resolve));
    const closedAt = stack.describes;
    expect(clock.pending()).not.toContain(3_000);
    clock.advance(120_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stack.describes).toBe(closedAt);
    expect(frame).toContain('raw/');
  });
});

describe('the Stack view at 120×40', () => {
  it('opens from the palette and pages older events in as the cursor reaches them', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      event(i + 1, { reason: i === 30 ? FAILURE : undefined, status: i === 30 ? 'CREATE_FAILED' : 'CREATE_COMPLETE' }),
    );
    const stack = new MemoryStack({ ...rolledBack().summary, status: 'CREATE_COMPLETE', statusReason: undefined }, many, 25);
    const ui = await drive(<App backend={awsBackend(stack)} />, { columns: 120, rows: 40 });
    await ui.waitFor('raw/');
    await ui.press(':', 's', 't', 'a', 'c', 'k');
    let frame = ui.lastFrame();
    expect(frame).toMatch(/› Stack view: status, outputs, parameters, events\s+s\s+Global/);
    frame = await ui.press(KEY.enter);
    frame = await ui.waitFor(/\[Events (25|50)\+\]/);
    expectWithin(frame, 120, 40);
    expect(frame).toContain('Stack demo ✓ CREATE_COMPLETE');
    // The list is taller than a page: the second page is read at once, each page once.
    await ui.waitFor('[Events 50+]');
    expect(stack.pagesRead).toEqual([undefined, '25']);
    // Within a screen of the last loaded event, the next page is read (each page once).
    await ui.press('G');
    frame = await ui.waitFor('[Events 60]');
    expect(stack.pagesRead).toEqual([undefined, '25', '50']);
    frame = await ui.press('G');
    expect(lines(frame).find((l) => l.startsWith('› '))).toContain('Resource60');
    expect(frame).toContain('60/60');
    // Resource31 failed: seen whole in the strip under the list.
    await ui.press('g');
    frame = await ui.press(...Array.from({ length: 30 }, () => 'j'));
    // At this width the row itself carries a good part of the reason.
    expect(lines(frame).find((l) => l.startsWith('› '))).toMatch(
      /✖ CREATE_FAILED\s+Resource31\s+Resource handler returned message: "The speci/,
    );
    expect(detailText(frame).replace(/\s+/g, ' ')).toContain(FAILURE.replace(/\s+/g, ' '));
    expectWithin(frame, 120, 40);
  });
});

describe('the Stack view on the local lake', () => {
  it('does not open: s, the palette and the help say why and how to make a stack', async () => {
    const ui = await drive(<App backend={memoryBackend(lake())} />, { columns: 80, rows: 24 });
    await ui.waitFor('raw/');
    const reason = 'local lake: no stack — `lakedeck deploy --stack NAME` creates one';
    // The whole sentence on the status line, at 80 columns.
    let frame = await ui.press('s');
    expect(frame).not.toContain('Stack demo');
    expect(lines(frame)).toContain(`Stack view: ${reason}`);
    // Listed in the palette, greyed, the reason in full under it; Enter says it again.
    frame = await ui.press(':', 's', 't', 'a', 'c', 'k');
    expect(frame).toContain('› Stack view (unavailable)');
    expect(frame).toContain(`    ${reason}`);
    frame = await ui.press(KEY.enter);
    expect(frame).not.toContain('Esc closes');
    expect(lines(frame)).toContain(`Stack view: ${reason}`);
    await ui.press('?');
    frame = await ui.press('G');
    const help = lines(frame).find((l) => l.includes('Stack view'))!;
    expect(help).toMatch(/^\s+s\s+Stack view \(local lake: no stack/);
  });
});
