// Finds everything the console needs from one CloudFormation stack name (the output names are
// the contract with cloudformation/: see design.md).
import { DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { LakeError } from '../../core/errors.js';
import { toLakeError } from './errors.js';

export type StackOutputs = Record<string, string>;

export async function readStackOutputs(client: CloudFormationClient, stackName: string, endpoint?: string): Promise<StackOutputs> {
  return outputsOf(await readStack(client, stackName, endpoint));
}

/** The stack's whole description (the Stack view reuses it), or a plain error when it does not exist. */
export async function readStack(client: CloudFormationClient, stackName: string, endpoint?: string): Promise<Stack> {
  let response;
  try {
    response = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (error) {
    const message = (error as Error).message ?? '';
    if ((error as { name?: string }).name === 'ValidationError' && /does not exist/.test(message)) {
      throw new LakeError('config', `Stack '${stackName}' does not exist in this account and region (check --stack, --region, --profile)`, {
        cause: error,
      });
    }
    throw toLakeError(error, { what: `reading stack '${stackName}'`, endpoint });
  }
  const stack = response.Stacks?.[0];
  if (!stack) throw new LakeError('config', `Stack '${stackName}' does not exist`);
  return stack;
}

export function outputsOf(stack: Stack): StackOutputs {
  const outputs: StackOutputs = {};
  for (const output of stack.Outputs ?? []) {
    if (output.OutputKey && output.OutputValue !== undefined) outputs[output.OutputKey] = output.OutputValue;
  }
  return outputs;
}

export function requireOutput(outputs: StackOutputs, name: string, stackName: string): string {
  const value = outputs[name];
  if (!value) {
    throw new LakeError('config', `Stack '${stackName}' has no output '${name}': is it a lakedeck stack? (or pass --bucket)`);
  }
  return value;
}
