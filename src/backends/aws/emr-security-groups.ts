// The delete path of the EMR-managed security groups. EMR adds rules to the primary and core
// groups that reference each other (and the service access group), and EC2 refuses to delete a
// group another group's rule still points at (DependencyViolation), so deleting the stack stalls
// on them. Revoking every rule of these groups that names another group first lets the groups
// go. The stack does this itself on delete (EmrSecurityGroupCleanup); `lakedeck destroy` can call
// this too, for example before retrying a stack stuck in DELETE_FAILED.
import {
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type IpPermission,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { ClientConfig } from './clients.js';
import { toLakeError } from './errors.js';

type Ec2Send = Pick<EC2Client, 'send'>;

export interface RevokedRules {
  groupId: string;
  ingress: number;
  egress: number;
}

/** The rules of a permission that reference a group: only those block the other group's delete. */
function groupReferences(permissions: IpPermission[] | undefined): IpPermission[] {
  return (permissions ?? [])
    .filter((p) => (p.UserIdGroupPairs ?? []).length > 0)
    .map((p) => ({ IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort, UserIdGroupPairs: p.UserIdGroupPairs }));
}

/**
 * Revokes, in each of `groupIds`, every ingress and egress rule that references a security
 * group. Groups that no longer exist are skipped (a second run after a partial delete is fine).
 */
export async function revokeGroupReferences(ec2: Ec2Send, groupIds: string[]): Promise<RevokedRules[]> {
  const wanted = [...new Set(groupIds.filter(Boolean))];
  if (wanted.length === 0) return [];
  let groups: SecurityGroup[];
  try {
    groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: wanted }] }))).SecurityGroups ?? [];
  } catch (error) {
    throw toLakeError(error, { what: `reading security groups ${wanted.join(', ')}` });
  }
  const revoked: RevokedRules[] = [];
  for (const group of groups) {
    const groupId = group.GroupId!;
    const ingress = groupReferences(group.IpPermissions);
    const egress = groupReferences(group.IpPermissionsEgress);
    try {
      if (ingress.length) await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: ingress }));
      if (egress.length) await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: egress }));
    } catch (error) {
      throw toLakeError(error, { what: `revoking the rules of security group ${groupId}` });
    }
    revoked.push({
      groupId,
      ingress: ingress.reduce((n, p) => n + p.UserIdGroupPairs!.length, 0),
      egress: egress.reduce((n, p) => n + p.UserIdGroupPairs!.length, 0),
    });
  }
  return revoked;
}

/** The same with a client built from the shared settings (what `destroy` will call). */
export async function revokeEmrGroupReferences(settings: ClientConfig, groupIds: string[]): Promise<RevokedRules[]> {
  const ec2 = new EC2Client(settings);
  try {
    return await revokeGroupReferences(ec2, groupIds);
  } finally {
    ec2.destroy();
  }
}
