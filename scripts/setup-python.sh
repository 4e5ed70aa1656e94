#!/usr/bin/env bash
# Creates and fills the project's Python environments from the pinned requirement files.
# Idempotent: does nothing when the requirements have not changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "lakedeck setup: '$1' not found. $2" >&2; exit 1; }; }
need python3 "Install Python 3.11 (the Python of EMR 7.x) and run this again."
need java "Spark needs a Java runtime: install OpenJDK 17 (e.g. 'apt-get install openjdk-17-jre-headless')."

py_minor=$(python3 -c 'import sys; print(sys.version_info[1])')
if [ "$(python3 -c 'import sys; print(sys.version_info[0])')" != 3 ] || [ "$py_minor" -lt 9 ] || [ "$py_minor" -gt 12 ]; then
  echo "lakedeck setup: pyspark 3.5 needs Python 3.9-3.12; found $(python3 --version)." >&2
  exit 1
fi

# venv DIR REQUIREMENTS: (re)install only when the requirements file changed.
fill_venv() {
  local dir=$1 req=$2 stamp="$1/.requirements.sha256"
  local want; want=$(sha256sum "$req" | cut -d' ' -f1)
  if [ -x "$dir/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "lakedeck setup: installing $req into $dir (first run takes a few minutes)" >&2
  [ -x "$dir/bin/python" ] || python3 -m venv "$dir"
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
}

fill_venv .venv requirements.txt
# .venv sits inside this repo's ES-module package ("type": "module"); JupyterLab runs CommonJS
# scripts from the venv (its bundled yarn), which Node would then load as ES modules and fail.
[ -f .venv/package.json ] || echo '{"type": "commonjs"}' > .venv/package.json
fill_venv .venv-checkov requirements-checkov.txt

# jar URL SHA256: a jar from Maven Central into .venv/jars/, checked against its digest (fetched once).
fetch_jar() {
  local url=$1 sha=$2 dest; dest=".venv/jars/$(basename "$url")"
  [ -f "$dest" ] && return 0
  echo "lakedeck setup: fetching $(basename "$url")" >&2
  mkdir -p .venv/jars
  python3 - "$url" "$sha" "$dest" <<'PY'
import hashlib, os, sys, urllib.request
url, sha, dest = sys.argv[1:]
try:
    data = urllib.request.urlopen(url, timeout=60).read()
except OSError as error:
    sys.exit(f"lakedeck setup: could not fetch {url}: {error}")
if hashlib.sha256(data).hexdigest() != sha:
    sys.exit(f"lakedeck setup: {url} does not match its sha256; not installed")
with open(dest + ".part", "wb") as out:
    out.write(data)
os.replace(dest + ".part", dest)
PY
}

# Spark's local file system over Java NIO: without Hadoop's native library, the stock one runs a
# chmod process for every file and folder it writes (lakedeck_spark/session.py, local_fs_conf).
fetch_jar https://repo1.maven.org/maven2/com/globalmentor/hadoop-bare-naked-local-fs/0.1.0/hadoop-bare-naked-local-fs-0.1.0.jar \
  e0cc30fb0531eb0b59468dc0abf5b257533d2365b5e9f45e795edd707aa78c62 ||
  echo "lakedeck setup: continuing without it: local Spark jobs use Hadoop's own file system (slower writes)" >&2
