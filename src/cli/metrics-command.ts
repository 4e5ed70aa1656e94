// `lakedeck metrics` and `lakedeck alarms`: the Metrics pane for scripts and plain terminals.
// `metrics` prints every series of the catalog over a range (last / min / max, or --json with the
// points), with the EMR series of the stack's active clusters or the reason there are none; `alarms` prints the stack's alarms and exits 1 when any is in ALARM.
import type { Command } from 'commander';
import type { Backend } from '../core/backend.js';
import { LakeError } from '../core/errors.js';
import { parseRangeKey, rangeFor, RANGE_KEYS } from '../core/metric-range.js';
import type { MetricsService } from '../core/metrics.js';
import { alarmStateText, alarmTime, summaryText } from '../format/metrics.js';
import type { WithBackend } from './zones-command.js';

export interface MetricsIo {
  stdout: NodeJS.WritableStream;
  setExitCode: (code: number) => void;
  now: () => Date;
}

const processIo: MetricsIo = { stdout: process.stdout, setExitCode: (code) => (process.exitCode = code), now: () => new Date() };

function metricsOf(backend: Backend): MetricsService {
  if (!backend.metrics) throw new LakeError('config', `The ${backend.kind} backend offers no metrics`);
  return backend.metrics;
}

export function registerMetricsCommands(program: Command, withBackend: WithBackend, io: MetricsIo = processIo): void {
  program
    .command('metrics')
    .description("the pipeline's metric series over a range: last, min and max of each")
    .option('--range <range>', `one of ${RANGE_KEYS.join(', ')}`, '1d')
    .option('--json', 'one JSON document with every point')
    .action((flags: { range: string; json?: boolean }) =>
      withBackend(async (backend) => {
        const key = parseRangeKey(flags.range);
        const service = metricsOf(backend);
        const range = rangeFor(key, io.now());
        const clusters = await service.clusterSeries();
        const series = await service.query([...service.catalog(), ...clusters.series], range);
        const clustersAbsent = clusters.absent ?? null;
        if (flags.json) {
          io.stdout.write(
            `${JSON.stringify({ range: key, since: range.since, until: range.until, periodSeconds: range.periodSeconds, dashboard: service.dashboardName ?? null, clustersAbsent, series }, null, 2)}\n`,
          );
          return;
        }
        if (service.dashboardName) io.stdout.write(`dashboard ${service.dashboardName}\n`);
        const width = Math.max(...series.map((s) => s.label.length), 10);
        for (const s of series) io.stdout.write(`${s.label.padEnd(width)}  ${summaryText(s)}\n`);
        if (clustersAbsent) io.stdout.write(`${clustersAbsent}\n`);
      }),
    );

  program
    .command('alarms')
    .description("the stack's alarms and their states (exit status 1 when any is in ALARM)")
    .option('--json', 'one JSON document')
    .action((flags: { json?: boolean }) =>
      withBackend(async (backend) => {
        const alarms = await metricsOf(backend).alarms();
        if (flags.json) io.stdout.write(`${JSON.stringify(alarms, null, 2)}\n`);
        else if (alarms.length === 0)
          io.stdout.write(backend.kind === 'aws' ? "no alarms: pass --stack NAME to read the stack's alarms\n" : 'no alarms\n');
        else {
          const width = Math.max(...alarms.map((a) => a.name.length));
          for (const a of alarms)
            io.stdout.write(`${alarmStateText(a.state).padEnd(9)} ${a.name.padEnd(width)}  ${alarmTime(a.updatedAt)}  ${a.reason ?? ''}\n`);
        }
        if (alarms.some((a) => a.state === 'ALARM')) io.setExitCode(1);
      }),
    );
}
