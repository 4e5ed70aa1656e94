"""Paths and helpers of the CloudFormation suite: the parsed template, what CloudFormation would
do with it (conditions, substitutions), and how the suite gets it onto moto.

(A module of its own, not conftest.py: spark/tests has a conftest.py too, and both suites run in
one pytest session.)"""
import copy
import io
import ipaddress
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import zipfile

CFN_DIR = pathlib.Path(__file__).resolve().parents[1]
REPO = CFN_DIR.parent
TEMPLATE = CFN_DIR / "lakedeck.yaml"
ASL = CFN_DIR / "statemachine" / "pipeline.asl.json"
VENV_BIN = REPO / ".venv" / "bin"
CHECKOV = REPO / ".venv-checkov" / "bin" / "checkov"
TOOLS = CFN_DIR / "tools"

AWS_TEST_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    # Keep a developer's profile or config file from leaking into the tests.
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}

# Realistic values, as CloudFormation would substitute them into the definition.
SUBSTITUTIONS = {
    "StackName": "lakedeck-dev",
    "LakeBucket": "lakedeck-dev-lakebucket-1a2b3c",
    "ArtifactsPrefix": "artifacts/",
    "IngestFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:lakedeck-dev-IngestFunction-X",
    "ExtractFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:lakedeck-dev-ExtractFunction-Y",
    "EmrReleaseLabel": "emr-7.12.0",
    "EmrServiceRole": "lakedeck-dev-EmrServiceRole-Z",
    "EmrInstanceProfile": "lakedeck-dev-EmrInstanceProfile-W",
    "EmrLogUri": "s3://lakedeck-dev-lakebucket-1a2b3c/logs/emr/",
    "EmrSubnetId": "subnet-0123456789abcdef0",
    "EmrPrimarySecurityGroup": "sg-0123456789abcdef0",
    "EmrCoreSecurityGroup": "sg-0123456789abcdef1",
    "EmrServiceAccessSecurityGroup": "sg-0123456789abcdef2",
    "EmrSecurityConfiguration": "lakedeck-dev-emr-encryption",
    "EmrPrimaryInstanceType": "m5.xlarge",
    "EmrCoreInstanceType": "m5.xlarge",
    "EmrCoreInstanceCount": "2",
    "EmrIdleTimeoutSeconds": "900",
    "GlueDatabase": "lakedeck",
    "AthenaWorkGroup": "lakedeck-dev-lakedeck",
    "AlarmTopicArn": "arn:aws:sns:us-east-1:123456789012:lakedeck-dev-lakedeck-alarms",
}


def load_template(path=TEMPLATE):
    """The template as plain data, short-form tags expanded (!Ref -> {"Ref": ...})."""
    from cfnlint.decode import cfn_yaml

    # Round-trip through JSON so the tests see plain dicts, lists and strings.
    return json.loads(json.dumps(cfn_yaml.load(str(path))))


def import_renderer():
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))
    import render_catalog

    return render_catalog

PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_]+)\}")


def definition_as_join(asl_text, substitutions):
    """What CloudFormation does with DefinitionSubstitutions, expressed as Fn::Join.

    Only the keys given are replaced (like DefinitionSubstitutions, unlike Fn::Sub, which would
    also try to resolve every other ${...}); moto's own Fn::Sub would also turn "$$" into "$".
    """
    parts = []
    last = 0
    for match in PLACEHOLDER.finditer(asl_text):
        key = match.group(1)
        if key not in substitutions:
            continue
        parts.append(asl_text[last:match.start()])
        parts.append(substitutions[key])
        last = match.end()
    parts.append(asl_text[last:])
    return {"Fn::Join": ["", parts]}


def inline_state_machine(template, asl_text, logical_id="PipelineStateMachine"):
    """A copy of the template whose state machine carries its definition inline (moto reads only
    DefinitionString; real CloudFormation reads the packaged DefinitionS3Location)."""
    out = copy.deepcopy(template)
    props = out["Resources"][logical_id]["Properties"]
    subs = props.pop("DefinitionSubstitutions")
    props.pop("DefinitionS3Location")
    props["DefinitionString"] = definition_as_join(asl_text, subs)
    return out


def lambda_zip():
    """A minimal code zip for moto's CreateFunction, which only needs the object to exist."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("index.mjs", "export const ingest = async () => ({ outcome: 'duplicate' });\n"
                                 "export const query = async () => ({ statusCode: 200 });\n")
    return buf.getvalue()


def stack_outputs(cfn, stack_name):
    stack = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def stack_resources(cfn, stack_name):
    pages = cfn.get_paginator("list_stack_resources").paginate(StackName=stack_name)
    return {r["LogicalResourceId"]: r for page in pages for r in page["StackResourceSummaries"]}


def to_json(template):
    return json.dumps(template)


def outputs_moto_cannot_resolve(template):
    """Outputs whose Fn::GetAtt moto cannot answer (moto rejects the whole stack for them, where
    CloudFormation would resolve them): the resource type is unmodelled or lacks the attribute."""
    from moto.cloudformation.parsing import resource_class_from_type

    dropped = []
    for name, output in template.get("Outputs", {}).items():
        value = output.get("Value")
        if isinstance(value, dict) and "Fn::GetAtt" in value:
            logical_id, attr = value["Fn::GetAtt"][0], value["Fn::GetAtt"][1]
            model = resource_class_from_type(template["Resources"][logical_id]["Type"])
            if model is None or not model.has_cfn_attr(attr):
                dropped.append(name)
    return sorted(dropped)


def _cidr(ip_block, count, host_bits):
    net = ipaddress.ip_network(ip_block)
    return [str(s) for s in list(net.subnets(new_prefix=net.max_prefixlen - int(host_bits)))[: int(count)]]


def _walk(node, parameters, changes, path):
    """Evaluates Fn::Cidr (moto lacks it) and replaces Fn::GetAtt on resources or attributes moto
    does not model (it rejects the stack for them) by a marker string; every change is recorded."""
    from moto.cloudformation.parsing import resource_class_from_type

    if isinstance(node, list):
        return [_walk(v, parameters, changes, f"{path}[{i}]") for i, v in enumerate(node)]
    if not isinstance(node, dict):
        return node
    if "Fn::Cidr" in node:
        block, count, bits = node["Fn::Cidr"]
        if isinstance(block, dict) and "Ref" in block:
            block = parameters[block["Ref"]]
        changes.append(f"Fn::Cidr evaluated at {path}")
        return _cidr(block, count, bits)
    if "Fn::GetAtt" in node and parameters.get("__resources__"):
        logical_id, attr = node["Fn::GetAtt"][0], node["Fn::GetAtt"][1]
        resource = parameters["__resources__"].get(logical_id)
        if logical_id in parameters.get("__left_out__", ()):
            changes.append(f"GetAtt {logical_id}.{attr} replaced at {path}")
            return f"moto-unsupported:{logical_id}.{attr}"
        if resource is not None:
            model = resource_class_from_type(resource["Type"])
            if model is None or not model.has_cfn_attr(attr):
                changes.append(f"GetAtt {logical_id}.{attr} replaced at {path}")
                return f"moto-unsupported:{logical_id}.{attr}"
    return {k: _walk(v, parameters, changes, f"{path}/{k}") for k, v in node.items()}


def for_moto(template, asl_text, parameters):
    """The packaged template as moto can take it, the outputs that had to go, and every other
    change made for moto's sake (so the suite can pin them down)."""
    out = inline_state_machine(template, asl_text)
    changes = []
    # moto would invoke a custom resource's Lambda, which needs Docker: its code is tested on its
    # own (test_cfn_security_group_cleanup.py).
    left_out = [n for n, r in out["Resources"].items() if r["Type"].startswith("Custom::")]
    for name in left_out:
        del out["Resources"][name]
        changes.append(f"custom resource {name} left out")
    dropped = outputs_moto_cannot_resolve(out)
    for name in dropped:
        del out["Outputs"][name]
    values = {k: v.get("Default") for k, v in out.get("Parameters", {}).items()}
    values.update(parameters)
    values["__resources__"] = out["Resources"]
    values["__left_out__"] = set(left_out)
    out["Resources"] = _walk(out["Resources"], values, changes, "Resources")
    return out, dropped, changes


def parameter_values(template, overrides=None):
    # The pseudo parameters conditions read; a test overrides them like any parameter.
    values = {"AWS::Region": "us-east-1"}
    values.update({k: v.get("Default") for k, v in template.get("Parameters", {}).items()})
    values.update(overrides or {})
    return values


def _condition(expr, values, conditions):
    if isinstance(expr, dict):
        if "Fn::Equals" in expr:
            a, b = (_value(x, values, conditions) for x in expr["Fn::Equals"])
            return str(a) == str(b)
        if "Fn::Not" in expr:
            return not _condition(expr["Fn::Not"][0], values, conditions)
        if "Fn::And" in expr:
            return all(_condition(x, values, conditions) for x in expr["Fn::And"])
        if "Fn::Or" in expr:
            return any(_condition(x, values, conditions) for x in expr["Fn::Or"])
        if "Condition" in expr:
            return conditions[expr["Condition"]]
    raise ValueError(f"unsupported condition {expr!r}")


def _value(expr, values, conditions):
    if isinstance(expr, dict) and "Ref" in expr:
        return values[expr["Ref"]]
    return expr


def conditions_for(template, overrides=None):
    """Evaluates the template's Conditions for the given parameter values (defaults otherwise)."""
    values = parameter_values(template, overrides)
    conditions = {}
    for name, expr in template.get("Conditions", {}).items():
        conditions[name] = _condition(expr, values, conditions)
    return conditions


def resolve_ifs(node, conditions):
    """The template with every Fn::If decided (AWS::NoValue drops the key)."""
    if isinstance(node, list):
        out = [resolve_ifs(v, conditions) for v in node]
        return [v for v in out if v != {"Ref": "AWS::NoValue"}]
    if isinstance(node, dict):
        if set(node) == {"Fn::If"}:
            name, yes, no = node["Fn::If"]
            return resolve_ifs(yes if conditions[name] else no, conditions)
        out = {k: resolve_ifs(v, conditions) for k, v in node.items()}
        return {k: v for k, v in out.items() if v != {"Ref": "AWS::NoValue"}}
    return node


def effective_resources(template, overrides=None):
    """The resources CloudFormation would create for these parameter values, Fn::If resolved."""
    conditions = conditions_for(template, overrides)
    return {
        name: resolve_ifs(resource, conditions)
        for name, resource in template["Resources"].items()
        if conditions.get(resource.get("Condition"), True)
    }


def with_inline_definition(template, mutate=None):
    """The template with the ASL inlined as `Definition`, so cfn-lint's own state machine schema
    (E3601) checks it; the S3 location it replaces is not something cfn-lint can read."""
    out = copy.deepcopy(template)
    machine = out["Resources"]["PipelineStateMachine"]
    machine.pop("Metadata", None)
    definition = json.loads(ASL.read_text(encoding="utf-8"))
    if mutate:
        mutate(definition)
    machine["Properties"].pop("DefinitionS3Location")
    machine["Properties"]["Definition"] = definition
    return out


def strip_checkov_skips(template):
    out = copy.deepcopy(template)
    for res in out["Resources"].values():
        res.get("Metadata", {}).pop("checkov", None)
    return out


class Scanners:
    """cfn-lint over the template, an ASL-inlined copy and a broken copy; checkov over the
    template and a copy without its skip annotations. Started together, read once."""

    def __init__(self, tmp):
        template = load_template()
        self.inline = tmp / "inline.json"
        self.inline.write_text(json.dumps(with_inline_definition(template)))
        self.broken = tmp / "broken.json"

        def typo(definition):
            definition["States"]["RunEtl"]["Type"] = "Taks"

        self.broken.write_text(json.dumps(with_inline_definition(template, typo)))
        # checkov scans copies under short relative names: CKV_AWS_45 pattern-matches every string
        # near a Lambda's environment, the file's own path included, and a clone path that happens
        # to be 40 characters of [A-Za-z0-9/] (e.g. /check/work/main/cloudformation/lakedeck)
        # reads as an AWS secret key.
        shutil.copyfile(TEMPLATE, tmp / "lakedeck.yaml")
        (tmp / "bare.json").write_text(json.dumps(strip_checkov_skips(template)))
        self.procs = {
            "lint": subprocess.Popen(
                [str(VENV_BIN / "cfn-lint"), "--format", "json", str(TEMPLATE), str(self.inline),
                 str(self.broken)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO),
            "checkov": subprocess.Popen(
                [str(CHECKOV), "--framework", "cloudformation", "--skip-download", "--output", "json",
                 "--file", "lakedeck.yaml", "--file", "bare.json"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp),
        }
        self._results = None

    def results(self):
        if self._results is None:
            self._results = {"inline": self.inline, "broken": self.broken}
            for name, proc in self.procs.items():
                self._results[name] = proc.communicate(timeout=300)
        return self._results

    def stop(self):
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
