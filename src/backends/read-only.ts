// The one rule for writes: a backend opened read-only hands out services whose every write
// throws ReadOnlyError before touching anything. Each service port has exactly one guard here,
// and the map is typed so a new service cannot be added without deciding what it refuses.
import type { BackendServices } from '../core/backend.js';
import { ReadOnlyError } from '../core/errors.js';
import type { ExecutionsService } from '../core/executions.js';
import type { IngestionService } from '../core/ingestion.js';
import type { QueryService } from '../core/query.js';
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
    list: (limit) => service.list(limit),
    history: (arn) => service.history(arn),
    start: async () => {
      throw new ReadOnlyError('starting an execution');
    },
    stop: async (arn) => {
      throw new ReadOnlyError(`stopping execution ${arn}`);
    },
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
    tables: () => service.tables(),
    start: async (sql) => {
      const keyword = leadingKeyword(sql);
      if (!READING_STATEMENT.test(keyword)) throw new ReadOnlyError(`a ${keyword.toUpperCase() || 'non-SELECT'} statement`);
      return service.start(sql);
    },
    status: (id) => service.status(id),
    results: (id, token) => service.results(id, token),
    cancel: (id) => service.cancel(id),
  };
}

const GUARDS: Guards = {
  zones: readOnlyZones,
  ingestion: readOnlyIngestion,
  executions: readOnlyExecutions,
  query: readOnlyQuery,
  // Steps and metrics only read.
  steps: (service) => service,
  metrics: (service) => service,
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
