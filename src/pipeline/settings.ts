// Where the sources read from, from the environment (the Lambda's variables, or a user's shell).
// Defaults are the public datos.gov.co endpoints.
import { LakeError } from '../core/errors.js';
import { DATOS_API_URL } from './sources/covid-api.js';
import { DATOS_CSV_URL } from './sources/covid-csv.js';

export interface SourceSettings {
  covidCsvUrl: string;
  covidApiUrl: string;
  /** SODA caps a page at 50 000 rows on the 2.0 endpoints. */
  apiPageSize: number;
  sodaAppToken?: string;
}

export const MAX_API_PAGE_SIZE = 50_000;

/** A page size the user set must be a whole number in 1…50 000: anything else is refused, not ignored. */
function apiPageSize(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return MAX_API_PAGE_SIZE;
  const size = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(size) || size < 1 || size > MAX_API_PAGE_SIZE) {
    throw new LakeError('config', `LAKEDECK_API_PAGE_SIZE must be a whole number from 1 to ${MAX_API_PAGE_SIZE}, got '${value}'`);
  }
  return size;
}

export function sourceSettingsFromEnv(env: Record<string, string | undefined>): SourceSettings {
  return {
    covidCsvUrl: env.LAKEDECK_COVID_CSV_URL || DATOS_CSV_URL,
    covidApiUrl: env.LAKEDECK_COVID_API_URL || DATOS_API_URL,
    apiPageSize: apiPageSize(env.LAKEDECK_API_PAGE_SIZE),
    sodaAppToken: env.LAKEDECK_SODA_APP_TOKEN || undefined,
  };
}
