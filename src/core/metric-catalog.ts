// What is measured, once, as data, for both backends: the pipeline's own metrics (the stack's
// MetricsNamespace: the names src/lambda/emf.ts emits and the template's dashboard reads) and the
// service metrics of the template's dashboard and alarms (AWS/States, AWS/Lambda, AWS/Events…).
// A definition names its dimensions by the template resource they refer to (`!Ref X`); a backend
// resolves those (aws: the stack outputs; local: the logical id itself, which is what local runs
// record and what the template's alarms, parsed for local evaluation, resolve to). The EMR
// service metrics name a cluster (JobFlowId): one series per active cluster of the stack, which
// only a backend that lists the stack's clusters can resolve (aws); the static catalog leaves
// them out.
import type { BackendKind } from './backend.js';
import type { MetricStatistic, MetricUnit, SeriesSpec } from './metrics.js';
import { SOURCE_NAMES } from './ingestion.js';
import { STEP_JOBS } from './steps.js';

/** Template resources a metric's dimension can refer to (logical ids in cloudformation/lakedeck.yaml). */
export type TemplateResource =
  'PipelineStateMachine' | 'IngestFunction' | 'ExtractFunction' | 'QueryFunction' | 'AthenaWorkGroup' | 'LakeBucket';

/**
 * A dimension's values: one series per listed value, one fixed value, a template resource, or
 * one series per active EMR cluster of the stack (the context's `clusters`).
 */
export type DimensionValues = { each: readonly string[] } | { fixed: string } | { resource: TemplateResource } | { activeCluster: true };

export interface MetricDefinition {
  /** 'pipeline' is the stack's MetricsNamespace; anything else is a CloudWatch namespace. */
  namespace: 'pipeline' | 'AWS/States' | 'AWS/Lambda' | 'AWS/Events' | 'AWS/Athena' | 'AWS/S3' | 'AWS/ElasticMapReduce';
  name: string;
  label: string;
  dimensions: Record<string, DimensionValues>;
  stat: MetricStatistic;
  unit: MetricUnit;
  /** Backends on which something produces it. */
  backends: readonly BackendKind[];
}

const BOTH = ['local', 'aws'] as const;
// Spark jobs print their rows to their logs (LAKEDECK_METRIC); only local runs turn them into points.
const LOCAL = ['local'] as const;
const AWS = ['aws'] as const;
const SOURCES = { each: SOURCE_NAMES };
const JOBS = { each: STEP_JOBS };
const MACHINE = { resource: 'PipelineStateMachine' } as const;
const CLUSTER = { activeCluster: true } as const;
const LAMBDAS: [TemplateResource, string][] = [
  ['IngestFunction', 'ingest'],
  ['ExtractFunction', 'extract'],
  ['QueryFunction', 'query'],
];

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    namespace: 'pipeline',
    name: 'RowsIngested',
    label: 'rows ingested',
    dimensions: { Source: SOURCES },
    stat: 'Sum',
    unit: 'Count',
    backends: BOTH,
  },
  {
    namespace: 'pipeline',
    name: 'BytesIngested',
    label: 'bytes ingested',
    dimensions: { Source: SOURCES },
    stat: 'Sum',
    unit: 'Bytes',
    backends: BOTH,
  },
  {
    namespace: 'pipeline',
    name: 'DuplicateRuns',
    label: 'duplicate runs',
    dimensions: { Source: SOURCES },
    stat: 'Sum',
    unit: 'Count',
    backends: BOTH,
  },
  {
    namespace: 'pipeline',
    name: 'FailedRuns',
    label: 'failed runs',
    dimensions: { Source: SOURCES },
    stat: 'Sum',
    unit: 'Count',
    backends: BOTH,
  },
  { namespace: 'pipeline', name: 'RowsRead', label: 'rows read', dimensions: { Job: JOBS }, stat: 'Sum', unit: 'Count', backends: LOCAL },
  {
    namespace: 'pipeline',
    name: 'RowsWritten',
    label: 'rows written',
    dimensions: { Job: JOBS },
    stat: 'Sum',
    unit: 'Count',
    backends: LOCAL,
  },
  {
    namespace: 'pipeline',
    name: 'RowsRejected',
    label: 'rows rejected',
    dimensions: { Job: JOBS },
    stat: 'Sum',
    unit: 'Count',
    backends: LOCAL,
  },
  {
    namespace: 'pipeline',
    name: 'StepDuration',
    label: 'step time',
    dimensions: { Job: JOBS },
    stat: 'Maximum',
    unit: 'Seconds',
    backends: LOCAL,
  },
  {
    namespace: 'AWS/States',
    name: 'ExecutionsStarted',
    label: 'executions started',
    dimensions: { StateMachineArn: MACHINE },
    stat: 'Sum',
    unit: 'Count',
    backends: BOTH,
  },
  {
    namespace: 'AWS/States',
    name: 'ExecutionsSucceeded',
    label: 'executions succeeded',
    dimensions: { StateMachineArn: MACHINE },
    stat: 'Sum',
    unit: 'Count',
    backends: BOTH,
  },
  {
    namespace: 'AWS/States',
    name: 'ExecutionsFailed',
    label: 'executions failed',
    dimensions: { StateMachineArn: MACHINE },
    stat: 'Sum',
    unit: 'Count',
    backends: BOTH,
  },
  {
    namespace: 'AWS/States',
    name: 'ExecutionsTimedOut',
    label: 'executions timed out',
    dimensions: { StateMachineArn: MACHINE },
    stat: 'Sum',
    unit: 'Count',
    backends: BOTH,
  },
  {
    namespace: 'AWS/States',
    name: 'ExecutionsAborted',
    label: 'executions aborted',
    dimensions: { StateMachineArn: MACHINE },
    stat: 'Sum',
    unit: 'Count',
    backends: BOTH,
  },
  {
    namespace: 'AWS/States',
    name: 'ExecutionTime',
    label: 'execution time',
    dimensions: { StateMachineArn: MACHINE },
    stat: 'Maximum',
    unit: 'Milliseconds',
    backends: BOTH,
  },
  ...LAMBDAS.flatMap(([resource, short]): MetricDefinition[] => [
    {
      namespace: 'AWS/Lambda',
      name: 'Errors',
      label: `${short} errors`,
      dimensions: { FunctionName: { resource } },
      stat: 'Sum',
      unit: 'Count',
      backends: BOTH,
    },
    {
      namespace: 'AWS/Lambda',
      name: 'Duration',
      label: `${short} time`,
      dimensions: { FunctionName: { resource } },
      stat: 'Maximum',
      unit: 'Milliseconds',
      backends: BOTH,
    },
  ]),
  {
    namespace: 'AWS/Athena',
    name: 'ProcessedBytes',
    label: 'Athena scanned',
    dimensions: { WorkGroup: { resource: 'AthenaWorkGroup' } },
    stat: 'Sum',
    unit: 'Bytes',
    backends: AWS,
  },
  {
    namespace: 'AWS/S3',
    name: 'BucketSizeBytes',
    label: 'lake size',
    dimensions: { BucketName: { resource: 'LakeBucket' }, StorageType: { fixed: 'StandardStorage' } },
    stat: 'Average',
    unit: 'Bytes',
    backends: AWS,
  },
  {
    namespace: 'AWS/S3',
    name: 'NumberOfObjects',
    label: 'lake objects',
    dimensions: { BucketName: { resource: 'LakeBucket' }, StorageType: { fixed: 'AllStorageTypes' } },
    stat: 'Average',
    unit: 'Count',
    backends: AWS,
  },
  // EMR publishes these every 5 minutes while a cluster runs (IsIdle is 1 or 0).
  {
    namespace: 'AWS/ElasticMapReduce',
    name: 'IsIdle',
    label: 'EMR idle',
    dimensions: { JobFlowId: CLUSTER },
    stat: 'Average',
    unit: 'None',
    backends: AWS,
  },
  {
    namespace: 'AWS/ElasticMapReduce',
    name: 'AppsRunning',
    label: 'EMR apps running',
    dimensions: { JobFlowId: CLUSTER },
    stat: 'Average',
    unit: 'Count',
    backends: AWS,
  },
  {
    namespace: 'AWS/ElasticMapReduce',
    name: 'AppsPending',
    label: 'EMR apps pending',
    dimensions: { JobFlowId: CLUSTER },
    stat: 'Average',
    unit: 'Count',
    backends: AWS,
  },
  {
    namespace: 'AWS/ElasticMapReduce',
    name: 'HDFSUtilization',
    label: 'EMR HDFS use',
    dimensions: { JobFlowId: CLUSTER },
    stat: 'Average',
    unit: 'Percent',
    backends: AWS,
  },
];

/** Definitions whose series exist only while a cluster of the stack is active. */
export const isClusterDefinition = (definition: MetricDefinition): boolean =>
  Object.values(definition.dimensions).some((values) => 'activeCluster' in values);

/** Why a backend shows no EMR cluster series: none of the stack's clusters is active. */
export const NO_ACTIVE_CLUSTER = 'EMR: no active cluster of the stack (idle, apps, HDFS series show during a run)';
/** The local backend runs steps in Spark local mode: there is no cluster to measure. */
export const LOCAL_HAS_NO_CLUSTER = 'EMR series (idle, apps, HDFS) are aws-only: local steps run Spark in local mode';

/** An active EMR cluster: its id (JobFlowId) and a short label for its series. */
export interface ActiveCluster {
  id: string;
  label: string;
}

export interface CatalogContext {
  backend: BackendKind;
  /** The stack's MetricsNamespace. */
  namespace: string;
  /** What each template resource is called on this backend; a metric of an unnamed one is left out. */
  resources: Partial<Record<TemplateResource, string>>;
  /** The stack's active EMR clusters; without them the cluster metrics are left out. */
  clusters?: readonly ActiveCluster[];
}

/** On local, a template resource is known by its logical id (what local runs record). */
export const LOCAL_RESOURCES: Record<TemplateResource, string> = {
  PipelineStateMachine: 'PipelineStateMachine',
  IngestFunction: 'IngestFunction',
  ExtractFunction: 'ExtractFunction',
  QueryFunction: 'QueryFunction',
  AthenaWorkGroup: 'AthenaWorkGroup',
  LakeBucket: 'LakeBucket',
};

/** Every concrete series of the definitions on one backend, in definition order. */
export function resolveCatalog(context: CatalogContext, definitions: readonly MetricDefinition[] = METRIC_DEFINITIONS): SeriesSpec[] {
  const specs: SeriesSpec[] = [];
  for (const definition of definitions) {
    if (!definition.backends.includes(context.backend)) continue;
    let combos: { dimensions: Record<string, string>; each: string[] }[] = [{ dimensions: {}, each: [] }];
    let resolved = true;
    for (const [key, values] of Object.entries(definition.dimensions)) {
      if ('each' in values) {
        combos = combos.flatMap((combo) =>
          values.each.map((value) => ({ dimensions: { ...combo.dimensions, [key]: value }, each: [...combo.each, value] })),
        );
      } else if ('activeCluster' in values) {
        const clusters = context.clusters ?? [];
        if (clusters.length === 0) resolved = false;
        combos = combos.flatMap((combo) =>
          clusters.map((cluster) => ({ dimensions: { ...combo.dimensions, [key]: cluster.id }, each: [...combo.each, cluster.label] })),
        );
      } else {
        const value = 'fixed' in values ? values.fixed : context.resources[values.resource];
        if (!value) resolved = false;
        else combos = combos.map((combo) => ({ ...combo, dimensions: { ...combo.dimensions, [key]: value } }));
      }
    }
    if (!resolved) continue;
    for (const combo of combos) {
      const suffix = combo.each.length ? ` ${combo.each.join(' ')}` : '';
      specs.push({
        id: [
          definition.namespace === 'pipeline' ? 'pipeline' : definition.namespace,
          definition.name,
          ...Object.values(combo.dimensions),
        ].join(':'),
        namespace: definition.namespace === 'pipeline' ? context.namespace : definition.namespace,
        name: definition.name,
        dimensions: combo.dimensions,
        label: `${definition.label}${suffix}`,
        stat: definition.stat,
        unit: definition.unit,
      });
    }
  }
  return specs;
}
