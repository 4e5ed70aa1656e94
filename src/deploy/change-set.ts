// Creating, reading and describing a CloudFormation change set: what a deploy will add, modify,
// replace or delete, with the replacement or deletion of resources that hold data (the lake
// bucket, the database) called out, and "no changes" recognised as such.
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  type CloudFormationClient,
  type Change,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import { toLakeError } from '../backends/aws/errors.js';
import { LakeError } from '../core/errors.js';

export type ChangeKind = 'add' | 'modify' | 'replace' | 'may replace' | 'delete' | 'other';

export interface PlannedChange {
  kind: ChangeKind;
  logicalId: string;
  resourceType: string;
  /** Data would be lost: a stateful resource replaced (or possibly replaced) or deleted. */
  losesData: boolean;
}

/** Resource types whose replacement or deletion loses data. */
const STATEFUL = new Set([
  'AWS::S3::Bucket',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DynamoDB::Table',
  'AWS::SecretsManager::Secret',
  'AWS::Logs::LogGroup',
  'AWS::EFS::FileSystem',
  'AWS::Glue::Database',
]);

export function classifyChange(change: Change): PlannedChange | undefined {
  const rc = change.ResourceChange;
  if (!rc) return undefined;
  let kind: ChangeKind;
  if (rc.Action === 'Add') kind = 'add';
  else if (rc.Action === 'Remove') kind = 'delete';
  else if (rc.Action === 'Modify')
    kind = rc.Replacement === 'True' ? 'replace' : rc.Replacement === 'Conditional' ? 'may replace' : 'modify';
  else kind = 'other';
  const resourceType = rc.ResourceType ?? '?';
  const losesData = STATEFUL.has(resourceType) && (kind === 'replace' || kind === 'may replace' || kind === 'delete');
  return { kind, logicalId: rc.LogicalResourceId ?? '?', resourceType, losesData };
}

/** One line per change, data-losing ones marked in words (never by colour alone). */
export function describeChanges(changes: PlannedChange[]): string[] {
  if (changes.length === 0) return ['  (CloudFormation lists no resource changes: parameters or outputs only)'];
  const width = Math.max(...changes.map((c) => c.kind.length));
  return changes.map((c) => {
    const mark = c.losesData ? '!!' : '  ';
    const warning = c.losesData ? '   <- DATA LOSS: this resource holds data' : '';
    return `${mark}${c.kind.padEnd(width)}  ${c.logicalId} (${c.resourceType})${warning}`;
  });
}

export interface ChangeSetRequest {
  stackName: string;
  changeSetName: string;
  create: boolean;
  templateUrl: string;
  parameters: Parameter[];
}

export type ChangeSetResult =
  { status: 'no-changes'; changeSetName: string } | { status: 'ready'; changeSetName: string; changes: PlannedChange[] };

const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

export async function createChangeSet(
  cf: CloudFormationClient,
  request: ChangeSetRequest,
  sleep: (ms: number) => Promise<void>,
  pollMs: number,
): Promise<ChangeSetResult> {
  const { stackName, changeSetName } = request;
  try {
    await cf.send(
      new CreateChangeSetCommand({
        StackName: stackName,
        ChangeSetName: changeSetName,
        ChangeSetType: request.create ? 'CREATE' : 'UPDATE',
        TemplateURL: request.templateUrl,
        Parameters: request.parameters,
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
        Tags: [{ Key: 'lakedeck:stack', Value: stackName }],
      }),
    );
  } catch (error) {
    throw toLakeError(error, { what: `creating a change set for stack '${stackName}'` });
  }
  for (;;) {
    let described;
    try {
      described = await cf.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
    } catch (error) {
      throw toLakeError(error, { what: `reading change set ${changeSetName}` });
    }
    if (described.Status === 'FAILED') {
      if (NO_CHANGES.test(described.StatusReason ?? '')) {
        await cf.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })).catch(() => {});
        return { status: 'no-changes', changeSetName };
      }
      throw new LakeError('bad-input', `CloudFormation refused the change set: ${described.StatusReason ?? 'no reason given'}`);
    }
    if (described.Status === 'CREATE_COMPLETE') {
      const changes = [...(described.Changes ?? [])];
      let next = described.NextToken;
      while (next) {
        const page = await cf.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, NextToken: next }));
        changes.push(...(page.Changes ?? []));
        next = page.NextToken;
      }
      return { status: 'ready', changeSetName, changes: changes.map(classifyChange).filter((c): c is PlannedChange => c !== undefined) };
    }
    await sleep(pollMs);
  }
}
