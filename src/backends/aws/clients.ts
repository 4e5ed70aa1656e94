// The one factory every aws SDK client comes from: the standard credential chain (optionally a
// named profile), region, AWS_ENDPOINT_URL (moto, LocalStack), and a middleware that counts every
// request for the status bar. Each client class is built once, on first use, and destroyed with
// the backend.
import { CallCounter } from '../call-counter.js';

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
interface SdkClient {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: { add(middleware: any, options: { step: 'finalizeRequest'; name: string }): void };
  destroy(): void;
}

export type ClientClass<C extends SdkClient> = new (config: ClientConfig) => C;

export class AwsClients {
  readonly calls = new CallCounter();
  private readonly built = new Map<ClientClass<SdkClient>, SdkClient>();

  constructor(readonly config: ClientConfig) {}

  /** The one client of this class, counted. */
  get<C extends SdkClient>(Client: ClientClass<C>): C {
    let client = this.built.get(Client) as C | undefined;
    if (!client) {
      client = countCalls(new Client(this.config), this.calls);
      this.built.set(Client, client);
    }
    return client;
  }

  /** For clients whose SDK package loads only when a feature needs it (CloudFormation, Secrets Manager). */
  async load<C extends SdkClient>(importClass: () => Promise<ClientClass<C>>): Promise<C> {
    return this.get(await importClass());
  }

  /** How many client classes were built (for tests and the bench). */
  get size(): number {
    return this.built.size;
  }

  destroy(): void {
    for (const client of this.built.values()) client.destroy();
    this.built.clear();
  }
}

/** Counts every HTTP attempt (retries included): that is what AWS bills and throttles. */
export function countCalls<T extends SdkClient>(client: T, counter: CallCounter): T {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
      counter.add();
      return next(args);
    },
    { step: 'finalizeRequest', name: 'lakedeckCallCounter' },
  );
  return client;
}
