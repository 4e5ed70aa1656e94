"""Helpers behind notebooks/queries.ipynb, kept out of the cells so they stay short and tested.

One `Lake` answers Athena-dialect SQL on either backend: local (DuckDB views over the lake's
Parquet folders, on the lake the console uses) or aws (Athena through PyAthena, in the workgroup
and Glue database named by the stack's outputs). The catalog comes from spark/schemas.json and
the named queries from the query API's routes (src/core/named-queries.ts): one definition each.
"""
from __future__ import annotations

import abc
import dataclasses
import datetime as dt
import json
import os
import pathlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

REPO = pathlib.Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "spark" / "schemas.json"
ROUTES = REPO / "src" / "core" / "named-queries.ts"
BACKENDS = ("local", "aws")


class NotebookError(Exception):
    """A problem the reader can fix (missing lake, stack or output); the message says how."""


# ------------------------------------------------------------------ settings (as the console)

def _config_file(env: Mapping[str, str]) -> dict[str, Any]:
    """The console's optional JSON config file (LAKEDECK_CONFIG, else XDG config home)."""
    explicit = env.get("LAKEDECK_CONFIG")
    config_home = env.get("XDG_CONFIG_HOME") or str(pathlib.Path.home() / ".config")
    path = pathlib.Path(explicit or pathlib.Path(config_home) / "lakedeck" / "config.json")
    try:
        parsed = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if explicit:
            raise NotebookError(f"config file {path} (LAKEDECK_CONFIG) does not exist") from None
        return {}
    except json.JSONDecodeError as error:
        raise NotebookError(f"config file {path} is not valid JSON: {error}") from None
    if not isinstance(parsed, dict):
        raise NotebookError(f"config file {path} must hold a JSON object")
    return parsed


def _pick(env_value: str | None, file_value: Any) -> str | None:
    for value in (env_value, file_value):
        if isinstance(value, str) and value != "":
            return value
    return None


def default_lake(env: Mapping[str, str]) -> pathlib.Path:
    """src/config/paths.ts defaultLake: $XDG_DATA_HOME or ~/.local/share, then lakedeck/lake."""
    data_home = env.get("XDG_DATA_HOME") or str(pathlib.Path.home() / ".local" / "share")
    return pathlib.Path(data_home) / "lakedeck" / "lake"


@dataclasses.dataclass(frozen=True)
class Settings:
    lake: pathlib.Path
    stack: str | None
    region: str | None
    profile: str | None


def resolve_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Environment > config file > defaults, the console's precedence (without its flags)."""
    env = os.environ if env is None else env
    file = _config_file(env)
    lake = _pick(env.get("LAKEDECK_LAKE"), file.get("lake"))
    return Settings(
        lake=pathlib.Path(lake).expanduser().resolve() if lake else default_lake(env),
        stack=_pick(env.get("LAKEDECK_STACK"), file.get("stack")),
        region=_pick(env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION"), file.get("region")),
        profile=_pick(env.get("AWS_PROFILE"), file.get("profile")),
    )


# ------------------------------------------------------------------ catalog and named queries

@dataclasses.dataclass(frozen=True)
class Table:
    name: str
    zone: str
    location: str
    description: str
    columns: list[dict[str, str]]
    partition_keys: list[dict[str, str]]


def catalog(path: pathlib.Path = SCHEMAS) -> dict[str, Table]:
    """Every trusted and refined table, from the one catalog file the jobs conform to."""
    tables = json.loads(path.read_text(encoding="utf-8"))["tables"]
    return {name: Table(name, t["zone"], t["location"], t["description"], t["columns"],
                        t.get("partition_keys", [])) for name, t in tables.items()}


@dataclasses.dataclass(frozen=True)
class NamedQuery:
    name: str
    path: str
    summary: str
    sql: str


_QUERY_BLOCK = re.compile(
    r"name:\s*'(?P<name>\w+)',\s*path:\s*'(?P<path>[^']+)',.*?"
    r"summary:\s*'(?P<summary>(?:[^'\\]|\\.)*)',.*?sql:\s*`(?P<sql>[^`]*)`", re.S)


def named_queries(path: pathlib.Path = ROUTES) -> dict[str, NamedQuery]:
    """The query API's named queries, read from its routes file so both show the same SQL."""
    found = {m["name"]: NamedQuery(m["name"], m["path"], m["summary"].replace("\\'", "'"),
                                   m["sql"].strip())
             for m in _QUERY_BLOCK.finditer(path.read_text(encoding="utf-8"))}
    if not found:
        raise NotebookError(f"no named queries found in {path}")
    return found


# ------------------------------------------------------------------ parameters

def sql_literal(value: Any) -> str:
    """A value as an Athena execution parameter (a SQL literal), as the query API binds them."""
    if isinstance(value, bool) or value is None:
        raise NotebookError(f"unsupported query parameter {value!r}: use str, int, float or date")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, str)):
        text = value.isoformat() if isinstance(value, dt.date) else value
        return "'" + text.replace("'", "''") + "'"
    raise NotebookError(f"unsupported query parameter {value!r}: use str, int, float or date")


# ------------------------------------------------------------------ backends

@dataclasses.dataclass
class QueryRecord:
    sql: str
    parameters: list[Any]
    frame: pd.DataFrame


class Lake(abc.ABC):
    """SQL over the catalog; subclasses say where it runs. Keeps the session's queries in history."""

    backend = ""

    def __init__(self) -> None:
        self.history: list[QueryRecord] = []

    @abc.abstractmethod
    def describe(self) -> str:
        """Where the queries run, in one line."""

    @abc.abstractmethod
    def _run(self, sql: str, parameters: Sequence[Any]) -> pd.DataFrame:
        """Execute one statement and return its rows."""

    @abc.abstractmethod
    def tables(self) -> list[str]:
        """Catalog tables this lake can answer for."""

    def query(self, sql: str, *parameters: Any) -> pd.DataFrame:
        """Run Athena-dialect SQL with `?` placeholders; date columns come back as dates."""
        sql = sql.strip()
        frame = _dates_as_dates(self._run(sql, list(parameters)))
        self.history.append(QueryRecord(sql, list(parameters), frame))
        return frame

    def named(self, query: NamedQuery, *parameters: Any) -> pd.DataFrame:
        expected = query.sql.count("?")
        if len(parameters) != expected:
            raise NotebookError(f"{query.name} takes {expected} parameter(s), got {len(parameters)}")
        return self.query(query.sql, *parameters)


def _dates_as_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """DuckDB gives datetime64 for DATE, PyAthena gives datetime.date: make both the latter."""
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.date
    return frame


class LocalLake(Lake):
    """DuckDB views over <lake>/<zone>/<table>/ Parquet, Hive partitions typed from the catalog."""

    backend = "local"

    def __init__(self, root: pathlib.Path, tables: Mapping[str, Table] | None = None) -> None:
        super().__init__()
        import duckdb

        self.root = pathlib.Path(root)
        if not (self.root / "refined").is_dir():
            raise NotebookError(
                f"no lake at {self.root} (no refined/ folder): run the pipeline from the console "
                "(npm start) or point LAKEDECK_LAKE at a lake")
        self._db = duckdb.connect(":memory:")
        self._catalog = dict(tables or catalog())
        self._views: list[str] = []
        for table in self._catalog.values():
            folder = self.root / table.location
            if not any(folder.rglob("*.parquet")):
                continue
            keys = {k["name"]: _duck_type(k["type"]) for k in table.partition_keys}
            source = (f"read_parquet('{_quote(str(folder))}/**/*.parquet', hive_partitioning = "
                      f"{'true' if keys else 'false'}"
                      + (f", hive_types = {{{', '.join(f'{k!r}: {v!r}' for k, v in keys.items())}}}"
                         if keys else "") + ")")
            self._db.execute(f'CREATE VIEW "{table.name}" AS SELECT * FROM {source}')
            self._views.append(table.name)

    def describe(self) -> str:
        return f"local lake {self.root} (DuckDB)"

    def tables(self) -> list[str]:
        return list(self._views)

    def _run(self, sql: str, parameters: Sequence[Any]) -> pd.DataFrame:
        import duckdb

        try:
            return self._db.execute(sql, list(parameters)).df()
        except duckdb.CatalogException:
            missing = [t for t in self._catalog.values() if t.name not in self._views
                       and re.search(rf'\b{t.name}\b', sql)]
            if missing:
                raise NotebookError(
                    f"{', '.join(t.location for t in missing)} in {self.root} has no Parquet files "
                    "yet: run the pipeline (ETL, analytics and ML jobs) on this lake first") from None
            raise


def _duck_type(hive_type: str) -> str:
    return {"string": "VARCHAR", "date": "DATE", "bigint": "BIGINT", "int": "INTEGER"}[hive_type]


def _quote(text: str) -> str:
    return text.replace("'", "''")


def stack_outputs(stack: str, session: Any) -> dict[str, str]:
    """The stack's outputs by key; a missing stack is a NotebookError naming region and stack."""
    from botocore.exceptions import BotoCoreError, ClientError

    client = session.client("cloudformation")
    try:
        stacks = client.describe_stacks(StackName=stack)["Stacks"]
    except ClientError as error:
        message = error.response.get("Error", {}).get("Message", str(error))
        raise NotebookError(f"stack {stack!r} in {session.region_name}: {message}") from None
    except BotoCoreError as error:  # no credentials, endpoint unreachable, ...
        raise NotebookError(f"cannot read stack {stack!r} in {session.region_name}: {error}") from None
    return {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}


class AthenaLake(Lake):
    """Athena in the stack's workgroup (its result location and scan cutoff are enforced)."""

    backend = "aws"

    def __init__(self, stack: str, region: str | None = None, profile: str | None = None) -> None:
        super().__init__()
        import boto3
        from pyathena import connect

        session = boto3.Session(region_name=region, profile_name=profile)
        if not session.region_name:
            raise NotebookError("the aws backend needs a region: set AWS_REGION (or a profile's region)")
        outputs = stack_outputs(stack, session)
        missing = [k for k in ("AthenaWorkGroupName", "GlueDatabaseName") if k not in outputs]
        if missing:
            raise NotebookError(f"stack {stack!r} has no {' or '.join(missing)} output: "
                                "is it a lakedeck stack?")
        self.stack, self.region = stack, session.region_name
        self.work_group, self.database = outputs["AthenaWorkGroupName"], outputs["GlueDatabaseName"]
        self._connection = connect(work_group=self.work_group, schema_name=self.database,
                                   region_name=self.region, profile_name=profile,
                                   poll_interval=0.5)

    def describe(self) -> str:
        return (f"Athena: stack {self.stack} in {self.region}, workgroup {self.work_group}, "
                f"database {self.database}")

    def tables(self) -> list[str]:
        return list(catalog())

    def _run(self, sql: str, parameters: Sequence[Any]) -> pd.DataFrame:
        cursor = self._connection.cursor()
        try:
            if parameters:
                cursor.execute(sql, [sql_literal(p) for p in parameters], paramstyle="qmark")
            else:
                cursor.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            return pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
        finally:
            cursor.close()


def connect(backend: str = "local", env: Mapping[str, str] | None = None) -> Lake:
    """The notebook's switch: 'local' (the console's lake) or 'aws' (the stack in LAKEDECK_STACK)."""
    if backend not in BACKENDS:
        raise NotebookError(f"unknown backend {backend!r}: use 'local' or 'aws'")
    settings = resolve_settings(env)
    if backend == "local":
        return LocalLake(settings.lake)
    if not settings.stack:
        raise NotebookError("the aws backend needs a deployed lakedeck stack: set LAKEDECK_STACK "
                            "(or 'stack' in the console's config file) before starting Jupyter")
    return AthenaLake(settings.stack, settings.region, settings.profile)


# ------------------------------------------------------------------ presentation

def sql_block(sql: str) -> Any:
    """SQL as a highlighted Markdown block, so each answer shows the query it ran."""
    from IPython.display import Markdown

    return Markdown(f"```sql\n{sql.strip()}\n```")


def headline(totals: pd.DataFrame) -> str:
    """One line of national figures from the totals query (cases, deaths, departments)."""
    row = totals.iloc[0]
    cases, deaths = int(row["cases"]), int(row["deaths"])
    rate = f"{deaths / cases:.2%}" if cases else "n/a"
    return (f"Total cases: {cases} | total deaths: {deaths} | case fatality: {rate} | "
            f"departments with cases: {int(row['departments_with_cases'])}")


def refined_tour(lake: Lake) -> pd.DataFrame:
    """Each refined table: what it holds, its columns, and how many rows this lake has."""
    rows = []
    available = set(lake.tables())
    for table in catalog().values():
        if table.zone != "refined":
            continue
        count = None
        if table.name in available:
            count = int(lake.query(f'SELECT COUNT(*) AS row_count FROM "{table.name}"')
                        ["row_count"].iloc[0])
        rows.append({"table": table.name, "rows": count if count is not None else "not built yet",
                     "columns": ", ".join(c["name"] for c in table.columns),
                     "what it holds": table.description})
    return pd.DataFrame(rows)
