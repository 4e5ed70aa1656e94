"""Guard: parliament (PyPI, pinned in requirements.txt), an offline IAM linter with AWS's own
action, resource-type and condition-key database, over every policy of the template in both
modes: unknown actions, resources that do not match the action, condition keys and value types
the action does not take, malformed statements.

Trust policies are left out (parliament reads identity and resource policies; the trust
principals are asserted in test_cfn_security.py). The few findings accepted are listed with
the reason they are wrong, and each must still occur, so the list cannot go stale."""
import json
import re

import pytest
from parliament import analyze_policy_string

import iamkit

# (issue, detail pattern, why it is accepted)
ACCEPTED = [
    ("UNKNOWN_CONDITION_FOR_ACTION", r"elasticmapreduce:ResourceTag/lakedeck:stack",
     "elasticmapreduce:ResourceTag is a condition key of the `cluster` resource type (Service "
     "Authorization Reference; EMR guide 'tag-based access to clusters'); parliament checks "
     "action-level keys only"),
    ("MISMATCHED_TYPE", r"^Type mismatch: s3:TlsVersion requires a value of type Numeric but given \['1\.2'\]$",
     "parliament's Number type is integers only (regex ^\\d+$); AWS documents s3:TlsVersion as a "
     "numeric key compared with values such as 1.2, and parliament crashes on a JSON number"),
    ("UNKNOWN_CONDITION_FOR_ACTION", r"s3:TlsVersion for action s3:(InitiateReplication|PutAccessPointPublicAccessBlock)$",
     "the TLS-version deny covers s3:*; the few actions that carry no TLS version are simply not "
     "matched by it, and they are not bucket data operations"),
]
MODES = {"default": {}, "academy": {"AcademyMode": "true"}}
# Missing conditions (parliament does not look for them): actions that must never be granted
# without the condition key that scopes them to this stack or to the service meant.
REQUIRED_CONDITION = {
    "iam:PassRole": "iam:PassedToService",
    "iam:CreateServiceLinkedRole": "iam:AWSServiceName",
    "elasticmapreduce:RunJobFlow": "elasticmapreduce:RequestTag/",
    "elasticmapreduce:AddTags": "elasticmapreduce:RequestTag/",
    "elasticmapreduce:TerminateJobFlows": "elasticmapreduce:ResourceTag/",
    "elasticmapreduce:AddJobFlowSteps": "elasticmapreduce:ResourceTag/",
    "elasticmapreduce:CancelSteps": "elasticmapreduce:ResourceTag/",
    "cloudwatch:PutMetricData": "cloudwatch:namespace",
}


def policies(names):
    for logical, res in names.resources.items():
        props = res.get("Properties", {})
        if res["Type"] == "AWS::IAM::Role":
            for policy in props.get("Policies", []):
                yield f"{logical}/{policy['PolicyName']}", names.resolve(policy["PolicyDocument"])
        elif "PolicyDocument" in props:
            yield logical, names.resolve(props["PolicyDocument"])


def findings(template, overrides):
    names = iamkit.names_for(template, overrides)
    out, linted = [], 0
    for where, document in policies(names):
        linted += 1
        for finding in analyze_policy_string(json.dumps(document)).findings:
            out.append((where, finding.issue, str(finding.detail)))
    return linted, out


@pytest.fixture(scope="module")
def linted(template):
    return {mode: findings(template, overrides) for mode, overrides in MODES.items()}


def accepted(issue, detail):
    return any(issue == a_issue and re.search(pattern, detail) for a_issue, pattern, _ in ACCEPTED)


@pytest.mark.parametrize("mode", sorted(MODES))
def test_every_policy_passes_the_iam_linter(linted, mode):
    count, found = linted[mode]
    assert count == (12 if mode == "default" else 3)  # 9 role policies (default mode), 2 bucket and 1 topic policy
    left = sorted({(where, issue, detail) for where, issue, detail in found if not accepted(issue, detail)})
    assert left == []


def test_every_accepted_finding_still_occurs(linted):
    seen = [(issue, detail) for _, found in linted.values() for _, issue, detail in found]
    for issue, pattern, why in ACCEPTED:
        assert len(why.split()) >= 8
        assert any(i == issue and re.search(pattern, d) for i, d in seen), pattern


def test_the_linter_covers_every_policy(template):
    names = iamkit.names_for(template)
    found = dict(policies(names))
    assert {"StateMachineRole/orchestrate-pipeline", "IngestFunctionRole/ingest-to-raw", "LakeBucketPolicy",
            "AlarmTopicPolicy", "EmrInstanceRole/spark-on-the-lake"} <= set(found)


def test_the_linter_catches_the_mistakes_it_is_here_for():
    broken = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::b/*"},
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b"},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b",
         "Condition": {"NumericLessThan": {"s3:TlsVersion": "1.2"}}},
    ]}
    issues = {f.issue for f in analyze_policy_string(json.dumps(broken)).findings}
    assert {"UNKNOWN_ACTION", "RESOURCE_MISMATCH", "MISMATCHED_TYPE"} <= issues


@pytest.mark.parametrize("mode", sorted(MODES))
def test_sensitive_actions_carry_their_scoping_condition(template, mode):
    names = iamkit.names_for(template, MODES[mode])
    missing = []
    for where, document in policies(names):
        for st in iamkit.statements(document):
            if st.get("Effect") != "Allow":
                continue
            keys = {k for tests in st.get("Condition", {}).values() for k in tests}
            for action in st["Action"] if isinstance(st["Action"], list) else [st["Action"]]:
                needed = REQUIRED_CONDITION.get(action)
                if needed and not any(k.startswith(needed) for k in keys):
                    missing.append(f"{where}: {action} without {needed}")
    assert missing == []
