"""Guard: the state machine role grants what each service integration of the definition needs.

statemachine/integrations.json lists, per integration Resource, the IAM actions and resources
AWS documents for it; here they are filled in from the definition as CloudFormation would
substitute it and checked against the role the stack gives the state machine, in both modes.
moto never checks IAM, so this is the only place a missing grant shows before a real account."""
import json
import re

import pytest

import iamkit
import stackkit

INTEGRATIONS = json.loads((stackkit.CFN_DIR / "statemachine" / "integrations.json").read_text(encoding="utf-8"))
MODES = {"default": {}, "academy": {"AcademyMode": "true"}}
CLUSTER_ID = "j-2AXXXXXXGAPLF"


def task_states(states):
    for name, state in states.items():
        if state["Type"] == "Task":
            yield name, state
        for branch in state.get("Branches", []):
            yield from task_states(branch["States"])


def substituted_definition(names):
    props = names.resources["PipelineStateMachine"]["Properties"]
    subs = {k: str(names.resolve(v)) for k, v in props["DefinitionSubstitutions"].items()}
    text = stackkit.ASL.read_text(encoding="utf-8")
    text = re.sub(r"\$\{([A-Za-z0-9_]+)\}", lambda m: subs.get(m.group(1), m.group(0)), text)
    return json.loads(text), subs


def _path(params, dotted):
    node = params
    for part in dotted.split("."):
        node = node[part]
    return node


def role_of_profile(names, profile_name):
    for logical, res in names.resources.items():
        if res["Type"] == "AWS::IAM::InstanceProfile" and names.ref(logical) == profile_name:
            return names.resolve(res["Properties"]["Roles"][0])
    # Academy: the lab's EMR_EC2_DefaultRole profile holds the role of the same name.
    return profile_name


def required(names):
    """(state, action, resource ARN, context, doc) for every permission the definition needs."""
    definition, subs = substituted_definition(names)
    tasks = dict(task_states(definition["States"]))
    create = next(s for s in tasks.values() if s["Resource"].endswith("createCluster.sync"))
    cluster_tags = {t["Key"]: t["Value"] for t in create["Parameters"]["Tags"]}
    cluster_arn = f"arn:{iamkit.PARTITION}:elasticmapreduce:{iamkit.REGION}:{iamkit.ACCOUNT}:cluster/{CLUSTER_ID}"

    def fill(text, params):
        def one(match):
            kind, _, arg = match.group(1).partition(":")
            if kind == "partition":
                return iamkit.PARTITION
            if kind == "region":
                return iamkit.REGION
            if kind == "account":
                return iamkit.ACCOUNT
            if kind == "cluster":
                return cluster_arn
            if kind == "sub":
                return subs[arg]
            if kind == "param":
                return str(_path(params, arg))
            if kind == "roleOfProfile":
                role = role_of_profile(names, _path(params, arg))
                return role if role.startswith("arn:") else f"arn:{iamkit.PARTITION}:iam::{iamkit.ACCOUNT}:role/{role}"
            if kind == "clusterTag":
                return cluster_tags[arg]
            raise KeyError(match.group(1))
        return re.sub(r"\{([A-Za-z]+(?::[^}]*)?)\}", one, text)

    out = []
    for state_name, state in tasks.items():
        spec = INTEGRATIONS["integrations"][state["Resource"]]
        for perm in spec["permissions"]:
            if "when" in perm and perm["when"] not in state["Parameters"]:
                continue
            resource = fill(perm["resource"], state["Parameters"])
            context = {k: fill(v, state["Parameters"]) for k, v in perm.get("context", {}).items()}
            for action in perm["actions"]:
                out.append((state_name, action, resource, context, spec["doc"]))
    for perm in INTEGRATIONS["logging"]["permissions"]:
        for action in perm["actions"]:
            out.append(("(logging)", action, perm["resource"], {}, INTEGRATIONS["logging"]["doc"]))
    return out


@pytest.fixture(scope="module", params=sorted(MODES))
def mode(request, template):
    return request.param, iamkit.names_for(template, MODES[request.param])


def test_every_resource_of_the_definition_is_in_the_table(asl):
    used = {state["Resource"] for _, state in task_states(asl["States"])}
    assert used == set(INTEGRATIONS["integrations"]), "integrations.json out of step with the definition"
    for resource, spec in INTEGRATIONS["integrations"].items():
        assert spec["doc"].startswith("https://docs.aws.amazon.com/"), resource
        assert spec["permissions"], resource


def test_the_table_covers_the_sync_rules_tags_and_auto_termination():
    """The grants whose absence fails at create (managed rules) or at every run (AddTags)."""
    create = INTEGRATIONS["integrations"]["arn:aws:states:::elasticmapreduce:createCluster.sync"]
    actions = {a for p in create["permissions"] for a in p["actions"]}
    assert {"events:PutRule", "events:PutTargets", "events:DescribeRule", "elasticmapreduce:AddTags",
            "elasticmapreduce:PutAutoTerminationPolicy", "iam:PassRole"} <= actions


def test_state_machine_role_grants_every_integration(mode, template):
    name, names = mode
    role_arn = names.resolve(names.resources["PipelineStateMachine"]["Properties"]["RoleArn"])
    needs = required(names)
    assert len(needs) > 40
    if name == "academy":
        # The lab's LabRole: its policy is the lab's, not the template's. What can be checked
        # offline is that every role passed is one the lab provides and nothing of the stack's.
        assert role_arn == f"arn:aws:iam::{iamkit.ACCOUNT}:role/LabRole"
        passed = sorted({resource for _, action, resource, _, _ in needs if action == "iam:PassRole"})
        assert passed == [f"arn:aws:iam::{iamkit.ACCOUNT}:role/EMR_DefaultRole",
                          f"arn:aws:iam::{iamkit.ACCOUNT}:role/EMR_EC2_DefaultRole"]
        return
    role = next(n for n, r in names.resources.items()
                if r["Type"] == "AWS::IAM::Role" and names.get_att(n, "Arn") == role_arn)
    stmts = iamkit.role_statements(names, role)
    missing = [f"{state}: {action} on {resource} {context or ''} ({doc})"
               for state, action, resource, context, doc in needs
               if not iamkit.allows(stmts, action, resource, context)]
    assert missing == []


def test_cluster_actions_need_this_stacks_tag(template):
    """Least privilege: another stack's (or team's) cluster cannot be terminated or stepped."""
    names = iamkit.names_for(template)
    stmts = iamkit.role_statements(names, "StateMachineRole")
    cluster = f"arn:aws:elasticmapreduce:{iamkit.REGION}:{iamkit.ACCOUNT}:cluster/{CLUSTER_ID}"
    for action in ("elasticmapreduce:TerminateJobFlows", "elasticmapreduce:AddJobFlowSteps",
                   "elasticmapreduce:CancelSteps", "elasticmapreduce:DescribeCluster"):
        assert iamkit.allows(stmts, action, cluster, {"elasticmapreduce:ResourceTag/lakedeck:stack": iamkit.STACK})
        assert not iamkit.allows(stmts, action, cluster, {"elasticmapreduce:ResourceTag/lakedeck:stack": "other"})
        assert not iamkit.allows(stmts, action, cluster, {})
    assert not iamkit.allows(stmts, "elasticmapreduce:RunJobFlow", "*", {})
    assert not iamkit.allows(stmts, "elasticmapreduce:RunJobFlow", "*",
                             {"elasticmapreduce:RequestTag/lakedeck:stack": "other"})


def test_pass_role_only_to_the_service_that_uses_it(template):
    names = iamkit.names_for(template)
    stmts = iamkit.role_statements(names, "StateMachineRole")
    service_role = names.get_att("EmrServiceRole", "Arn")
    instance_role = names.get_att("EmrInstanceRole", "Arn")
    assert iamkit.allows(stmts, "iam:PassRole", service_role, {"iam:PassedToService": "elasticmapreduce.amazonaws.com"})
    assert not iamkit.allows(stmts, "iam:PassRole", service_role, {"iam:PassedToService": "lambda.amazonaws.com"})
    assert not iamkit.allows(stmts, "iam:PassRole", instance_role, {"iam:PassedToService": "lambda.amazonaws.com"})
    for where, st in ((r, st) for r, res in names.resources.items() if res["Type"] == "AWS::IAM::Role"
                      for st in iamkit.role_statements(names, r)):
        if "iam:PassRole" in (st["Action"] if isinstance(st["Action"], list) else [st["Action"]]):
            assert "iam:PassedToService" in json.dumps(st.get("Condition", {})), where


def test_the_evaluator_refuses_what_it_should():
    """The checker itself: a grant on another resource, action or condition does not count."""
    stmts = [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/raw/*",
              "Condition": {"StringEquals": {"aws:SourceAccount": "1"}}}]
    assert iamkit.allows(stmts, "s3:GetObject", "arn:aws:s3:::b/raw/x", {"aws:SourceAccount": "1"})
    assert not iamkit.allows(stmts, "s3:GetObject", "arn:aws:s3:::b/trusted/x", {"aws:SourceAccount": "1"})
    assert not iamkit.allows(stmts, "s3:PutObject", "arn:aws:s3:::b/raw/x", {"aws:SourceAccount": "1"})
    assert not iamkit.allows(stmts, "s3:GetObject", "arn:aws:s3:::b/raw/x", {})
    with pytest.raises(ValueError):
        iamkit.allows([{**stmts[0], "Condition": {"IpAddress": {"aws:SourceIp": "1"}}}],
                      "s3:GetObject", "arn:aws:s3:::b/raw/x", {"aws:SourceIp": "1"})
