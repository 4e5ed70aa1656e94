// Reads a whole (small) HTTP body, decoding gzip: used for API pages, never for file downloads.
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { createGunzip } from 'node:zlib';
import type { HttpResponse } from './http-get.js';

export async function readText(response: HttpResponse): Promise<string> {
  const encoding = response.headers['content-encoding']?.toLowerCase();
  const source: Readable = encoding === 'gzip' || encoding === 'x-gzip' ? response.body.pipe(createGunzip()) : response.body;
  if (source !== response.body) response.body.on('error', (error) => source.destroy(error));
  return await text(source);
}
