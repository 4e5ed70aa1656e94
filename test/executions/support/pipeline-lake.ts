// A fresh local lake wired the way the local backend wires it, with every source offline: the
// covid CSV from the bundled sample file (file://), the covid API from a SODA-like server on
// 127.0.0.1 serving the same real cases, DIVIPOLA and departments from the embedded Postgres.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalExecutionsService } from '../../../src/backends/local/executions/local-executions.js';
import { LazyLocalQueryService } from '../../../src/backends/local/query/lazy-query-service.js';
import { LocalStepsService } from '../../../src/backends/local/steps/local-steps.js';
import { LocalZoneStore } from '../../../src/backends/local/zone-store.js';
import type { IngestionService } from '../../../src/core/ingestion.js';
import { assembleIngestion } from '../../../src/pipeline/index.js';
import { pgliteDatabase as pglite } from '../../../src/pipeline/reference/pglite-database.js';
import { apiRows } from '../../ingestion/support/api-rows.js';
import { sodaHandler, type SodaState } from '../../ingestion/support/soda-server.js';
import { QUICK_SPARK } from '../../steps/support/tiny-lake.js';

export interface PipelineLake {
  lake: string;
  ingestion: IngestionService;
  steps: LocalStepsService;
  executions: (options?: { skipSources?: string[] }) => LocalExecutionsService;
  csvUrl: string;
  close(): Promise<void>;
}

export async function pipelineLake(): Promise<PipelineLake> {
  const lake = mkdtempSync(path.join(os.tmpdir(), 'lakedeck-run-'));
  const state: SodaState = { rows: apiRows(), cap: 500, queries: [], tokens: [], failures: [] };
  const server: Server = createServer(sodaHandler(state));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/resource/gt2j-8ykr.json`;
  const csvUrl = pathToFileURL(path.resolve('sample-data/covid_casos_sample_700.csv')).href;
  const zones = new LocalZoneStore(lake);
  const ingestion = assembleIngestion({
    zones,
    settings: { covidCsvUrl: csvUrl, covidApiUrl: apiUrl, apiPageSize: 500 },
    database: pglite(path.join(lake, '.pglite')),
  });
  const steps = new LocalStepsService({ lake, readOnly: false, ...QUICK_SPARK });
  // RefreshCatalog is answered by the same DuckDB query service the local backend builds.
  const query = new LazyLocalQueryService(lake);
  return {
    lake,
    ingestion,
    steps,
    csvUrl,
    executions: (options = {}) =>
      new LocalExecutionsService({ lake, readOnly: false, ingestion, steps, query, skipSources: options.skipSources }),
    close: async () => {
      await ingestion.close?.();
      await query.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
