// The delete path of the EMR-managed security groups against moto's EC2: the rules EMR adds
// between the primary and core groups are revoked, other rules stay, and a second run (after a
// partial delete) is harmless. moto does not refuse to delete a referenced group the way EC2
// does, so the test asserts on the rules themselves.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeEmrGroupReferences } from '../../src/backends/aws/emr-security-groups.js';
import { clientConfig } from '../../src/backends/aws/clients.js';
import { startMoto, type Moto } from '../support/moto.js';

let moto: Moto;
let ec2: EC2Client;

beforeAll(async () => {
  moto = await startMoto();
  Object.assign(process.env, moto.env);
  ec2 = new EC2Client({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
});

afterAll(async () => {
  ec2?.destroy();
  await moto?.stop();
});

async function group(vpcId: string, name: string): Promise<string> {
  return (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }))).GroupId!;
}

async function ingress(groupId: string) {
  const [found] = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups!;
  return found.IpPermissions ?? [];
}

describe('revokeEmrGroupReferences', () => {
  it('revokes the rules that make the EMR groups reference each other, and keeps the rest', async () => {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }))).Vpc!.VpcId!;
    const primary = await group(vpcId, 'emr-primary');
    const core = await group(vpcId, 'emr-core');
    // What EMR does to its managed groups: everything from each other, plus a CIDR rule.
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: primary,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, UserIdGroupPairs: [{ GroupId: core }, { GroupId: primary }] },
          { IpProtocol: 'tcp', FromPort: 8443, ToPort: 8443, IpRanges: [{ CidrIp: '10.42.0.0/16' }] },
        ],
      }),
    );
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: core,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, UserIdGroupPairs: [{ GroupId: primary }, { GroupId: core }] },
          { IpProtocol: 'udp', FromPort: 0, ToPort: 65535, UserIdGroupPairs: [{ GroupId: primary }] },
        ],
      }),
    );

    const settings = clientConfig({ region: 'us-east-1', endpoint: moto.endpoint });
    const revoked = await revokeEmrGroupReferences(settings, [primary, core]);
    expect(revoked.sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual(
      [
        { groupId: primary, ingress: 2, egress: 0 },
        { groupId: core, ingress: 3, egress: 0 },
      ].sort((a, b) => a.groupId.localeCompare(b.groupId)),
    );

    const left = [...(await ingress(primary)), ...(await ingress(core))];
    expect(left.flatMap((p) => p.UserIdGroupPairs ?? [])).toEqual([]);
    expect(await ingress(primary)).toEqual([
      expect.objectContaining({ FromPort: 8443, IpRanges: [expect.objectContaining({ CidrIp: '10.42.0.0/16' })] }),
    ]);

    // Run again after one group is gone: nothing to do, no error.
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: core }));
    expect(await revokeEmrGroupReferences(settings, [primary, core])).toEqual([{ groupId: primary, ingress: 0, egress: 0 }]);
    expect(await revokeEmrGroupReferences(settings, [])).toEqual([]);
  });

  it('reports an unreachable endpoint as a LakeError naming what it was doing', async () => {
    const settings = { ...clientConfig({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }), maxAttempts: 1 };
    await expect(revokeEmrGroupReferences(settings, ['sg-0123456789abcdef0'])).rejects.toThrow(
      /reading security groups sg-0123456789abcdef0/,
    );
  });
});
