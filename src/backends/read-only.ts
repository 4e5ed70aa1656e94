// The one rule for writes: a backend opened read-only hands out services whose every write
// throws ReadOnlyError before touching anything. Each service port has exactly one guard here,
// and the map is typed so a new service cannot be added without deciding what it refuses.
import type { BackendServices } from '../core/backend.js';
import { ReadOnlyError } from '../core/errors.js';
import type { ExecutionsService } from '../core/executions.js';
import type { IngestionService } from '../core/ingestion.js';
import type { QueryService } from '../core/query.js';
import type { StepsService } from '../core/steps.js';
import type { ZoneStore } from '../core/zones.js';

type Guards = { [K in keyof BackendServices]-?: (service: NonNullable<BackendServices[K]>) => NonNullable<BackendServices[K]> };

function readOnlyZones(store: ZoneStore): ZoneStore {
  return {
    location: store.location,
    uri: (zone, key) => store.uri(zone, key),
    list: (zone, prefix, options) => store.list(zone, prefix, options),
    summarize: (zone, prefix, signal) => store.summarize(zone, prefix, signal),
    stat: (zone, key) => store.stat(zone, key),
    readRange: (zone, key, start, end) => store.readRange(zone, key, start, end),
    read: (zone, key) => store.read(zone, key),
    put: async (zone, key) => {
      throw new ReadOnlyError(`writing ${store.uri(zone, key)}`);
    },
    delete: async (zone, key) => {
      throw new ReadOnlyError(`deleting ${store.uri(zone, key)}`);
    },
  };
}

function readOnlyIngestion(service: IngestionService): IngestionService {
  return {
    sources: () => service.sources(),
    history: (limit) => service.history(limit),
    run: async (source) => {
      throw new ReadOnlyError(`ingestion of ${source}`);
    },
    close: service.close && (() => service.close!()),
  };
}

function readOnlyExecutions(service: ExecutionsService): ExecutionsService {
  return {
    list: (options) => service.list(options),
    describe: (arn) => service.describe(arn),
    definition: () => service.definition(),
    history: (arn, options) => service.history(arn, options),
    start: async () => {
      throw new ReadOnlyError('starting an execution');
    },
    stop: async (arn) => {
      throw new ReadOnlyError(`stopping execution ${arn}`);
    },
    redrive: async (arn) => {
      throw new ReadOnlyError(`redriving execution ${arn}`);
    },
    notifications: service.notifications && ((limit) => service.notifications!(limit)),
    schedule: service.schedule && (() => service.schedule!()),
    setScheduleEnabled: service.setScheduleEnabled
      ? async (enabled) => {
          throw new ReadOnlyError(`${enabled ? 'enabling' : 'disabling'} the schedule`);
        }
      : undefined,
    close: service.close && (() => service.close!()),
  };
}

function readOnlySteps(service: StepsService): StepsService {
  return {
    clusters: () => service.clusters(),
    steps: (clusterId) => service.steps(clusterId),
    step: (clusterId, stepId) => service.step(clusterId, stepId),
    logTail: (clusterId, stepId, lines) => service.logTail(clusterId, stepId, lines),
    logFiles: (clusterId, stepId) => service.logFiles(clusterId, stepId),
    run: async (request) => {
      throw new ReadOnlyError(`running the ${request.job} step`);
    },
    cancel: async (_clusterId, stepId) => {
      throw new ReadOnlyError(`cancelling step ${stepId}`);
    },
    terminateCluster: service.terminateCluster
      ? async (clusterId) => {
          throw new ReadOnlyError(`terminating cluster ${clusterId}`);
        }
      : undefined,
    close: service.close && (() => service.close!()),
  };
}

// Statements that only read: anything else (INSERT, CTAS, DROP, MSCK…) would write the catalog or the lake.
const READING_STATEMENT = /^(select|with|show|describe|desc|explain|values|table)\b/i;

/** The statement's first word, past leading comments and blanks. */
export function leadingKeyword(sql: string): string {
  const stripped = sql.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  return stripped.match(/^[A-Za-z]+/)?.[0] ?? '';
}

function readOnlyQuery(service: QueryService): QueryService {
  return {
    engine: service.engine,
    tables: () => service.tables(),
    start: async (sql) => {
      const keyword = leadingKeyword(sql);
      if (!READING_STATEMENT.test(keyword)) throw new ReadOnlyError(`a ${keyword.toUpperCase() || 'non-SELECT'} statement`);
      return service.start(sql);
    },
    status: (id) => service.status(id),
    results: (id, token, pageSize) => service.results(id, token, pageSize),
    cancel: (id) => service.cancel(id),
  };
}

const GUARDS: Guards = {
  zones: readOnlyZones,
  ingestion: readOnlyIngestion,
  executions: readOnlyExecutions,
  query: readOnlyQuery,
  steps: readOnlySteps,
  // The query API's routes, metrics and the stack's description only read.
  api: (service) => service,
  metrics: (service) => service,
  stack: (service) => service,
};

/** The same services, each write refused. */
export function readOnlyServices(services: BackendServices): BackendServices {
  const guarded: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(services)) {
    if (service === undefined) continue;
    const guard = GUARDS[name as keyof BackendServices] as ((s: unknown) => unknown) | undefined;
    if (!guard) throw new Error(`No read-only guard for the service '${name}': add one in src/backends/read-only.ts`);
    guarded[name] = guard(service);
  }
  return guarded as unknown as BackendServices;
}
