// An HTTP server on 127.0.0.1 that serves fixtures the way real servers misbehave: throttling
// (429 + Retry-After), 5xx, connections cut mid-body, slow or stalled transfers, gzip bodies that
// end early. Each misbehaviour is a queue consumed one request at a time.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface FileRoute {
  body: Buffer;
  /** Advertise and honour byte ranges (with a strong ETag). */
  ranges?: boolean;
  gzip?: boolean;
  /** Per request: answer with this status instead. */
  failures?: { status: number; retryAfter?: string }[];
  /** Per request: destroy the connection after this many body bytes. */
  cuts?: number[];
  /** Per request: send this many bytes, then nothing (connection left open). */
  stalls?: number[];
  /** Per request (gzip only): send only this many bytes of the compressed body, honestly sized. */
  truncations?: number[];
  /** Slow mode: bytes per write and pause between writes. */
  drip?: { bytes: number; everyMs: number };
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface FixtureServer {
  url(path: string): string;
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  /** Body bytes written per path, across requests. */
  sent: Map<string, number>;
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Record<string, FileRoute | Handler>): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = [];
  const sent = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: request.headers });
    const route = routes[path];
    if (!route) return void response.writeHead(404).end('no such fixture');
    if (typeof route === 'function') return route(request, response);
    serveFile(route, request, response, (n) => sent.set(path, (sent.get(path) ?? 0) + n));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    sent,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveFile(route: FileRoute, request: IncomingMessage, response: ServerResponse, count: (n: number) => void): void {
  const failure = route.failures?.shift();
  if (failure) {
    response.writeHead(failure.status, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
    return void response.end('unavailable');
  }
  let body = route.gzip ? gzipSync(route.body) : route.body;
  const headers: Record<string, string> = { 'content-type': 'text/csv; charset=utf-8' };
  if (route.gzip) headers['content-encoding'] = 'gzip';
  const truncation = route.gzip ? route.truncations?.shift() : undefined;
  if (truncation !== undefined) body = body.subarray(0, truncation);
  let status = 200;
  if (route.ranges) {
    headers['accept-ranges'] = 'bytes';
    headers.etag = '"fixture-v1"';
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    if (range && request.headers['if-range'] === headers.etag) {
      const start = Number(range[1]);
      headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
      body = body.subarray(start);
      status = 206;
    }
  }
  headers['content-length'] = String(body.length);
  response.writeHead(status, headers);
  const cut = route.cuts?.shift();
  const stall = route.stalls?.shift();
  const limit = Math.min(cut ?? Infinity, stall ?? Infinity, body.length);
  const step = route.drip?.bytes ?? 64 * 1024;
  let offset = 0;
  const pump = () => {
    while (offset < limit) {
      const piece = body.subarray(offset, Math.min(offset + step, limit));
      offset += piece.length;
      count(piece.length);
      const more = response.write(piece);
      if (route.drip) return void setTimeout(pump, route.drip.everyMs);
      if (!more) return void response.once('drain', pump);
    }
    // Cut once what was written has reached the socket: destroyed at once, Node 22+ drops the
    // bytes still queued (headers included), which would be a refused request, not a cut body.
    if (cut !== undefined && cut < body.length) return void response.socket?.write('', () => response.socket?.destroy());
    if (stall !== undefined && stall < body.length) return; // say nothing more, keep the socket
    response.end();
  };
  pump();
}
