import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { Text } from 'ink';
import { useImperativeHandle, forwardRef, type Ref } from 'react';
import { LakeError } from '../../src/core/errors.js';
import { usePolling, type Polled } from '../../src/ui/hooks/use-polling.js';
import { pollPolicy } from '../../src/ui/polling.js';
import { FakeClock } from './support/fake-clock.js';
import { drive } from './support/render.js';

afterEach(() => cleanup());

/** Loads the test settles by hand, remembering each call. */
function loads() {
  const calls: { key: string; resolve(v: string): void; reject(e: unknown): void }[] = [];
  const load = (key: string) => () => new Promise<string>((resolve, reject) => calls.push({ key, resolve, reject }));
  return { calls, load };
}

interface ProbeProps {
  load: (key: string) => () => Promise<string>;
  visible: boolean;
  resetKey?: string;
  auto?: boolean;
}

const policy = pollPolicy(10_000, { maxBackoffMs: 120_000, staleAfterMs: 25_000 });

const Probe = forwardRef(function Probe({ load, visible, resetKey = 'a', auto }: ProbeProps, ref: Ref<Polled<string>>) {
  const polled = usePolling(load(resetKey), { visible, policy, auto, resetKey });
  useImperativeHandle(ref, () => polled, [polled]);
  const error = polled.error instanceof Error ? polled.error.message : '-';
  return (
    <Text>{`data=${polled.data ?? '-'} error=${error} inflight=${polled.inFlight} failures=${polled.failures} last=${polled.lastSuccess ?? '-'}`}</Text>
  );
});

describe('usePolling', () => {
  it('loads when visible, then again every interval', async () => {
    const clock = new FakeClock(1_000_000);
    const { calls, load } = loads();
    const ui = await drive(<Probe load={load} visible />, { clock });
    expect(calls).toHaveLength(1);
    calls[0].resolve('v1');
    await ui.waitFor('data=v1 error=- inflight=false failures=0 last=1000000');
    expect(clock.pending()).toEqual([10_000]);
    clock.advance(10_000);
    await ui.waitFor('inflight=true');
    expect(calls).toHaveLength(2);
    calls[1].resolve('v2');
    await ui.waitFor('data=v2');
  });

  it('never starts a refresh while one is in flight', async () => {
    const clock = new FakeClock();
    const { calls, load } = loads();
    let handle: Polled<string> | null = null;
    const ui = await drive(
      <Probe
        load={load}
        visible
        ref={(h) => {
          handle = h;
        }}
      />,
      { clock },
    );
    expect(handle!.refresh()).toBe(false);
    clock.advance(60_000);
    expect(calls).toHaveLength(1);
    calls[0].resolve('v1');
    await ui.waitFor('data=v1');
    expect(handle!.refresh()).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('keeps the last data on failure and backs off, harder when throttled', async () => {
    const clock = new FakeClock(5_000_000);
    const { calls, load } = loads();
    const ui = await drive(<Probe load={load} visible />, { clock });
    calls[0].resolve('good');
    await ui.waitFor('data=good');
    clock.advance(10_000);
    calls[1].reject(new Error('Access denied'));
    await ui.waitFor('error=Access denied');
    expect(ui.lastFrame()).toContain('data=good error=Access denied inflight=false failures=1 last=5000000');
    expect(clock.pending()).toEqual([20_000]);
    clock.advance(20_000);
    calls[2].reject(new LakeError('throttled', 'Slow down'));
    await ui.waitFor('failures=2');
    expect(clock.pending()).toEqual([120_000]);
    clock.advance(120_000);
    calls[3].resolve('back');
    await ui.waitFor('data=back error=- inflight=false failures=0');
    expect(clock.pending()).toEqual([10_000]);
  });

  it('does not poll a hidden pane', async () => {
    const clock = new FakeClock();
    const { calls, load } = loads();
    await drive(<Probe load={load} visible={false} />, { clock });
    clock.advance(60_000);
    expect(calls).toHaveLength(0);
    expect(clock.pending()).toEqual([]);
  });

  it('stops its timer while hidden and reloads at once when shown after the interval', async () => {
    const clock = new FakeClock();
    const { calls, load } = loads();
    const ui = await drive(<Probe load={load} visible />, { clock });
    calls[0].resolve('v1');
    await ui.waitFor('data=v1');
    await ui.rerender(<Probe load={load} visible={false} />);
    expect(clock.pending()).toEqual([]);
    clock.advance(60_000);
    expect(calls).toHaveLength(1);
    await ui.rerender(<Probe load={load} visible />);
    expect(calls).toHaveLength(2);
  });

  it('keeps its schedule when shown again before the interval is up', async () => {
    const clock = new FakeClock();
    const { calls, load } = loads();
    const ui = await drive(<Probe load={load} visible />, { clock });
    calls[0].resolve('v1');
    await ui.waitFor('data=v1');
    await ui.rerender(<Probe load={load} visible={false} />);
    clock.advance(4_000);
    await ui.rerender(<Probe load={load} visible />);
    expect(calls).toHaveLength(1);
    expect(clock.pending()).toEqual([6_000]);
  });

  it('drops the data and ignores a late result when the key changes', async () => {
    const clock = new FakeClock();
    const { calls, load } = loads();
    const ui = await drive(<Probe load={load} visible resetKey="raw/a/" />, { clock });
    calls[0].resolve('a-data');
    await ui.waitFor('data=a-data');
    clock.advance(10_000);
    expect(calls).toHaveLength(2);
    await ui.rerender(<Probe load={load} visible resetKey="raw/b/" />);
    expect(calls.map((c) => c.key)).toEqual(['raw/a/', 'raw/a/', 'raw/b/']);
    expect(ui.lastFrame()).toContain('data=-');
    calls[1].resolve('stale-a');
    calls[2].resolve('b-data');
    await ui.waitFor('data=b-data');
    expect(ui.frames.some((f) => f.includes('stale-a'))).toBe(false);
  });

  it('loads once and waits for refresh() when auto-refresh is off', async () => {
    const clock = new FakeClock();
    const { calls, load } = loads();
    const ui = await drive(<Probe load={load} visible auto={false} />, { clock });
    calls[0].resolve('v1');
    await ui.waitFor('data=v1');
    expect(clock.pending()).toEqual([]);
    clock.advance(600_000);
    expect(calls).toHaveLength(1);
  });
});
