#!/usr/bin/env bash
# Build (once) a portable llama-cpp-python wheel and print its path.
#
# Why not plain `pip install llama-cpp-python`: pip's wheel cache keys on the
# source archive, not on CMAKE_ARGS, so a wheel once built with -march=native
# is silently reused, and the native build segfaults on some CPUs (AMX kernel).
# A portable build is also what the installer must ship. The wheel is kept in a
# cache folder keyed on the version *and* the build flags, so tests, CI and the
# installer reuse it instead of spending ~7 minutes compiling.
#
# Supply chain: the version and the source archive's SHA-256 come from
# scripts/lock/llama-cpp-python.txt (pip refuses any other bytes), and the build
# backend (scikit-build-core) from the hashed scripts/lock/build.txt, installed in
# a build venv of its own; the build runs without build isolation, so nothing is
# fetched unhashed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lock="$root/scripts/lock/llama-cpp-python.txt"
LLAMA_VERSION=$(sed -n 's/^llama-cpp-python==\([^ ]*\).*/\1/p' "$lock")
PORTABLE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
CMAKE_ARGS="${CONFIDANT_LLAMA_CMAKE_ARGS:-$PORTABLE_ARGS}"
PYTHON="${PYTHON:-python3}"
tag=$("$PYTHON" -c 'import sys;print(sys.implementation.cache_tag)')
cache_root="${CONFIDANT_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/confidant-build}"
key_args="$CMAKE_ARGS"

# CONFIDANT_LLAMA_GPU=vulkan: one build for NVIDIA, AMD and Intel GPUs. The
# backends are loadable libraries (GGML_BACKEND_DL), so a machine without a
# Vulkan loader or driver just runs on the CPU backend (app/core/llm/gpu.py
# loads them). Needs glslc, glslang-tools, spirv-headers and libvulkan-dev from
# Debian 12 (scripts/setup-system.sh), plus Vulkan-Hpp headers newer than
# Debian 12's 1.3.239 (ggml-vulkan uses vk::LayerSettingEXT): those are taken
# from Debian 13's libvulkan-dev .deb, pinned by SHA-256 below, headers only.
# On Windows (Git Bash/MSYS2, the MSI's bundle) there is no Debian package: the headers and glslc come
# from the LunarG Vulkan SDK (install 1.4.309.0; its installer sets VULKAN_SDK), keyed on its version.
# The loader itself (vulkan-1.dll) is never shipped: it comes with the GPU driver.
if [ "${CONFIDANT_LLAMA_GPU:-}" = "vulkan" ] && [ "$(uname -s)" != Linux ]; then
  [ -n "${VULKAN_SDK:-}" ] && [ -d "$VULKAN_SDK/Include/vulkan" ] \
    || { echo "build-llama-wheel: CONFIDANT_LLAMA_GPU=vulkan here needs the LunarG Vulkan SDK (VULKAN_SDK is unset)." >&2; exit 1; }
  GPU_ARGS="-DGGML_VULKAN=ON -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON ${CONFIDANT_LLAMA_GPU_EXTRA:-}"
  CMAKE_ARGS="$CMAKE_ARGS $GPU_ARGS"
  key_args="$key_args $GPU_ARGS vksdk=$(basename "$VULKAN_SDK")"
elif [ "${CONFIDANT_LLAMA_GPU:-}" = "vulkan" ]; then
  VK_DEB_URL="https://deb.debian.org/debian/pool/main/v/vulkan-loader/libvulkan-dev_1.4.309.0-1_amd64.deb"
  VK_DEB_SHA256="8d329d465e16168afff58b1bd0dd6db46aac2cc3f56054a481b25a04e90b345a"
  vkdir="$cache_root/vulkan-headers/$VK_DEB_SHA256"
  if [ ! -f "$vkdir/.ready" ]; then
    rm -rf "$vkdir" && mkdir -p "$vkdir"
    curl -fsSL --retry 3 -o "$vkdir/vk.deb" "$VK_DEB_URL" \
      || curl -fsSL --retry 3 -o "$vkdir/vk.deb" \
        "https://snapshot.debian.org/archive/debian/20250601T000000Z/pool/main/v/vulkan-loader/libvulkan-dev_1.4.309.0-1_amd64.deb"
    echo "$VK_DEB_SHA256  $vkdir/vk.deb" | sha256sum -c --quiet - >&2
    dpkg-deb --fsys-tarfile "$vkdir/vk.deb" | tar -x -C "$vkdir" ./usr/include/vulkan ./usr/include/vk_video
    rm -f "$vkdir/vk.deb"
    touch "$vkdir/.ready"
  fi
  GPU_ARGS="-DGGML_VULKAN=ON -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON ${CONFIDANT_LLAMA_GPU_EXTRA:-}"
  CMAKE_ARGS="$CMAKE_ARGS $GPU_ARGS -DVulkan_INCLUDE_DIR=$vkdir/usr/include"
  # Key on the headers' hash, not on where this machine keeps its cache.
  key_args="$key_args $GPU_ARGS vkheaders=$VK_DEB_SHA256"
fi

# The loadable-backend build carries one CPU backend per CPU class (x64, SSE4.2, AVX, AVX2), and
# llama.cpp loads the best one the machine has, so the shipped app runs on laptops without AVX2
# too. Upstream's list also has AVX-512 and AMX variants; scripts/patches/ggml-cpu-variants.patch
# keeps the laptop classes (why: scripts/patches/README.md). The patch is part of the cache key.
patch_file=
if [ "${CONFIDANT_LLAMA_GPU:-}" = "vulkan" ]; then
  patch_file="$root/scripts/patches/ggml-cpu-variants.patch"
  key_args="$key_args patch=$(sha256sum < "$patch_file" | cut -c1-64)"
fi
key=$(printf '%s|%s|%s' "$LLAMA_VERSION" "$key_args" "$tag" | sha256sum | cut -c1-16)
cache="$cache_root/llama-wheels/$key"
mkdir -p "$cache"

existing=$(ls "$cache"/llama_cpp_python-"$LLAMA_VERSION"-*.whl 2>/dev/null | head -n1 || true)
if [ -n "$existing" ]; then
  echo "$existing"
  exit 0
fi

bkey=$( { cat "$root/scripts/lock/build.txt"; echo "$tag"; } | sha256sum | cut -c1-16)
bvenv="$cache_root/llama-build-venv/$bkey"
if [ ! -f "$bvenv/.ready" ]; then
  rm -rf "$bvenv"
  "$PYTHON" -m venv "$bvenv"
  "$bvenv/bin/python" -m pip install -q --require-hashes -r "$root/scripts/lock/build.txt" >&2
  touch "$bvenv/.ready"
fi

echo "building llama-cpp-python $LLAMA_VERSION portably${CONFIDANT_LLAMA_GPU:+ with $CONFIDANT_LLAMA_GPU} (about 7 minutes on 2 cores for the CPU build)..." >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bvenv/bin/python" -m pip download -q --no-deps --no-binary :all: --require-hashes \
  -r "$lock" -d "$tmp/src" >&2
src="$tmp/src/llama_cpp_python-$LLAMA_VERSION.tar.gz"
if [ -n "$patch_file" ]; then
  tar -xzf "$src" -C "$tmp/src"
  src="$tmp/src/llama_cpp_python-$LLAMA_VERSION"
  patch -p1 --quiet --forward -d "$src" < "$patch_file" >&2
fi
CMAKE_ARGS="$CMAKE_ARGS" FORCE_CMAKE=1 "$bvenv/bin/python" -m pip wheel --no-cache-dir --no-deps \
  --no-build-isolation -w "$tmp" "$src" >&2
built=$(ls "$tmp"/llama_cpp_python-*.whl | head -n1)
# Move into place atomically so a killed build never leaves a half wheel in the cache.
cp "$built" "$cache/.partial.whl"
mv "$cache/.partial.whl" "$cache/$(basename "$built")"
echo "$cache/$(basename "$built")"
