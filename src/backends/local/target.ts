// The local backend's target: every path its services use, derived from the lake root in one place.
import path from 'node:path';
import { DEFAULT_METRICS_NAMESPACE, type LocalTarget } from '../../core/backend.js';

export function localTarget(lake: string): LocalTarget {
  return {
    kind: 'local',
    lakeRoot: lake,
    pgliteDir: path.join(lake, '.pglite'),
    logDir: path.join(lake, '.logs'),
    metricsNamespace: DEFAULT_METRICS_NAMESPACE,
  };
}

/** The embedded database's folder of a lake. */
export const pgliteDirFor = (lake: string): string => localTarget(lake).pgliteDir;
