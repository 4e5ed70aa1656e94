// How `lakedeck steps run` follows a step: the step's end is taken from the service's exit event
// (whenEnded), not from the next poll, and the polls back off while the step's progress does not
// move and come back to the base pace when it does. Fake timers: no test depends on real time.
import { Command } from 'commander';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerStepsCommands, type StepsIo } from '../../src/cli/steps-command.js';
import type { Backend } from '../../src/core/backend.js';
import { MemorySteps } from './support/memory-steps.js';

class EndingSteps extends MemorySteps {
  private endNow: () => void = () => {};
  private readonly ended = new Promise<void>((resolve) => (this.endNow = resolve));
  whenEnded(): Promise<void> {
    return this.ended;
  }
  /** The step exits: its final record first, then the exit event. */
  finish(stepId: string): void {
    this.advance(stepId, { state: 'COMPLETED', endedAt: new Date(), progress: 1 });
    this.endNow();
  }
}

function follow(steps: MemorySteps, pollMs: number) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let exitCode: number | undefined;
  stdout.on('data', (chunk) => (out += chunk));
  stderr.resume();
  const io: StepsIo = { stdout, stderr, pollMs, setExitCode: (code) => (exitCode = code), onInterrupt: () => () => {} };
  const program = new Command().exitOverride();
  registerStepsCommands(program, async (action) => action({ steps } as unknown as Backend), io);
  const done = program.parseAsync(['node', 'lakedeck', 'steps', 'run', 'etl']);
  return { done, output: () => out, exitCode: () => exitCode };
}

const polls = (steps: MemorySteps) => steps.calls.filter((call) => call.startsWith('step ')).length;

afterEach(() => {
  vi.useRealTimers();
});

describe('lakedeck steps run: following a step', () => {
  it('ends on the exit event, without waiting for the next poll', async () => {
    const steps = new EndingSteps();
    // A pause no test could wait out: only the exit event can end this run.
    const run = follow(steps, 3_600_000);
    await vi.waitFor(() => expect(polls(steps)).toBe(1));
    steps.finish('s-new1');
    await run.done;
    expect(polls(steps)).toBe(2);
    expect(run.output()).toMatch(/^s-new1 +COMPLETED +etl all/);
    expect(run.exitCode()).toBe(0);
  });

  it('backs off to four times the pace while nothing moves, and polls at the pace again once it moves', async () => {
    vi.useFakeTimers();
    const steps = new EndingSteps();
    const run = follow(steps, 1_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(polls(steps)).toBe(1);
    // Unchanged: pauses of 1, 2, 4, 4 s (the first poll has nothing to compare with).
    await vi.advanceTimersByTimeAsync(1_000);
    expect(polls(steps)).toBe(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(polls(steps)).toBe(3);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(polls(steps)).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(polls(steps)).toBe(4);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(polls(steps)).toBe(5);
    // A stage advances: the next pause is the base one again.
    steps.advance('s-new1', { progress: 0.6 });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(polls(steps)).toBe(6);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(polls(steps)).toBe(7);
    steps.finish('s-new1');
    await vi.advanceTimersByTimeAsync(0);
    await run.done;
    expect(polls(steps)).toBe(8);
    expect(run.exitCode()).toBe(0);
  });
});
