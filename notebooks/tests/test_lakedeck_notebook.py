"""The notebook's helper module on its own: settings, catalog, named queries, parameters, errors."""
import datetime as dt
import json
import re

import boto3
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from moto.server import ThreadedMotoServer

import lakedeck_notebook as ln


def test_default_lake_follows_the_console_rule(tmp_path, monkeypatch):
    assert ln.default_lake({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "lakedeck" / "lake"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert ln.default_lake({"XDG_DATA_HOME": ""}) == tmp_path / ".local/share/lakedeck/lake"


def test_environment_beats_config_file_beats_default(tmp_path):
    config = tmp_path / "lakedeck" / "config.json"
    config.parent.mkdir()
    config.write_text(json.dumps({"lake": str(tmp_path / "from-file"), "stack": "file-stack"}))
    base = {"XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    assert ln.resolve_settings(base).lake == tmp_path / "from-file"
    assert ln.resolve_settings(base).stack == "file-stack"
    env = dict(base, LAKEDECK_LAKE=str(tmp_path / "from-env"), LAKEDECK_STACK="env-stack")
    assert ln.resolve_settings(env).lake == tmp_path / "from-env"
    assert ln.resolve_settings(env).stack == "env-stack"
    config.unlink()
    assert ln.resolve_settings(base).lake == tmp_path / "data" / "lakedeck" / "lake"


def test_a_named_config_file_that_is_missing_or_broken_is_a_clear_error(tmp_path):
    with pytest.raises(ln.NotebookError, match="does not exist"):
        ln.resolve_settings({"LAKEDECK_CONFIG": str(tmp_path / "nope.json")})
    broken = tmp_path / "broken.json"
    broken.write_text("{lake:")
    with pytest.raises(ln.NotebookError, match="not valid JSON"):
        ln.resolve_settings({"LAKEDECK_CONFIG": str(broken)})


def test_every_named_query_of_the_api_is_read_with_its_sql():
    named = ln.named_queries()
    declared = re.findall(r"^\s+name: '(\w+)',$", ln.ROUTES.read_text(), re.M)
    assert list(named) == declared and len(declared) >= 6
    for query in named.values():
        assert query.sql.startswith("SELECT ") and "`" not in query.sql
        assert query.path.startswith("/") and query.summary
    assert named["department_daily"].sql.count("?") == 3
    assert "FROM incidence_by_department" in named["department_incidence"].sql


def test_parameters_become_sql_literals_as_the_api_binds_them():
    assert ln.sql_literal("08") == "'08'"
    assert ln.sql_literal("O'Hara") == "'O''Hara'"
    assert ln.sql_literal(dt.date(2020, 3, 6)) == "'2020-03-06'"
    assert ln.sql_literal(10) == "10"
    for bad in (True, None, [1]):
        with pytest.raises(ln.NotebookError, match="unsupported query parameter"):
            ln.sql_literal(bad)


def test_unknown_backend_and_missing_stack_are_clear_errors(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    with pytest.raises(ln.NotebookError, match="unknown backend 'athena'"):
        ln.connect("athena", env)
    with pytest.raises(ln.NotebookError, match="needs a deployed lakedeck stack: set LAKEDECK_STACK"):
        ln.connect("aws", env)


def test_a_missing_lake_is_a_clear_error(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path), "LAKEDECK_LAKE": str(tmp_path / "no-lake")}
    with pytest.raises(ln.NotebookError, match="no lake at .*no-lake.*LAKEDECK_LAKE"):
        ln.connect("local", env)


def test_local_views_type_hive_partitions_and_skip_tables_not_built(tmp_path):
    cases = tmp_path / "trusted" / "covid_cases" / "report_date=2020-03-06"
    cases.mkdir(parents=True)
    pq.write_table(pa.table({"case_id": [1, 2], "is_fatal": [True, False]}), cases / "part-0.parquet")
    (tmp_path / "refined").mkdir()
    lake = ln.LocalLake(tmp_path)
    assert lake.tables() == ["covid_cases"]
    frame = lake.query("SELECT report_date, COUNT_IF(is_fatal) AS deaths FROM covid_cases "
                       "WHERE report_date = CAST(? AS DATE) GROUP BY report_date", "2020-03-06")
    assert frame.to_dict("records") == [{"report_date": dt.date(2020, 3, 6), "deaths": 1}]
    assert [r.parameters for r in lake.history] == [["2020-03-06"]]
    tour = ln.refined_tour(lake)
    assert set(tour["rows"]) == {"not built yet"} and "incidence_by_department" in set(tour["table"])


def test_a_table_not_built_yet_is_named_with_what_to_run(tmp_path):
    (tmp_path / "refined").mkdir()
    lake = ln.LocalLake(tmp_path)
    with pytest.raises(ln.NotebookError, match="refined/incidence_by_department/ in .* has no "
                                              "Parquet files yet: run the pipeline"):
        lake.named(ln.named_queries()["department_incidence"])
    with pytest.raises(Exception, match="no_such_table"):
        lake.query("SELECT * FROM no_such_table")


def test_named_query_parameter_count_is_checked(tmp_path):
    (tmp_path / "refined").mkdir()
    lake = ln.LocalLake(tmp_path)
    with pytest.raises(ln.NotebookError, match="department_daily takes 3 parameter"):
        lake.named(ln.named_queries()["department_daily"], "11")


@pytest.fixture
def moto_endpoint(monkeypatch):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_ENDPOINT_URL": f"http://{host}:{port}"}.items():
        monkeypatch.setenv(key, value)
    yield f"http://{host}:{port}"
    server.stop()


def test_stack_lookup_names_what_is_missing(moto_endpoint):
    session = boto3.Session(region_name="us-east-1")
    with pytest.raises(ln.NotebookError, match="stack 'nope' in us-east-1: .*does not exist"):
        ln.stack_outputs("nope", session)
    session.client("cloudformation").create_stack(StackName="bare", TemplateBody=json.dumps({
        "Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}))
    with pytest.raises(ln.NotebookError, match="no AthenaWorkGroupName or GlueDatabaseName output"):
        ln.AthenaLake("bare", region="us-east-1")


def test_an_unreachable_endpoint_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # discard port: nothing listens
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    with pytest.raises(ln.NotebookError, match="cannot read stack 'lakedeck-dev' in us-east-1: "
                                              "Could not connect to the endpoint URL"):
        ln.stack_outputs("lakedeck-dev", boto3.Session(region_name="us-east-1"))
