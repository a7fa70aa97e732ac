#!/usr/bin/env bash
# Build the frozen one-folder bundle and its software bill of materials. One command:
#
#   bash installer/build-bundle.sh            # -> dist/bundle/confidant/ + dist/confidant-<ver>.cdx.json
#
# - A build venv (cached under ~/.cache/confidant-build/bundle-venv/<key>) holds exactly the
#   hashed runtime lock scripts/lock/runtime.txt (pip --require-hashes), the portable
#   llama-cpp-python wheel from scripts/build-llama-wheel.sh, on Linux and Windows its Vulkan
#   build (CONFIDANT_LLAMA_GPU=vulkan; CONFIDANT_LLAMA_GPU=cpu for the CPU-only bundle), on macOS
#   llama.cpp's default with Metal (--no-deps: its dependencies are
#   in the lock; the wheel is our build of the hashed source archive), and PyInstaller from
#   the hashed scripts/lock/bundle.txt. The app itself is frozen from the source tree.
# - The bokmål .qm is compiled from resources/i18n/*.ts with the venv's pyside6-lrelease and
#   frozen into resources/i18n/ (the .ts sources stay out).
# - installer/notices.py (run inside the spec) writes licenses/ into the bundle from what
#   PyInstaller actually collected; installer/sbom.py then writes the CycloneDX SBOM of the
#   built folder, querying its native libraries (llama.cpp commit, SQLCipher, SQLite,
#   OpenSSL, Qt) from the bundle's own files: sbom.cdx.json in the bundle and
#   dist/confidant-<ver>.cdx.json beside the packages.
# - The bundle is rebuilt only when its inputs change (sources, spec, locks): the key
#   is written to dist/bundle/confidant/.build-key. CONFIDANT_REBUILD=1 forces a build.
# Env: PYTHON (a shared-libpython 3.11+), CONFIDANT_DIST (output, default ./dist),
#      CONFIDANT_BUILD_CACHE (default ~/.cache/confidant-build).
set -euo pipefail
# Whatever the caller's umask (the test process runs under 077), what ships is world-readable.
umask 022
cd "$(dirname "$0")/.."
root=$PWD
PY="${PYTHON:-python3}"
cache="${CONFIDANT_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/confidant-build}"
dist="${CONFIDANT_DIST:-$root/dist}"
mkdir -p "$cache" "$dist"

if [ "$("$PY" -c 'import sysconfig;print(sysconfig.get_config_var("Py_ENABLE_SHARED") or 0)')" != 1 ]; then
  echo "build-bundle: $PY has no shared libpython; PyInstaller needs one (Debian: libpython3.11)." >&2
  exit 1
fi

# The GPU build ships where it exists: Vulkan on Linux and Windows (one build for NVIDIA, AMD and
# Intel GPUs; its backends load at run time, so a machine without a Vulkan driver runs on the CPU),
# llama.cpp's default (Metal) on macOS. CONFIDANT_LLAMA_GPU=cpu builds the CPU-only bundle.
if [ -z "${CONFIDANT_LLAMA_GPU+set}" ]; then
  case "$(uname -s)" in
    Linux|MINGW*|MSYS*|CYGWIN*) CONFIDANT_LLAMA_GPU=vulkan ;;
    *) CONFIDANT_LLAMA_GPU= ;;
  esac
fi
[ "$CONFIDANT_LLAMA_GPU" = cpu ] && CONFIDANT_LLAMA_GPU=
echo "build-bundle: llama.cpp build: ${CONFIDANT_LLAMA_GPU:-default (CPU; Metal on macOS)}" >&2
wheel=$(CONFIDANT_LLAMA_GPU="$CONFIDANT_LLAMA_GPU" PYTHON="$PY" bash scripts/build-llama-wheel.sh)
vkey=$( { cat scripts/lock/runtime.txt scripts/lock/bundle.txt; basename "$wheel"; sha256sum < "$wheel";
          "$PY" -c 'import sys;print(sys.version)'; } | sha256sum | cut -c1-16)
venv="$cache/bundle-venv/$vkey"
if [ ! -f "$venv/.ready" ]; then
  echo "build-bundle: creating the build venv $venv ..." >&2
  rm -rf "$venv"
  "$PY" -m venv "$venv"
  # Only hashed, locked files. The venv's own pip is used as it is (upgrading it would fetch an
  # unhashed one); the llama wheel is our own build of the hashed source archive.
  "$venv/bin/python" -m pip install -q --no-input --require-hashes -r scripts/lock/runtime.txt >&2
  "$venv/bin/python" -m pip install -q --no-input --no-deps "$wheel" >&2
  "$venv/bin/python" -m pip install -q --no-input --require-hashes -r scripts/lock/bundle.txt >&2
  "$venv/bin/python" -m pip check >&2
  touch "$venv/.ready"
fi

version=$("$PY" -c 'import re;print(re.search(r"__version__ = \"([^\"]+)\"", open("app/__init__.py").read()).group(1))')
bkey=$( { echo "$vkey"; find app resources installer/confidant.spec installer/entry.py installer/notices.py \
          installer/sbom.py LICENSE NOTICE THIRD_PARTY_NOTICES.md docs/licenses -type f \
          ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha256sum; } | sha256sum | cut -c1-16)
out="$dist/bundle/confidant"
sbom="$dist/confidant-$version.cdx.json"
if [ "${CONFIDANT_REBUILD:-0}" != 1 ] && [ -f "$out/.build-key" ] && [ "$(cat "$out/.build-key")" = "$bkey" ]; then
  echo "build-bundle: bundle $out is up to date ($bkey)" >&2
else
  work="$cache/pyinstaller-work/$vkey"
  rm -rf "$dist/bundle.partial" "$work/qm"
  mkdir -p "$work/qm"
  for ts in resources/i18n/*.ts; do
    "$venv/bin/pyside6-lrelease" -silent "$ts" -qm "$work/qm/$(basename "${ts%.ts}").qm"
  done
  echo "build-bundle: freezing with $(grep -o '^pyinstaller==[^ ]*' scripts/lock/bundle.txt) ..." >&2
  CONFIDANT_QM_DIR="$work/qm" CONFIDANT_BUNDLE_MANIFEST="$dist/bundle.partial/manifest.json" \
  "$venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$dist/bundle.partial" --workpath "$work" \
    installer/confidant.spec >&2
  echo "$version" > "$dist/bundle.partial/confidant/VERSION"
  # The SBOM of the folder just built, its native parts queried from its own files; dated by
  # the commit (SOURCE_DATE_EPOCH), so the same commit gives the same SBOM.
  SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}" \
  "$venv/bin/python" installer/sbom.py --bundle "$dist/bundle.partial/confidant" \
    --manifest "$dist/bundle.partial/manifest.json" --version "$version" \
    --out "$dist/bundle.partial/confidant/sbom.cdx.json" >&2
  echo "$bkey" > "$dist/bundle.partial/confidant/.build-key"
  # Swap in the new folder only once it is complete.
  rm -rf "$dist/bundle"
  mv "$dist/bundle.partial" "$dist/bundle"
fi
cp "$out/sbom.cdx.json" "$sbom.partial"
mv "$sbom.partial" "$sbom"
echo "$out"
