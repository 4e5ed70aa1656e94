"""The stack's delete path for the EMR-managed security groups: the custom resource's inline
code, taken from the template and run against moto's EC2, with a local HTTP server standing in
for CloudFormation's response URL. (moto does not refuse to delete a referenced group as EC2 does,
so the assertions are on the rules; moto's CloudFormation cannot run the custom resource.)"""
import http.server
import json
import threading
import types

import boto3
import pytest


@pytest.fixture(scope="module")
def cleanup_code(template):
    code = template["Resources"]["EmrSecurityGroupCleanupFunction"]["Properties"]["Code"]["ZipFile"]
    module = types.ModuleType("cleanup_index")
    exec(compile(code, "index.py", "exec"), module.__dict__)  # noqa: S102 - the template's own code
    return module


@pytest.fixture()
def response_url():
    """A stand-in for CloudFormation's pre-signed response URL: records each PUT body."""
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["content-length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/response", received
    finally:
        server.shutdown()


def emr_groups(ec2):
    vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    primary = ec2.create_security_group(GroupName="p", Description="p", VpcId=vpc)["GroupId"]
    core = ec2.create_security_group(GroupName="c", Description="c", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=primary, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535, "UserIdGroupPairs": [{"GroupId": core}, {"GroupId": primary}]},
        {"IpProtocol": "tcp", "FromPort": 8443, "ToPort": 8443, "IpRanges": [{"CidrIp": "10.42.0.0/16"}]}])
    ec2.authorize_security_group_ingress(GroupId=core, IpPermissions=[
        {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": primary}]}])
    return primary, core


def event(kind, url, group_ids):
    return {"RequestType": kind, "ResponseURL": url, "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/s/1",
            "RequestId": "r-1", "LogicalResourceId": "EmrSecurityGroupCleanup", "PhysicalResourceId": "cleanup-1",
            "ResourceProperties": {"GroupIds": group_ids}}


def test_delete_revokes_the_references_between_the_groups(cleanup_code, response_url, moto_endpoint, monkeypatch):
    url, received = response_url
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    ec2 = boto3.client("ec2", endpoint_url=moto_endpoint, region_name="us-east-1")
    primary, core = emr_groups(ec2)
    cleanup_code.handler(event("Delete", url, [primary, core]), types.SimpleNamespace(log_stream_name="s"))
    assert received[-1]["Status"] == "SUCCESS" and received[-1]["Data"] == {"Revoked": 3}
    groups = ec2.describe_security_groups(GroupIds=[primary, core])["SecurityGroups"]
    assert [p for g in groups for p in g["IpPermissions"] if p.get("UserIdGroupPairs")] == []
    kept = [p for g in groups for p in g["IpPermissions"]]
    assert [(p["FromPort"], p["IpRanges"][0]["CidrIp"]) for p in kept] == [(8443, "10.42.0.0/16")]


def test_create_and_update_do_nothing_and_failures_are_reported(cleanup_code, response_url, moto_endpoint, monkeypatch):
    url, received = response_url
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    ec2 = boto3.client("ec2", endpoint_url=moto_endpoint, region_name="us-east-1")
    primary, core = emr_groups(ec2)
    for kind in ("Create", "Update"):
        cleanup_code.handler(event(kind, url, [primary, core]), types.SimpleNamespace(log_stream_name="s"))
        assert received[-1]["Status"] == "SUCCESS"
    assert any(p.get("UserIdGroupPairs") for p in ec2.describe_security_groups(GroupIds=[primary])["SecurityGroups"][0]["IpPermissions"])
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    cleanup_code.handler(event("Delete", url, [primary]), types.SimpleNamespace(log_stream_name="s"))
    assert received[-1]["Status"] == "FAILED" and "EndpointConnectionError" in received[-1]["Reason"]


def test_the_custom_resource_is_deleted_before_the_groups(template):
    """CloudFormation deletes in reverse dependency order: the resource must reference every group
    EMR manages (primary, core and, in the private subnet, service access)."""
    props = template["Resources"]["EmrSecurityGroupCleanup"]["Properties"]
    groups = ["EmrPrimarySecurityGroup", "EmrCoreSecurityGroup", "EmrServiceAccessSecurityGroup"]
    assert props["GroupIds"] == [{"Ref": group} for group in groups]
    subs = template["Resources"]["PipelineStateMachine"]["Properties"]["DefinitionSubstitutions"]
    assert {subs[group]["Ref"] for group in groups} == set(groups)
