#!/usr/bin/env bash
# Build the frozen one-folder bundle and its software bill of materials. One command:
#
#   bash installer/build-bundle.sh            # -> dist/bundle/confidant/ + dist/confidant-<ver>.cdx.json
#
# - A build venv (cached under ~/.cache/confidant-build/bundle-venv/<key>) holds exactly the
#   app's runtime dependencies from pyproject.toml, the portable llama-cpp-python wheel from
#   scripts/build-llama-wheel.sh, and PyInstaller. The app itself is frozen from the source
#   tree. PyInstaller and cyclonedx-bom never become runtime dependencies of the app.
# - The SBOM (CycloneDX JSON) is generated from that build venv by cyclonedx-py, which runs
#   from a separate tools venv so it does not list itself.
# - The bundle is rebuilt only when its inputs change (sources, spec, build venv): the key
#   is written to dist/bundle/confidant/.build-key. CONFIDANT_REBUILD=1 forces a build.
# Env: PYTHON (a shared-libpython 3.11+), CONFIDANT_DIST (output, default ./dist),
#      CONFIDANT_BUILD_CACHE (default ~/.cache/confidant-build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY="${PYTHON:-python3}"
PYINSTALLER_VERSION=6.22.3
CYCLONEDX_VERSION=7.5.0
cache="${CONFIDANT_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/confidant-build}"
dist="${CONFIDANT_DIST:-$root/dist}"
mkdir -p "$cache" "$dist"

if [ "$("$PY" -c 'import sysconfig;print(sysconfig.get_config_var("Py_ENABLE_SHARED") or 0)')" != 1 ]; then
  echo "build-bundle: $PY has no shared libpython; PyInstaller needs one (Debian: libpython3.11)." >&2
  exit 1
fi

wheel=$(PYTHON="$PY" bash scripts/build-llama-wheel.sh)
deps=$("$PY" -c 'import tomllib;print("\n".join(tomllib.load(open("pyproject.toml","rb"))["project"]["dependencies"]))')
vkey=$(printf '%s\n%s\n%s\n%s\n' "$deps" "$wheel" "$PYINSTALLER_VERSION" "$("$PY" -c 'import sys;print(sys.version)')" | sha256sum | cut -c1-16)
venv="$cache/bundle-venv/$vkey"
if [ ! -f "$venv/.ready" ]; then
  echo "build-bundle: creating the build venv $venv ..." >&2
  rm -rf "$venv"
  "$PY" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip >&2
  "$venv/bin/python" -m pip install -q "$wheel" >&2
  printf '%s\n' "$deps" > "$venv/requirements.txt"
  "$venv/bin/python" -m pip install -q -r "$venv/requirements.txt" "pyinstaller==$PYINSTALLER_VERSION" >&2
  touch "$venv/.ready"
fi

tools="$cache/tools-venv/cyclonedx-$CYCLONEDX_VERSION"
if [ ! -f "$tools/.ready" ]; then
  rm -rf "$tools"
  "$PY" -m venv "$tools"
  "$tools/bin/python" -m pip install -q "cyclonedx-bom==$CYCLONEDX_VERSION" >&2
  touch "$tools/.ready"
fi

version=$("$PY" -c 'import re;print(re.search(r"__version__ = \"([^\"]+)\"", open("app/__init__.py").read()).group(1))')
bkey=$( { echo "$vkey"; find app resources installer/confidant.spec installer/entry.py -type f \
          ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-16)
out="$dist/bundle/confidant"
if [ "${CONFIDANT_REBUILD:-0}" != 1 ] && [ -f "$out/.build-key" ] && [ "$(cat "$out/.build-key")" = "$bkey" ]; then
  echo "build-bundle: bundle $out is up to date ($bkey)" >&2
else
  echo "build-bundle: freezing with PyInstaller $PYINSTALLER_VERSION ..." >&2
  rm -rf "$dist/bundle.partial"
  "$venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$dist/bundle.partial" --workpath "$cache/pyinstaller-work/$vkey" \
    installer/confidant.spec >&2
  echo "$bkey" > "$dist/bundle.partial/confidant/.build-key"
  echo "$version" > "$dist/bundle.partial/confidant/VERSION"
  # Swap in the new folder only once it is complete.
  rm -rf "$dist/bundle"
  mv "$dist/bundle.partial" "$dist/bundle"
fi

sbom="$dist/confidant-$version.cdx.json"
"$tools/bin/cyclonedx-py" environment --pyproject pyproject.toml --mc-type application \
  --output-format JSON --output-file "$sbom.partial" "$venv/bin/python" >&2
mv "$sbom.partial" "$sbom"
echo "$out"
