#!/usr/bin/env bash
# Build the Debian package from the frozen bundle (installer/build-bundle.sh) with dpkg-deb.
#
#   bash installer/linux/build-deb.sh [--version V] [--bundle DIR] [--out DIR]
#
# Layout: the bundle in /opt/confidant, a /usr/bin/confidant wrapper, the desktop entry
# (com.example.confidant.desktop, the AppStream id), the AppStream metainfo and the icons at
# every hicolor size under /usr/share, and in /usr/share/doc/confidant the copyright, the
# third-party notices and the SBOM the bundle carries, NOTICE, CHANGELOG, SECURITY and an
# example policy.
# --version defaults to the app's version; CI passes a bumped one to test an upgrade
# without freezing the same sources twice. Prints the path of the .deb.
# DEB_COMPRESSION (default zstd; Debian 12 / Ubuntu 22.04 dpkg read it) and DEB_LEVEL.
set -euo pipefail
umask 022  # modes in the package never depend on the caller's umask
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dist="${CONFIDANT_DIST:-$root/dist}"
bundle="$dist/bundle/confidant"
out="$dist"
version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --bundle) bundle="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "build-deb: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$bundle/confidant" ] || { echo "build-deb: no bundle at $bundle; run installer/build-bundle.sh first." >&2; exit 1; }
[ -n "$version" ] || version=$(cat "$bundle/VERSION")
arch=$(dpkg --print-architecture)
mkdir -p "$out"
stage=$(mktemp -d "$out/.deb-stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT

chmod 0755 "$stage"  # mktemp made it 0700; it becomes the package's /
doc="$stage/usr/share/doc/confidant"
install -d -m 0755 "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/metainfo" \
  "$stage/usr/share/icons/hicolor/scalable/apps" "$doc" "$stage/DEBIAN"
# Hard links where the file system allows: the stage is read once by dpkg-deb, never changed.
cp -al "$bundle" "$stage/opt/confidant" 2>/dev/null || cp -a "$bundle" "$stage/opt/confidant"
rm -f "$stage/opt/confidant/.build-key"
chmod -R u=rwX,go=rX "$stage/opt/confidant"
install -m 0755 "$here/confidant-wrapper.sh" "$stage/usr/bin/confidant"
install -m 0644 "$root/resources/com.example.confidant.desktop" "$stage/usr/share/applications/"
install -m 0644 "$root/resources/com.example.confidant.metainfo.xml" "$stage/usr/share/metainfo/"
install -m 0644 "$root/resources/confidant.svg" "$stage/usr/share/icons/hicolor/scalable/apps/confidant.svg"
for png in "$root"/resources/icons/hicolor/*/apps/confidant.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  install -D -m 0644 "$png" "$stage/usr/share/icons/hicolor/$size/apps/confidant.png"
done
# The Vulkan loader is the system's (Depends: libvulkan1), which finds the machine's GPU drivers.
if find "$bundle" -name 'libvulkan.so*' | grep -q .; then
  echo "build-deb: $bundle carries its own libvulkan.so; the package must use the system's (installer/confidant.spec)." >&2
  exit 1
fi
licenses="$bundle/_internal/licenses"
[ -f "$bundle/sbom.cdx.json" ] && [ -f "$licenses/THIRD_PARTY_NOTICES.txt" ] \
  || { echo "build-deb: $bundle has no SBOM or notices; rebuild it with installer/build-bundle.sh." >&2; exit 1; }
install -m 0644 "$here/debian/copyright" "$doc/copyright"
install -m 0644 "$licenses/THIRD_PARTY_NOTICES.txt" "$licenses/NOTICE" "$bundle/sbom.cdx.json" "$doc/"
install -m 0644 "$root/CHANGELOG.md" "$root/SECURITY.md" "$here/policy.toml.example" "$doc/"

for s in postinst postrm; do install -m 0755 "$here/debian/$s" "$stage/DEBIAN/$s"; done
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
  "$here/debian/control.in" > "$stage/DEBIAN/control"

deb="$out/confidant_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-zstd}" -z"${DEB_LEVEL:-6}" --build "$stage" "$deb.partial" >&2
mv "$deb.partial" "$deb"
echo "$deb"
