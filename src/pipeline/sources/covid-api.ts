// covid_api: the SODA JSON API, paged with `$order=:id&$limit&$offset` from the last watermark,
// landed as JSON lines (one case per line). Paging stops only on an empty page, so a server that
// caps `$limit` below what was asked (SODA's silent 1000) still yields every row.
import { Readable } from 'node:stream';
import type { SourceAdapter } from './source.js';
import { httpGet } from '../http/http-get.js';
import { readText } from '../http/read-body.js';
import { redactUrl } from '../http/redact.js';
import { withRetry, type RetryPolicy } from '../retry.js';
import { laterOf, sodaPageUrl, sodaWhere } from './soda-query.js';

export const DATOS_API_URL = 'https://www.datos.gov.co/resource/gt2j-8ykr.json';
const WATERMARK_FIELD = 'fecha_reporte_web';

export interface CovidApiOptions {
  endpoint: string;
  pageSize: number;
  /** Socrata app token: higher rate limits. Sent as a header, never put in a URL. */
  appToken?: string;
}

type Row = Record<string, unknown>;

export function covidApiSource(options: CovidApiOptions): SourceAdapter {
  return {
    info: { name: 'covid_api', origin: options.endpoint, description: 'COVID-19 cases, SODA JSON API, incremental by report date' },
    rows: 'jsonl',
    contentType: 'application/x-ndjson; charset=utf-8',
    incremental: true,
    async open(context) {
      const endpoint = context.url ?? options.endpoint;
      const after = context.lastWatermark;
      const fetchPage = (offset: number) =>
        fetchRows(
          sodaPageUrl({ endpoint, limit: options.pageSize, offset, watermarkField: WATERMARK_FIELD, after }),
          options.appToken,
          context.retry,
          context.signal,
          context.onRetry,
        );
      const origin = `${redactUrl(endpoint)}?$order=:id&$limit=${options.pageSize}${after ? `&$where=${sodaWhere(WATERMARK_FIELD, after)}` : ''}`;
      const first = await fetchPage(0);
      if (first.length === 0) {
        const note = after ? `no rows with ${sodaWhere(WATERMARK_FIELD, after)}` : 'the API returned no rows';
        return { kind: 'nothing-new', origin, note };
      }
      let watermark = after;
      async function* lines(): AsyncGenerator<Buffer> {
        let page = first;
        let offset = 0;
        while (page.length > 0) {
          for (const row of page)
            watermark = laterOf(watermark, typeof row[WATERMARK_FIELD] === 'string' ? (row[WATERMARK_FIELD] as string) : undefined);
          yield Buffer.from(`${page.map((row) => JSON.stringify(row)).join('\n')}\n`);
          offset += page.length;
          page = await fetchPage(offset);
        }
      }
      return { kind: 'content', origin, body: Readable.from(lines(), { objectMode: false, highWaterMark: 1 }), watermark: () => watermark };
    },
  };
}

async function fetchRows(
  url: string,
  appToken: string | undefined,
  retry: RetryPolicy,
  signal?: AbortSignal,
  onRetry?: (error: unknown, pauseMs: number) => void,
): Promise<Row[]> {
  return withRetry(
    retry,
    signal,
    async () => {
      const response = await httpGet(url, {
        headers: { accept: 'application/json', 'accept-encoding': 'gzip', 'x-app-token': appToken },
        signal,
        idleTimeoutMs: retry.idleTimeoutMs,
      });
      const body = await readText(response);
      let rows: unknown;
      try {
        rows = JSON.parse(body);
      } catch {
        throw new Error(`the API answered ${redactUrl(url)} with something that is not JSON: ${body.slice(0, 120)}`);
      }
      if (!Array.isArray(rows))
        throw new Error(`the API answered ${redactUrl(url)} with ${JSON.stringify(rows).slice(0, 160)} instead of a row array`);
      return rows as Row[];
    },
    onRetry,
  );
}
