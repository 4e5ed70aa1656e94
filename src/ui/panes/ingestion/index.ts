// Registry entry of the Ingestion pane: listed when the backend offers ingestion.
import type { PaneDefinition } from '../../shell/pane.js';
import { IngestionPane } from './IngestionPane.js';

export const ingestionPane: PaneDefinition = {
  id: 'ingestion',
  title: 'Ingestion',
  slot: 2,
  available: (backend) => backend.ingestion !== undefined,
  component: IngestionPane,
};
