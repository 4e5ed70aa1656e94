// Registry entry of the Metrics pane: listed when the backend offers metrics (the local store on
// local, CloudWatch on aws).
import type { PaneDefinition } from '../../shell/pane.js';
import { MetricsPane } from './MetricsPane.js';

export const metricsPane: PaneDefinition = {
  id: 'metrics',
  title: 'Metrics',
  slot: 6,
  available: (backend) => backend.metrics !== undefined,
  component: MetricsPane,
};
