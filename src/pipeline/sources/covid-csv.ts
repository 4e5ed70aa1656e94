// covid_csv: the portal's full CSV export (or any http/https/file URL with the same shape),
// streamed as is.
import type { SourceAdapter } from './source.js';
import { openDownload } from '../http/download.js';
import { redactUrl } from '../http/redact.js';

export const DATOS_CSV_URL = 'https://www.datos.gov.co/api/views/gt2j-8ykr/rows.csv?accessType=DOWNLOAD';

export function covidCsvSource(url: string): SourceAdapter {
  return {
    info: { name: 'covid_csv', origin: redactUrl(url), description: 'COVID-19 cases, CSV export (datos.gov.co gt2j-8ykr)' },
    rows: 'csv',
    contentType: 'text/csv; charset=utf-8',
    incremental: false,
    async open(context) {
      const target = context.url ?? url;
      const download = await openDownload(target, { retry: context.retry, signal: context.signal, onRetry: context.onRetry });
      return { kind: 'content', origin: redactUrl(target), body: download.body, totalBytes: download.totalBytes };
    },
  };
}
