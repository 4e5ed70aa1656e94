// Registry entry of the Zones pane: every backend has a zone store.
import type { PaneDefinition } from '../pane.js';
import { ZonesPane } from './ZonesPane.js';

export const zonesPane: PaneDefinition = {
  id: 'zones',
  title: 'Zones',
  slot: 1,
  available: (backend) => backend.zones !== undefined,
  component: ZonesPane,
};
