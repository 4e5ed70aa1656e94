"""The definition executed by aws-local-stepfunctions (the local backend's interpreter) with a
scripted handler per Task state: every path, what each task receives, and how the run ends."""
import datetime
import json
import subprocess

import pytest

from stackkit import ASL, CFN_DIR, REPO, SUBSTITUTIONS

HARNESS = CFN_DIR / "tests" / "asl_harness.mjs"

INGESTED = [{"return": {"Payload": {"outcome": "ingested", "bytes": 10}}}]
DUPLICATE = [{"return": {"Payload": {"outcome": "duplicate"}}}]
OK = [{"return": {}}]
STEP_FAILED = [{"throw": {"name": "States.TaskFailed", "message": "Step s-1 (etl) failed: exit 1"}}]


def happy_handlers(**overrides):
    handlers = {
        "IngestCovidCsv": INGESTED,
        "IngestCovidApi": DUPLICATE,
        "ExtractDivipola": DUPLICATE,
        "ExtractDepartments": DUPLICATE,
        "CreateCluster": [{"return": {"ClusterId": "j-LAKEDECK1", "ClusterArn": "arn:x"}}],
        "RunEtl": OK,
        "RunAnalytics": OK,
        "RunMl": OK,
        "RefreshCatalog": [{"return": {"QueryExecution": {"QueryExecutionId": "q-1", "Status": {}}}}],
        "TerminateCluster": OK,
        "TerminateClusterOnFailure": OK,
        "NotifyFailure": OK,
    }
    handlers.update(overrides)
    return handlers


SCENARIOS = {
    "happy": {"input": {"runDate": "2024-03-01"}, "handlers": happy_handlers()},
    "all_duplicates": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(IngestCovidCsv=DUPLICATE),
    },
    "forced": {
        "input": {"runDate": "2024-03-01", "force": True},
        "handlers": happy_handlers(IngestCovidCsv=DUPLICATE),
    },
    "scheduled": {
        "input": {"trigger": "schedule"},
        "handlers": happy_handlers(IngestCovidCsv=DUPLICATE, ExtractDepartments=INGESTED),
    },
    "ml_fails": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(RunMl=STEP_FAILED),
    },
    "etl_fails": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(RunEtl=STEP_FAILED),
    },
    "catalog_fails": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(RefreshCatalog=[{"throw": {
            "name": "States.TaskFailed", "message": "HIVE_BAD_DATA: wrong type for column age_years"}}]),
    },
    "ingest_fails": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(ExtractDivipola=[{"throw": {
            "name": "Error", "message": "password authentication failed"}}]),
    },
    "transient_lambda_error": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(IngestCovidApi=[
            {"throw": {"name": "Lambda.TooManyRequestsException", "message": "Rate exceeded"}},
            {"throw": {"name": "Lambda.ServiceException", "message": "try again"}},
            {"return": {"Payload": {"outcome": "ingested"}}},
        ]),
    },
    "ingestion_recovers": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(IngestCovidCsv=[
            {"throw": {"name": "IngestionFailed", "message": "covid_csv-1: HTTP 503"}},
            {"return": {"Payload": {"outcome": "ingested", "isNew": True}}},
        ]),
    },
    "ingestion_fails_twice": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(IngestCovidApi=[
            {"throw": {"name": "IngestionFailed", "message": "covid_api-1: HTTP 500 after 5 tries"}}]),
    },
    "create_cluster_fails": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(CreateCluster=[{"throw": {
            "name": "States.TaskFailed", "message": "Terminated with errors: VALIDATION_ERROR"}}]),
    },
    "terminate_on_failure_fails_too": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(
            RunEtl=STEP_FAILED,
            TerminateClusterOnFailure=[{"throw": {"name": "EMR.AmazonElasticMapReduceException",
                                                  "message": "throttled"}}]),
    },
    "final_terminate_fails": {
        "input": {"runDate": "2024-03-01"},
        "handlers": happy_handlers(TerminateCluster=[{"throw": {
            "name": "EMR.AmazonElasticMapReduceException", "message": "cluster not found"}}]),
    },
}


@pytest.fixture(scope="module")
def runs():
    # The interpreter stamps StartTime itself; bracket the run to know which UTC dates are possible.
    before = datetime.datetime.now(datetime.UTC).date().isoformat()
    payload = [
        {"definition": str(ASL), "substitutions": SUBSTITUTIONS, **scenario}
        for scenario in SCENARIOS.values()
    ]
    proc = subprocess.run(["node", str(HARNESS)], input=json.dumps(payload), capture_output=True,
                          text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    after = datetime.datetime.now(datetime.UTC).date().isoformat()
    reports = dict(zip(SCENARIOS, json.loads(proc.stdout)))
    reports["scheduled"]["possible_dates"] = {before, after}
    return reports


def called(run):
    return [c["state"] for c in run["calls"]]


def call_input(run, state):
    inputs = [c["input"] for c in run["calls"] if c["state"] == state]
    assert inputs, f"{state} was not called"
    return inputs[-1]


def test_happy_path_runs_every_step_in_order_and_terminates(runs):
    run = runs["happy"]
    assert run["status"] == "SUCCEEDED"
    order = called(run)
    ingestion = {"IngestCovidCsv", "IngestCovidApi", "ExtractDivipola", "ExtractDepartments"}
    assert set(order[:4]) == ingestion
    assert order[4:6] == ["CreateCluster", "RunEtl"]
    assert set(order[6:8]) == {"RunAnalytics", "RunMl"}
    assert order[8:] == ["RefreshCatalog", "TerminateCluster"]
    assert run["entered"][-1] == "PipelineSucceeded"
    assert run["output"]["cluster"] == {"ClusterId": "j-LAKEDECK1"}
    assert run["output"]["catalog"] == {"QueryExecutionId": "q-1"}
    assert run["output"]["ingestion"] == [
        {"source": "covid_csv", "outcome": "ingested"},
        {"source": "covid_api", "outcome": "duplicate"},
        {"source": "divipola", "outcome": "duplicate"},
        {"source": "departments", "outcome": "duplicate"},
    ]


def test_ingestion_tasks_receive_source_run_date_and_function(runs):
    run = runs["happy"]
    csv = call_input(run, "IngestCovidCsv")
    assert csv["FunctionName"] == SUBSTITUTIONS["IngestFunctionArn"]
    assert csv["Payload"]["source"] == "covid_csv"
    assert csv["Payload"]["runDate"] == "2024-03-01"
    assert csv["Payload"]["executionId"].startswith("arn:aws:states:")
    assert call_input(run, "IngestCovidApi")["Payload"]["source"] == "covid_api"
    for state, source in (("ExtractDivipola", "divipola"), ("ExtractDepartments", "departments")):
        extract = call_input(run, state)
        assert extract["FunctionName"] == SUBSTITUTIONS["ExtractFunctionArn"]
        assert extract["Payload"]["source"] == source


def test_cluster_request_is_a_complete_typed_run_job_flow(runs):
    request = call_input(runs["happy"], "CreateCluster")
    assert request["Name"] == "lakedeck-dev-2024-03-01"
    assert request["ReleaseLabel"] == "emr-7.12.0"
    assert request["Applications"] == [{"Name": "Spark"}]
    assert request["ServiceRole"] == SUBSTITUTIONS["EmrServiceRole"]
    assert request["JobFlowRole"] == SUBSTITUTIONS["EmrInstanceProfile"]
    assert request["LogUri"] == SUBSTITUTIONS["EmrLogUri"]
    # Numbers, not strings: EMR rejects "900" or "2".
    assert request["AutoTerminationPolicy"] == {"IdleTimeout": 900}
    groups = {g["InstanceRole"]: g for g in request["Instances"]["InstanceGroups"]}
    assert groups["MASTER"]["InstanceCount"] == 1
    assert groups["CORE"]["InstanceCount"] == 2
    assert groups["CORE"]["InstanceType"] == "m5.xlarge"
    assert request["Instances"]["Ec2SubnetId"] == SUBSTITUTIONS["EmrSubnetId"]
    assert request["Instances"]["KeepJobFlowAliveWhenNoSteps"] is True
    assert {"Key": "for-use-with-amazon-emr-managed-policies", "Value": "true"} in request["Tags"]
    assert "${" not in json.dumps(request)


def test_spark_steps_get_the_zone_uris_and_run_date(runs):
    run = runs["happy"]
    lake = "s3://" + SUBSTITUTIONS["LakeBucket"]
    for state, job in (("RunEtl", "etl"), ("RunAnalytics", "analytics"), ("RunMl", "ml")):
        request = call_input(run, state)
        assert request["ClusterId"] == "j-LAKEDECK1"
        assert request["Step"]["Name"] == f"lakedeck-dev-{job}"
        args = request["Step"]["HadoopJarStep"]["Args"]
        assert args[:3] == ["spark-submit", "--deploy-mode", "cluster"]
        assert args[3:5] == ["--py-files", f"{lake}/artifacts/spark/lakedeck-spark.zip"]
        assert args[5] == f"{lake}/artifacts/spark/jobs/{job}.py"
        assert args[6:] == ["--raw", f"{lake}/raw", "--trusted", f"{lake}/trusted",
                            "--refined", f"{lake}/refined", "--run-date", "2024-03-01"]
    catalog = call_input(run, "RefreshCatalog")
    assert catalog["WorkGroup"] == SUBSTITUTIONS["AthenaWorkGroup"]
    assert catalog["QueryExecutionContext"] == {"Database": "lakedeck"}
    assert call_input(run, "TerminateCluster") == {"ClusterId": "j-LAKEDECK1"}


def test_nothing_new_stops_before_any_cluster(runs):
    run = runs["all_duplicates"]
    assert run["status"] == "SUCCEEDED"
    assert "CreateCluster" not in called(run)
    assert run["entered"][-1] == "NothingNew"
    assert len(run["calls"]) == 4


def test_force_runs_the_cluster_without_new_data(runs):
    run = runs["forced"]
    assert run["status"] == "SUCCEEDED"
    assert called(run)[-1] == "TerminateCluster"
    assert "RunEtl" in called(run)


def test_scheduled_run_defaults_the_run_date_to_the_start_date(runs):
    run = runs["scheduled"]
    assert run["status"] == "SUCCEEDED"
    run_date = call_input(run, "IngestCovidCsv")["Payload"]["runDate"]
    assert run_date in run["possible_dates"]
    assert call_input(run, "RunEtl")["Step"]["HadoopJarStep"]["Args"][-1] == run_date
    assert call_input(run, "CreateCluster")["Name"] == f"lakedeck-dev-{run_date}"
    assert run["output"]["trigger"] == "schedule"


@pytest.mark.parametrize("scenario,failing,cause", [
    ("ml_fails", "RunMl", "Step s-1 (etl) failed: exit 1"),
    ("etl_fails", "RunEtl", "Step s-1 (etl) failed: exit 1"),
    ("catalog_fails", "RefreshCatalog", "HIVE_BAD_DATA"),
])
def test_failure_with_a_cluster_terminates_notifies_and_fails(runs, scenario, failing, cause):
    run = runs[scenario]
    assert run["status"] == "FAILED"
    assert cause in run["cause"]
    order = called(run)
    assert order[-2:] == ["TerminateClusterOnFailure", "NotifyFailure"]
    assert "TerminateCluster" not in order
    assert call_input(run, "TerminateClusterOnFailure") == {"ClusterId": "j-LAKEDECK1"}
    notice = call_input(run, "NotifyFailure")
    assert notice["TopicArn"] == SUBSTITUTIONS["AlarmTopicArn"]
    assert notice["Subject"] == "lakedeck lakedeck-dev: run 2024-03-01 failed"
    assert cause in notice["Message"] and "States.TaskFailed" in notice["Message"]
    assert run["entered"][-1] == "PipelineFailed"
    if failing == "RunEtl":
        assert "RunAnalytics" not in order and "RunMl" not in order


def test_ingestion_failure_notifies_without_starting_a_cluster(runs):
    run = runs["ingest_fails"]
    assert run["status"] == "FAILED"
    assert "password authentication failed" in run["cause"]
    order = called(run)
    assert "CreateCluster" not in order and "TerminateClusterOnFailure" not in order
    assert order[-1] == "NotifyFailure"
    # Not a transient error: tried once.
    assert order.count("ExtractDivipola") == 1


def test_transient_lambda_errors_are_retried(runs):
    run = runs["transient_lambda_error"]
    assert run["status"] == "SUCCEEDED"
    assert called(run).count("IngestCovidApi") == 3
    assert run["output"]["ingestion"][1] == {"source": "covid_api", "outcome": "ingested"}


def test_a_failed_ingestion_run_is_tried_once_more(runs):
    run = runs["ingestion_recovers"]
    assert run["status"] == "SUCCEEDED"
    assert called(run).count("IngestCovidCsv") == 2
    run = runs["ingestion_fails_twice"]
    assert run["status"] == "FAILED"
    assert "HTTP 500 after 5 tries" in run["cause"]
    assert called(run).count("IngestCovidApi") == 2
    assert "CreateCluster" not in called(run) and called(run)[-1] == "NotifyFailure"


def test_failed_cluster_creation_notifies_and_fails(runs):
    run = runs["create_cluster_fails"]
    assert run["status"] == "FAILED"
    assert "VALIDATION_ERROR" in run["cause"]
    order = called(run)
    assert "RunEtl" not in order and "TerminateClusterOnFailure" not in order
    assert order[-1] == "NotifyFailure"


def test_a_failing_terminate_still_notifies_and_keeps_the_original_error(runs):
    run = runs["terminate_on_failure_fails_too"]
    assert run["status"] == "FAILED"
    # Retried (4 attempts + the first), then the notification still goes out.
    assert called(run).count("TerminateClusterOnFailure") == 5
    assert called(run)[-1] == "NotifyFailure"
    assert "Step s-1 (etl) failed" in run["cause"]


def test_a_failing_final_terminate_is_not_a_green_run(runs):
    run = runs["final_terminate_fails"]
    assert run["status"] == "FAILED"
    assert "cluster not found" in run["cause"]
    assert called(run)[-1] == "NotifyFailure"
