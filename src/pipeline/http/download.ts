// Opens a file-like source (http, https or file URL) as one byte stream. Over HTTP a transfer cut
// short resumes with a Range request when the server allows it (Accept-Ranges plus a validator,
// and no content encoding); otherwise the failure is a RestartError and the run starts over.
// Gzip (Content-Encoding or a .gz name) is decoded, so raw holds the CSV itself.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { isRetryable, pauseBefore, RestartError, withRetry, type RetryPolicy } from '../retry.js';
import { httpGet, type HttpResponse } from './http-get.js';

export interface OpenedDownload {
  body: Readable;
  /** Decoded size when the origin states it (not for compressed transfers). */
  totalBytes?: number;
}

export interface DownloadContext {
  retry: RetryPolicy;
  signal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  onRetry?: (error: unknown, pauseMs: number) => void;
}

export async function openDownload(url: string, context: DownloadContext): Promise<OpenedDownload> {
  const parsed = new URL(url);
  if (parsed.protocol === 'file:') return openFile(fileURLToPath(parsed));
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`unsupported URL scheme '${parsed.protocol}' (use http, https or file)`);
  }
  const get = (headers: Record<string, string | undefined>) =>
    withRetry(
      context.retry,
      context.signal,
      () =>
        httpGet(url, {
          headers: { ...context.headers, ...headers },
          signal: context.signal,
          idleTimeoutMs: context.retry.idleTimeoutMs,
        }),
      context.onRetry,
    );
  const first = await get({ 'accept-encoding': 'gzip' });
  const encoding = first.headers['content-encoding']?.toLowerCase();
  if (encoding && encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
    first.body.destroy();
    throw new Error(`unsupported Content-Encoding '${encoding}'`);
  }
  const compressed = encoding === 'gzip' || encoding === 'x-gzip' || parsed.pathname.endsWith('.gz');
  if (compressed) return { body: gunzip(first.body) };
  const length = Number(first.headers['content-length']);
  const body = Readable.from(resumingChunks(first, get, context), { objectMode: false, highWaterMark: 1 });
  return { body, totalBytes: Number.isFinite(length) ? length : undefined };
}

async function openFile(path: string): Promise<OpenedDownload> {
  const stats = await fs.stat(path);
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  if (path.endsWith('.gz')) return { body: gunzip(stream) };
  return { body: stream, totalBytes: stats.size };
}

/** A broken gzip stream cannot be resumed mid-way: the whole fetch has to start over. */
function gunzip(source: Readable): Readable {
  const decoder = createGunzip();
  const fail = (error: Error) =>
    decoder.destroy(isRetryable(error) ? new RestartError(`compressed transfer broke off: ${error.message}`, { cause: error }) : error);
  source.on('error', fail);
  decoder.on('error', () => source.destroy());
  // zlib's own "unexpected end of file" on a truncated archive is retryable too.
  source.pipe(decoder);
  return decoder;
}

function resumeValidator(headers: IncomingHttpHeaders): string | undefined {
  if (headers['accept-ranges'] !== 'bytes') return undefined;
  const etag = headers.etag;
  if (etag && !etag.startsWith('W/')) return etag;
  return headers['last-modified'];
}

async function* resumingChunks(
  first: HttpResponse,
  get: (headers: Record<string, string | undefined>) => Promise<HttpResponse>,
  context: DownloadContext,
): AsyncGenerator<Buffer> {
  const validator = resumeValidator(first.headers);
  let response = first;
  let received = 0;
  for (let resumes = 1; ; resumes += 1) {
    try {
      for await (const chunk of response.body) {
        received += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      return;
    } catch (error) {
      context.signal?.throwIfAborted();
      if (!isRetryable(error)) throw error;
      if (!validator || resumes >= context.retry.attempts) {
        throw new RestartError(`transfer broke off after ${received} bytes: ${(error as Error).message}`, { cause: error });
      }
      const pause = pauseBefore(context.retry, resumes, error);
      context.onRetry?.(error, pause);
      await context.retry.sleep(pause, context.signal);
      response = await get({ range: `bytes=${received}-`, 'if-range': validator, 'accept-encoding': 'identity' });
      const start = /^bytes (\d+)-/.exec(response.headers['content-range'] ?? '')?.[1];
      if (response.status !== 206 || Number(start) !== received) {
        response.body.destroy();
        throw new RestartError(`the server did not resume at byte ${received} (it changed or ignores Range)`);
      }
    }
  }
}
