// What a backend hands the console and the CLI: one object per service port. A service that a
// backend does not offer yet is absent, and the console shows no pane for it.
import type { QueryApi } from './api.js';
import type { ExecutionsService } from './executions.js';
import type { IngestionService } from './ingestion.js';
import type { MetricsService } from './metrics.js';
import type { QueryService } from './query.js';
import type { StepsService } from './steps.js';
import type { ZoneStore } from './zones.js';

export type BackendKind = 'local' | 'aws';

export interface ApiCallCounter {
  /** Calls made to the backend's services since start (S3 requests, file-system listings…). */
  readonly count: number;
}

export interface Backend {
  readonly kind: BackendKind;
  /** One line for the header: profile/region/bucket on aws, the lake folder on local. */
  readonly label: string;
  readonly readOnly: boolean;
  readonly calls: ApiCallCounter;
  readonly zones: ZoneStore;
  readonly ingestion?: IngestionService;
  readonly steps?: StepsService;
  readonly executions?: ExecutionsService;
  readonly query?: QueryService;
  /** The query API's routes: the deployed ApiUrl on aws, the local query service on local. */
  readonly api?: QueryApi;
  readonly metrics?: MetricsService;
  close(): Promise<void>;
}
