// `lakedeck deploy`: from a clone to a running stack. Builds the Lambda bundle and the Spark
// artifacts, uploads them content-addressed to the deployment bucket, packages the template,
// shows the change set and asks, executes it while printing the stack's events, then syncs the
// Spark artifacts into the lake bucket under ArtifactsPrefix and prints the outputs.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DeleteChangeSetCommand, ExecuteChangeSetCommand, GetTemplateSummaryCommand, type Parameter } from '@aws-sdk/client-cloudformation';
import { toLakeError } from '../backends/aws/errors.js';
import { LakeError } from '../core/errors.js';
import { callerIdentity, isAcademyPrincipal } from './academy.js';
import { artifact, buildLambdaZip, buildSparkArtifacts } from './artifacts.js';
import { createChangeSet, describeChanges } from './change-set.js';
import type { DeployClients } from './clients.js';
import { deploymentBucketName, ensureDeploymentBucket } from './deployment-bucket.js';
import { followStack, seenEventIds } from './stack-events.js';
import { findStack, physicalId, stackOutputs, stackParameters } from './stack-state.js';
import { localDefinitionPath, packageTemplate, templateUrl } from './template.js';
import { contentKey, uploadContentAddressed, uploadSparkArtifacts, type UploadReport } from './uploads.js';

export interface DeployIo {
  print(line: string): void;
  /** Asks a yes/no question; false when declined. */
  confirm(question: string): Promise<boolean>;
}

export interface DeployOptions {
  stackName: string;
  /** The repository root (cloudformation/, spark/, src/lambda/, sample-data/). */
  root: string;
  template?: string;
  lambdaEntry?: string;
  /** Force AcademyMode (otherwise detected from the caller identity). */
  academy?: boolean;
  parameters?: Record<string, string>;
  yes?: boolean;
  sleep?: (ms: number) => Promise<void>;
  pollMs?: number;
  now?: () => Date;
}

export interface DeployResult {
  outcome: 'no-changes' | 'deployed' | 'cancelled';
  uploads: UploadReport;
  spark: { uploaded: string[]; unchanged: string[] };
  outputs: Record<string, string>;
}

const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
/** Stacks CloudFormation cannot update: only a delete gets out of these. */
const NEEDS_DESTROY = new Set(['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'DELETE_FAILED', 'UPDATE_ROLLBACK_FAILED']);

export function validateStackName(name: string): void {
  if (!STACK_NAME.test(name)) {
    throw new LakeError('config', `'${name}' is not a valid stack name: a letter, then letters, digits and hyphens (128 at most)`);
  }
}

export function parseParameters(pairs: string[]): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new LakeError('config', `--param '${pair}' is not KEY=VALUE`);
    parameters[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return parameters;
}

/** The template's parameters and their defaults (undefined: no default). */
async function templateDefaults(cf: DeployClients['cf'], url: string): Promise<Map<string, string | undefined>> {
  try {
    const summary = await cf.send(new GetTemplateSummaryCommand({ TemplateURL: url }));
    return new Map((summary.Parameters ?? []).map((p) => [p.ParameterKey!, p.DefaultValue]));
  } catch (error) {
    throw toLakeError(error, { what: "reading the template's parameters" });
  }
}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function deploy(clients: DeployClients, io: DeployIo, options: DeployOptions): Promise<DeployResult> {
  const { cf, s3, region } = clients;
  const { stackName, root } = options;
  const sleep = options.sleep ?? sleepReal;
  const pollMs = options.pollMs ?? 5000;
  validateStackName(stackName);
  let phase = 'checking the account';
  try {
    const caller = await callerIdentity(clients.sts);
    const academy = options.academy === true || isAcademyPrincipal(caller.arn);
    io.print(`Account ${caller.account}, region ${region}${academy ? ', AWS Academy mode (lab roles, no IAM created)' : ''}`);
    const existing = await findStack(cf, stackName);
    const status = existing?.StackStatus;
    if (status && NEEDS_DESTROY.has(status)) {
      throw new LakeError(
        'config',
        `Stack '${stackName}' is ${status}: CloudFormation cannot update it. Run 'lakedeck destroy --stack ${stackName}', then deploy again`,
      );
    }
    if (status && status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS') {
      throw new LakeError('config', `Stack '${stackName}' is ${status}: wait until it settles, then deploy again`);
    }
    const create = !status || status === 'REVIEW_IN_PROGRESS';

    phase = 'building the artifacts';
    const templatePath = options.template ?? path.join(root, 'cloudformation/lakedeck.yaml');
    const templateText = await readFile(templatePath, 'utf8').catch((error: Error) => {
      throw new LakeError(
        'config',
        `Cannot read the template ${templatePath}: ${error.message} (run lakedeck deploy from a lakedeck clone)`,
      );
    });
    io.print('Building the Lambda bundle and the Spark artifacts…');
    const lambda = await buildLambdaZip(root, options.lambdaEntry);
    const spark = await buildSparkArtifacts(root);
    const definitionPath = localDefinitionPath(templateText);
    const definition = definitionPath
      ? artifact('statemachine.json', await readFile(path.resolve(path.dirname(templatePath), definitionPath)))
      : undefined;

    phase = 'uploading the artifacts';
    const bucket = deploymentBucketName(caller.account, region);
    if (await ensureDeploymentBucket(s3, bucket, region, clients.overTls)) {
      io.print(
        `Created the deployment bucket ${bucket} (private, encrypted${clients.overTls ? ', TLS only' : '; no TLS-only policy over this plain-HTTP endpoint'})`,
      );
    }
    const prefix = `${stackName}/`;
    const packaged = artifact(
      'template.yaml',
      new TextEncoder().encode(packageTemplate(templateText, definition && { bucket, key: contentKey(prefix, definition) })),
    );
    const uploads = await uploadContentAddressed(s3, bucket, prefix, [lambda, ...(definition ? [definition] : []), packaged]);
    for (const entry of uploads.uploaded) io.print(`  uploaded  s3://${bucket}/${entry.key} (${entry.bytes} bytes)`);
    if (uploads.uploaded.length === 0) io.print(`  artifacts unchanged in s3://${bucket}/${prefix}`);

    phase = 'creating the change set';
    const parameters: Parameter[] = [];
    const explicit: Record<string, string> = {
      ...options.parameters,
      LambdaCodeBucket: bucket,
      LambdaCodeKey: uploads.entries['lambda.zip']!.key,
      AcademyMode: academy ? 'true' : 'false',
    };
    const url = templateUrl(bucket, uploads.entries['template.yaml']!.key, region);
    if (existing && !create) {
      // Parameters not named keep their values (as `aws cloudformation deploy` does): those
      // still at the template's default are left to it, the others spelled out (NoEcho ones
      // come back as ****: previous value), so an unchanged stack is recognised as such.
      const defaults = await templateDefaults(cf, url);
      for (const [key, value] of Object.entries(stackParameters(existing))) {
        if (key in explicit || !defaults.has(key) || defaults.get(key) === value) continue;
        parameters.push(value === '****' ? { ParameterKey: key, UsePreviousValue: true } : { ParameterKey: key, ParameterValue: value });
      }
    }
    for (const [key, value] of Object.entries(explicit)) parameters.push({ ParameterKey: key, ParameterValue: value });
    const changeSetName = `lakedeck-${(options.now ?? (() => new Date()))()
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 14)}`;
    const plan = await createChangeSet(
      cf,
      {
        stackName,
        changeSetName,
        create,
        parameters,
        templateUrl: url,
      },
      sleep,
      Math.min(pollMs, 2000),
    );

    let outcome: DeployResult['outcome'] = 'no-changes';
    if (plan.status === 'no-changes') {
      io.print(`No changes: stack '${stackName}' already runs this code and these parameters.`);
    } else {
      io.print(`Change set ${changeSetName} for ${create ? 'a new' : 'the'} stack '${stackName}':`);
      for (const line of describeChanges(plan.changes)) io.print(line);
      const losing = plan.changes.filter((c) => c.losesData);
      if (losing.length > 0) io.print(`!! ${losing.length} change(s) replace or delete a resource that holds data: its contents are lost.`);
      const dropChangeSet = () =>
        cf.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName })).catch(() => {});
      const go =
        options.yes ||
        (await io
          .confirm(create ? `Create stack '${stackName}'?` : `Apply these changes to '${stackName}'?`)
          .catch(async (error: unknown) => {
            await dropChangeSet();
            throw error;
          }));
      if (!go) {
        await dropChangeSet();
        io.print('Cancelled: the change set was deleted; the stack is as it was.');
        return { outcome: 'cancelled', uploads, spark: { uploaded: [], unchanged: [] }, outputs: existing ? stackOutputs(existing) : {} };
      }
      phase = 'applying the change set';
      const stackId = existing?.StackId ?? (await findStack(cf, stackName))?.StackId ?? stackName;
      const seen = await seenEventIds(cf, stackId);
      try {
        await cf.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
      } catch (error) {
        throw toLakeError(error, { what: `executing change set ${changeSetName}` });
      }
      phase = 'following the stack events';
      const settled = await followStack(cf, { stackId, stackName, seen, print: io.print, sleep, pollMs });
      if (!settled.ok) {
        const cause = settled.firstFailure
          ? `${settled.firstFailure.logicalId} (${settled.firstFailure.resourceType}) failed: ${settled.firstFailure.reason}`
          : 'CloudFormation gave no reason';
        throw new LakeError('bad-input', `Stack '${stackName}' ended ${settled.status}. First failure: ${cause}`);
      }
      outcome = 'deployed';
    }

    phase = 'uploading the Spark artifacts';
    const stack = await findStack(cf, stackName);
    const outputs = stack ? stackOutputs(stack) : {};
    const lake = outputs.LakeBucketName ?? (await physicalId(cf, stackName, 'LakeBucket'));
    let sparkReport = { uploaded: [] as string[], unchanged: [] as string[] };
    if (lake) {
      const sparkPrefix = `${outputs.ArtifactsPrefix ?? 'artifacts/'}spark/`;
      sparkReport = await uploadSparkArtifacts(s3, lake, sparkPrefix, spark.files, spark.manifest);
      io.print(
        sparkReport.uploaded.length > 0
          ? `Spark artifacts: ${sparkReport.uploaded.length} uploaded to s3://${lake}/${sparkPrefix} (${sparkReport.unchanged.length} unchanged)`
          : `Spark artifacts unchanged in s3://${lake}/${sparkPrefix}`,
      );
    } else {
      io.print('The stack has no lake bucket (no LakeBucketName output, no LakeBucket resource): Spark artifacts not uploaded.');
    }

    io.print('');
    io.print(`Stack '${stackName}' is ${stack?.StackStatus ?? 'unknown'}.`);
    const keys = Object.keys(outputs).sort();
    if (keys.length > 0) {
      io.print('Outputs:');
      const width = Math.max(...keys.map((k) => k.length));
      for (const key of keys) io.print(`  ${key.padEnd(width)}  ${outputs[key]}`);
    } else {
      io.print('The stack reports no outputs.');
    }
    io.print(`Open the console on it: lakedeck --stack ${stackName}${region ? ` --region ${region}` : ''}`);
    return { outcome, uploads, spark: sparkReport, outputs };
  } catch (error) {
    if (error instanceof LakeError && error.code === 'expired-credentials') {
      const after =
        phase === 'following the stack events' || phase === 'uploading the Spark artifacts'
          ? 'CloudFormation carries on (or rolls back) without them.'
          : 'The stack was not changed; artifacts uploaded so far are not in the manifest, so the next deploy uploads them again.';
      throw new LakeError(
        'expired-credentials',
        `AWS credentials expired while ${phase}. ${after} Refresh them (AWS Academy: the lab page; SSO: aws sso login) and run lakedeck deploy --stack ${stackName} again.`,
        { cause: error },
      );
    }
    throw error;
  }
}
