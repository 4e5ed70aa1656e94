"""Build what EMR runs: the package as a zip for --py-files, plus the thin job scripts.

    .venv/bin/python spark/build_artifacts.py [--out spark/dist]

Writes <out>/lakedeck-spark.zip, <out>/jobs/{etl,analytics,ml}.py and <out>/manifest.json
(sha256 and size per file). Upload <out>/ as s3://<bucket>/<ArtifactsPrefix>spark/ — the paths
the state machine's spark-submit steps use. The zip is byte-for-byte reproducible (sorted
entries, fixed timestamps), so an unchanged package never looks like a new upload.
"""
import argparse
import hashlib
import json
import pathlib
import shutil
import sys
import zipfile

SPARK_DIR = pathlib.Path(__file__).resolve().parent
PACKAGE = "lakedeck_spark"
ZIP_NAME = "lakedeck-spark.zip"
JOBS = ("etl.py", "analytics.py", "ml.py")
_EPOCH = (1980, 1, 1, 0, 0, 0)


def package_files():
    return sorted(p for p in (SPARK_DIR / PACKAGE).rglob("*.py") if "__pycache__" not in p.parts)


def write_zip(path):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for file in package_files():
            info = zipfile.ZipInfo(str(file.relative_to(SPARK_DIR)), date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, file.read_bytes())


def build(out):
    out = pathlib.Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "jobs").mkdir(parents=True)
    write_zip(out / ZIP_NAME)
    for job in JOBS:
        shutil.copyfile(SPARK_DIR / "jobs" / job, out / "jobs" / job)
    manifest = {}
    for file in sorted(p for p in out.rglob("*") if p.is_file()):
        data = file.read_bytes()
        manifest[str(file.relative_to(out))] = {"sha256": hashlib.sha256(data).hexdigest(),
                                                "bytes": len(data)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build the EMR artifacts of the Spark jobs.")
    parser.add_argument("--out", default=str(SPARK_DIR / "dist"), help="output folder")
    args = parser.parse_args(argv)
    manifest = build(args.out)
    for name, entry in manifest.items():
        print(f"{entry['sha256'][:12]}  {entry['bytes']:>8}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
