// Registry entry of the Steps pane: listed when the backend offers steps (always on local; on aws
// with a stack, which names the EMR clusters).
import type { PaneDefinition } from '../../shell/pane.js';
import { StepsPane } from './StepsPane.js';

export const stepsPane: PaneDefinition = {
  id: 'steps',
  title: 'Steps',
  slot: 3,
  available: (backend) => backend.steps !== undefined,
  component: StepsPane,
};
