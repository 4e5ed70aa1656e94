// `lakedeck destroy`: takes a stack away with everything in it. Says what will be lost (the
// objects in each bucket, the database and whether its deletion protection would stop the
// delete), asks for the stack's name to be typed, empties the buckets (all versions), revokes
// the rules EMR adds between its security groups, deletes the stack while printing its events,
// then deletes the buckets the template retains and this stack's deployment artifacts.
import {
  DeleteStackCommand,
  ListStackResourcesCommand,
  type CloudFormationClient,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { revokeGroupReferences } from '../backends/aws/emr-security-groups.js';
import { toLakeError } from '../backends/aws/errors.js';
import { LakeError } from '../core/errors.js';
import { callerIdentity } from './academy.js';
import type { DeployClients } from './clients.js';
import { deploymentBucketName } from './deployment-bucket.js';
import { countContents, deleteBucket, emptyBucket, type BucketContents } from './empty-bucket.js';
import { validateStackName } from './deploy.js';
import { followStack, seenEventIds } from './stack-events.js';
import { findStack, stackParameters } from './stack-state.js';

export interface DestroyIo {
  print(line: string): void;
  /** Asks for a line of text (the stack's name). */
  ask(question: string): Promise<string>;
}

export interface DestroyOptions {
  stackName: string;
  /** The stack's name, given up front (scripts); otherwise asked for. */
  confirmName?: string;
  sleep?: (ms: number) => Promise<void>;
  pollMs?: number;
}

export interface DestroyResult {
  outcome: 'destroyed' | 'cancelled';
  buckets: BucketContents[];
  revokedRules: number;
}

async function stackResources(cf: CloudFormationClient, stackName: string): Promise<StackResourceSummary[]> {
  const resources: StackResourceSummary[] = [];
  let next: string | undefined;
  try {
    do {
      const page = await cf.send(new ListStackResourcesCommand({ StackName: stackName, NextToken: next }));
      resources.push(...(page.StackResourceSummaries ?? []));
      next = page.NextToken;
    } while (next);
  } catch (error) {
    throw toLakeError(error, { what: `listing the resources of stack '${stackName}'` });
  }
  return resources;
}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function destroy(clients: DeployClients, io: DestroyIo, options: DestroyOptions): Promise<DestroyResult> {
  const { cf, s3, ec2, region } = clients;
  const { stackName } = options;
  validateStackName(stackName);
  const stack = await findStack(cf, stackName);
  if (!stack) throw new LakeError('config', `Stack '${stackName}' does not exist in ${region} (check --stack, --region, --profile)`);
  if (stack.StackStatus?.endsWith('_IN_PROGRESS') && stack.StackStatus !== 'REVIEW_IN_PROGRESS') {
    throw new LakeError('config', `Stack '${stackName}' is ${stack.StackStatus}: wait until it settles, then destroy it`);
  }
  if (stackParameters(stack).DatabaseDeletionProtection === 'true') {
    // The delete would stop at the database after the buckets were emptied: refuse before anything.
    throw new LakeError(
      'config',
      `Stack '${stackName}' keeps its database's deletion protection on, so it cannot be deleted: run lakedeck deploy --stack ${stackName} --param DatabaseDeletionProtection=false first (nothing was deleted)`,
    );
  }
  const resources = await stackResources(cf, stackName);
  const bucketNames = resources
    .filter((r) => r.ResourceType === 'AWS::S3::Bucket' && r.PhysicalResourceId)
    .map((r) => r.PhysicalResourceId!);
  const emrGroups = resources
    .filter((r) => r.ResourceType === 'AWS::EC2::SecurityGroup' && /^Emr/.test(r.LogicalResourceId ?? '') && r.PhysicalResourceId)
    .map((r) => r.PhysicalResourceId!);
  const databases = resources.filter((r) => r.ResourceType === 'AWS::RDS::DBInstance');
  const buckets = await Promise.all(bucketNames.map((b) => countContents(s3, b)));

  io.print(`Destroying stack '${stackName}' (${stack.StackStatus}, ${resources.length} resources) loses:`);
  for (const b of buckets) {
    io.print(
      `  bucket ${b.bucket}: ${b.objects} objects (${b.versions} versions and delete markers, ${b.bytes} bytes), then the bucket itself`,
    );
  }
  if (databases.length > 0) io.print('  the database (RDS keeps a final snapshot, which you delete yourself when no longer needed)');
  const caller = await callerIdentity(clients.sts);
  const deployBucket = deploymentBucketName(caller.account, region);
  const artifactsHeld = await countContents(s3, deployBucket, `${stackName}/`);
  io.print(`  ${artifactsHeld.versions} deployment artifact versions under s3://${deployBucket}/${stackName}/`);
  const typed = options.confirmName ?? (await io.ask(`Type the stack's name (${stackName}) to destroy it: `)).trim();
  if (typed !== stackName) {
    io.print(`'${typed}' is not '${stackName}': nothing was deleted.`);
    return { outcome: 'cancelled', buckets, revokedRules: 0 };
  }

  for (const b of buckets) {
    const deleted = await emptyBucket(s3, b.bucket);
    io.print(`Emptied ${b.bucket}: ${deleted} versions and delete markers deleted`);
  }
  const revoked = await revokeGroupReferences(ec2, emrGroups);
  const revokedRules = revoked.reduce((n, r) => n + r.ingress + r.egress, 0);
  if (emrGroups.length > 0) io.print(`Revoked ${revokedRules} rules between the EMR security groups`);

  const stackId = stack.StackId ?? stackName;
  const seen = await seenEventIds(cf, stackId);
  try {
    await cf.send(new DeleteStackCommand({ StackName: stackId }));
  } catch (error) {
    throw toLakeError(error, { what: `deleting stack '${stackName}'` });
  }
  const settled = await followStack(cf, {
    stackId,
    stackName,
    seen,
    print: io.print,
    sleep: options.sleep ?? sleepReal,
    pollMs: options.pollMs ?? 5000,
  });
  if (!settled.ok) {
    const cause = settled.firstFailure
      ? `${settled.firstFailure.logicalId} (${settled.firstFailure.resourceType}): ${settled.firstFailure.reason}`
      : 'no reason given';
    throw new LakeError(
      'bad-input',
      `Deleting stack '${stackName}' ended ${settled.status}. First failure: ${cause}. Fix that, then run lakedeck destroy again.`,
    );
  }
  for (const b of buckets) {
    await deleteBucket(s3, b.bucket);
    io.print(`Deleted bucket ${b.bucket}`);
  }
  const artifacts = await emptyBucket(s3, deployBucket, `${stackName}/`);
  io.print(`Deleted ${artifacts} deployment artifacts of '${stackName}' from ${deployBucket}`);
  io.print(`Stack '${stackName}' is gone.`);
  return { outcome: 'destroyed', buckets, revokedRules };
}
