"""One failed run, one message. Before, a failed EMR step reached the alarm topic four times (the
state machine's NotifyFailure, the ExecutionsFailed alarm, an EventBridge rule on the step and an
alarm on that rule). Here every way a run can fail is traced to what it makes breach, and the
paths that end at the topic are counted."""

import pytest

import stackkit

# What each kind of failure inside a run makes happen, besides the state machine's own Catch.
FAILURES = {
    "ingestion": [("AWS/States", "ExecutionsFailed", "PipelineStateMachine"), ("AWS/Lambda", "Errors", "IngestFunction")],
    "extraction": [("AWS/States", "ExecutionsFailed", "PipelineStateMachine"), ("AWS/Lambda", "Errors", "ExtractFunction")],
    "emr_step": [("AWS/States", "ExecutionsFailed", "PipelineStateMachine"), ("event", "aws.emr", "EMR Step Status Change")],
    "catalog_check": [("AWS/States", "ExecutionsFailed", "PipelineStateMachine")],
}
# Failures that skip the Catch: the alarm is the only message.
OUTSIDE_THE_CATCH = {
    "timed_out": [("AWS/States", "ExecutionsTimedOut", "PipelineStateMachine")],
    "stopped": [("AWS/States", "ExecutionsAborted", "PipelineStateMachine")],
}


def notifying_paths(resources, effects):
    paths = []
    rules_to_topic = {
        name for name, r in resources.items() if r["Type"] == "AWS::Events::Rule"
        and any(t["Arn"] == {"Ref": "AlarmTopic"} for t in r["Properties"].get("Targets", []))
    }
    matching_rules = set()
    for namespace, metric, target in effects:
        if namespace == "event":
            for name, r in resources.items():
                pattern = r["Properties"].get("EventPattern", {}) if r["Type"] == "AWS::Events::Rule" else {}
                if metric in pattern.get("source", []) and target in pattern.get("detail-type", []):
                    matching_rules.add(name)
                    if name in rules_to_topic:
                        paths.append(f"rule {name}")
            continue
        for name, r in resources.items():
            if r["Type"] != "AWS::CloudWatch::Alarm":
                continue
            props = r["Properties"]
            dims = [d["Value"] for d in props.get("Dimensions", [])]
            if (props["Namespace"], props["MetricName"]) == (namespace, metric) and {"Ref": target} in dims \
                    and {"Ref": "AlarmTopic"} in props.get("AlarmActions", []):
                paths.append(f"alarm {name}")
    for name, r in resources.items():  # alarms on the rules that matched
        props = r.get("Properties", {})
        if r["Type"] == "AWS::CloudWatch::Alarm" and props["Namespace"] == "AWS/Events" \
                and any(d["Value"] in ({"Ref": m} for m in matching_rules) for d in props.get("Dimensions", [])) \
                and {"Ref": "AlarmTopic"} in props.get("AlarmActions", []):
            paths.append(f"alarm {name}")
    return paths


def catch_targets(states):
    """Where each Catch goes (except the notification's own: a failed publish cannot publish)."""
    for state in states.values():
        if state.get("Resource", "").endswith("sns:publish"):
            continue
        for catch in state.get("Catch", []):
            yield catch["Next"]
        for branch in state.get("Branches", []):
            yield from catch_targets(branch["States"])


def test_every_catch_ends_in_one_notification(asl):
    states = asl["States"]
    for start in set(catch_targets(states)):
        name, published = start, 0
        while name:
            state = states[name]
            published += state.get("Resource", "").endswith("sns:publish")
            name = state.get("Next")
        assert published == 1, start


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_one_failed_run_sends_one_message(template, failure):
    resources = stackkit.effective_resources(template)
    extra = notifying_paths(resources, FAILURES[failure])
    assert extra == [], f"besides NotifyFailure: {extra}"


@pytest.mark.parametrize("failure", sorted(OUTSIDE_THE_CATCH))
def test_failures_that_skip_the_catch_still_notify(template, failure):
    resources = stackkit.effective_resources(template)
    assert len(notifying_paths(resources, OUTSIDE_THE_CATCH[failure])) == 1


def test_query_api_errors_notify(template):
    resources = stackkit.effective_resources(template)
    assert notifying_paths(resources, [("AWS/Lambda", "Errors", "QueryFunction")]) == ["alarm QueryErrorsAlarm"]
