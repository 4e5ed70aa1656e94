// AWS Lambda handler: one ingestion run of one source into the lake bucket, with the very same
// code the console and `lakedeck ingest` run. Bundled (dependencies included) by scripts/build.mjs
// to dist/lambda/index.mjs; handler name `index.handler`.
//
// Contract with cloudformation/ (the state machine's ingestion task):
//   Event     { "source": "covid_csv" | "covid_api" | "divipola" | "departments" }
//   Response  the run's manifest record, plus two fields for Choice states:
//             { runId, source, origin, outcome: "ingested" | "duplicate", key?, bytes, rows,
//               sha256?, duplicateOf?, watermark?, note?, startedAt, endedAt,
//               isNew: boolean,        // true only for "ingested": stop the pipeline when false
//               uri?: "s3://<bucket>/raw/<key>" }   // the new object, for the EMR step
//   Errors    a failed run is recorded in raw/_manifests/ and then thrown as errorType
//             "IngestionFailed" (Retry/Catch on it); a malformed event throws "BadEvent".
//   Env       LAKEDECK_BUCKET (required); LAKEDECK_DB_SECRET_ARN (the DatabaseSecretArn output,
//             for divipola/departments; PG* variables fill what the secret lacks, PGSSLMODE
//             included); optional LAKEDECK_COVID_CSV_URL, LAKEDECK_COVID_API_URL,
//             LAKEDECK_SODA_APP_TOKEN, LAKEDECK_API_PAGE_SIZE. AWS_ENDPOINT_URL is honoured.
//   Metrics   with LAKEDECK_METRICS_NAMESPACE set, one Embedded Metric Format line per run on
//             stdout: RowsIngested, BytesIngested, DuplicateRuns, FailedRuns by Source.
//   Package   the one file, plus sample-data/ beside it if the database may still be empty (its
//             reference tables are created and loaded from those CSVs on first use). Needs network
//             access to the database and the sources, and memory for 4 S3 parts of 16 MiB in
//             flight (nothing goes to /tmp). The full CSV export is GBs: give it the 15 min
//             timeout; a run cut by the timeout is recorded as failed and its upload aborted.
import { S3Client } from '@aws-sdk/client-s3';
import { AwsClients, clientConfig } from '../backends/aws/clients.js';
import { databaseSettings } from '../backends/aws/database-secret.js';
import { S3ZoneStore } from '../backends/aws/zone-store.js';
import { SOURCE_NAMES, type IngestionService, type IngestRun, type SourceName } from '../core/ingestion.js';
import { assembleIngestion } from '../pipeline/index.js';
import { pgDatabase } from '../pipeline/reference/pg-database.js';
import { sourceSettingsFromEnv } from '../pipeline/settings.js';
import { emfLine } from './emf.js';

export interface IngestEvent {
  source: SourceName;
}

export interface IngestResponse extends IngestRun {
  isNew: boolean;
  uri?: string;
}

interface LambdaContext {
  getRemainingTimeInMillis?: () => number;
}

/** Stop this long before Lambda's hard timeout, so the failure is recorded and parts aborted. */
const SAFETY_MARGIN_MS = 20_000;

let cached: { bucket: string; zones: S3ZoneStore; service: IngestionService } | undefined;

function ingestionFor(env: NodeJS.ProcessEnv): { zones: S3ZoneStore; service: IngestionService } {
  const bucket = env.LAKEDECK_BUCKET;
  if (!bucket) throw named('BadEvent', 'LAKEDECK_BUCKET is not set on the function');
  if (cached?.bucket === bucket) return cached;
  const clients = new AwsClients(clientConfig({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL }));
  const zones = new S3ZoneStore(clients.get(S3Client), bucket, clients.config.endpoint);
  const service = assembleIngestion({
    zones,
    settings: sourceSettingsFromEnv(env),
    database: pgDatabase(() => databaseSettings(clients, env, env.LAKEDECK_DB_SECRET_ARN || undefined)),
  });
  cached = { bucket, zones, service };
  return cached;
}

export async function handler(event: IngestEvent, context: LambdaContext = {}): Promise<IngestResponse> {
  const source = event?.source;
  if (!SOURCE_NAMES.includes(source)) {
    throw named('BadEvent', `event.source must be one of ${SOURCE_NAMES.join(', ')}; got ${JSON.stringify(source)}`);
  }
  const { zones, service } = ingestionFor(process.env);
  const remaining = context.getRemainingTimeInMillis?.();
  const signal = remaining === undefined ? undefined : AbortSignal.timeout(Math.max(1_000, remaining - SAFETY_MARGIN_MS));
  try {
    const run = await service.run(source, { signal });
    const namespace = process.env.LAKEDECK_METRICS_NAMESPACE;
    if (namespace) process.stdout.write(`${emfLine(namespace, run)}\n`);
    if (run.outcome === 'failed') throw named('IngestionFailed', `${run.runId}: ${run.error ?? 'failed'}`);
    return { ...run, isNew: run.outcome === 'ingested', uri: run.key ? zones.uri('raw', run.key) : undefined };
  } finally {
    // The database connection closes after each run; nothing else is held between invocations.
    await service.close?.();
  }
}

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

// The query API's handler (`index.query`, src/lambda/query.ts) ships in the same bundle.
export { query } from './query.js';
// The custom resource issuing the EMR in-transit certificates (`index.emrCertificates`) too.
export { emrCertificates } from './emr-certificates.js';
