// The pipeline's one ASL file (cloudformation/statemachine/pipeline.asl.json), read and given the
// local values of its `${Name}` placeholders exactly as CloudFormation's DefinitionSubstitutions
// would, so the local interpreter runs the very definition the stack deploys.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LakeError } from '../../../core/errors.js';

export const LOCAL_STACK = 'lakedeck-local';
export const LOCAL_BUCKET = 'lakedeck-local-lake';
const ACCOUNT = '000000000000';
const REGION = 'local';
export const LOCAL_STATE_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${LOCAL_STACK}-pipeline`;

/** Local values: ARN-shaped where the interpreter checks ARNs; the handlers ignore the rest. */
const SUBSTITUTIONS: Record<string, string> = {
  StackName: LOCAL_STACK,
  LakeBucket: LOCAL_BUCKET,
  ArtifactsPrefix: 'artifacts/',
  IngestFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${LOCAL_STACK}-ingest`,
  ExtractFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${LOCAL_STACK}-extract`,
  EmrReleaseLabel: 'local-spark',
  EmrServiceRole: 'local',
  EmrInstanceProfile: 'local',
  EmrLogUri: `s3://${LOCAL_BUCKET}/logs/`,
  EmrSubnetId: 'local',
  EmrPrimarySecurityGroup: 'local',
  EmrCoreSecurityGroup: 'local',
  EmrServiceAccessSecurityGroup: 'local',
  EmrSecurityConfiguration: 'local',
  EmrPrimaryInstanceType: 'local',
  EmrCoreInstanceType: 'local',
  EmrCoreInstanceCount: '1',
  EmrIdleTimeoutSeconds: '3600',
  GlueDatabase: 'lakedeck',
  AthenaWorkGroup: 'local',
  AlarmTopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${LOCAL_STACK}-alarms`,
};

export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { Next: string }[];
  Branches?: { StartAt: string; States: Record<string, AslState> }[];
  [field: string]: unknown;
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  [field: string]: unknown;
}

function definitionFile(env: Record<string, string | undefined>): string {
  if (env.LAKEDECK_STATE_MACHINE) return path.resolve(env.LAKEDECK_STATE_MACHINE);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = path.join(dir, 'cloudformation', 'statemachine', 'pipeline.asl.json');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new LakeError('config', 'cloudformation/statemachine/pipeline.asl.json was not found: set LAKEDECK_STATE_MACHINE to its path');
}

export function loadPipelineDefinition(env: Record<string, string | undefined> = process.env): AslDefinition {
  let text = readFileSync(definitionFile(env), 'utf8');
  for (const [name, value] of Object.entries(SUBSTITUTIONS)) text = text.split('${' + name + '}').join(value);
  const left = /\$\{(\w+)\}/.exec(text);
  if (left) throw new LakeError('config', `The state machine uses a placeholder the local backend does not fill: \${${left[1]}}`);
  return JSON.parse(text) as AslDefinition;
}

/** Every Task state's name, branches included. */
export function taskStateNames(states: Record<string, AslState>, out: string[] = []): string[] {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') out.push(name);
    for (const branch of state.Branches ?? []) taskStateNames(branch.States, out);
  }
  return out;
}

/** The state's name → the name of the top-level state that holds it (itself when top-level). */
export function topLevelOf(definition: AslDefinition): Map<string, string> {
  const owner = new Map<string, string>();
  const visit = (states: Record<string, AslState>, top?: string) => {
    for (const [name, state] of Object.entries(states)) {
      owner.set(name, top ?? name);
      for (const branch of state.Branches ?? []) visit(branch.States, top ?? name);
    }
  };
  visit(definition.States);
  return owner;
}
