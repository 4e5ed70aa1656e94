"""The state machine definition: validated by asl-validator, and its structure pinned down."""
import json
import re
import subprocess

import pytest

from stackkit import ASL, REPO, SUBSTITUTIONS

TASK_STATES = {
    "IngestCovidCsv", "IngestCovidApi", "ExtractDivipola", "ExtractDepartments",
    "CreateCluster", "RunEtl", "RunAnalytics", "RunMl", "RefreshCatalog",
    "TerminateCluster", "TerminateClusterOnFailure", "NotifyFailure",
}
# States that run while a cluster exists: each must hand failures to the terminating Catch.
WITH_CLUSTER = {"RunEtl", "AnalyticsAndMl", "RefreshCatalog"}
VALIDATOR = REPO / "node_modules" / ".bin" / "asl-validator"

def substitute(text, values):
    for key, value in values.items():
        text = text.replace("${" + key + "}", value)
    return text


def all_states(states):
    for name, state in states.items():
        yield name, state
        for branch in state.get("Branches", []):
            yield from all_states(branch["States"])


def validate(tmp_path, definitions):
    """Runs asl-validator once over several definitions; returns {name: (ok, output)}."""
    paths = {}
    for name, text in definitions.items():
        path = tmp_path / f"{name}.asl.json"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    results = {}
    for name, path in paths.items():
        proc = subprocess.run([str(VALIDATOR), "--json-path", str(path)],
                              capture_output=True, text=True, timeout=60)
        results[name] = (proc.returncode == 0, proc.stdout + proc.stderr)
    return results


def test_asl_validator_accepts_the_file_raw_and_substituted_and_rejects_a_broken_copy(tmp_path):
    raw = ASL.read_text(encoding="utf-8")
    broken = json.loads(raw)
    broken["States"]["RunEtl"]["Next"] = "NoSuchState"
    results = validate(tmp_path, {
        "raw": raw,
        "substituted": substitute(raw, SUBSTITUTIONS),
        "broken": json.dumps(broken),
    })
    assert results["raw"][0], results["raw"][1]
    assert results["substituted"][0], results["substituted"][1]
    # Proves the validator really checks transitions, so the two passes above mean something.
    assert not results["broken"][0]
    assert "NoSuchState" in results["broken"][1]


def test_jsonpath_only_no_jsonata_no_variables(asl):
    assert asl["QueryLanguage"] == "JSONPath"
    text = ASL.read_text(encoding="utf-8")
    assert "{%" not in text  # JSONata expressions
    for name, state in all_states(asl["States"]):
        assert state.get("QueryLanguage", "JSONPath") == "JSONPath", name
        for field in ("Arguments", "Output", "Assign"):
            assert field not in state, f"{name} uses {field}, a JSONata/variables field"


def test_task_states_have_the_documented_stable_names(asl):
    tasks = {name for name, state in all_states(asl["States"]) if state["Type"] == "Task"}
    assert tasks == TASK_STATES
    documented = (ASL.parent / "README.md").read_text(encoding="utf-8")
    for name in TASK_STATES | {"CheckAnythingNew"}:
        assert f"`{name}`" in documented, f"{name} missing from statemachine/README.md"


def test_flow_order(asl):
    states = asl["States"]
    assert asl["StartAt"] == "RunDefaults"
    assert states["RunDefaults"]["Next"] == "RunParameters"
    assert states["RunParameters"]["Next"] == "Ingest"
    ingest = states["Ingest"]
    assert ingest["Type"] == "Parallel"
    assert [b["StartAt"] for b in ingest["Branches"]] == [
        "IngestCovidCsv", "IngestCovidApi", "ExtractDivipola", "ExtractDepartments"]
    assert ingest["Next"] == "CheckAnythingNew"
    choice = states["CheckAnythingNew"]
    assert choice["Type"] == "Choice"
    assert choice["Choices"][0]["Next"] == "CreateCluster"
    assert states[choice["Default"]]["Type"] == "Succeed"
    assert states["CreateCluster"]["Resource"] == "arn:aws:states:::elasticmapreduce:createCluster.sync"
    assert states["CreateCluster"]["Next"] == "RunEtl"
    assert states["RunEtl"]["Resource"] == "arn:aws:states:::elasticmapreduce:addStep.sync"
    # Analytics and ML depend on ETL: they are only reachable through RunEtl's success.
    assert states["RunEtl"]["Next"] == "AnalyticsAndMl"
    branches = states["AnalyticsAndMl"]["Branches"]
    assert sorted(b["StartAt"] for b in branches) == ["RunAnalytics", "RunMl"]
    for branch in branches:
        step = branch["States"][branch["StartAt"]]
        assert step["Resource"] == "arn:aws:states:::elasticmapreduce:addStep.sync"
    assert states["AnalyticsAndMl"]["Next"] == "RefreshCatalog"
    assert states["RefreshCatalog"]["Next"] == "TerminateCluster"
    assert states["TerminateCluster"]["Resource"] == "arn:aws:states:::elasticmapreduce:terminateCluster"
    assert states[states["TerminateCluster"]["Next"]]["Type"] == "Succeed"
    # The only ways to RunAnalytics/RunMl/RefreshCatalog go through RunEtl.
    pointers = [(n, s.get("Next")) for n, s in states.items()]
    pointers += [(n, c["Next"]) for n, s in states.items() for c in s.get("Choices", [])]
    pointers += [(n, c["Next"]) for n, s in states.items() for c in s.get("Catch", [])]
    assert [n for n, nxt in pointers if nxt == "AnalyticsAndMl"] == ["RunEtl"]
    assert [n for n, nxt in pointers if nxt == "RunEtl"] == ["CreateCluster"]


def test_every_failure_terminates_the_cluster_notifies_and_fails(asl):
    states = asl["States"]
    for name in WITH_CLUSTER:
        catches = states[name]["Catch"]
        assert catches[0]["ErrorEquals"] == ["States.ALL"], name
        assert catches[0]["Next"] == "TerminateClusterOnFailure", name
        assert catches[0]["ResultPath"] == "$.error", name
    for name in ("Ingest", "CreateCluster", "TerminateCluster"):
        assert states[name]["Catch"] == [
            {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "NotifyFailure"}], name
    on_failure = states["TerminateClusterOnFailure"]
    assert on_failure["Resource"] == "arn:aws:states:::elasticmapreduce:terminateCluster"
    assert on_failure["Next"] == "NotifyFailure"
    # A failed terminate must not swallow the original error ($.error) nor skip the notification.
    assert on_failure["Catch"][0]["Next"] == "NotifyFailure"
    assert on_failure["Catch"][0]["ResultPath"] != "$.error"
    notify = states["NotifyFailure"]
    assert notify["Resource"] == "arn:aws:states:::sns:publish"
    assert notify["Parameters"]["TopicArn"] == "${AlarmTopicArn}"
    assert notify["Next"] == "PipelineFailed"
    assert notify["Catch"][0]["Next"] == "PipelineFailed"
    failed = states["PipelineFailed"]
    assert failed["Type"] == "Fail"
    assert failed["ErrorPath"] == "$.error.Error" and failed["CausePath"] == "$.error.Cause"
    # No step hides a failure: nothing catches an error and then succeeds.
    succeed = {n for n, s in states.items() if s["Type"] == "Succeed"}
    for name, state in all_states(states):
        for catch in state.get("Catch", []):
            assert catch["Next"] not in succeed, name


def test_every_task_retries_transient_errors_only_where_safe(asl):
    for name, state in all_states(asl["States"]):
        if state["Type"] != "Task":
            continue
        assert state.get("Retry"), f"{name} has no Retry"
        errors = {e for r in state["Retry"] for e in r["ErrorEquals"]}
        if name.startswith(("Ingest", "Extract", "Create", "Run", "Refresh")):
            # Re-running a failed Spark job or ingestion blindly is not a transient-error retry.
            assert "States.ALL" not in errors and "States.TaskFailed" not in errors, name


def test_emr_steps_run_the_spark_jobs_with_the_zone_contract(asl):
    text = ASL.read_text(encoding="utf-8")
    for job in ("etl", "analytics", "ml"):
        assert f"'s3://${{LakeBucket}}/${{ArtifactsPrefix}}spark/jobs/{job}.py'" in text
    for name, state in all_states(asl["States"]):
        if state.get("Resource") != "arn:aws:states:::elasticmapreduce:addStep.sync":
            continue
        step = state["Parameters"]["Step"]
        # StepConcurrencyLevel 2 only allows CONTINUE; the .sync task still fails on a failed step.
        assert step["ActionOnFailure"] == "CONTINUE"
        args = step["HadoopJarStep"]["Args.$"]
        assert args.startswith("States.Array('spark-submit'")
        for flag, value in (("--raw", "raw"), ("--trusted", "trusted"), ("--refined", "refined")):
            assert f"'{flag}', 's3://${{LakeBucket}}/{value}'" in args, name
        assert "'--run-date', $.runDate)" in args
        assert "'--py-files', 's3://${LakeBucket}/${ArtifactsPrefix}spark/lakedeck-spark.zip'" in args
    create = asl["States"]["CreateCluster"]["Parameters"]
    assert create["Instances"]["KeepJobFlowAliveWhenNoSteps"] is True
    assert create["StepConcurrencyLevel"] == 2
    assert "IdleTimeout.$" in create["AutoTerminationPolicy"]


def test_placeholders_match_the_template_substitutions(template):
    text = ASL.read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{([A-Za-z0-9_]+)\}", text))
    given = set(template["Resources"]["PipelineStateMachine"]["Properties"]["DefinitionSubstitutions"])
    assert used == given
    assert used == set(SUBSTITUTIONS)


@pytest.mark.parametrize("name", sorted(TASK_STATES))
def test_task_resources_are_service_integrations(asl, name):
    state = dict(all_states(asl["States"]))[name]
    # Optimised integrations (no bare Lambda ARN): the same Resource validates before substitution.
    assert state["Resource"].startswith("arn:aws:states:::")
