"""queries.ipynb executed headless, as a reader would run it, on both backends.

Local: on a lake that the project's own Spark jobs built from the real sample; the figures it
prints must equal trusted's counts (deaths from trusted's is_fatal, whatever rule the ETL uses).
aws: the same notebook against moto's Athena, with the local answers posted as query results;
it must send the same SQL and parameters to the stack's workgroup and database, and print the same
sentences. Without a stack it stops at once with a message saying what to set.
"""
import datetime as dt
import json
import pickle
import re
import urllib.request

import boto3
import nbformat
import pandas as pd
import pyarrow.parquet as pq
import pytest
from moto.server import ThreadedMotoServer
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

import lakedeck_notebook as ln
from notebook_run import NOTEBOOK, execute_notebook, png_count, stream_text

CHARTS = 7
HEADLINE = re.compile(r"Total cases: (\d+) \| total deaths: (\d+) \| case fatality: [\d.]+% \| "
                      r"departments with cases: (\d+)")
STACK, REGION = "nbtest", "us-east-1"
WORK_GROUP, DATABASE = f"{STACK}-lakedeck", f"{STACK}_lake"


def expected_headline(trusted):
    return len(trusted), int(trusted["is_fatal"].sum()), trusted["department_code"].nunique()


@pytest.fixture(scope="module")
def local_run(sample_lake, kernel_env, tmp_path_factory):
    """The notebook on the sample lake, plus every query it ran and its answer (from lake.history)."""
    record = tmp_path_factory.mktemp("history") / "history.pkl"
    dump = (f"import pickle\nwith open({str(record)!r}, 'wb') as fh:\n"
            "    pickle.dump([(r.sql, r.parameters, r.frame) for r in lake.history], fh)")
    notebook = execute_notebook(dict(kernel_env, LAKEDECK_LAKE=str(sample_lake)), [dump])
    return notebook, pickle.loads(record.read_bytes())


def test_the_notebook_is_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


def test_local_figures_equal_trusted_counts(local_run, trusted_cases):
    notebook, _ = local_run
    text = stream_text(notebook)
    cases, deaths, departments = expected_headline(trusted_cases)
    assert HEADLINE.search(text).groups() == (str(cases), str(deaths), str(departments))
    assert f"all ages together: {deaths} deaths in {cases} cases." in text
    assert re.search(rf"most common contagion type is \w+ \(\d+ of {cases} cases\)", text)
    assert f"{departments} of 33 departments have at least one case" in text
    assert png_count(notebook) == CHARTS


def test_the_executed_notebook_renders_to_html_with_its_charts(local_run):
    notebook, _ = local_run
    html, _ = HTMLExporter().from_notebook_node(notebook)
    assert html.count('src="data:image/png;base64,') == CHARTS
    assert "Total cases:" in html and "department_incidence" in html


def test_local_tour_counts_every_refined_table(local_run, sample_lake):
    _, history = local_run
    counted = {re.search(r'FROM "(\w+)"', sql)[1]: int(frame["row_count"].iloc[0])
               for sql, _, frame in history if "AS row_count" in sql}
    refined = [t for t in ln.catalog().values() if t.zone == "refined"]
    assert set(counted) == {t.name for t in refined}
    for table in refined:
        assert counted[table.name] == len(pq.ParquetDataset(str(sample_lake / table.location)).read())


def test_local_runs_each_named_query_as_the_api_defines_it(local_run):
    _, history = local_run
    ran = {sql for sql, _, _ in history}
    assert {q.sql for q in ln.named_queries().values()} <= ran


# What Athena reports as the precision of each type in GetQueryResults column info.
PRECISION = {"boolean": 0, "bigint": 19, "double": 17, "date": 0, "varchar": 2147483647}


def athena_type(series):
    values = series.dropna()
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "bigint"
    if pd.api.types.is_float_dtype(series):
        return "double"
    first = values.iloc[0] if len(values) else ""
    if isinstance(first, dt.date):
        return "date"
    return {bool: "boolean", int: "bigint", float: "double"}.get(type(first), "varchar")


def athena_cell(value, kind):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return {}
    if kind == "boolean":
        return {"VarCharValue": "true" if value else "false"}
    if kind == "date":
        return {"VarCharValue": value.isoformat()}
    return {"VarCharValue": repr(float(value)) if kind == "double" else str(value)}


def athena_result(frame):
    """A DataFrame as GetQueryResults rows and column info (no header row, as moto serves it)."""
    kinds = [athena_type(frame[c]) for c in frame.columns]
    rows = [{"Data": [athena_cell(v, k) for v, k in zip(row, kinds)]}
            for row in frame.itertuples(index=False)]
    info = [{"Name": c, "Label": c, "Type": k, "Precision": PRECISION[k], "Scale": 0,
             "Nullable": "UNKNOWN", "CaseSensitive": k == "varchar"}
            for c, k in zip(frame.columns, kinds)]
    return {"rows": rows, "column_info": info}


@pytest.fixture
def moto_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def deploy_stack(endpoint):
    """What the notebook reads of a lakedeck stack: its outputs (moto models no workgroup or Glue
    resource, so the outputs are literal) and the workgroup itself, which queries run in."""
    creds = dict(region_name=REGION, endpoint_url=endpoint, aws_access_key_id="testing",
                 aws_secret_access_key="testing")
    template = {"Resources": {"LakeBucket": {"Type": "AWS::S3::Bucket",
                                             "Properties": {"BucketName": "nbtest-lake"}}},
                "Outputs": {"AthenaWorkGroupName": {"Value": WORK_GROUP},
                            "GlueDatabaseName": {"Value": DATABASE},
                            "LakeBucketName": {"Value": {"Ref": "LakeBucket"}}}}
    boto3.client("cloudformation", **creds).create_stack(StackName=STACK,
                                                         TemplateBody=json.dumps(template))
    athena = boto3.client("athena", **creds)
    athena.create_work_group(Name=WORK_GROUP, Configuration={"ResultConfiguration": {
        "OutputLocation": "s3://nbtest-lake/athena-results/"}})
    return athena


def post_results(endpoint, frames):
    body = json.dumps({"region": REGION, "results": [athena_result(f) for f in frames]}).encode()
    request = urllib.request.Request(f"{endpoint}/moto-api/static/athena/query-results", data=body,
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.status == 201


def aws_env(kernel_env, endpoint, **extra):
    return dict(kernel_env, LAKEDECK_BACKEND="aws", AWS_REGION=REGION, AWS_ENDPOINT_URL=endpoint,
                AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", **extra)


def test_aws_runs_the_same_queries_on_athena_and_prints_the_same(local_run, moto_endpoint,
                                                                  kernel_env, trusted_cases):
    local_notebook, history = local_run
    athena = deploy_stack(moto_endpoint)
    post_results(moto_endpoint, [frame for _, _, frame in history])

    notebook = execute_notebook(aws_env(kernel_env, moto_endpoint, LAKEDECK_STACK=STACK))

    text = stream_text(notebook)
    assert text.splitlines()[0] == (f"Athena: stack {STACK} in {REGION}, workgroup {WORK_GROUP}, "
                                    f"database {DATABASE}")
    cases, deaths, departments = expected_headline(trusted_cases)
    assert HEADLINE.search(text).groups() == (str(cases), str(deaths), str(departments))
    assert text.splitlines()[1:] == stream_text(local_notebook).splitlines()[1:]
    assert png_count(notebook) == CHARTS

    ids = athena.list_query_executions(WorkGroup=WORK_GROUP)["QueryExecutionIds"]
    sent = [athena.get_query_execution(QueryExecutionId=i)["QueryExecution"] for i in ids]
    assert [q["Query"] for q in sent] == [sql for sql, _, _ in history]
    assert len(sent) == len(history)
    for query, (_, parameters, _) in zip(sent, history):
        sent_parameters = query.get("ExecutionParameters", [])
        assert len(sent_parameters) == len(parameters)
        for got, value in zip(sent_parameters, parameters):
            if isinstance(value, dt.date):  # today, the end of date ranges: runs may straddle midnight
                assert re.fullmatch(r"'\d{4}-\d{2}-\d{2}'", got)
            else:
                assert got == ln.sql_literal(value)
    assert {q["QueryExecutionContext"].get("Database") for q in sent} == {DATABASE}


def test_aws_without_a_stack_stops_with_a_clear_message(kernel_env, moto_endpoint):
    with pytest.raises(CellExecutionError) as failure:
        execute_notebook(aws_env(kernel_env, moto_endpoint))
    assert "the aws backend needs a deployed lakedeck stack: set LAKEDECK_STACK" in str(failure.value)


def test_aws_with_an_unknown_stack_names_it(kernel_env, moto_endpoint):
    with pytest.raises(CellExecutionError) as failure:
        execute_notebook(aws_env(kernel_env, moto_endpoint, LAKEDECK_STACK="no-such-stack"))
    assert "stack 'no-such-stack' in us-east-1: Stack with id no-such-stack does not exist" in \
        str(failure.value)
