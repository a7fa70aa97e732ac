#!/usr/bin/env bash
# Build (once) a portable llama-cpp-python wheel and print its path.
#
# Why not plain `pip install llama-cpp-python`: pip's wheel cache keys on the
# source archive, not on CMAKE_ARGS, so a wheel once built with -march=native
# is silently reused, and the native build segfaults on some CPUs (AMX kernel).
# A portable build is also what the installer must ship. The wheel is kept in a
# cache folder keyed on the version *and* the build flags, so tests, CI and the
# installer reuse it instead of spending ~7 minutes compiling.
set -euo pipefail

LLAMA_VERSION="${LLAMA_VERSION:-0.3.36}"
PORTABLE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
CMAKE_ARGS="${CONFIDANT_LLAMA_CMAKE_ARGS:-$PORTABLE_ARGS}"
PYTHON="${PYTHON:-python3}"

key=$(printf '%s|%s|%s' "$LLAMA_VERSION" "$CMAKE_ARGS" "$("$PYTHON" -c 'import sys;print(sys.implementation.cache_tag)')" | sha256sum | cut -c1-16)
cache="${CONFIDANT_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/confidant-build}/llama-wheels/$key"
mkdir -p "$cache"

existing=$(ls "$cache"/llama_cpp_python-"$LLAMA_VERSION"-*.whl 2>/dev/null | head -n1 || true)
if [ -n "$existing" ]; then
  echo "$existing"
  exit 0
fi

echo "building llama-cpp-python $LLAMA_VERSION portably (about 7 minutes on 2 cores)..." >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CMAKE_ARGS="$CMAKE_ARGS" FORCE_CMAKE=1 "$PYTHON" -m pip wheel --no-cache-dir --no-deps \
  -w "$tmp" "llama-cpp-python==$LLAMA_VERSION" >&2
built=$(ls "$tmp"/llama_cpp_python-*.whl | head -n1)
# Move into place atomically so a killed build never leaves a half wheel in the cache.
cp "$built" "$cache/.partial.whl"
mv "$cache/.partial.whl" "$cache/$(basename "$built")"
echo "$cache/$(basename "$built")"
