// The default covid sources offline: the error names the host, says why in words and points at
// --url file://…, instead of a bare `getaddrinfo ENOTFOUND`.
import { describe, expect, it } from 'vitest';
import { httpGet } from '../../src/pipeline/http/http-get.js';
import { isRetryable } from '../../src/pipeline/retry.js';

describe('a source host that cannot be reached', () => {
  it('is named, with the offline way out (.invalid never resolves)', async () => {
    const error = await httpGet('http://lakedeck-offline.invalid/cases.csv', { idleTimeoutMs: 5_000 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^host lakedeck-offline\.invalid is unreachable: its name (does not|could not) (resolve|be resolved)/,
    );
    expect((error as Error).message).toContain('--url file:///path/to/file');
    expect((error as { code?: string }).code).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });

  it('refused connections say so and stay retryable', async () => {
    const error = await httpGet('http://127.0.0.1:9/cases.csv', { idleTimeoutMs: 5_000 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^host 127\.0\.0\.1:9 is unreachable: it refused the connection \(ECONNREFUSED\)/);
    expect(isRetryable(error)).toBe(true);
  });
});
