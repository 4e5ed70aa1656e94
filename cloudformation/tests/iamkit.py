"""What the roles of the template allow, decided offline: the template's intrinsics resolved to
the names CloudFormation would give (a fixed account, region and stack name), and a small IAM
evaluator (Allow statements; Action and Resource wildcards; the condition operators the template
uses) that answers "does this role grant this action on this resource in this request context?".

It is deliberately strict: a condition key the request does not carry makes the statement not
apply, and an operator it does not know is an error, never a silent yes."""
import fnmatch
import re
import zlib

import stackkit

PARTITION, REGION, ACCOUNT, STACK = "aws", "us-east-1", "123456789012", "lakedeck-dev"
PSEUDO = {"AWS::Partition": PARTITION, "AWS::Region": REGION, "AWS::AccountId": ACCOUNT,
          "AWS::StackName": STACK, "AWS::URLSuffix": "amazonaws.com"}


class Names:
    """Physical names and attributes for the resources of one effective template."""

    def __init__(self, template, resources, parameters):
        self.template = template
        self.resources = resources
        self.parameters = parameters

    def ref(self, name):
        if name in PSEUDO:
            return PSEUDO[name]
        if name in self.parameters:
            return str(self.parameters[name])
        res = self.resources[name]
        props, kind = res.get("Properties", {}), res["Type"]
        if kind == "AWS::S3::Bucket":
            return f"{STACK}-{name.lower()}-1a2b3c"
        if kind == "AWS::SNS::Topic":
            return f"arn:{PARTITION}:sns:{REGION}:{ACCOUNT}:{self.resolve(props['TopicName'])}"
        if kind == "AWS::Logs::LogGroup":
            return self.resolve(props["LogGroupName"])
        if kind == "AWS::Athena::WorkGroup":
            return self.resolve(props["Name"])
        if kind == "AWS::Glue::Database":
            return self.resolve(props["DatabaseInput"]["Name"])
        if kind == "AWS::StepFunctions::StateMachine":
            return f"arn:{PARTITION}:states:{REGION}:{ACCOUNT}:stateMachine:{self.resolve(props['StateMachineName'])}"
        if kind == "AWS::EC2::SecurityGroup":
            return f"sg-{zlib.crc32(name.encode()):012d}"
        if kind == "AWS::EC2::Subnet":
            return f"subnet-{zlib.crc32(name.encode()):012d}"
        return f"{STACK}-{name}-ABC123"

    def get_att(self, name, attr):
        res = self.resources[name]
        kind = res["Type"]
        ref = self.ref(name)
        if attr == "Arn":
            arns = {
                "AWS::IAM::Role": f"arn:{PARTITION}:iam::{ACCOUNT}:role/{ref}",
                "AWS::IAM::InstanceProfile": f"arn:{PARTITION}:iam::{ACCOUNT}:instance-profile/{ref}",
                "AWS::Lambda::Function": f"arn:{PARTITION}:lambda:{REGION}:{ACCOUNT}:function:{ref}",
                "AWS::S3::Bucket": f"arn:{PARTITION}:s3:::{ref}",
                "AWS::Logs::LogGroup": f"arn:{PARTITION}:logs:{REGION}:{ACCOUNT}:log-group:{ref}:*",
                "AWS::Events::Rule": f"arn:{PARTITION}:events:{REGION}:{ACCOUNT}:rule/{ref}",
                "AWS::CloudWatch::Alarm": f"arn:{PARTITION}:cloudwatch:{REGION}:{ACCOUNT}:alarm:{ref}",
            }
            if kind in arns:
                return arns[kind]
        if kind == "AWS::RDS::DBInstance" and attr == "MasterUserSecret.SecretArn":
            return f"arn:{PARTITION}:secretsmanager:{REGION}:{ACCOUNT}:secret:rds!db-0a1b2c-AbCdEf"
        if kind == "AWS::RDS::DBInstance" and attr.startswith("Endpoint."):
            return {"Endpoint.Address": "db.example.internal", "Endpoint.Port": "5432"}[attr]
        if kind == "AWS::StepFunctions::StateMachine" and attr == "Name":
            return ref.rsplit(":", 1)[1]
        if kind == "AWS::ApiGatewayV2::Api" and attr == "ApiEndpoint":
            return f"https://abc123.execute-api.{REGION}.amazonaws.com"
        raise KeyError(f"no attribute {attr} for {name} ({kind})")

    def resolve(self, node):
        if isinstance(node, list):
            return [self.resolve(v) for v in node]
        if not isinstance(node, dict):
            return node
        if set(node) == {"Ref"}:
            return self.ref(node["Ref"])
        if set(node) == {"Fn::GetAtt"}:
            target = node["Fn::GetAtt"]
            name, attr = (target.split(".", 1) if isinstance(target, str) else (target[0], target[1]))
            return self.get_att(name, attr)
        if set(node) == {"Fn::Sub"}:
            text, extra = (node["Fn::Sub"], {}) if isinstance(node["Fn::Sub"], str) else node["Fn::Sub"]
            extra = {k: self.resolve(v) for k, v in extra.items()}

            def one(match):
                key = match.group(1)
                if key.startswith("!"):
                    return "${" + key[1:] + "}"
                if key in extra:
                    return str(extra[key])
                if "." in key and key.split(".", 1)[0] in self.resources:
                    return str(self.get_att(*key.split(".", 1)))
                return str(self.ref(key))

            return re.sub(r"\$\{([^}]+)\}", one, text)
        if set(node) == {"Fn::FindInMap"}:
            mapping, first, second = (self.resolve(v) for v in node["Fn::FindInMap"])
            return self.template["Mappings"][mapping][first][second]
        if set(node) == {"Fn::Join"}:
            sep, parts = node["Fn::Join"]
            return sep.join(str(self.resolve(p)) for p in parts)
        return {k: self.resolve(v) for k, v in node.items()}


def names_for(template, overrides=None):
    values = stackkit.parameter_values(template, {"LambdaCodeBucket": "deploy-bucket", **(overrides or {})})
    return Names(template, stackkit.effective_resources(template, overrides), values)


def statements(policy_document):
    found = policy_document["Statement"]
    return found if isinstance(found, list) else [found]


def role_statements(names, role_logical_id):
    """Every statement of a role's inline policies, resolved (managed policies are not read)."""
    props = names.resources[role_logical_id]["Properties"]
    return [st for p in props.get("Policies", []) for st in statements(names.resolve(p["PolicyDocument"]))]


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _like(pattern, value):
    return fnmatch.fnmatchcase(value, pattern.replace("[", "[[]"))


def _condition_holds(condition, context):
    for operator, tests in condition.items():
        for key, expected in tests.items():
            if key not in context:
                return False
            actual = context[key]
            expected = [str(v) for v in _as_list(expected)]
            if operator == "StringEquals" or operator == "ArnEquals":
                ok = actual in expected
            elif operator in ("StringLike", "ArnLike"):
                ok = any(_like(e, actual) for e in expected)
            elif operator == "Bool":
                ok = str(actual).lower() in [e.lower() for e in expected]
            else:
                raise ValueError(f"condition operator {operator} is not modelled")
            if not ok:
                return False
    return True


def allows(stmts, action, resource, context=None):
    """True when some Allow statement grants the action on the resource in this context."""
    context = context or {}
    for st in stmts:
        if st.get("Effect") != "Allow":
            continue
        if not any(_like(a.lower(), action.lower()) for a in _as_list(st.get("Action", []))):
            continue
        if not any(_like(r, resource) for r in _as_list(st.get("Resource", []))):
            continue
        if _condition_holds(st.get("Condition", {}), context):
            return True
    return False
