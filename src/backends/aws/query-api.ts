// The deployed query API called as its users call it: GET on the stack's ApiUrl, signed with
// SigV4 (service execute-api) by the SDK's signer and the standard credential chain.
import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ApiResponse, QueryApi } from '../../core/api.js';
import { LakeError } from '../../core/errors.js';

export interface SignedApiSettings {
  apiUrl: string;
  region: string;
  profile?: string;
}

export class SignedQueryApi implements QueryApi {
  readonly location: string;
  private readonly signer: SignatureV4;

  constructor(
    private readonly settings: SignedApiSettings,
    credentials = defaultProvider({ profile: settings.profile }),
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.location = settings.apiUrl;
    this.signer = new SignatureV4({ credentials, region: settings.region, service: 'execute-api', sha256: Sha256 });
  }

  async get(route: string, params: Record<string, string>): Promise<ApiResponse> {
    const url = new URL(this.settings.apiUrl.replace(/\/$/, '') + (route.startsWith('/') ? route : `/${route}`));
    for (const [key, value] of Object.entries(params)) url.searchParams.append(key, value);
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, key) => (query[key] = value));
    const signed = await this.signer.sign({
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers: { host: url.host, accept: 'application/json' },
    });
    let response: Response;
    try {
      response = await this.fetchImpl(url, { method: 'GET', headers: signed.headers as Record<string, string> });
    } catch (error) {
      throw new LakeError('unreachable', `the query API at ${url.origin} did not answer: ${(error as Error).message}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { error: 'not_json', message: text.slice(0, 500) };
    }
    return { status: response.status, body };
  }
}
