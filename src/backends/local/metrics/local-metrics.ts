// The local backend's metrics: the points local runs record (MetricsRecorder) kept in the lake's
// metrics store, read back per series and period with CloudWatch's statistics, and the template's
// alarms evaluated over them, so the stack's own alarms go to ALARM on this machine too.
import type { AlarmDefinition } from '../../../core/alarm-evaluation.js';
import { evaluateAlarm } from '../../../core/alarm-evaluation.js';
import { LOCAL_HAS_NO_CLUSTER, LOCAL_RESOURCES, resolveCatalog } from '../../../core/metric-catalog.js';
import { aggregatePoints } from '../../../core/metric-points.js';
import type {
  AlarmState,
  ClusterSeries,
  MetricRange,
  MetricSeries,
  MetricsRecorder,
  MetricsService,
  RecordedPoint,
  SeriesSpec,
} from '../../../core/metrics.js';
import { MetricsStore, type StoredAlarmState } from './metrics-store.js';

export interface LocalMetricsOptions {
  lake: string;
  namespace: string;
  readOnly: boolean;
  now?: () => Date;
  /** The template's alarms (default: read from cloudformation/lakedeck.yaml). */
  alarms?: AlarmDefinition[];
}

export class LocalMetricsService implements MetricsService, MetricsRecorder {
  private readonly store: MetricsStore;
  private readonly now: () => Date;
  private definitions?: AlarmDefinition[];

  constructor(private readonly options: LocalMetricsOptions) {
    this.now = options.now ?? (() => new Date());
    this.store = new MetricsStore(options.lake, this.now);
    this.definitions = options.alarms;
  }

  catalog(): SeriesSpec[] {
    return resolveCatalog({ backend: 'local', namespace: this.options.namespace, resources: LOCAL_RESOURCES });
  }

  /**
   * No EMR series here: a local step is one spark-submit in local mode, with no YARN to count apps
   * in and no HDFS to fill, so IsIdle, AppsRunning and HDFSUtilization would be made up.
   */
  async clusterSeries(): Promise<ClusterSeries> {
    return { series: [], absent: LOCAL_HAS_NO_CLUSTER };
  }

  /**
   * A read-only lake records nothing (its runs are refused before they start anyway). Points wait
   * in the spool without loading the metrics engine (a command recording as it exits stays quick),
   * are read with the rest at once, and are folded in by the next read.
   */
  async record(points: RecordedPoint[]): Promise<void> {
    if (this.options.readOnly) return;
    await this.store.record(points);
  }

  async query(specs: SeriesSpec[], range: MetricRange): Promise<MetricSeries[]> {
    if (!this.options.readOnly) await this.store.foldPending();
    const raw = await this.store.points(specs, range.since);
    return specs.map((spec, i) => ({
      ...spec,
      points: aggregatePoints(raw[i] ?? [], spec.stat, range.periodSeconds, range.since, range.until),
    }));
  }

  async alarms(): Promise<AlarmState[]> {
    if (!this.options.readOnly) await this.store.foldPending();
    // The template is YAML: its parser (~250 KB of bundle) loads on the first alarm read, not on every start.
    this.definitions ??= (await import('./template-alarms.js')).readTemplateAlarms();
    const definitions = this.definitions;
    const now = this.now();
    const longest = Math.max(...definitions.map((d) => d.periodSeconds * d.evaluationPeriods), 0);
    const raw = await this.store.points(
      definitions.map((d) => d.metric),
      new Date(now.getTime() - longest * 1000 - 86_400_000),
    );
    const stored = new Map((await this.store.alarmStates()).map((state) => [state.name, state]));
    const changed: StoredAlarmState[] = [];
    const states = definitions.map((definition, i): AlarmState => {
      const evaluation = evaluateAlarm(definition, raw[i] ?? [], now);
      const before = stored.get(definition.name);
      let updatedAt = before?.updatedAt;
      if (!before || before.state !== evaluation.state) {
        updatedAt = now;
        changed.push({ name: definition.name, state: evaluation.state, reason: evaluation.reason, updatedAt: now });
      }
      return {
        name: definition.name,
        description: definition.description,
        state: evaluation.state,
        reason: evaluation.reason,
        updatedAt,
        metric: definition.metric,
      };
    });
    if (!this.options.readOnly) await this.store.saveAlarmStates(changed);
    return states;
  }
}
