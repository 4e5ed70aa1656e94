// The Steps pane's navigation as a pure reducer: clusters → a cluster's steps → one step's detail,
// a cursor per list, and the question being asked (run a job, cancel a step, terminate a cluster).
import { STEP_JOBS, type StepJob } from '../../../core/steps.js';
import { moveWindow, type ListMove, type ListWindow } from '../../windowing.js';

export type Level = 'clusters' | 'steps' | 'detail';

export type Prompt =
  | { kind: 'run'; clusterId: string; job: StepJob; runDate: string }
  | { kind: 'cancel'; clusterId: string; stepId: string; name: string }
  | { kind: 'terminate'; clusterId: string; name: string };

export interface StepsNav {
  level: Level;
  clusters: ListWindow;
  steps: ListWindow;
  clusterId?: string;
  stepId?: string;
  prompt?: Prompt;
}

export const INITIAL_STEPS_NAV: StepsNav = { level: 'clusters', clusters: { cursor: 0, offset: 0 }, steps: { cursor: 0, offset: 0 } };

export type StepsNavAction =
  | ListMove
  | { type: 'open-cluster'; clusterId: string }
  | { type: 'open-step'; stepId: string }
  /** Sent from another pane: straight to a cluster's steps, or to one step's detail. */
  | { type: 'go-to'; clusterId: string; stepId?: string }
  | { type: 'back' }
  | { type: 'ask'; prompt: Prompt }
  | { type: 'cycle-job'; delta: number }
  | { type: 'edit-date'; text: string }
  | { type: 'dismiss' };

const DATE_CHARS = /^[0-9a-z-]$/;

export function stepsNavReducer(nav: StepsNav, action: StepsNavAction): StepsNav {
  const list = nav.level === 'clusters' ? 'clusters' : 'steps';
  switch (action.type) {
    case 'move':
    case 'jump':
      return { ...nav, [list]: moveWindow(nav[list], action) };
    case 'open-cluster':
      return {
        ...nav,
        level: 'steps',
        clusterId: action.clusterId,
        steps: nav.clusterId === action.clusterId ? nav.steps : { cursor: 0, offset: 0 },
      };
    case 'open-step':
      return { ...nav, level: 'detail', stepId: action.stepId };
    case 'go-to': {
      const steps = nav.clusterId === action.clusterId ? nav.steps : { cursor: 0, offset: 0 };
      return {
        ...nav,
        level: action.stepId ? 'detail' : 'steps',
        clusterId: action.clusterId,
        stepId: action.stepId,
        steps,
        prompt: undefined,
      };
    }
    case 'back':
      return { ...nav, level: nav.level === 'detail' ? 'steps' : 'clusters', stepId: nav.level === 'detail' ? undefined : nav.stepId };
    case 'ask':
      return { ...nav, prompt: action.prompt };
    case 'cycle-job': {
      if (nav.prompt?.kind !== 'run') return nav;
      const at = STEP_JOBS.indexOf(nav.prompt.job);
      const job = STEP_JOBS[(at + action.delta + STEP_JOBS.length) % STEP_JOBS.length];
      return { ...nav, prompt: { ...nav.prompt, job } };
    }
    case 'edit-date': {
      if (nav.prompt?.kind !== 'run') return nav;
      const current = nav.prompt.runDate;
      const runDate =
        action.text === '\b' ? current.slice(0, -1) : DATE_CHARS.test(action.text) && current.length < 10 ? current + action.text : current;
      return { ...nav, prompt: { ...nav.prompt, runDate } };
    }
    case 'dismiss':
      return { ...nav, prompt: undefined };
  }
}
