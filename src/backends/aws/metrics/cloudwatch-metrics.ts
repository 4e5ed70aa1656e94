// The aws backend's metrics: every series on screen in one batched GetMetricData call (500
// queries a call, the API's limit, and its NextToken pages beyond), the stack's alarms from
// DescribeAlarms (their names start with the stack's), and the stack's dashboard name. The EMR
// series of the stack's active clusters come from the Steps service's cluster listing.
import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type CloudWatchClient,
  type MetricDataQuery,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import type { AwsTarget } from '../../../core/backend.js';
import {
  isClusterDefinition,
  METRIC_DEFINITIONS,
  NO_ACTIVE_CLUSTER,
  resolveCatalog,
  type TemplateResource,
} from '../../../core/metric-catalog.js';
import type {
  AlarmState,
  AlarmStateValue,
  ClusterSeries,
  MetricPoint,
  MetricRange,
  MetricSeries,
  MetricsService,
  SeriesSpec,
} from '../../../core/metrics.js';
import { toLakeError } from '../errors.js';
import type { ActiveClusterLookup } from './active-clusters.js';

/** GetMetricData takes at most 500 queries a call. */
export const QUERIES_PER_CALL = 500;

export class CloudWatchMetricsService implements MetricsService {
  readonly dashboardName?: string;

  /** `clusters` lists the stack's active EMR clusters (only a stack names them). */
  constructor(
    private readonly client: CloudWatchClient,
    private readonly target: AwsTarget,
    private readonly clusters?: ActiveClusterLookup,
  ) {
    this.dashboardName = target.dashboardName;
  }

  catalog(): SeriesSpec[] {
    return resolveCatalog({ backend: 'aws', namespace: this.target.metricsNamespace, resources: this.resources() });
  }

  async clusterSeries(): Promise<ClusterSeries> {
    if (!this.clusters) return { series: [], absent: "EMR: pass --stack NAME to see the stack's clusters" };
    const found = await this.clusters.active();
    if ('error' in found) return { series: [], absent: `EMR: cannot list the stack's clusters: ${found.error}` };
    if (found.clusters.length === 0) return { series: [], absent: NO_ACTIVE_CLUSTER };
    const definitions = METRIC_DEFINITIONS.filter(isClusterDefinition);
    return {
      series: resolveCatalog(
        { backend: 'aws', namespace: this.target.metricsNamespace, resources: this.resources(), clusters: found.clusters },
        definitions,
      ),
    };
  }

  private resources(): Partial<Record<TemplateResource, string>> {
    const t = this.target;
    return {
      PipelineStateMachine: t.stateMachineArn,
      IngestFunction: t.ingestFunctionName,
      ExtractFunction: t.extractFunctionName,
      QueryFunction: t.queryFunctionName,
      AthenaWorkGroup: t.workGroup,
      LakeBucket: t.bucket,
    };
  }

  async query(specs: SeriesSpec[], range: MetricRange): Promise<MetricSeries[]> {
    const points: MetricPoint[][] = specs.map(() => []);
    for (let offset = 0; offset < specs.length; offset += QUERIES_PER_CALL) {
      const chunk = specs.slice(offset, offset + QUERIES_PER_CALL);
      const queries: MetricDataQuery[] = chunk.map((spec, i) => ({
        Id: `m${offset + i}`,
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: spec.namespace,
            MetricName: spec.name,
            Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({ Name, Value })),
          },
          Period: range.periodSeconds,
          Stat: spec.stat,
        },
      }));
      let nextToken: string | undefined;
      do {
        const response = await this.send(
          () =>
            this.client.send(
              new GetMetricDataCommand({
                MetricDataQueries: queries,
                StartTime: range.since,
                EndTime: range.until,
                ScanBy: 'TimestampAscending',
                NextToken: nextToken,
              }),
            ),
          'reading CloudWatch metrics',
        );
        for (const result of response.MetricDataResults ?? []) {
          const index = Number(result.Id?.slice(1));
          const timestamps = result.Timestamps ?? [];
          const values = result.Values ?? [];
          timestamps.forEach((at, i) => points[index]?.push({ at: new Date(at), value: values[i] }));
        }
        nextToken = response.NextToken;
      } while (nextToken);
    }
    return specs.map((spec, i) => ({ ...spec, points: points[i].sort((a, b) => a.at.getTime() - b.at.getTime()) }));
  }

  async alarms(): Promise<AlarmState[]> {
    // Without a stack there is no way to tell the pipeline's alarms from the account's others.
    if (!this.target.stackName) return [];
    const alarms: MetricAlarm[] = [];
    let nextToken: string | undefined;
    do {
      const response = await this.send(
        () =>
          this.client.send(
            new DescribeAlarmsCommand({ AlarmNamePrefix: `${this.target.stackName}-`, AlarmTypes: ['MetricAlarm'], NextToken: nextToken }),
          ),
        "reading the stack's alarms",
      );
      alarms.push(...(response.MetricAlarms ?? []));
      nextToken = response.NextToken;
    } while (nextToken);
    return alarms.map((alarm) => ({
      name: alarm.AlarmName ?? '',
      description: alarm.AlarmDescription,
      state: (alarm.StateValue ?? 'INSUFFICIENT_DATA') as AlarmStateValue,
      reason: alarm.StateReason,
      updatedAt: alarm.StateUpdatedTimestamp,
      metric:
        alarm.MetricName && alarm.Namespace
          ? {
              namespace: alarm.Namespace,
              name: alarm.MetricName,
              dimensions: Object.fromEntries((alarm.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? ''])),
            }
          : undefined,
    }));
  }

  private async send<T>(call: () => Promise<T>, what: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toLakeError(error, { what, endpoint: this.target.endpoint });
    }
  }
}
