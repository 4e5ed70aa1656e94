// One HTTP(S) GET with node:http (the fastest client Node ships): follows redirects, drops a
// connection that stays silent for idleTimeoutMs, and turns any status but 200/206 into an
// HttpStatusError carrying Retry-After and the start of the server's explanation.
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { VERSION } from '../../version.js';
import { HttpStatusError, parseRetryAfter } from '../retry.js';
import { redactUrl } from './redact.js';
import { describeConnectError } from './unreachable.js';

export interface HttpGetOptions {
  headers?: Record<string, string | undefined>;
  signal?: AbortSignal;
  idleTimeoutMs: number;
  maxRedirects?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
  /** The URL that answered, after redirects. */
  url: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpResponse> {
  let current = url;
  for (let hop = 0; ; hop += 1) {
    const response = await requestOnce(current, options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location) {
      response.resume();
      if (hop >= (options.maxRedirects ?? 5)) throw new HttpStatusError(status, redactUrl(url), undefined, 'too many redirects');
      current = new URL(location, current).href;
      continue;
    }
    if (status !== 200 && status !== 206) {
      const detail = await readSnippet(response);
      throw new HttpStatusError(status, redactUrl(current), parseRetryAfter(header(response.headers['retry-after'])), detail);
    }
    return { status, headers: response.headers, body: response, url: current };
  }
}

function requestOnce(url: string, options: HttpGetOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { 'user-agent': `lakedeck/${VERSION}` };
    for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = value;
    const request = client.get(target, { headers, signal: options.signal }, resolve);
    request.on('error', (error) => reject(describeConnectError(error, target)));
    // Applies to the whole exchange, body included: a stalled transfer is cut and retried.
    request.setTimeout(options.idleTimeoutMs, () => {
      const error = Object.assign(new Error(`no data from ${redactUrl(url)} for ${options.idleTimeoutMs} ms`), { code: 'IDLE_TIMEOUT' });
      request.destroy(error);
    });
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readSnippet(response: IncomingMessage): Promise<string> {
  let text = '';
  try {
    for await (const chunk of response) {
      text += (chunk as Buffer).toString('utf8');
      if (text.length > 300) break;
    }
  } catch {
    // the explanation is optional
  }
  response.destroy();
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
