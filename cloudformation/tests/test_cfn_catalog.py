"""The Glue catalog in the template matches the Spark catalog, with partition projection."""
import re

import pytest

import stackkit

render_catalog = stackkit.import_renderer()


@pytest.fixture(scope="module")
def tables():
    return render_catalog.load_tables()


def glue_tables(template):
    return {r["Properties"]["TableInput"]["Name"]: r["Properties"]
            for r in template["Resources"].values() if r["Type"] == "AWS::Glue::Table"}


def test_template_block_is_rendered_from_the_spark_catalog():
    # Same check as `render_catalog.py --check`: edit catalog.py, then re-render.
    assert render_catalog.main(["--check"]) == 0


def test_every_catalog_table_is_a_glue_table_over_its_folder(template, tables):
    glue = glue_tables(template)
    assert set(glue) == {name for name, *_ in tables}
    for name, zone, _, columns, partition_keys in tables:
        props = glue[name]
        assert props["DatabaseName"] == {"Ref": "GlueDatabase"}
        table = props["TableInput"]
        storage = table["StorageDescriptor"]
        # Glue table name == folder name in its zone.
        assert storage["Location"] == {"Fn::Sub": f"s3://${{LakeBucket}}/{zone}/{name}/"}
        assert [(c["Name"], c["Type"]) for c in storage["Columns"]] == [(c, t) for c, t, _ in columns]
        assert [(c["Name"], c["Type"]) for c in table.get("PartitionKeys", [])] == \
            [(c, t) for c, t, _ in partition_keys]
        assert storage["SerdeInfo"]["SerializationLibrary"].endswith("ParquetHiveSerDe")
        assert table["Parameters"]["classification"] == "parquet"


def test_partitioned_tables_use_projection_not_crawlers(template, tables):
    glue = glue_tables(template)
    partitioned = [t for t in tables if t[4]]
    assert {t[0] for t in partitioned} >= {"covid_cases"}
    for name, zone, _, _, partition_keys in partitioned:
        params = glue[name]["TableInput"]["Parameters"]
        assert params["projection.enabled"] == "true"
        for key, _, _ in partition_keys:
            assert params[f"projection.{key}.type"] == "date"
            assert params[f"projection.{key}.format"] == "yyyy-MM-dd"
            assert params[f"projection.{key}.range"].endswith(",NOW")
        template_uri = params["storage.location.template"]["Fn::Sub"]
        assert template_uri == f"s3://${{LakeBucket}}/{zone}/{name}/" + "/".join(
            f"{k}=${{!{k}}}" for k, _, _ in partition_keys) + "/"
    kinds = {r["Type"] for r in template["Resources"].values()}
    assert "AWS::Glue::Crawler" not in kinds


def test_the_catalog_check_queries_real_tables(asl, tables):
    query = asl["States"]["RefreshCatalog"]["Parameters"]["QueryString"]
    names = set(re.findall(r"FROM (\w+)", query))
    assert names == {"covid_cases", "cases_daily_by_department"}
    assert names <= {t[0] for t in tables}


def test_renderer_refuses_what_glue_or_projection_cannot_take():
    with pytest.raises(ValueError, match="only date partitions"):
        render_catalog.render_table("t", "refined", "d", [("a", "int", "c")], [("k", "string", "c")])
    with pytest.raises(ValueError, match="no Glue mapping"):
        render_catalog.render_table("t", "refined", "d", [("a", "array<int>", "c")], [])
    with pytest.raises(ValueError, match="255"):
        render_catalog.render_table("t", "refined", "d", [("a", "int", "x" * 256)], [])
