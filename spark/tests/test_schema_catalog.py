"""The catalog: its generated files are current and it is usable by Glue, DuckDB and Athena."""
import json
import re

import pytest

from lakedeck_spark import catalog, catalog_docs
from lakedeck_spark.sources import API_TO_FIELD, COVID_API_FIELDS, COVID_CSV_HEADERS, CSV_TO_FIELD
from sparkkit import frame

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def test_schemas_json_and_schemas_md_are_regenerated_from_the_catalog():
    for path, text in catalog_docs.outputs().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is stale: run .venv/bin/python -m lakedeck_spark.catalog_docs "
            "from spark/")


def test_schemas_json_lists_every_table_with_partition_keys_and_typed_columns():
    doc = json.loads(catalog_docs.to_json())
    assert set(doc["tables"]) == set(catalog.TABLES)
    cases = doc["tables"]["covid_cases"]
    assert [(k["name"], k["type"]) for k in cases["partition_keys"]] == [("report_date", "date")]
    assert {"name": "case_id", "type": "bigint", "comment": "ID de caso; unique in the table"} \
        in cases["columns"]
    assert doc["tables"]["covid_cases_rejects"]["location"] == "trusted/covid_cases_rejects/"


def test_names_are_stable_snake_case_types_are_glue_types_and_comments_fit_glue():
    for table in catalog.TABLES.values():
        assert SNAKE.match(table.name) and table.zone in {"trusted", "refined"}
        names = [c.name for c in table.all_columns()]
        assert len(names) == len(set(names)), table.name
        for column in table.all_columns():
            assert SNAKE.match(column.name), column.name
            assert column.type in catalog.SPARK_TYPES, column.type
            assert 0 < len(column.comment) <= 255


def test_both_sources_map_all_23_fields():
    assert len(COVID_CSV_HEADERS) == len(COVID_API_FIELDS) == len(catalog.RAW_FIELDS) == 23
    assert set(CSV_TO_FIELD.values()) == set(API_TO_FIELD.values()) == set(catalog.RAW_FIELDS)


def test_conform_selects_in_catalog_order_and_refuses_wrong_types(spark):
    good = frame(spark, [("05", "Antioquia", 6677930)],
                 "department_code string, department_name string, population bigint")
    reordered = good.select("population", "department_code", "department_name")
    assert catalog.conform(reordered, "departments").columns == [
        "department_code", "department_name", "population"]
    with pytest.raises(TypeError, match="population"):
        catalog.conform(good.withColumn("population", good["population"].cast("int")),
                        "departments")
    with pytest.raises(ValueError, match="missing columns"):
        catalog.conform(good.drop("department_name"), "departments")
