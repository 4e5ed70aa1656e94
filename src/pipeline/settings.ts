// Where the sources read from, from the environment (the Lambda's variables, or a user's shell).
// Defaults are the public datos.gov.co endpoints.
import { DATOS_API_URL } from './sources/covid-api.js';
import { DATOS_CSV_URL } from './sources/covid-csv.js';

export interface SourceSettings {
  covidCsvUrl: string;
  covidApiUrl: string;
  /** SODA caps a page at 50 000 rows on the 2.0 endpoints. */
  apiPageSize: number;
  sodaAppToken?: string;
}

export function sourceSettingsFromEnv(env: Record<string, string | undefined>): SourceSettings {
  const pageSize = Number(env.LAKEDECK_API_PAGE_SIZE ?? 50_000);
  return {
    covidCsvUrl: env.LAKEDECK_COVID_CSV_URL || DATOS_CSV_URL,
    covidApiUrl: env.LAKEDECK_COVID_API_URL || DATOS_API_URL,
    apiPageSize: Number.isInteger(pageSize) && pageSize > 0 ? pageSize : 50_000,
    sodaAppToken: env.LAKEDECK_SODA_APP_TOKEN || undefined,
  };
}
