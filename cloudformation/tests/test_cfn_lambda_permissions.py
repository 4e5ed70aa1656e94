"""Guard: each Lambda's role grants the SDK calls its code makes.

The calls are read from the source (every `new XCommand(` and lib-storage `new Upload(` in the
files the bundle's entry reaches through relative imports), so a new call cannot ship unlisted;
lambda-permissions.json says which function makes it and what IAM needs for it."""
import json
import re

import pytest

import iamkit
import stackkit

TABLE = json.loads((stackkit.CFN_DIR / "lambda-permissions.json").read_text(encoding="utf-8"))
ENTRY = stackkit.REPO / "src" / "lambda" / "index.ts"
IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}/[^'"]+)['"]""")
CALL = re.compile(r"\bnew\s+(\w+Command|Upload)\s*\(")


def reachable(entry):
    seen, todo = set(), [entry]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for spec in IMPORT.findall(path.read_text(encoding="utf-8")):
            target = (path.parent / spec).resolve()
            candidates = [target.with_suffix(".ts"), target.with_suffix(".tsx"), target]
            found = next((c for c in candidates if c.is_file()), None)
            assert found, f"{path}: cannot follow import {spec}"
            todo.append(found)
    return seen


def sdk_calls():
    return {call for path in reachable(ENTRY) for call in CALL.findall(path.read_text(encoding="utf-8"))}


def test_every_sdk_call_of_the_bundle_is_listed():
    calls = sdk_calls()
    assert {"Upload", "GetSecretValueCommand", "StartQueryExecutionCommand"} <= calls
    assert calls == set(TABLE["calls"]), "lambda-permissions.json out of step with src/lambda"


def test_query_handler_is_in_the_same_bundle(template):
    handlers = {n: r["Properties"]["Handler"] for n, r in template["Resources"].items()
                if r["Type"] == "AWS::Lambda::Function" and "S3Key" in r["Properties"]["Code"]}
    assert handlers == {"IngestFunction": "index.handler", "ExtractFunction": "index.handler",
                        "QueryFunction": "index.query", "EmrInTransitCertificatesFunction": "index.emrCertificates"}


@pytest.mark.parametrize("function", ["IngestFunction", "ExtractFunction", "QueryFunction", "EmrInTransitCertificatesFunction"])
def test_each_lambda_role_grants_its_calls(template, function):
    names = iamkit.names_for(template)
    role_ref = template["Resources"][function]["Properties"]["Role"]["Fn::If"][1]["Fn::GetAtt"][0]
    stmts = iamkit.role_statements(names, role_ref)
    values = {
        "partition": iamkit.PARTITION, "region": iamkit.REGION, "account": iamkit.ACCOUNT,
        "bucket": names.ref("LakeBucket"), "workgroup": names.ref("AthenaWorkGroup"),
        "database": names.parameters["GlueDatabaseName"],
        "secretArn": names.get_att("Database", "MasterUserSecret.SecretArn"),
    }
    fill = lambda text: re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], text)  # noqa: E731
    checked, missing = 0, []
    for call, spec in TABLE["calls"].items():
        if function not in spec["used_by"]:
            continue
        for perm in spec["permissions"]:
            context = {k: fill(v) for k, v in perm.get("context", {}).items()}
            for action in perm["actions"]:
                checked += 1
                if not iamkit.allows(stmts, action, fill(perm["resource"]), context):
                    missing.append(f"{call}: {action} on {fill(perm['resource'])}")
    assert checked >= 4 and missing == []


def test_no_role_may_delete_raw(template):
    names = iamkit.names_for(template)
    raw_object = f"arn:aws:s3:::{names.ref('LakeBucket')}/raw/covid_csv/x.csv"
    for role in ("IngestFunctionRole", "ExtractFunctionRole", "QueryFunctionRole", "EmrInstanceRole", "EmrInTransitCertificatesRole"):
        assert not iamkit.allows(iamkit.role_statements(names, role), "s3:DeleteObject", raw_object), role
