// Registry entry of the Query pane: listed when the backend offers a query service (DuckDB over
// the local lake; Athena on aws).
import type { PaneDefinition } from '../../shell/pane.js';
import { QueryPane } from './QueryPane.js';

export const queryPane: PaneDefinition = {
  id: 'query',
  title: 'Query',
  slot: 5,
  available: (backend) => backend.query !== undefined,
  component: QueryPane,
};
