"""Guard: with AcademyMode=true the stack resolves to what a Learner Lab accepts (instance types
and count, region, RDS class and storage), and its Rules refuse the rest before anything is
created. The limits and their source are in cloudformation/academy-limits.json."""
import json

import pytest

import iamkit
import stackkit

LIMITS = json.loads((stackkit.CFN_DIR / "academy-limits.json").read_text(encoding="utf-8"))
ACADEMY = {"AcademyMode": "true"}


def size(instance_type):
    return instance_type.split(".")[-1]


def academy_values(template, overrides=None):
    names = iamkit.names_for(template, {**ACADEMY, **(overrides or {})})
    subs = names.resources["PipelineStateMachine"]["Properties"]["DefinitionSubstitutions"]
    db = names.resources["Database"]["Properties"]
    return {
        "primary": names.resolve(subs["EmrPrimaryInstanceType"]),
        "core": names.resolve(subs["EmrCoreInstanceType"]),
        "core_count": int(names.resolve(subs["EmrCoreInstanceCount"])),
        "db_class": names.resolve(db["DBInstanceClass"]),
        "storage": names.resolve(db["StorageType"]),
    }


def test_the_source_is_named():
    assert "Learner Lab" in LIMITS["source"] and "README" in LIMITS["source"]


def test_academy_defaults_are_within_the_learner_lab_limits(template):
    values = academy_values(template)
    for node in ("primary", "core"):
        assert size(values[node]) in LIMITS["emr_instance_sizes"], values[node]
        assert values[node] in LIMITS["emr_documented_types"], values[node]
    assert 1 + values["core_count"] <= LIMITS["max_emr_instances"]["value"]
    assert size(values["db_class"]) in LIMITS["rds_instance_sizes"], values["db_class"]
    assert values["storage"] in LIMITS["rds_storage_types"]


def test_the_default_mode_keeps_its_own_sizes(template):
    names = iamkit.names_for(template)
    subs = names.resources["PipelineStateMachine"]["Properties"]["DefinitionSubstitutions"]
    assert names.resolve(subs["EmrPrimaryInstanceType"]) == "m5.xlarge"
    assert names.resolve(names.resources["Database"]["Properties"]["StorageType"]) == "gp3"
    # An explicit choice wins in either mode.
    assert academy_values(template, {"EmrCoreInstanceType": "c5.large"})["core"] == "c5.large"


# --- the template's Rules, evaluated as CloudFormation does before creating anything

def _rule_value(expr, params):
    if isinstance(expr, dict):
        (fn, arg), = expr.items()
        if fn == "Ref":
            return params[arg]
        if fn == "Fn::Equals":
            a, b = (_rule_value(x, params) for x in arg)
            return str(a) == str(b)
        if fn == "Fn::Contains":
            values, value = _rule_value(arg[0], params), _rule_value(arg[1], params)
            return str(value) in [str(v) for v in values]
        if fn == "Fn::Or":
            return any(_rule_value(x, params) for x in arg)
        if fn == "Fn::And":
            return all(_rule_value(x, params) for x in arg)
        if fn == "Fn::Not":
            return not _rule_value(arg[0], params)
        raise ValueError(f"rule function {fn} is not modelled")
    if isinstance(expr, list):
        return [_rule_value(x, params) for x in expr]
    return expr


def failed_rules(template, overrides, region="us-east-1"):
    params = stackkit.parameter_values(template, overrides)
    params["AWS::Region"] = region
    failed = []
    for rule in template.get("Rules", {}).values():
        if "RuleCondition" in rule and not _rule_value(rule["RuleCondition"], params):
            continue
        failed += [a["AssertDescription"] for a in rule["Assertions"] if not _rule_value(a["Assert"], params)]
    return failed


def test_rules_accept_the_academy_defaults_and_any_default_mode_choice(template):
    assert failed_rules(template, ACADEMY) == []
    assert failed_rules(template, {"EmrPrimaryInstanceType": "m5.4xlarge", "EmrCoreInstanceCount": "10"}) == []


@pytest.mark.parametrize("overrides,region,word", [
    ({"EmrPrimaryInstanceType": "m5.xlarge"}, "us-east-1", "EmrPrimaryInstanceType"),
    ({"EmrCoreInstanceType": "r5.2xlarge"}, "us-east-1", "EmrCoreInstanceType"),
    ({"EmrCoreInstanceCount": "8"}, "us-east-1", "core nodes"),
    ({"DatabaseInstanceClass": "db.m5.large"}, "us-east-1", "DatabaseInstanceClass"),
    ({}, "eu-west-1", "us-east-1 and us-west-2"),
])
def test_rules_refuse_what_the_lab_would_terminate(template, overrides, region, word):
    failed = failed_rules(template, {**ACADEMY, **overrides}, region)
    assert len(failed) == 1 and word in failed[0]


def test_rule_allowed_types_are_all_within_the_limits(template):
    for assertion in template["Rules"]["AcademyInstanceSizes"]["Assertions"]:
        for fn in assertion["Assert"].get("Fn::Or", [assertion["Assert"]]):
            if "Fn::Contains" in fn and "Ref" in fn["Fn::Contains"][1]:
                param = fn["Fn::Contains"][1]["Ref"]
                allowed = fn["Fn::Contains"][0]
                if param.startswith("Emr") and param.endswith("Type"):
                    assert all(size(t) in LIMITS["emr_instance_sizes"] for t in allowed)
                if param == "DatabaseInstanceClass":
                    assert all(size(t) in LIMITS["rds_instance_sizes"] for t in allowed)
                if param == "AWS::Region":
                    assert sorted(allowed) == sorted(LIMITS["regions"])
