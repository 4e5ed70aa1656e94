// What a backend hands the console and the CLI: one object per service port, plus the target it
// resolved once at start (where the lake, state machine, workgroup… are). A service that a backend
// does not offer yet is absent, and the console shows no pane for it.
import type { ActivityBoard } from './activity.js';
import type { QueryApi } from './api.js';
import type { ExecutionsService } from './executions.js';
import type { IngestionService } from './ingestion.js';
import type { MetricsService } from './metrics.js';
import type { QueryService } from './query.js';
import type { StackService } from './stack.js';
import type { StepsService } from './steps.js';
import type { ZoneStore } from './zones.js';

export type BackendKind = 'local' | 'aws';

export interface ApiCallCounter {
  /** Calls made to the backend's services since start (S3 requests, file-system listings…). */
  readonly count: number;
}

/** The CloudWatch namespace of the pipeline's own metrics when the stack names none. */
export const DEFAULT_METRICS_NAMESPACE = 'Lakedeck';

/** The local backend's target: everything lives under one folder on this machine. */
export interface LocalTarget {
  readonly kind: 'local';
  /** The lake folder; zones are its sub-folders. */
  readonly lakeRoot: string;
  /** The embedded Postgres (PGlite) data folder of the relational source. */
  readonly pgliteDir: string;
  /** Where local Spark runs keep their logs (the EMR log URI's local twin). */
  readonly logDir: string;
  readonly metricsNamespace: string;
}

/**
 * The aws backend's target, read once from the stack outputs (design.md's contract); only the
 * bucket is required, the rest is absent when the stack does not name it (or with --bucket).
 */
export interface AwsTarget {
  readonly kind: 'aws';
  readonly stackName?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly bucket: string;
  readonly artifactsPrefix?: string;
  readonly database?: string;
  readonly workGroup?: string;
  readonly stateMachineArn?: string;
  readonly scheduleRuleName?: string;
  readonly ingestFunctionName?: string;
  readonly extractFunctionName?: string;
  readonly queryFunctionName?: string;
  readonly dashboardName?: string;
  readonly apiUrl?: string;
  readonly alarmTopicArn?: string;
  readonly emrLogUri?: string;
  readonly metricsNamespace: string;
  readonly databaseSecretArn?: string;
}

export type BackendTarget = LocalTarget | AwsTarget;

/** Every service a backend may offer; the zone store is the one every backend has. */
export interface BackendServices {
  readonly zones: ZoneStore;
  readonly ingestion?: IngestionService;
  readonly steps?: StepsService;
  readonly executions?: ExecutionsService;
  readonly query?: QueryService;
  /** The query API's routes: the deployed ApiUrl on aws, the local query service on local. */
  readonly api?: QueryApi;
  readonly metrics?: MetricsService;
  /** The deployed CloudFormation stack (aws with --stack); the local lake has none. */
  readonly stack?: StackService;
}

export interface Backend extends BackendServices {
  readonly kind: BackendKind;
  /** One line for the header: profile/region/bucket on aws, the lake folder on local. */
  readonly label: string;
  /** Every write is refused by the services themselves (ReadOnlyError); the UI only shows it. */
  readonly readOnly: boolean;
  readonly calls: ApiCallCounter;
  readonly target: BackendTarget;
  /** Background work to show (the sample lake being seeded), when the backend does any. */
  readonly activity?: ActivityBoard;
  close(): Promise<void>;
}
