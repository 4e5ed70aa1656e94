// The resolved settings every command runs with. Built by resolveConfig() from
// flags > environment > config file > defaults.
import type { BackendKind } from '../core/backend.js';

export interface Config {
  backend: BackendKind;
  /** Local backend: the lake folder (zones are its sub-folders). */
  lake: string;
  /**
   * Create the lake folder when it is missing: true for the default lake and for `lakedeck init`;
   * a --lake/LAKEDECK_LAKE path that does not exist is an error (a typo must not seed a new lake).
   */
  createLake?: boolean;
  /** aws backend: named profile for the SDK credential chain. */
  profile?: string;
  region?: string;
  /** aws backend: the lakedeck stack whose outputs name bucket, state machine and the rest. */
  stack?: string;
  /** aws backend: explicit lake bucket (instead of, or overriding, the stack's). */
  bucket?: string;
  /** Custom AWS endpoint (AWS_ENDPOINT_URL), e.g. moto or LocalStack. */
  endpoint?: string;
  /** Refuse every write (ingestion runs, executions, deletes). */
  readOnly: boolean;
  /** Where the console logs (never the screen). */
  logFile: string;
  /** The config file that was read, if any. */
  configFile?: string;
}

/** What a caller may pass in (commander flags); every field optional. */
export interface ConfigFlags {
  backend?: string;
  lake?: string;
  profile?: string;
  region?: string;
  stack?: string;
  bucket?: string;
  endpointUrl?: string;
  readOnly?: boolean;
  logFile?: string;
  config?: string;
}
