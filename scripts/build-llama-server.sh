#!/usr/bin/env bash
# Build (once) llama.cpp's multi-user `llama-server` and print the binary's path.
#
# The company-server tests and the load benchmark (benchmarks/bench_team_load.py) run the
# client against a real multi-user server: llama.cpp's llama-server (parallel slots,
# continuous batching, prompt cache). It is built from the llama.cpp source that the
# locked llama-cpp-python archive vendors (vendor/llama.cpp), so the server and the app's
# engine are the same llama.cpp and nothing is downloaded beyond that archive:
#   - the archive comes from scripts/lock/llama-cpp-python.txt (pip refuses any other bytes)
#     and is kept, verified, in the cache (llama-sdist/<sha256>/) for the next build;
#   - the web UI the server normally embeds is left out (LLAMA_BUILD_UI=OFF and
#     LLAMA_USE_PREBUILT_UI=OFF: no npm build, no Hugging Face download; the server then
#     serves the API only, which is all the app uses);
#   - TLS comes from the system's OpenSSL (libssl-dev, scripts/setup-system.sh): LLAMA_OPENSSL=ON.
# Portable CPU flags as for the wheel (DESIGN.md). Only the llama-server target is built
# (about 10 minutes on 2 cores). The binary is kept in a cache folder keyed on the archive's
# hash and the flags, so tests, CI and benchmarks reuse it.
#   --cached   print the path only if it is already built (exit 3 otherwise); never builds
set -euo pipefail
# One function, called on the last line: bash reads all of it before the build starts.
main() {
  root=$(cd "$(dirname "$0")/.." && pwd)
  lock="$root/scripts/lock/llama-cpp-python.txt"
  LLAMA_VERSION=$(sed -n 's/^llama-cpp-python==\([^ ]*\).*/\1/p' "$lock")
  SDIST_SHA256=$(sed -n 's/.*--hash=sha256:\([0-9a-f]\{64\}\).*/\1/p' "$lock" | head -n1)
  PORTABLE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
  SERVER_ARGS="-DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_SERVER=ON
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_UI=OFF
    -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=ON"
  CMAKE_ARGS="${CONFIDANT_LLAMA_CMAKE_ARGS:-$PORTABLE_ARGS} $(echo $SERVER_ARGS)"
  # pip (for the archive only) from the project's .venv, which scripts/setup-venv.sh made; else python3's.
  PYTHON="${PYTHON:-python3}"
  [ -x "$root/.venv/bin/python" ] && [ "$PYTHON" = python3 ] && PYTHON="$root/.venv/bin/python"
  cache_root="${CONFIDANT_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/confidant-build}"
  key=$(printf '%s|%s|%s' "$SDIST_SHA256" "$CMAKE_ARGS" "$(uname -sm)" | sha256sum | cut -c1-16)
  cache="$cache_root/llama-server/$key"
  if [ -x "$cache/llama-server" ]; then
    echo "$cache/llama-server"
    return 0
  fi
  if [ "${1:-}" = "--cached" ]; then
    echo "build-llama-server: llama-server is not built yet; run: bash scripts/build-llama-server.sh" >&2
    return 3
  fi
  command -v cmake >/dev/null || { echo "build-llama-server: cmake is missing (scripts/setup-system.sh installs it)." >&2; exit 1; }

  # The locked archive, verified once and kept (pip checks the hash on download; we check it again
  # whenever the kept copy is used).
  sdir="$cache_root/llama-sdist/$SDIST_SHA256"
  sdist="$sdir/llama_cpp_python-$LLAMA_VERSION.tar.gz"
  if [ ! -f "$sdist" ] || ! echo "$SDIST_SHA256  $sdist" | sha256sum -c --quiet - >/dev/null 2>&1; then
    rm -rf "$sdir" && mkdir -p "$sdir"
    "$PYTHON" -m pip download -q --no-deps --no-binary :all: --require-hashes -r "$lock" \
      -d "$sdir/.partial" >&2
    mv "$sdir/.partial/llama_cpp_python-$LLAMA_VERSION.tar.gz" "$sdist"
    rm -rf "$sdir/.partial"
    echo "$SDIST_SHA256  $sdist" | sha256sum -c --quiet - >&2
  fi

  echo "building llama-server from llama-cpp-python $LLAMA_VERSION's llama.cpp (10 minutes on 2 quiet cores, 50 under load)..." >&2
  # The work tree is kept next to the cache entry until the binary is in place, so a build that
  # was stopped (a CI job cancelled, a machine restarted) goes on where it was.
  tmp="$cache.work"
  mkdir -p "$tmp"
  src="$tmp/llama_cpp_python-$LLAMA_VERSION/vendor/llama.cpp"
  [ -f "$src/CMakeLists.txt" ] || tar -xzf "$sdist" -C "$tmp" "llama_cpp_python-$LLAMA_VERSION/vendor/llama.cpp"
  jobs=$(nproc 2>/dev/null || echo 2)
  # shellcheck disable=SC2086  # the flags are a word list
  cmake -S "$src" -B "$tmp/build" $CMAKE_ARGS >"$tmp/configure.log" 2>&1 \
    || { tail -n 40 "$tmp/configure.log" >&2; exit 1; }
  cmake --build "$tmp/build" --target llama-server -j "$jobs" >"$tmp/build.log" 2>&1 \
    || { tail -n 40 "$tmp/build.log" >&2; exit 1; }
  built="$tmp/build/bin/llama-server"
  "$built" --version >/dev/null 2>&1 || { echo "build-llama-server: the built binary does not run." >&2; exit 1; }
  mkdir -p "$cache"
  # Move into place atomically so a killed build never leaves a half binary in the cache.
  cp "$built" "$cache/.partial"
  mv "$cache/.partial" "$cache/llama-server"
  rm -rf "$tmp"
  echo "$cache/llama-server"
}
main "$@"; exit $?  # nothing after this line is read, even if the file changes during a build
