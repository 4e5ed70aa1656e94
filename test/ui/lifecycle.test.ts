// Work in flight at exit: cancelled and waited for (a signal ends the process only after the run
// recorded itself), but never waited for past the deadline.
import { describe, expect, it } from 'vitest';
import { ConsoleLifecycle } from '../../src/ui/shell/lifecycle.js';

describe('console lifecycle', () => {
  it('cancels every piece of work and waits until each has settled', async () => {
    const lifecycle = new ConsoleLifecycle();
    const done: string[] = [];
    lifecycle.set('a', {
      label: 'a',
      cancel: () => new Promise((resolve) => setTimeout(() => resolve(done.push('a')), 20)).then(() => {}),
    });
    lifecycle.set('b', { label: 'b', cancel: async () => void done.push('b') });
    await lifecycle.cancelAll(5_000);
    expect(done.sort()).toEqual(['a', 'b']);
    lifecycle.set('a', undefined);
    expect(lifecycle.inFlight().map((w) => w.label)).toEqual(['b']);
  });

  it('gives up waiting at the deadline, and tolerates a cancel that fails', async () => {
    const lifecycle = new ConsoleLifecycle();
    lifecycle.set('stuck', { label: 'stuck', cancel: () => new Promise(() => {}) });
    lifecycle.set('broken', { label: 'broken', cancel: () => Promise.reject(new Error('gone')) });
    await expect(lifecycle.cancelAll(10)).resolves.toBeUndefined();
  });
});
