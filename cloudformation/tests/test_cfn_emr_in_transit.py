"""Issue 17 finding 7, last part: every cluster encrypts in transit, with the PEM zip a custom
resource of the Lambda bundle issues for the nodes' private DNS wildcard; only the EMR nodes may
read that zip, and only the custom resource may write or delete it (and nothing else in the
bucket). Both modes. Each test failed on the template before the change (in-transit was off and
nothing issued a certificate)."""
import pytest

import iamkit
import stackkit

MODES = {"default": {}, "academy": {"AcademyMode": "true"}}
ZIP_KEY = "emr-tls/in-transit-certificates.zip"


@pytest.fixture(scope="module", params=sorted(MODES))
def mode(request):
    return request.param


@pytest.fixture(scope="module")
def resources(template, mode):
    return stackkit.effective_resources(template, MODES[mode])


def test_the_security_configuration_encrypts_in_transit_with_the_issued_pem_zip(resources):
    encryption = resources["EmrSecurityConfiguration"]["Properties"]["SecurityConfiguration"]["EncryptionConfiguration"]
    assert encryption["EnableInTransitEncryption"] is True
    tls = encryption["InTransitEncryptionConfiguration"]["TLSCertificateConfiguration"]
    assert tls == {"CertificateProviderType": "PEM", "S3Object": {"Fn::GetAtt": ["EmrInTransitCertificates", "S3Uri"]}}
    issuer = resources["EmrInTransitCertificates"]
    assert issuer["Type"] == "Custom::EmrInTransitCertificates"
    props = issuer["Properties"]
    assert props["ServiceToken"] == {"Fn::GetAtt": ["EmrInTransitCertificatesFunction", "Arn"]}
    assert props["Bucket"] == {"Ref": "LakeBucket"} and props["Key"] == ZIP_KEY
    assert props["Rotation"] == {"Ref": "EmrCertificateRotation"} and 1 <= int(props["ValidityDays"]) <= 825
    function = resources["EmrInTransitCertificatesFunction"]["Properties"]
    assert function["Handler"] == "index.emrCertificates"
    assert function["Code"] == {"S3Bucket": {"Ref": "LambdaCodeBucket"}, "S3Key": {"Ref": "LambdaCodeKey"}}


@pytest.mark.parametrize("region, wildcard", [("us-east-1", "*.ec2.internal"), ("us-west-2", "*.us-west-2.compute.internal")])
def test_the_certificate_covers_the_regions_private_dns_names(template, region, wildcard):
    resources = stackkit.effective_resources(template, {"AWS::Region": region})
    dns_name = resources["EmrInTransitCertificates"]["Properties"]["DnsName"]
    resolved = dns_name if isinstance(dns_name, str) else dns_name["Fn::Sub"].replace("${AWS::Region}", region)
    assert resolved == wildcard


def test_only_the_nodes_read_the_zip_and_only_the_issuer_writes_it(template):
    names = iamkit.names_for(template)
    bucket = names.ref("LakeBucket")
    zip_arn, other = f"arn:aws:s3:::{bucket}/{ZIP_KEY}", f"arn:aws:s3:::{bucket}/emr-tls/other.zip"
    nodes = iamkit.role_statements(names, "EmrInstanceRole")
    assert iamkit.allows(nodes, "s3:GetObject", zip_arn)
    assert not iamkit.allows(nodes, "s3:GetObject", other) and not iamkit.allows(nodes, "s3:PutObject", zip_arn)
    issuer = iamkit.role_statements(names, "EmrInTransitCertificatesRole")
    for action in ("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"):
        assert iamkit.allows(issuer, action, zip_arn), action
        for elsewhere in (other, f"arn:aws:s3:::{bucket}/raw/x.csv", f"arn:aws:s3:::{bucket}/artifacts/x.py"):
            assert not iamkit.allows(issuer, action, elsewhere), (action, elsewhere)
    # It never reads the zip back: the key goes out once, to S3.
    assert not iamkit.allows(issuer, "s3:GetObject", zip_arn)
    assert iamkit.allows(issuer, "s3:ListBucketVersions", f"arn:aws:s3:::{bucket}", {"s3:prefix": ZIP_KEY})
    assert not iamkit.allows(issuer, "s3:ListBucketVersions", f"arn:aws:s3:::{bucket}", {"s3:prefix": "raw/"})
    # Every other role of the stack keeps its hands off the zip.
    for role in ("IngestFunctionRole", "ExtractFunctionRole", "QueryFunctionRole", "StateMachineRole", "EmrSecurityGroupCleanupRole"):
        stmts = iamkit.role_statements(names, role)
        assert not any(iamkit.allows(stmts, a, zip_arn) for a in ("s3:GetObject", "s3:PutObject", "s3:DeleteObject")), role


def test_academy_mode_runs_the_issuer_as_lab_role(template):
    resources = stackkit.effective_resources(template, MODES["academy"])
    assert "EmrInTransitCertificatesRole" not in resources
    role = resources["EmrInTransitCertificatesFunction"]["Properties"]["Role"]
    assert role == {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/LabRole"}
