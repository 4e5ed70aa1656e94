// Registry entry of the Executions pane: listed when the backend offers executions (always on
// local; on aws with a stack, whose outputs name the state machine).
import type { PaneDefinition } from '../../shell/pane.js';
import { ExecutionsPane } from './ExecutionsPane.js';

export const executionsPane: PaneDefinition = {
  id: 'executions',
  title: 'Executions',
  slot: 4,
  available: (backend) => backend.executions !== undefined,
  component: ExecutionsPane,
};
