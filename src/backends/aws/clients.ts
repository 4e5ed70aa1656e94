// SDK v3 client settings shared by every aws service adapter: the standard credential chain
// (optionally a named profile), region, AWS_ENDPOINT_URL (moto, LocalStack) and a middleware
// that counts requests for the status bar.
import type { CallCounter } from '../call-counter.js';

export interface AwsSettings {
  profile?: string;
  region?: string;
  /** Custom endpoint (AWS_ENDPOINT_URL or --endpoint-url); S3 then uses path-style addressing. */
  endpoint?: string;
}

export interface ClientConfig {
  profile?: string;
  region?: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  maxAttempts: number;
}

export function clientConfig(settings: AwsSettings): ClientConfig {
  return {
    profile: settings.profile,
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.endpoint ? true : undefined,
    maxAttempts: 3,
  };
}

// Loose on purpose: every SDK client has this stack, typed per service.
interface HasMiddleware {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: { add(middleware: any, options: { step: 'finalizeRequest'; name: string }): void };
}

/** Counts every HTTP attempt (retries included): that is what AWS bills and throttles. */
export function countCalls<T extends HasMiddleware>(client: T, counter: CallCounter): T {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
      counter.add();
      return next(args);
    },
    { step: 'finalizeRequest', name: 'lakedeckCallCounter' },
  );
  return client;
}
