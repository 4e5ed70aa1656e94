// The metrics port: the pipeline's metric series and alarm states (CloudWatch on aws, the
// metrics local runs emit, kept in an embedded store, on local).

export interface MetricSeries {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  points: { at: Date; value: number }[];
}

export interface AlarmState {
  name: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  reason?: string;
  updatedAt?: Date;
}

export interface MetricsService {
  series(name: string, since: Date, periodSeconds: number): Promise<MetricSeries[]>;
  alarms(): Promise<AlarmState[]>;
}
