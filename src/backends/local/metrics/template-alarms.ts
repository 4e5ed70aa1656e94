// The stack's alarms read from the template itself (cloudformation/lakedeck.yaml is their one
// definition): every AWS::CloudWatch::Alarm on a single metric, with its metric, statistic,
// period, threshold, comparison and evaluation periods. A `!Ref X` dimension resolves to X, the
// name local runs record under (core/metric-catalog.ts, LOCAL_RESOURCES).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type CollectionTag, type ScalarTag } from 'yaml';
import type { AlarmDefinition, ComparisonOperator, TreatMissingData } from '../../../core/alarm-evaluation.js';
import { LakeError } from '../../../core/errors.js';
import type { MetricStatistic } from '../../../core/metrics.js';

const TEMPLATE = path.join('cloudformation', 'lakedeck.yaml');

/** The template beside this code (repository, dist/ or an installed package); LAKEDECK_TEMPLATE overrides. */
export function templatePath(env: Record<string, string | undefined> = process.env): string {
  if (env.LAKEDECK_TEMPLATE) return path.resolve(env.LAKEDECK_TEMPLATE);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = path.join(dir, TEMPLATE);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new LakeError('config', `The stack template (${TEMPLATE}) was not found beside lakedeck: set LAKEDECK_TEMPLATE to its path`);
}

// CloudFormation's short forms, kept as their long forms so a value can be told from a reference.
const FUNCTIONS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'If',
  'Select',
  'Split',
  'FindInMap',
  'ImportValue',
  'Equals',
  'Not',
  'And',
  'Or',
  'Condition',
  'GetAZs',
  'Base64',
  'Cidr',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
];
const CFN_TAGS: (ScalarTag | CollectionTag)[] = FUNCTIONS.flatMap((fn) => {
  const key = fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`;
  return [
    { tag: `!${fn}`, resolve: (value: string) => ({ [key]: value }) } as ScalarTag,
    { tag: `!${fn}`, collection: 'seq', resolve: (value) => ({ [key]: value.toJSON() }) } as CollectionTag,
    { tag: `!${fn}`, collection: 'map', resolve: (value) => ({ [key]: value.toJSON() }) } as CollectionTag,
  ];
});

type Resource = { Type?: string; Properties?: Record<string, unknown> };

function literal(value: unknown, where: string): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && typeof (value as { Ref?: unknown }).Ref === 'string') return (value as { Ref: string }).Ref;
  throw new LakeError('config', `${where}: only literal values and !Ref are understood here`);
}

/** The alarms of a template's text, in template order. */
export function alarmsFromTemplate(text: string): AlarmDefinition[] {
  const template = parse(text, { customTags: CFN_TAGS, maxAliasCount: 100 }) as { Resources?: Record<string, Resource> };
  const alarms: AlarmDefinition[] = [];
  for (const [name, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::CloudWatch::Alarm') continue;
    const p = resource.Properties ?? {};
    // Alarms on metric math (Metrics:) have no single metric to evaluate here.
    if (typeof p.MetricName !== 'string' || typeof p.Namespace !== 'string') continue;
    const dimensions: Record<string, string> = {};
    for (const dimension of (p.Dimensions as { Name: string; Value: unknown }[] | undefined) ?? []) {
      dimensions[dimension.Name] = literal(dimension.Value, `${name} dimension ${dimension.Name}`);
    }
    const evaluationPeriods = Number(p.EvaluationPeriods ?? 1);
    alarms.push({
      name,
      description: typeof p.AlarmDescription === 'string' ? p.AlarmDescription : undefined,
      metric: { namespace: p.Namespace, name: p.MetricName, dimensions },
      statistic: (p.Statistic as MetricStatistic | undefined) ?? 'Sum',
      periodSeconds: Number(p.Period ?? 300),
      evaluationPeriods,
      datapointsToAlarm: Number(p.DatapointsToAlarm ?? evaluationPeriods),
      threshold: Number(p.Threshold),
      comparison: p.ComparisonOperator as ComparisonOperator,
      treatMissingData: (p.TreatMissingData as TreatMissingData | undefined) ?? 'missing',
    });
  }
  return alarms;
}

export function readTemplateAlarms(file = templatePath()): AlarmDefinition[] {
  return alarmsFromTemplate(readFileSync(file, 'utf8'));
}
