#!/usr/bin/env bash
# Compile the Confidant MSI from a Windows bundle folder with msitools' wixl (Linux).
#
#   bash installer/windows/build-msi.sh --bundle DIR [--version V] [--out FILE]
#
# DIR is the PyInstaller folder built on Windows (installer/build-bundle.sh there, in Git Bash
# with the LunarG Vulkan SDK installed (VULKAN_SDK set), gives dist/bundle/confidant with
# confidant.exe, confidant-gui.exe and _internal/, including llama.cpp's Vulkan build with its
# loadable backends (ggml-vulkan.dll and ggml-cpu-<class>.dll, one per CPU class, beside ggml.dll) and the OpenMP runtime
# llama.cpp links: libgomp-1.dll or vcomp140.dll). vulkan-1.dll is not in it: GPU drivers
# install it. The release MSI is built on Windows with WiX 3 (heat + candle + light, same
# confidant.wxs, then signed with signtool); CI builds it here from stand-in files to check the installer's structure and tables.
# Prints the path of the .msi.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bundle=""; version=""; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) bundle="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "build-msi: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$bundle" ] && [ -f "$bundle/confidant.exe" ] || { echo "build-msi: --bundle must hold confidant.exe" >&2; exit 2; }
# Legal and IT need the licences and the SBOM in every package (issue 11): build-bundle.sh puts them there.
for f in _internal/licenses/THIRD_PARTY_NOTICES.txt _internal/licenses/LICENSE sbom.cdx.json; do
  [ -f "$bundle/$f" ] || { echo "build-msi: $bundle has no $f; build the bundle with installer/build-bundle.sh." >&2; exit 2; }
done
# The Vulkan loader comes with the GPU driver (vulkan-1.dll in System32); a copy in the MSI would
# shadow it. The Vulkan build's backend (ggml-vulkan.dll) ships; with no driver it runs on the CPU.
if find "$bundle" -iname 'vulkan-1.dll' | grep -q .; then
  echo "build-msi: $bundle carries vulkan-1.dll; the Vulkan loader comes with the GPU driver, remove it (installer/confidant.spec)." >&2
  exit 2
fi
command -v wixl >/dev/null || { echo "build-msi: wixl not found (apt-get install wixl msitools)" >&2; exit 1; }
bundle="$(cd "$bundle" && pwd)"
[ -n "$version" ] || version=$(python3 -c 'import re,sys;print(re.search(r"__version__ = \"([^\"]+)\"", open(sys.argv[1]).read()).group(1))' "$root/app/__init__.py")
# MSI ProductVersion is numeric major.minor.build: drop any pre-release/local suffix.
msiver=$(printf '%s' "$version" | sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/')
out="${out:-$root/dist/Confidant-$version-x64.msi}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Component ids/guids come from the file paths, so they are stable from build to build.
(cd "$bundle" && find . -type f ! -name '.build-key' | sed 's|^\./||' | sort) \
  | sed "s|^|$bundle/|" \
  | wixl-heat --prefix "$bundle/" --directory-ref INSTALLDIR --var var.BundleDir \
      --component-group Bundle --win64 > "$work/bundle.wxs"
python3 "$here/wixl_compat.py" strip "$here/confidant.wxs" "$work/confidant.wxs" "$work/conditions.tsv"
# wixl resolves sources relative to the working directory only (absolute paths fail).
ln -s "$bundle" "$work/bundle"
cp "$root/resources/confidant.ico" "$work/confidant.ico"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
(cd "$work" && wixl --arch x64 -D Win64=yes -D Version="$msiver" -D BundleDir=bundle -D IconFile=confidant.ico \
  -o "$out.partial" confidant.wxs bundle.wxs) 2> >(grep -v -e '^$' -e "no property named 'Platform'" >&2)
python3 "$here/wixl_compat.py" patch "$out.partial" "$work/conditions.tsv"
mv "$out.partial" "$out"
echo "$out"
