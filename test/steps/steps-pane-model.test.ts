// The Steps pane's key table and navigation reducer as plain data.
import { describe, expect, it } from 'vitest';
import { READ_ONLY_REASON, stepsBindings, type StepsKeysState } from '../../src/ui/panes/steps/steps-bindings.js';
import { INITIAL_STEPS_NAV, stepsNavReducer } from '../../src/ui/panes/steps/steps-nav.js';

const noop = {
  move: () => {},
  jump: () => {},
  open: () => {},
  back: () => {},
  askRun: () => {},
  askCancel: () => {},
  askTerminate: () => {},
  openLog: () => {},
};
const state = (over: Partial<StepsKeysState>): StepsKeysState => ({
  level: 'steps',
  readOnly: false,
  hasStep: true,
  stepActive: true,
  hasCluster: true,
  clusterActive: true,
  canTerminate: false,
  list: { height: 10, total: 3 },
  ...over,
});
const find = (table: ReturnType<typeof stepsBindings>, key: string) => table.find((b) => b.keys.includes(key));

describe('steps key table', () => {
  it('says why a key cannot act now instead of dropping it', () => {
    expect(find(stepsBindings(state({ readOnly: true }), noop), 'n')?.disabledReason).toBe(READ_ONLY_REASON);
    expect(find(stepsBindings(state({ stepActive: false }), noop), 'x')?.disabledReason).toBe('the step is not pending or running');
    expect(find(stepsBindings(state({ clusterActive: false }), noop), 'n')?.disabledReason).toBe('the cluster has ended');
    expect(find(stepsBindings(state({}), noop), 'x')?.disabledReason).toBeUndefined();
  });

  it('opens the full log where a step is selected or shown, and says why not elsewhere', () => {
    expect(find(stepsBindings(state({ level: 'clusters' }), noop), 'L')).toBeUndefined();
    expect(find(stepsBindings(state({ hasStep: false }), noop), 'L')?.disabledReason).toBe('select a step first');
    expect(find(stepsBindings(state({ level: 'detail', readOnly: true }), noop), 'L')).toMatchObject({ hint: 'full log' });
    expect(find(stepsBindings(state({ level: 'detail', readOnly: true }), noop), 'L')).not.toHaveProperty('disabledReason');
  });

  it('offers terminate only where the backend can, on the clusters level', () => {
    expect(find(stepsBindings(state({ level: 'clusters', canTerminate: false }), noop), 'T')).toBeUndefined();
    expect(find(stepsBindings(state({ level: 'clusters', canTerminate: true }), noop), 'T')?.disabledReason).toBeUndefined();
    expect(find(stepsBindings(state({ level: 'detail' }), noop), 'enter')).toBeUndefined();
    expect(find(stepsBindings(state({ level: 'detail' }), noop), 'esc')?.description).toBe('Back to the steps');
  });
});

describe('steps navigation', () => {
  it('goes straight to a step sent from another pane, closing any question', () => {
    let nav = stepsNavReducer(INITIAL_STEPS_NAV, { type: 'open-cluster', clusterId: 'j-1' });
    nav = stepsNavReducer(nav, { type: 'move', delta: 2, height: 5, total: 4 });
    nav = stepsNavReducer(nav, { type: 'ask', prompt: { kind: 'cancel', clusterId: 'j-1', stepId: 's-1', name: 'etl' } });
    nav = stepsNavReducer(nav, { type: 'go-to', clusterId: 'j-2', stepId: 's-9' });
    expect(nav).toMatchObject({ level: 'detail', clusterId: 'j-2', stepId: 's-9', steps: { cursor: 0 }, prompt: undefined });
    expect(stepsNavReducer(nav, { type: 'back' })).toMatchObject({ level: 'steps', clusterId: 'j-2' });
    expect(stepsNavReducer(INITIAL_STEPS_NAV, { type: 'go-to', clusterId: 'j-3' })).toMatchObject({
      level: 'steps',
      clusterId: 'j-3',
      stepId: undefined,
    });
  });

  it('opens a cluster, a step, edits the run question and goes back', () => {
    let nav = stepsNavReducer(INITIAL_STEPS_NAV, { type: 'open-cluster', clusterId: 'j-1' });
    nav = stepsNavReducer(nav, { type: 'move', delta: 2, height: 5, total: 4 });
    nav = stepsNavReducer(nav, { type: 'open-step', stepId: 's-1' });
    expect(nav).toMatchObject({ level: 'detail', clusterId: 'j-1', stepId: 's-1', steps: { cursor: 2 } });
    nav = stepsNavReducer(nav, { type: 'ask', prompt: { kind: 'run', clusterId: 'j-1', job: 'etl', runDate: 'all' } });
    nav = stepsNavReducer(nav, { type: 'cycle-job', delta: -1 });
    for (const text of ['\b', '\b', '\b', '2', '0', '2', '6', '/', '-']) nav = stepsNavReducer(nav, { type: 'edit-date', text });
    expect(nav.prompt).toEqual({ kind: 'run', clusterId: 'j-1', job: 'ml', runDate: '2026-' });
    nav = stepsNavReducer(stepsNavReducer(nav, { type: 'dismiss' }), { type: 'back' });
    expect(nav).toMatchObject({ level: 'steps', stepId: undefined, prompt: undefined });
    expect(stepsNavReducer(nav, { type: 'back' }).level).toBe('clusters');
  });
});
