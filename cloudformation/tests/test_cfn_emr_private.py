"""Issue 17 finding 7: the EMR cluster runs in a private subnet (no public IP, no route to the
internet; S3 and KMS through VPC endpoints, EMR through the service access group) and with a
security configuration that encrypts at rest, under a stack-made KMS key whose policy lets only
the EMR roles use it. Both modes; every test failed on the template before the change."""
import json

import pytest

import iamkit
import stackkit

MODES = {"default": {}, "academy": {"AcademyMode": "true"}}
# The data operations (DescribeKey, also an administrator's, is checked for the users only).
KEY_USE = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:GenerateDataKey"]


@pytest.fixture(scope="module", params=sorted(MODES))
def mode(request):
    return request.param


@pytest.fixture(scope="module")
def resources(template, mode):
    return stackkit.effective_resources(template, MODES[mode])


@pytest.fixture(scope="module")
def create_cluster():
    states = json.loads(stackkit.ASL.read_text())["States"]
    return states["CreateCluster"]["Parameters"]


def of_type(resources, type_):
    return {n: r for n, r in resources.items() if r["Type"] == type_}


def substitution(resources, placeholder):
    """What a ${X} of the definition becomes: the DefinitionSubstitutions value."""
    name = placeholder.removeprefix("${").removesuffix("}")
    return resources["PipelineStateMachine"]["Properties"]["DefinitionSubstitutions"][name]


def route_table_of(resources, subnet):
    tables = [a["Properties"]["RouteTableId"] for a in of_type(resources, "AWS::EC2::SubnetRouteTableAssociation").values()
              if a["Properties"]["SubnetId"] == {"Ref": subnet}]
    assert len(tables) == 1, subnet
    return tables[0]["Ref"]


def test_the_cluster_runs_in_a_subnet_without_public_ips_or_internet_route(resources, create_cluster):
    assert substitution(resources, create_cluster["Instances"]["Ec2SubnetId"]) == {"Ref": "EmrSubnet"}
    assert resources["EmrSubnet"]["Properties"]["MapPublicIpOnLaunch"] is False
    table = route_table_of(resources, "EmrSubnet")
    assert not [r for r in of_type(resources, "AWS::EC2::Route").values() if r["Properties"]["RouteTableId"] == {"Ref": table}]
    # Nothing in the VPC could hand out a route to the internet later.
    for kind in ("AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::NatGateway", "AWS::EC2::EIP"):
        assert not of_type(resources, kind), kind


def test_the_private_cluster_reaches_s3_and_kms_through_endpoints(resources):
    table = route_table_of(resources, "EmrSubnet")
    endpoints = of_type(resources, "AWS::EC2::VPCEndpoint")
    s3 = [e["Properties"] for e in endpoints.values() if e["Properties"]["ServiceName"] == {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"}]
    assert len(s3) == 1 and s3[0]["VpcEndpointType"] == "Gateway" and {"Ref": table} in s3[0]["RouteTableIds"]
    kms = [e["Properties"] for e in endpoints.values() if e["Properties"]["ServiceName"] == {"Fn::Sub": "com.amazonaws.${AWS::Region}.kms"}]
    assert len(kms) == 1
    assert kms[0]["VpcEndpointType"] == "Interface" and kms[0]["PrivateDnsEnabled"] is True
    assert kms[0]["SubnetIds"] == [{"Ref": "EmrSubnet"}]
    # The endpoint answers the EMR nodes on 443 and nobody else.
    (group,) = kms[0]["SecurityGroupIds"]
    ingress = resources[group["Ref"]]["Properties"]["SecurityGroupIngress"]
    assert {json.dumps(r["SourceSecurityGroupId"]) for r in ingress} == {
        json.dumps({"Ref": "EmrPrimarySecurityGroup"}), json.dumps({"Ref": "EmrCoreSecurityGroup"})}
    assert all((r["IpProtocol"], r["FromPort"], r["ToPort"]) == ("tcp", 443, 443) for r in ingress)


def test_the_cluster_names_a_service_access_group_emr_may_manage(resources, create_cluster):
    group = substitution(resources, create_cluster["Instances"]["ServiceAccessSecurityGroup"])
    props = resources[group["Ref"]]["Properties"]
    assert resources[group["Ref"]]["Type"] == "AWS::EC2::SecurityGroup"
    # AmazonEMRServicePolicy_v2 acts only on resources carrying this tag.
    assert {"Key": "for-use-with-amazon-emr-managed-policies", "Value": "true"} in props["Tags"]
    assert not props.get("SecurityGroupIngress")


def test_the_cluster_uses_a_security_configuration_that_encrypts_at_rest(resources, create_cluster):
    ref = substitution(resources, create_cluster["SecurityConfiguration"])
    config = resources[ref["Ref"]]
    assert config["Type"] == "AWS::EMR::SecurityConfiguration"
    encryption = config["Properties"]["SecurityConfiguration"]["EncryptionConfiguration"]
    assert encryption["EnableAtRestEncryption"] is True
    at_rest = encryption["AtRestEncryptionConfiguration"]
    assert at_rest["S3EncryptionConfiguration"]["EncryptionMode"] in ("SSE-S3", "SSE-KMS")
    disk = at_rest["LocalDiskEncryptionConfiguration"]
    assert disk["EncryptionKeyProviderType"] == "AwsKms"
    assert disk["EnableEbsEncryption"] is True
    key = disk["AwsKmsKey"]["Fn::GetAtt"][0]
    assert resources[key]["Type"] == "AWS::KMS::Key"
    assert resources[key]["Properties"]["EnableKeyRotation"] is True


def principals(statement):
    found = statement["Principal"]
    if found == "*":
        return ["*"]
    values = found.get("AWS", [])
    return values if isinstance(values, list) else [values]


def test_the_local_disk_key_policy_is_least_privilege(template, mode, resources):
    names = iamkit.names_for(template, MODES[mode])
    policy = iamkit.statements(names.resolve(resources["EmrLocalDiskKey"]["Properties"]["KeyPolicy"]))
    account = f"arn:aws:iam::{iamkit.ACCOUNT}"
    nodes, service = ((f"{account}:role/{iamkit.STACK}-EmrInstanceRole-ABC123", f"{account}:role/{iamkit.STACK}-EmrServiceRole-ABC123")
                      if mode == "default" else (f"{account}:role/EMR_EC2_DefaultRole", f"{account}:role/EMR_DefaultRole"))
    for st in policy:
        assert st["Effect"] == "Allow"
        assert "*" not in principals(st) and "kms:*" not in iamkit._as_list(st["Action"]), st
        assert set(principals(st)) <= {f"{account}:root", nodes, service}, st

    def allowed(principal, action, context=None):
        return iamkit.allows([st for st in policy if principal in principals(st)], action, "*", context)

    # The account administers the key through IAM but no one uses it by delegation.
    assert allowed(f"{account}:root", "kms:PutKeyPolicy") and allowed(f"{account}:root", "kms:ScheduleKeyDeletion")
    assert not any(allowed(f"{account}:root", action) for action in KEY_USE)
    # The nodes' role (the instance profile the cluster gets) encrypts and decrypts its disks.
    assert all(allowed(nodes, action) for action in [*KEY_USE, "kms:DescribeKey"])
    assert not allowed(nodes, "kms:CreateGrant") and not allowed(nodes, "kms:PutKeyPolicy")
    # EMR's service role attaches encrypted EBS volumes: grants for AWS resources only.
    assert allowed(service, "kms:GenerateDataKeyWithoutPlaintext")
    assert allowed(service, "kms:CreateGrant", {"kms:GrantIsForAWSResource": "true"})
    assert not allowed(service, "kms:CreateGrant", {"kms:GrantIsForAWSResource": "false"})
    profile = resources["PipelineStateMachine"]["Properties"]["DefinitionSubstitutions"]["EmrInstanceProfile"]
    if mode == "academy":
        assert profile == "EMR_EC2_DefaultRole"  # the lab's instance profile holds the role of that name
    else:
        assert resources["EmrInstanceProfile"]["Properties"]["Roles"] == [{"Ref": "EmrInstanceRole"}]
