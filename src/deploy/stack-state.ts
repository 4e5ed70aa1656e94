// What a deploy or destroy needs to know about the stack before it starts: whether it exists,
// its status (some cannot be updated), parameters and outputs, and the lake bucket.
import { DescribeStackResourceCommand, DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { toLakeError } from '../backends/aws/errors.js';

export async function findStack(cf: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    const stack = (await cf.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    return stack && stack.StackStatus !== 'DELETE_COMPLETE' ? stack : undefined;
  } catch (error) {
    if ((error as { name?: string }).name === 'ValidationError' && /does not exist/.test((error as Error).message)) return undefined;
    throw toLakeError(error, { what: `reading stack '${stackName}'` });
  }
}

export function stackOutputs(stack: Stack): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const o of stack.Outputs ?? []) if (o.OutputKey && o.OutputValue !== undefined) outputs[o.OutputKey] = o.OutputValue;
  return outputs;
}

export function stackParameters(stack: Stack): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const p of stack.Parameters ?? []) if (p.ParameterKey) parameters[p.ParameterKey] = p.ParameterValue ?? '';
  return parameters;
}

/**
 * A resource's physical id by its logical id: the lake bucket when the stack's outputs do not
 * name it (moto drops outputs of stacks made through change sets; on AWS the output is there).
 */
export async function physicalId(cf: CloudFormationClient, stackName: string, logicalId: string): Promise<string | undefined> {
  try {
    const detail = await cf.send(new DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: logicalId }));
    return detail.StackResourceDetail?.PhysicalResourceId;
  } catch (error) {
    if ((error as { name?: string }).name === 'ValidationError') return undefined;
    throw toLakeError(error, { what: `reading resource ${logicalId} of stack '${stackName}'` });
  }
}
