// The pure pieces of ingestion: raw layout, row counting, retry policy, SoQL, URL redaction.
import { describe, expect, it } from 'vitest';
import { HttpStatusError, isRestartable, isRetryable, parseRetryAfter, pauseBefore, RestartError } from '../../src/pipeline/retry.js';
import { manifestKey, newManifestId, parseManifestName, rawKey } from '../../src/pipeline/layout.js';
import { RowCounter } from '../../src/pipeline/row-counter.js';
import { laterOf, sodaPageUrl, sodaWhere, sortableDate } from '../../src/pipeline/sources/soda-query.js';
import { redactUrl } from '../../src/pipeline/http/redact.js';
import { recordingRetry } from './support/lake.js';

describe('raw layout', () => {
  const at = new Date('2024-02-29T23:59:58.500Z');
  it.each([
    ['covid_csv', 'covid_csv/ingest_date=2024-02-29/covid_csv_20240229_235958.csv'],
    ['covid_api', 'covid_api/ingest_date=2024-02-29/covid_api_20240229_235958.jsonl'],
    ['divipola', 'divipola/ingest_date=2024-02-29/divipola_20240229_235958.csv'],
    ['departments', 'departments/ingest_date=2024-02-29/departments_20240229_235958.csv'],
  ] as const)('names %s objects by UTC date and second', (source, key) => {
    expect(rawKey(source, at)).toBe(key);
  });

  it('round-trips manifest names with outcome and hash', () => {
    const id = newManifestId(at, () => 0.5);
    expect(id).toMatch(/^20240229_235958_500-[0-9a-z]{4}$/);
    const sha = 'ab'.repeat(32);
    const key = manifestKey('divipola', { id, outcome: 'ingested', sha256: sha });
    expect(key).toBe(`_manifests/divipola/${id}.ingested.${sha}.json`);
    expect(parseManifestName(key.split('/').pop() as string)).toEqual({ id, outcome: 'ingested', sha256: sha });
    expect(parseManifestName(`${id}.failed.json`)).toEqual({ id, outcome: 'failed', sha256: undefined });
    expect(parseManifestName('.tmp-file.json')).toBeUndefined();
  });
});

describe('row counting', () => {
  const count = (format: 'csv' | 'jsonl', ...chunks: string[]) => {
    const counter = new RowCounter(format);
    for (const chunk of chunks) counter.add(Buffer.from(chunk));
    return counter.rows;
  };
  it('counts CSV records, not lines, across chunk boundaries', () => {
    expect(count('csv', 'a,b\n1,"x\ny"\n2,"say ""hi""\n', '"\n3,z')).toBe(3);
    expect(count('csv', 'a,b\n1,"x', '\n', 'y"\n')).toBe(1);
    expect(count('csv', 'a,b\r\n1,2\r\n')).toBe(1);
    expect(count('csv', 'header only\n')).toBe(0);
    expect(count('csv')).toBe(0);
  });
  it('counts JSON lines, with or without a final newline', () => {
    expect(count('jsonl', '{"a":1}\n{"a":', '2}\n')).toBe(2);
    expect(count('jsonl', '{"a":1}\n{"a":2}')).toBe(2);
  });
});

describe('retry policy', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
  it('honours Retry-After up to a cap, otherwise backs off exponentially with jitter', () => {
    const policy = recordingRetry({ baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 60_000 });
    expect(pauseBefore(policy, 1, new HttpStatusError(429, 'u', 3000))).toBe(3000);
    expect(pauseBefore(policy, 1, new HttpStatusError(429, 'u', 3_600_000))).toBe(60_000);
    expect([1, 2, 3, 4, 5].map((n) => pauseBefore(policy, n, new Error('x'), () => 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(pauseBefore(policy, 3, new Error('x'), () => 0)).toBe(2000);
  });
  it('retries what can heal and nothing else', () => {
    expect([429, 500, 503, 408].map((s) => isRetryable(new HttpStatusError(s, 'u')))).toEqual([true, true, true, true]);
    expect([400, 401, 403, 404].map((s) => isRetryable(new HttpStatusError(s, 'u')))).toEqual([false, false, false, false]);
    expect(isRetryable(Object.assign(new Error('read'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(new Error('aborted'))).toBe(true);
    expect(isRetryable(Object.assign(new Error('stop'), { name: 'AbortError' }))).toBe(false);
    expect(isRestartable(new RestartError('x'))).toBe(true);
    expect(isRestartable(Object.assign(new Error('unexpected end of file'), { code: 'Z_BUF_ERROR' }))).toBe(true);
    expect(isRestartable(new HttpStatusError(500, 'u'))).toBe(false);
  });
});

describe('SoQL and URLs', () => {
  it('builds paged queries in a stable order with an escaped watermark', () => {
    const url = new URL(
      sodaPageUrl({
        endpoint: 'https://x.test/resource/a.json',
        limit: 50_000,
        offset: 100_000,
        watermarkField: 'fecha_reporte_web',
        after: '2020-03-06T00:00:00.000',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      $order: ':id',
      $limit: '50000',
      $offset: '100000',
      $where: "fecha_reporte_web > '2020-03-06T00:00:00.000'",
    });
    expect(sodaWhere('f', "O'Brien")).toBe("f > 'O''Brien'");
  });
  it('compares ISO and day-first report dates by time, not by text', () => {
    expect(sortableDate('6/3/2020 0:00:00')).toBe('2020-03-06T00:00:00');
    expect(laterOf('29/2/2020 0:00:00', '6/3/2020 0:00:00')).toBe('6/3/2020 0:00:00');
    expect(laterOf('2020-03-06T00:00:00.000', '2020-03-05T00:00:00.000')).toBe('2020-03-06T00:00:00.000');
    expect(laterOf(undefined, 'a')).toBe('a');
  });
  it('keeps tokens and passwords out of recorded URLs', () => {
    expect(redactUrl('https://u:pw@x.test/r.json?$$app_token=abc&$limit=5')).toBe('https://u:***@x.test/r.json?$$app_token=***&$limit=5');
    expect(redactUrl('file:///data/x.csv')).toBe('file:///data/x.csv');
  });
});
