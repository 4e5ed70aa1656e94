"""Render the catalog as spark/schemas.json (for generators) and spark/SCHEMAS.md (for people).

    python -m lakedeck_spark.catalog_docs            # rewrite both files
    python -m lakedeck_spark.catalog_docs --check    # exit 1 if either is stale
"""
import argparse
import json
import pathlib
import sys

from .catalog import ARTIFACTS, TABLES

SPARK_DIR = pathlib.Path(__file__).resolve().parents[1]


def _columns(columns):
    return [{"name": c.name, "type": c.type, "comment": c.comment} for c in columns]


def to_json():
    doc = {
        "description": "lakedeck trusted and refined tables (Parquet). Generated from "
                       "spark/lakedeck_spark/catalog.py; do not edit by hand. Types are Spark "
                       "simple strings, which are also the Hive/Glue/Athena type names. "
                       "Partition keys are Hive-style folders (key=YYYY-MM-DD) and are not "
                       "stored inside the Parquet files.",
        "tables": {
            t.name: {
                "zone": t.zone,
                "location": t.location,
                "format": "parquet",
                "description": t.description,
                "partition_keys": _columns(t.partition_keys),
                "columns": _columns(t.columns),
            }
            for t in TABLES.values()
        },
        "artifacts": ARTIFACTS,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def to_markdown():
    lines = [
        "# lakedeck table catalog",
        "",
        "Generated from `spark/lakedeck_spark/catalog.py` by "
        "`python -m lakedeck_spark.catalog_docs`; do not edit by hand. The same definitions are "
        "in `schemas.json` for code (Glue tables, DuckDB views), and every job conforms its "
        "output to them.",
        "",
        "All tables are Parquet under `<zone>/<table>/`. Partitioned tables use Hive-style "
        "folders (`report_date=2020-03-06/part-*.parquet`); the partition column is not stored "
        "in the files. Types are Spark simple strings (= Hive/Glue/Athena names).",
        "",
        "| table | zone | partitioned by | columns |",
        "|---|---|---|---|",
    ]
    for t in TABLES.values():
        keys = ", ".join(k.name for k in t.partition_keys) or "—"
        lines.append(f"| [`{t.name}`](#{t.name}) | {t.zone} | {keys} | {len(t.columns)} |")
    for t in TABLES.values():
        lines += ["", f"## {t.name}", "", f"`{t.location}` — {t.description}", "",
                  "| column | type | meaning |", "|---|---|---|"]
        for c in t.columns:
            lines.append(f"| `{c.name}` | {c.type} | {c.comment} |")
        for k in t.partition_keys:
            lines.append(f"| `{k.name}` (partition) | {k.type} | {k.comment} |")
    lines += ["", "## Other folders", ""]
    for a in ARTIFACTS.values():
        lines.append(f"- `{a['location']}` ({a['format']}): {a['description']}")
    return "\n".join(lines) + "\n"


def outputs(spark_dir=SPARK_DIR):
    return {spark_dir / "schemas.json": to_json(), spark_dir / "SCHEMAS.md": to_markdown()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a file is out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path.name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"stale: {', '.join(stale)}; run python -m lakedeck_spark.catalog_docs",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
