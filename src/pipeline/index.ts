// What backends and the Lambda assemble an ingestion service from.
import type { IngestionService } from '../core/ingestion.js';
import type { ZoneStore } from '../core/zones.js';
import type { ReferenceDatabase } from './reference/database.js';
import type { RetryPolicy } from './retry.js';
import { createIngestionService } from './service.js';
import type { SourceSettings } from './settings.js';
import { covidApiSource } from './sources/covid-api.js';
import { covidCsvSource } from './sources/covid-csv.js';
import { referenceSource } from './sources/reference-source.js';

export interface IngestionAssembly {
  zones: ZoneStore;
  settings: SourceSettings;
  database: ReferenceDatabase;
  retry?: RetryPolicy;
  now?: () => Date;
}

export function assembleIngestion(parts: IngestionAssembly): IngestionService {
  return createIngestionService({
    zones: parts.zones,
    retry: parts.retry,
    now: parts.now,
    adapters: {
      covid_csv: covidCsvSource(parts.settings.covidCsvUrl),
      covid_api: covidApiSource({
        endpoint: parts.settings.covidApiUrl,
        pageSize: parts.settings.apiPageSize,
        appToken: parts.settings.sodaAppToken,
      }),
      divipola: referenceSource('divipola', parts.database),
      departments: referenceSource('departments', parts.database),
    },
    close: () => parts.database.close(),
  });
}
