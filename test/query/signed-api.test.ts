// `lakedeck api` on aws: the request reaching the API is a GET on ApiUrl + route with the
// parameters in the query string, signed with SigV4 for execute-api in the API's region.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SignedQueryApi } from '../../src/backends/aws/query-api.js';

let seen: IncomingMessage | undefined;
const server = createServer((request, response) => {
  seen = request;
  const status = request.url?.startsWith('/prod/nowhere') ? 404 : 200;
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status === 200 }));
});
let apiUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session-token' });

it('signs a GET of the route with its parameters for execute-api', async () => {
  const api = new SignedQueryApi({ apiUrl, region: 'eu-west-1' }, credentials);
  const response = await api.get('/departments/05/daily', { from: '2020-03-01', to: '2020-03-31' });
  expect(response).toEqual({ status: 200, body: { ok: true } });
  expect(seen?.method).toBe('GET');
  expect(seen?.url).toBe('/prod/departments/05/daily?from=2020-03-01&to=2020-03-31');
  expect(seen?.headers.authorization).toMatch(
    /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
  );
  expect(seen?.headers['x-amz-security-token']).toBe('session-token');
  expect(seen?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
});

it('returns the status and body of an error answer', async () => {
  const api = new SignedQueryApi({ apiUrl, region: 'eu-west-1' }, credentials);
  expect(await api.get('nowhere', {})).toEqual({ status: 404, body: { ok: false } });
});

it('says plainly when the API does not answer', async () => {
  const api = new SignedQueryApi({ apiUrl: 'http://127.0.0.1:9/prod', region: 'eu-west-1' }, credentials);
  await expect(api.get('/fatality', {})).rejects.toThrow(/did not answer/);
});
