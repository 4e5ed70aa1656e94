"""The template packaged with the real `aws cloudformation package` and created on moto's
CloudFormation (loopback server), in the default mode and in AWS Academy mode.

moto skips resource types it does not model; those are pinned in UNEXERCISED so the list stays
honest. Everything moto did create is checked through the service APIs."""
import copy
import json
import os
import re
import subprocess

import boto3
import pytest

import stackkit
from stackkit import ASL, TEMPLATE, VENV_BIN, load_template

# moto warns once per skipped resource type; UNEXERCISED below is the assertion that matters.
pytestmark = pytest.mark.filterwarnings("ignore:Tried to parse AWS.*not supported by moto:UserWarning")

DEPLOY_BUCKET = "lakedeck-deploy-artifacts"
CODE_KEY = "lakedeck/lambda.zip"

# Resource types of the template that moto's CloudFormation does not model (it skips them).
UNEXERCISED = {
    "AWS::S3::BucketPolicy", "AWS::Glue::Database", "AWS::Glue::Table", "AWS::Athena::WorkGroup",
    "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Integration", "AWS::ApiGatewayV2::Route",
    "AWS::ApiGatewayV2::Stage", "AWS::SNS::TopicPolicy", "AWS::SNS::Subscription",
    "AWS::CloudWatch::Alarm", "Custom::EmrSecurityGroupCleanup", "Custom::EmrInTransitCertificates",
}
# What had to change for moto's sake, beyond inlining the packaged definition.
DROPPED_OUTPUTS = ["ApiUrl", "DatabaseSecretArn"]
# Outputs moto itself leaves out because they Ref an unmodelled resource.
OUTPUTS_MOTO_OMITS = {"GlueDatabaseName", "AthenaWorkGroupName"}
# Properties moto's CloudFormation ignores on types it does model (asserted on the parsed template
# in test_cfn_security.py instead): S3::Bucket applies only the SSE algorithm and Tags;
# RDS::DBInstance ignores VPCSecurityGroups; an environment variable that Refs an unmodelled
# resource (LAKEDECK_ATHENA_WORKGROUP) is dropped.
MOTO_LIMITS = {
    "custom resource EmrSecurityGroupCleanup left out",
    "custom resource EmrInTransitCertificates left out",
    # Issued by the Lambda bundle's handler (test/lambda/emr-certificates.test.ts covers it).
    "GetAtt EmrInTransitCertificates.S3Uri replaced at Resources/EmrSecurityConfiguration/Properties/SecurityConfiguration/"
    "EncryptionConfiguration/InTransitEncryptionConfiguration/TLSCertificateConfiguration/S3Object",
    "Fn::Cidr evaluated at Resources/EmrSubnet/Properties/CidrBlock/Fn::Select[1]",
    "Fn::Cidr evaluated at Resources/PrivateSubnetA/Properties/CidrBlock/Fn::Select[1]",
    "Fn::Cidr evaluated at Resources/PrivateSubnetB/Properties/CidrBlock/Fn::Select[1]",
    "GetAtt Database.MasterUserSecret.SecretArn replaced at Resources/ExtractFunction/Properties/Environment/Variables/LAKEDECK_DB_SECRET_ARN",
    "GetAtt Database.MasterUserSecret.SecretArn replaced at Resources/ExtractFunctionRole/Properties/Policies[0]/PolicyDocument/Statement[3]/Resource",
} | {
    f"GetAtt {alarm}.Arn replaced at Resources/Dashboard/Properties/DashboardBody/Fn::Sub[1]/{key}"
    for alarm, key in (
        ("ExecutionsFailedAlarm", "FailedAlarmArn"), ("ExecutionsTimedOutAlarm", "TimedOutAlarmArn"),
        ("ExecutionsAbortedAlarm", "AbortedAlarmArn"), ("IngestErrorsAlarm", "IngestAlarmArn"),
        ("ExtractErrorsAlarm", "ExtractAlarmArn"), ("QueryErrorsAlarm", "QueryAlarmArn"))
}
STACKS = {
    "lakedeck-test": {"LambdaCodeBucket": DEPLOY_BUCKET, "LambdaCodeKey": CODE_KEY},
    "lakedeck-academy": {"LambdaCodeBucket": DEPLOY_BUCKET, "LambdaCodeKey": CODE_KEY,
                         "AcademyMode": "true", "GlueDatabaseName": "lakedeck_academy"},
}


@pytest.fixture(scope="module")
def aws(moto_endpoint):
    def client(service):
        return boto3.client(service, endpoint_url=moto_endpoint, region_name="us-east-1")
    return client


@pytest.fixture(scope="module")
def packaged(aws, moto_endpoint, tmp_path_factory):
    """`aws cloudformation package`, exactly as the README runs it, against moto's S3."""
    s3 = aws("s3")
    s3.create_bucket(Bucket=DEPLOY_BUCKET)
    s3.put_object(Bucket=DEPLOY_BUCKET, Key=CODE_KEY, Body=stackkit.lambda_zip())
    out = tmp_path_factory.mktemp("package") / "packaged.yaml"
    # AWS_ENDPOINT_URL keeps every request of the CLI on the loopback server.
    env = {**os.environ, "AWS_ENDPOINT_URL": moto_endpoint}
    proc = subprocess.run(
        [str(VENV_BIN / "aws"), "cloudformation", "package", "--template-file", str(TEMPLATE),
         "--s3-bucket", DEPLOY_BUCKET, "--s3-prefix", "lakedeck/templates",
         "--output-template-file", str(out)],
        capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return load_template(out)


@pytest.fixture(scope="module")
def stacks(aws, packaged):
    s3, cfn, iam = aws("s3"), aws("cloudformation"), aws("iam")
    location = packaged["Resources"]["PipelineStateMachine"]["Properties"]["DefinitionS3Location"]
    asl_text = s3.get_object(Bucket=location["Bucket"], Key=location["Key"])["Body"].read().decode()
    # An AWS Academy account comes with these; the stack only refers to them.
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                        "Principal": {"Service": ["lambda.amazonaws.com", "states.amazonaws.com", "events.amazonaws.com"]}}]})
    iam.create_role(RoleName="LabRole", AssumeRolePolicyDocument=trust)
    created = {}
    for name, params in STACKS.items():
        template, dropped, changes = stackkit.for_moto(packaged, asl_text, params)
        cfn.create_stack(
            StackName=name, TemplateBody=json.dumps(template),
            Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in params.items()],
            Capabilities=["CAPABILITY_IAM"])
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
        created[name] = {
            "status": stack["StackStatus"],
            "outputs": stackkit.stack_outputs(cfn, name),
            "resources": stackkit.stack_resources(cfn, name),
            "dropped": dropped,
            "changes": set(changes),
            "template": template,
        }
    return created


def test_package_uploads_the_definition_unchanged(aws, packaged):
    location = packaged["Resources"]["PipelineStateMachine"]["Properties"]["DefinitionS3Location"]
    assert location["Bucket"] == DEPLOY_BUCKET and location["Key"].startswith("lakedeck/templates/")
    body = aws("s3").get_object(Bucket=location["Bucket"], Key=location["Key"])["Body"].read()
    assert body == ASL.read_bytes()
    # Everything else is left as written.
    source, result = load_template(), copy.deepcopy(packaged)
    source["Resources"]["PipelineStateMachine"]["Properties"].pop("DefinitionS3Location")
    result["Resources"]["PipelineStateMachine"]["Properties"].pop("DefinitionS3Location")
    assert result == source


def test_both_stacks_create_complete_with_only_the_known_moto_limits(stacks):
    for name, stack in stacks.items():
        assert stack["status"] == "CREATE_COMPLETE", name
        assert stack["dropped"] == DROPPED_OUTPUTS, name
        assert stack["changes"] == MOTO_LIMITS, name


def test_unexercised_types_are_exactly_the_ones_moto_does_not_model(template):
    from moto.cloudformation.parsing import get_model_map

    types = {r["Type"] for r in template["Resources"].values()}
    assert types - set(get_model_map()) == UNEXERCISED


def test_every_modelled_resource_was_created(stacks):
    from moto.cloudformation.parsing import get_model_map

    modelled = set(get_model_map())
    for name, stack in stacks.items():
        expected = {logical for logical, res in stackkit.effective_resources(
            stack["template"], STACKS[name]).items() if res["Type"] in modelled}
        got = {logical for logical, res in stack["resources"].items()
               if res["ResourceType"] in modelled and res["ResourceStatus"] == "CREATE_COMPLETE"}
        assert got == expected, name


def test_outputs_point_at_what_was_created(aws, stacks):
    out = stacks["lakedeck-test"]["outputs"]
    buckets = {b["Name"] for b in aws("s3").list_buckets()["Buckets"]}
    assert out["LakeBucketName"] in buckets
    assert out["ArtifactsPrefix"] == "artifacts/"
    assert out["EmrLogUri"] == f"s3://{out['LakeBucketName']}/logs/emr/"
    assert out["MetricsNamespace"] == "Lakedeck"
    sfn = aws("stepfunctions")
    assert sfn.describe_state_machine(stateMachineArn=out["StateMachineArn"])["name"] == "lakedeck-test-pipeline"
    assert aws("events").describe_rule(Name=out["ScheduleRuleName"])["Name"] == out["ScheduleRuleName"]
    lam = aws("lambda")
    for key in ("IngestFunctionName", "ExtractFunctionName", "QueryFunctionName"):
        assert lam.get_function(FunctionName=out[key])["Configuration"]["FunctionName"] == out[key]
    assert aws("sns").get_topic_attributes(TopicArn=out["AlarmTopicArn"])["Attributes"]["TopicArn"] \
        == out["AlarmTopicArn"]
    assert out["DatabasePort"] == "5432"
    assert set(out) == set(stacks["lakedeck-test"]["template"]["Outputs"]) - OUTPUTS_MOTO_OMITS


def test_buckets_are_encrypted_and_tagged(aws, stacks):
    s3 = aws("s3")
    resources = stacks["lakedeck-test"]["resources"]
    lake = stacks["lakedeck-test"]["outputs"]["LakeBucketName"]
    assert resources["LakeBucket"]["PhysicalResourceId"] == lake
    rule = s3.get_bucket_encryption(Bucket=lake)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    logs = resources["AccessLogsBucket"]["PhysicalResourceId"]
    rule = s3.get_bucket_encryption(Bucket=logs)["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    for bucket in (lake, logs):
        tags = s3.get_bucket_tagging(Bucket=bucket)["TagSet"]
        assert {"Key": "lakedeck:stack", "Value": "lakedeck-test"} in tags


def test_state_machine_definition_is_fully_substituted(aws, stacks):
    out = stacks["lakedeck-test"]["outputs"]
    sfn = aws("stepfunctions")
    machine = sfn.describe_state_machine(stateMachineArn=out["StateMachineArn"])
    text = machine["definition"]
    assert "${" not in text
    definition = json.loads(text)
    assert definition["States"]["NotifyFailure"]["Parameters"]["TopicArn"] == out["AlarmTopicArn"]
    ingest_arn = aws("lambda").get_function(FunctionName=out["IngestFunctionName"])["Configuration"]["FunctionArn"]
    branch = definition["States"]["Ingest"]["Branches"][0]["States"]["IngestCovidCsv"]
    assert branch["Parameters"]["FunctionName"] == ingest_arn
    create = definition["States"]["CreateCluster"]["Parameters"]
    assert create["ServiceRole"] == out["EmrServiceRoleName"]
    assert create["JobFlowRole"] == out["EmrInstanceProfileName"]
    assert create["Instances"]["Ec2SubnetId"] == out["EmrSubnetId"]
    assert create["LogUri"] == out["EmrLogUri"]
    assert create["ReleaseLabel"] == "emr-7.12.0"
    # "$$" (the context object) survives substitution.
    assert "$$.Execution.Id" in text
    assert machine["roleArn"].split("/")[-1].startswith("lakedeck-test-StateMachineRole")


def test_lambdas_run_node22_from_the_code_bucket_with_their_roles(aws, stacks):
    out = stacks["lakedeck-test"]["outputs"]
    lam, iam = aws("lambda"), aws("iam")
    ingest = lam.get_function_configuration(FunctionName=out["IngestFunctionName"])
    assert ingest["Runtime"] == "nodejs22.x" and ingest["Handler"] == "index.handler"
    assert ingest["Environment"]["Variables"]["LAKEDECK_BUCKET"] == out["LakeBucketName"]
    role = iam.get_role(RoleName=ingest["Role"].split("/")[-1])["Role"]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "lambda.amazonaws.com"}
    extract = lam.get_function_configuration(FunctionName=out["ExtractFunctionName"])
    assert extract["VpcConfig"]["SubnetIds"] and extract["VpcConfig"]["SecurityGroupIds"]
    assert extract["Handler"] == "index.handler"
    assert extract["Environment"]["Variables"]["PGHOST"] == out["DatabaseEndpoint"]
    assert extract["Environment"]["Variables"]["LAKEDECK_DB_SECRET_ARN"] == \
        "moto-unsupported:Database.MasterUserSecret.SecretArn"
    query = lam.get_function_configuration(FunctionName=out["QueryFunctionName"])
    assert query["Handler"] == "index.query" and query["Timeout"] == 29
    assert query["Environment"]["Variables"]["LAKEDECK_GLUE_DATABASE"] == "lakedeck"


def test_database_is_private_and_encrypted(aws, stacks):
    rds = aws("rds")
    endpoint = stacks["lakedeck-test"]["outputs"]["DatabaseEndpoint"]
    db = next(d for d in rds.describe_db_instances()["DBInstances"]
              if d["Endpoint"]["Address"] == endpoint)
    assert db["Engine"] == "postgres"
    assert db["PubliclyAccessible"] is False
    assert db["StorageEncrypted"] is True
    assert db["Endpoint"]["Port"] == 5432
    ec2 = aws("ec2")
    resources = stacks["lakedeck-test"]["resources"]
    db_sg = resources["DatabaseSecurityGroup"]["PhysicalResourceId"]
    extract_sg = resources["ExtractFunctionSecurityGroup"]["PhysicalResourceId"]
    rules = ec2.describe_security_groups(GroupIds=[db_sg])["SecurityGroups"][0]["IpPermissions"]
    assert [(r["FromPort"], r["ToPort"], [p["GroupId"] for p in r["UserIdGroupPairs"]], r["IpRanges"])
            for r in rules] == [(5432, 5432, [extract_sg], [])]
    extract = aws("lambda").get_function_configuration(
        FunctionName=stacks["lakedeck-test"]["outputs"]["ExtractFunctionName"])
    assert extract["VpcConfig"]["SecurityGroupIds"] == [extract_sg]
    subnets = ec2.describe_subnets(SubnetIds=[s["SubnetIdentifier"] for s in
                                              db["DBSubnetGroup"]["Subnets"]])["Subnets"]
    assert len(subnets) == 2 and not any(s["MapPublicIpOnLaunch"] for s in subnets)


def test_schedule_is_disabled_by_default_and_targets_the_state_machine(aws, stacks):
    out = stacks["lakedeck-test"]["outputs"]
    events = aws("events")
    rule = events.describe_rule(Name=out["ScheduleRuleName"])
    assert rule["State"] == "DISABLED"
    assert rule["ScheduleExpression"] == "rate(1 day)"
    target = events.list_targets_by_rule(Rule=out["ScheduleRuleName"])["Targets"][0]
    assert target["Arn"] == out["StateMachineArn"]
    assert json.loads(target["Input"]) == {"trigger": "schedule"}


def test_academy_stack_creates_no_iam_and_uses_lab_roles(aws, stacks):
    stack = stacks["lakedeck-academy"]
    assert not [r for r in stack["resources"].values() if r["ResourceType"].startswith("AWS::IAM::")]
    out = stack["outputs"]
    lab_role = "arn:aws:iam::123456789012:role/LabRole"
    lam = aws("lambda")
    for key in ("IngestFunctionName", "ExtractFunctionName", "QueryFunctionName"):
        assert lam.get_function_configuration(FunctionName=out[key])["Role"] == lab_role
    machine = aws("stepfunctions").describe_state_machine(stateMachineArn=out["StateMachineArn"])
    assert machine["roleArn"] == lab_role
    create = json.loads(machine["definition"])["States"]["CreateCluster"]["Parameters"]
    assert create["ServiceRole"] == "EMR_DefaultRole"
    assert create["JobFlowRole"] == "EMR_EC2_DefaultRole"
    target = aws("events").list_targets_by_rule(Rule=out["ScheduleRuleName"])["Targets"][0]
    assert target["RoleArn"] == lab_role
    # The default-mode stack did create its own roles, so the difference is the mode, not moto.
    default_iam = [r for r in stacks["lakedeck-test"]["resources"].values()
                   if r["ResourceType"] == "AWS::IAM::Role"]
    assert len(default_iam) == 9


def test_readme_names_the_types_moto_could_not_exercise():
    readme = (TEMPLATE.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("moto does not model"):readme.index("so those are")]
    named = set(re.findall(r"`((?:AWS::[A-Za-z0-9]+|Custom)::[A-Za-z0-9]+)`", section))
    for group, members in re.findall(r"`(AWS::[A-Za-z0-9]+)::\{([A-Za-z0-9,]+)\}`", section):
        named |= {f"{group}::{m}" for m in members.split(",")}
    assert named == UNEXERCISED


def test_dashboard_shows_runs_rows_durations_and_scanned_bytes(aws, stacks):
    out = stacks["lakedeck-test"]["outputs"]
    body = json.loads(aws("cloudwatch").get_dashboard(DashboardName=out["DashboardName"])["DashboardBody"])
    widgets = {w["properties"]["title"]: w for w in body["widgets"]}
    runs = widgets["Pipeline runs"]["properties"]["metrics"]
    assert runs[0] == ["AWS/States", "ExecutionsStarted", "StateMachineArn", out["StateMachineArn"]]
    rows = widgets["Rows ingested per source"]["properties"]["metrics"][0][0]["expression"]
    assert rows == "SEARCH('{Lakedeck,Source} MetricName=\"RowsIngested\"', 'Sum', 86400)"
    durations = widgets["Step durations (seconds) per run"]
    assert durations["type"] == "log"
    assert durations["properties"]["query"].startswith(f"SOURCE '{out['StateMachineLogGroupName']}' |")
    for state in ("RunEtl", "RunAnalytics", "RunMl"):
        assert f"'{state}'" in durations["properties"]["query"]
    scanned = widgets["Athena data scanned (bytes)"]["properties"]["metrics"][0]
    assert scanned[:3] == ["AWS/Athena", "ProcessedBytes", "WorkGroup"]
    # The EMR cluster series of the console's catalog (src/core/metric-catalog.ts), any cluster.
    emr = [m[0]["expression"] for title in ("EMR idle, apps running and pending", "EMR HDFS use (%)")
           for m in widgets[title]["properties"]["metrics"]]
    assert emr == [f"SEARCH('{{AWS/ElasticMapReduce,JobFlowId}} MetricName=\"{name}\"', 'Average', 300)"
                   for name in ("IsIdle", "AppsRunning", "AppsPending", "HDFSUtilization")]
