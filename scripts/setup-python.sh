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
