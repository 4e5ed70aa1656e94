// The embedded local backend: the lake is a folder on this machine.
import fs from 'node:fs/promises';
import type { Backend } from '../../core/backend.js';
import { ZONES } from '../../core/zones.js';
import type { Config } from '../../config/config.js';
import { CallCounter } from '../call-counter.js';
import { backendLabel } from '../label.js';
import { LocalQueryApi } from './query/local-api.js';
import { LazyLocalQueryService } from './query/lazy-query-service.js';
import { LocalZoneStore } from './zone-store.js';

export async function createLocalBackend(config: Config): Promise<Backend> {
  await Promise.all(ZONES.map((zone) => fs.mkdir(`${config.lake}/${zone}`, { recursive: true })));
  const calls = new CallCounter();
  const zones = new LocalZoneStore(config.lake, calls);
  const query = new LazyLocalQueryService(config.lake);
  return {
    kind: 'local',
    label: backendLabel(config),
    readOnly: config.readOnly,
    calls,
    zones,
    query,
    api: new LocalQueryApi(query),
    close: () => query.close(),
  };
}
