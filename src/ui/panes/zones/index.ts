// Registry entry of the Zones pane: listed on every backend (the zone store is part of every one).
import type { PaneDefinition } from '../../shell/pane.js';
import { ZonesPane } from './ZonesPane.js';

export const zonesPane: PaneDefinition = {
  id: 'zones',
  title: 'Zones',
  slot: 1,
  component: ZonesPane,
};
