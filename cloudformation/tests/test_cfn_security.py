"""Security properties asserted on the parsed template, in both modes."""
import json
import re

import pytest

import stackkit

REQUIRED_OUTPUTS = {
    "LakeBucketName", "ArtifactsPrefix", "GlueDatabaseName", "AthenaWorkGroupName",
    "StateMachineArn", "ScheduleRuleName", "IngestFunctionName", "ApiUrl", "AlarmTopicArn",
    "EmrLogUri", "MetricsNamespace", "DatabaseSecretArn",
}
# Actions that have no resource-level permissions (or are scoped by a condition instead).
STAR_RESOURCE_ALLOWED = {
    "elasticmapreduce:RunJobFlow",
    "xray:PutTraceSegments", "xray:PutTelemetryRecords",
    "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
    "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
    "cloudwatch:PutMetricData", "lakeformation:GetDataAccess", "ec2:DescribeSecurityGroups",
}
MODES = {"default": {}, "academy": {"AcademyMode": "true"}}


def policy_documents(resources):
    """(where, statement) for every statement of every policy in the resources."""
    for name, res in resources.items():
        props = res.get("Properties", {})
        docs = []
        if res["Type"] in ("AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy"):
            docs.append(("policy", props["PolicyDocument"]))
        if res["Type"] == "AWS::IAM::Role":
            docs.append(("trust", props["AssumeRolePolicyDocument"]))
            docs += [(p["PolicyName"], p["PolicyDocument"]) for p in props.get("Policies", [])]
        if res["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            docs.append(("policy", props["PolicyDocument"]))
        for label, doc in docs:
            statements = doc["Statement"]
            for st in statements if isinstance(statements, list) else [statements]:
                yield f"{name}/{label}", st


def as_list(value):
    return value if isinstance(value, list) else [value]


def is_everyone(principal):
    if principal == "*":
        return True
    if isinstance(principal, dict):
        return any(v == "*" or (isinstance(v, list) and "*" in v) for v in principal.values())
    return False


def of_type(resources, type_):
    return {n: r for n, r in resources.items() if r["Type"] == type_}


@pytest.fixture(scope="module", params=sorted(MODES))
def resources(request, template):
    return stackkit.effective_resources(template, MODES[request.param])


def test_no_statement_lets_everyone_do_anything(resources):
    checked = 0
    for where, st in policy_documents(resources):
        if is_everyone(st.get("Principal")) or "NotPrincipal" in st:
            assert st["Effect"] == "Deny", f"{where}: {st}"
            checked += 1
    assert checked >= 4  # the TLS-only denies of both buckets and the topic
    for name, perm in of_type(resources, "AWS::Lambda::Permission").items():
        assert perm["Properties"]["Principal"] != "*"
        assert "SourceArn" in perm["Properties"], name


def test_public_access_blocked_and_encryption_on_every_bucket(resources):
    buckets = of_type(resources, "AWS::S3::Bucket")
    assert len(buckets) == 2
    for name, bucket in buckets.items():
        props = bucket["Properties"]
        assert props["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True, "BlockPublicPolicy": True,
            "IgnorePublicAcls": True, "RestrictPublicBuckets": True}, name
        rule = props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
        assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in ("aws:kms", "AES256"), name
        assert props["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
        assert "AccessControl" not in props, name
    lake = buckets["LakeBucket"]["Properties"]
    assert lake["BucketEncryption"]["ServerSideEncryptionConfiguration"][0] == {
        "ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": True}
    assert lake["LoggingConfiguration"]["DestinationBucketName"] == {"Ref": "AccessLogsBucket"}


def test_every_bucket_is_tls_only(resources):
    policies = {p["Properties"]["Bucket"]["Ref"]: p["Properties"]["PolicyDocument"]["Statement"]
                for p in of_type(resources, "AWS::S3::BucketPolicy").values()}
    for bucket in of_type(resources, "AWS::S3::Bucket"):
        deny = [st for st in policies[bucket]
                if st["Effect"] == "Deny" and st.get("Condition", {}).get("Bool")
                == {"aws:SecureTransport": "false"}]
        assert len(deny) == 1, bucket
        assert deny[0]["Action"] == "s3:*" and deny[0]["Principal"] == "*"
        # Both the bucket itself and every object in it.
        assert deny[0]["Resource"] == [{"Fn::GetAtt": [bucket, "Arn"]},
                                       {"Fn::Sub": f"${{{bucket}.Arn}}/*"}], bucket


def test_raw_is_versioned_and_lifecycle_rules_save_money(resources):
    lake = resources["LakeBucket"]["Properties"]
    assert lake["VersioningConfiguration"] == {"Status": "Enabled"}
    rules = {r["Id"]: r for r in lake["LifecycleConfiguration"]["Rules"]}
    assert all(r["Status"] == "Enabled" for r in rules.values())
    raw = rules["raw-to-infrequent-access"]
    assert raw["Prefix"] == "raw/"
    assert raw["Transitions"] == [{"StorageClass": "STANDARD_IA",
                                   "TransitionInDays": {"Ref": "RawInfrequentAccessAfterDays"}}]
    assert raw["NoncurrentVersionExpiration"]["NoncurrentDays"] >= 30
    # Rewritten zones must not pile up old versions (every Spark overwrite makes one).
    for prefix in ("trusted/", "refined/", "athena-results/", "logs/"):
        rule = next(r for r in rules.values() if r.get("Prefix") == prefix)
        assert rule["NoncurrentVersionExpiration"]["NoncurrentDays"] == 1, prefix
    assert rules["athena-results-expire"]["ExpirationInDays"] <= 30
    assert rules["abort-incomplete-multipart-uploads"]["AbortIncompleteMultipartUpload"] == {
        "DaysAfterInitiation": 2}


def test_no_default_password_anywhere(template):
    text = json.dumps(template)
    assert not re.search(r'"(MasterUserPassword|Password|MasterPassword)"', text)
    for name, param in template["Parameters"].items():
        assert "password" not in name.lower() and "secret" not in name.lower(), name
        assert not param.get("NoEcho"), name
    db = template["Resources"]["Database"]["Properties"]
    assert db["ManageMasterUserPassword"] is True
    assert not re.search(r"resolve:secretsmanager|resolve:ssm-secure", text)


def test_database_is_private_and_encrypted(resources):
    db = resources["Database"]["Properties"]
    assert db["PubliclyAccessible"] is False
    assert db["StorageEncrypted"] is True
    # Nothing signs in with IAM tokens (the Lambda uses the managed secret): no unused door.
    assert db["EnableIAMDatabaseAuthentication"] is False
    subnets = resources["DatabaseSubnetGroup"]["Properties"]["SubnetIds"]
    assert subnets == [{"Ref": "PrivateSubnetA"}, {"Ref": "PrivateSubnetB"}]
    for subnet in ("PrivateSubnetA", "PrivateSubnetB"):
        assert resources[subnet]["Properties"]["MapPublicIpOnLaunch"] is False
        assoc = [r for r in of_type(resources, "AWS::EC2::SubnetRouteTableAssociation").values()
                 if r["Properties"]["SubnetId"] == {"Ref": subnet}]
        assert [a["Properties"]["RouteTableId"] for a in assoc] == [{"Ref": "PrivateRouteTable"}]
    # The private route table has no route to the internet.
    routes = of_type(resources, "AWS::EC2::Route").values()
    assert all(r["Properties"]["RouteTableId"] != {"Ref": "PrivateRouteTable"} for r in routes)
    ingress = resources["DatabaseSecurityGroup"]["Properties"]["SecurityGroupIngress"]
    assert ingress == [{"Description": "PostgreSQL from the extraction Lambda", "IpProtocol": "tcp",
                        "FromPort": 5432, "ToPort": 5432,
                        "SourceSecurityGroupId": {"Ref": "ExtractFunctionSecurityGroup"}}]


def test_no_security_group_is_open_to_the_internet(resources):
    for name, sg in of_type(resources, "AWS::EC2::SecurityGroup").items():
        for rule in sg["Properties"].get("SecurityGroupIngress", []):
            assert rule.get("CidrIp") not in ("0.0.0.0/0",) and rule.get("CidrIpv6") != "::/0", name
    assert not of_type(resources, "AWS::EC2::SecurityGroupIngress")


def test_academy_mode_creates_no_iam_and_uses_the_lab_roles(template):
    resources = stackkit.effective_resources(template, {"AcademyMode": "true"})
    assert not [n for n, r in resources.items() if r["Type"].startswith("AWS::IAM::")]
    lab_role = {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/LabRole"}
    for name, fn in of_type(resources, "AWS::Lambda::Function").items():
        assert fn["Properties"]["Role"] == lab_role, name
    assert resources["PipelineStateMachine"]["Properties"]["RoleArn"] == lab_role
    assert resources["ScheduleRule"]["Properties"]["Targets"][0]["RoleArn"] == lab_role
    subs = resources["PipelineStateMachine"]["Properties"]["DefinitionSubstitutions"]
    assert subs["EmrServiceRole"] == "EMR_DefaultRole"
    assert subs["EmrInstanceProfile"] == "EMR_EC2_DefaultRole"
    # Nothing left pointing at a resource that Academy mode does not create.
    created = set(resources)
    text = json.dumps(resources)
    for ref in re.findall(r'"Ref": "([A-Za-z0-9]+)"', text):
        assert ref in created or ref in template["Parameters"], ref
    for target in re.findall(r'"Fn::GetAtt": \["([A-Za-z0-9]+)"', text):
        assert target in created, target


def test_default_mode_creates_least_privilege_roles(template):
    resources = stackkit.effective_resources(template)
    roles = of_type(resources, "AWS::IAM::Role")
    assert set(roles) == {"IngestFunctionRole", "ExtractFunctionRole", "QueryFunctionRole",
                          "EmrServiceRole", "EmrInstanceRole", "StateMachineRole", "ScheduleRole",
                          "EmrSecurityGroupCleanupRole", "EmrInTransitCertificatesRole"}
    for where, st in policy_documents(roles):
        if where.endswith("/trust"):
            assert set(st["Principal"]) == {"Service"}, where
            continue
        actions = as_list(st["Action"])
        for action in actions:
            assert action != "*" and not action.endswith(":*"), f"{where}: {action}"
        if "*" in as_list(st["Resource"]):
            extra = set(actions) - STAR_RESOURCE_ALLOWED
            assert not extra, f"{where}: {extra} on every resource"
        if "cloudwatch:PutMetricData" in actions:
            assert st["Condition"] == {"StringEquals": {"cloudwatch:namespace": {"Ref": "MetricsNamespace"}}}
    # Only the lake's own prefixes, never the whole bucket's objects.
    for where, st in policy_documents(roles):
        for resource in as_list(st.get("Resource", [])):
            if isinstance(resource, dict) and "Fn::Sub" in resource:
                assert not resource["Fn::Sub"].endswith("${LakeBucket.Arn}/*"), where
    managed = {arn["Fn::Sub"] for r in roles.values() for arn in r["Properties"].get("ManagedPolicyArns", [])}
    assert managed == {
        "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
        "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2",
    }


def test_lambdas_use_a_supported_node_runtime(resources):
    functions = of_type(resources, "AWS::Lambda::Function")
    # The stack-delete helper is inline Python (no bundle to ship); the rest run the Node bundle.
    assert functions.pop("EmrSecurityGroupCleanupFunction")["Properties"]["Runtime"] == "python3.12"
    assert len(functions) == 4
    for name, fn in functions.items():
        runtime = fn["Properties"]["Runtime"]
        assert re.fullmatch(r"nodejs(\d+)\.x", runtime) and int(runtime[6:-2]) >= 22, name
        assert fn["Properties"]["Code"] == {"S3Bucket": {"Ref": "LambdaCodeBucket"},
                                            "S3Key": {"Ref": "LambdaCodeKey"}}


def test_api_requires_iam_auth_and_is_throttled(resources):
    routes = of_type(resources, "AWS::ApiGatewayV2::Route")
    assert routes and all(r["Properties"]["AuthorizationType"] == "AWS_IAM" for r in routes.values())
    stage = resources["ApiStage"]["Properties"]
    assert stage["DefaultRouteSettings"]["ThrottlingRateLimit"] == {"Ref": "ApiThrottlingRateLimit"}
    assert stage["DefaultRouteSettings"]["ThrottlingBurstLimit"] == {"Ref": "ApiThrottlingBurstLimit"}
    assert "DestinationArn" in stage["AccessLogSettings"]


def test_athena_workgroup_enforces_location_encryption_and_cutoff(resources):
    config = resources["AthenaWorkGroup"]["Properties"]["WorkGroupConfiguration"]
    assert config["EnforceWorkGroupConfiguration"] is True
    assert config["BytesScannedCutoffPerQuery"] == {"Ref": "AthenaBytesScannedCutoffPerQuery"}
    assert config["ResultConfiguration"]["OutputLocation"] == {"Fn::Sub": "s3://${LakeBucket}/athena-results/"}
    assert config["ResultConfiguration"]["EncryptionConfiguration"]["EncryptionOption"] == "SSE_S3"
    assert config["PublishCloudWatchMetricsEnabled"] is True


def test_parameters_expose_the_processing_and_schedule_knobs(template):
    params = template["Parameters"]
    assert params["EmrReleaseLabel"]["Default"] == "emr-7.12.0"
    pattern = re.compile(params["EmrReleaseLabel"]["AllowedPattern"])
    assert pattern.match("emr-7.12.0") and pattern.match("emr-7.13.1")
    assert not pattern.match("emr-7.11.0") and not pattern.match("emr-6.15.0")
    for name in ("EmrPrimaryInstanceType", "EmrCoreInstanceType", "EmrCoreInstanceCount",
                 "EmrIdleTimeoutSeconds", "ScheduleExpression", "AthenaBytesScannedCutoffPerQuery"):
        assert name in params
    assert params["ScheduleState"]["AllowedValues"] == ["ENABLED", "DISABLED"]
    assert template["Resources"]["ScheduleRule"]["Properties"]["State"] == {"Ref": "ScheduleState"}
    assert params["AcademyMode"]["Default"] == "false"


def test_outputs_name_everything_the_console_needs(template):
    assert REQUIRED_OUTPUTS <= set(template["Outputs"])


def test_database_protection_does_not_block_the_first_rollback(template):
    """Deletion protection on at first create leaves a failed create ROLLBACK_FAILED with a running
    instance; it is off by default (turned on by an update), and deleting still keeps a snapshot."""
    assert template["Parameters"]["DatabaseDeletionProtection"]["Default"] == "false"
    db = template["Resources"]["Database"]
    assert db["Properties"]["DeletionProtection"] == {"Ref": "DatabaseDeletionProtection"}
    assert db["DeletionPolicy"] == "Snapshot" and db["UpdateReplacePolicy"] == "Snapshot"


def test_extraction_verifies_the_database_certificate(resources):
    env = resources["ExtractFunction"]["Properties"]["Environment"]["Variables"]
    assert env["PGSSLMODE"] == "verify-full"
    assert env["NODE_EXTRA_CA_CERTS"] == "/var/runtime/ca-cert.pem"
    assert env["PGHOST"] == {"Fn::GetAtt": ["Database", "Endpoint.Address"]}
