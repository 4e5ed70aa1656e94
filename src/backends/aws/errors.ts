// Turns SDK errors into messages a user can act on (LakeError codes drive the console's wording
// and the poller's back-off).
import { LakeError } from '../../core/errors.js';

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'Forbidden',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
]);
const THROTTLED = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'TimeoutError']);

export function toLakeError(error: unknown, context: { what: string; endpoint?: string; bucket?: string }): LakeError {
  if (error instanceof LakeError) return error;
  const e = (error ?? {}) as SdkErrorLike;
  const name = e.name ?? '';
  const code = e.code ?? '';
  const status = e.$metadata?.httpStatusCode;
  const where = context.endpoint ? ` at ${context.endpoint}` : '';
  if (name === 'NoSuchBucket') {
    return new LakeError(
      'no-bucket',
      `Bucket '${context.bucket}' does not exist${where}: check --bucket or the stack's LakeBucketName output`,
      { cause: error },
    );
  }
  if (EXPIRED.has(name)) {
    return new LakeError(
      'expired-credentials',
      'AWS credentials have expired: refresh them (AWS Academy: copy the new credentials from the lab page; SSO: aws sso login) and press r',
      { cause: error },
    );
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(e.message ?? '')) {
    return new LakeError(
      'no-credentials',
      'No AWS credentials found: set AWS_PROFILE or --profile, or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY',
      { cause: error },
    );
  }
  if (DENIED.has(name) || status === 403) {
    return new LakeError('access-denied', `Access denied ${context.what}: the credentials in use may not do this (${name || status})`, {
      cause: error,
    });
  }
  if (THROTTLED.has(name) || status === 429 || status === 503) {
    return new LakeError('throttled', `AWS is throttling requests ${context.what}; backing off`, { cause: error });
  }
  if (UNREACHABLE.has(code) || UNREACHABLE.has(name) || /ECONNREFUSED|ENOTFOUND|getaddrinfo/.test(e.message ?? '')) {
    return new LakeError('unreachable', `Cannot reach AWS${where || ' (no network?)'} ${context.what}: ${code || name || e.message}`, {
      cause: error,
    });
  }
  if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) {
    return new LakeError('not-found', `${context.what}: not found`, { cause: error });
  }
  return new LakeError('bad-input', `${context.what} failed: ${name ? `${name}: ` : ''}${e.message ?? String(error)}`, { cause: error });
}
