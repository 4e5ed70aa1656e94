// AWS Academy (Learner Lab) detection. Lab sessions run as the assumed role `voclabs` (or
// `LabRole`), which may not create IAM roles; the template's AcademyMode then uses the lab's
// pre-made roles. `--academy` forces it; the caller identity decides otherwise.
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { toLakeError } from '../backends/aws/errors.js';

const LAB_ROLE = /:assumed-role\/(voclabs|vocstartsoft|LabRole)\//;

export function isAcademyPrincipal(arn: string): boolean {
  return LAB_ROLE.test(arn);
}

export interface Caller {
  account: string;
  arn: string;
}

export async function callerIdentity(sts: STSClient): Promise<Caller> {
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return { account: identity.Account!, arn: identity.Arn ?? '' };
  } catch (error) {
    throw toLakeError(error, { what: 'reading who the credentials belong to (sts:GetCallerIdentity)' });
  }
}
