import { describe, expect, it } from 'vitest';
import type { PrefixSummary, Zone, ZoneStore } from '../../src/core/zones.js';
import { SummaryLoader } from '../../src/ui/panes/zones/summary-loader.js';

/** A store whose summarize() calls wait until the test settles them. */
function controlledStore() {
  const pending: { prefix: string; resolve(s: PrefixSummary): void; reject(e: Error): void }[] = [];
  const store = {
    summarize: (_zone: Zone, prefix: string) => new Promise<PrefixSummary>((resolve, reject) => pending.push({ prefix, resolve, reject })),
  } as unknown as ZoneStore;
  return { store, pending };
}
const flush = () => new Promise((resolve) => setImmediate(resolve));
const targets = (...prefixes: string[]) => prefixes.map((prefix) => ({ zone: 'raw' as const, prefix }));

describe('prefix summaries', () => {
  it('loads at most two at a time, only what is still on screen, and caches results', async () => {
    const { store, pending } = controlledStore();
    let changes = 0;
    const loader = new SummaryLoader(store, () => changes++);
    loader.request(targets('a/', 'b/', 'c/', 'd/'));
    expect(pending.map((p) => p.prefix)).toEqual(['a/', 'b/']);
    expect(loader.get('raw', 'a/')).toEqual({ status: 'loading' });
    expect(changes).toBe(1);
    // Scrolled on: c/ and d/ left the screen before their turn, e/ came in.
    loader.request(targets('b/', 'e/'));
    pending[0].resolve({ objects: 3, bytes: 30 });
    await flush();
    expect(pending.map((p) => p.prefix)).toEqual(['a/', 'b/', 'e/']);
    expect(loader.get('raw', 'a/')).toEqual({ status: 'ok', summary: { objects: 3, bytes: 30 } });
    pending[1].reject(new Error('Access denied'));
    await flush();
    expect(loader.get('raw', 'b/')).toEqual({ status: 'error', message: 'Access denied' });
    expect(loader.get('raw', 'c/')).toBeUndefined();
    loader.request(targets('a/', 'b/'));
    expect(pending).toHaveLength(3);
  });

  it('forgets a prefix on refresh and loads the rows on screen again', async () => {
    const { store, pending } = controlledStore();
    const loader = new SummaryLoader(store, () => {});
    loader.request(targets('x/'));
    pending[0].resolve({ objects: 1, bytes: 1 });
    await flush();
    loader.forget('raw', 'x/');
    expect(pending.map((p) => p.prefix)).toEqual(['x/', 'x/']);
    expect(loader.get('raw', 'x/')).toEqual({ status: 'loading' });
  });

  it('evicts the oldest entries beyond its size and stops after dispose', async () => {
    const { store, pending } = controlledStore();
    const loader = new SummaryLoader(store, () => {}, 4, 2);
    loader.request(targets('a/', 'b/', 'c/'));
    for (const p of pending) p.resolve({ objects: 0, bytes: 0 });
    await flush();
    expect(loader.get('raw', 'a/')).toBeUndefined();
    expect(loader.get('raw', 'c/')?.status).toBe('ok');
    loader.dispose();
    loader.request(targets('z/'));
    expect(pending).toHaveLength(3);
  });
});

describe('reloading the summaries on screen', () => {
  it('keeps the known value while it loads again, once per row, and only for rows still shown', async () => {
    const { store, pending } = controlledStore();
    let changes = 0;
    const loader = new SummaryLoader(store, () => changes++);
    loader.request(targets('a/', 'b/'));
    pending[0].resolve({ objects: 0, bytes: 0 });
    pending[1].resolve({ objects: 1, bytes: 1 });
    await flush();
    loader.reload();
    loader.reload();
    expect(pending.map((p) => p.prefix)).toEqual(['a/', 'b/', 'a/', 'b/']);
    expect(loader.get('raw', 'a/')).toEqual({ status: 'ok', summary: { objects: 0, bytes: 0 } });
    const before = changes;
    pending[2].resolve({ objects: 6, bytes: 191 });
    await flush();
    expect(loader.get('raw', 'a/')).toEqual({ status: 'ok', summary: { objects: 6, bytes: 191 } });
    expect(changes).toBe(before + 1);
    // b/ scrolled away before its reload finished; the next reload asks for a/ only.
    loader.request(targets('a/'));
    pending[3].resolve({ objects: 2, bytes: 2 });
    await flush();
    loader.reload();
    expect(pending.map((p) => p.prefix)).toEqual(['a/', 'b/', 'a/', 'b/', 'a/']);
  });
});
