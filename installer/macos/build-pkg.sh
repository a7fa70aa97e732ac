#!/usr/bin/env bash
# Build, sign and notarise the macOS installer package (run on a Mac, after
# installer/build-bundle.sh has produced dist/bundle/Confidant.app).
#
#   bash installer/macos/build-pkg.sh [--version V] [--sign "Developer ID Installer: ..."]
#        [--app-sign "Developer ID Application: ..."] [--notary-profile PROFILE]
#
# Steps:
#  1. codesign the .app (hardened runtime, every nested library first via --deep on the
#     bundle's frameworks; llama.cpp's and Qt's dylibs are signed with the app identity) with
#     confidant.entitlements: App Sandbox on, no network.client/server entitlement;
#  2. pkgbuild a component package installing Confidant.app into /Applications
#     (per machine; scripts/postinstall only fixes ownership, never touches user data);
#  3. productbuild a distribution package (distribution.xml: x86_64 and arm64, macOS 12+);
#  4. notarise: `xcrun notarytool submit --keychain-profile PROFILE --wait`, then
#     `xcrun stapler staple` so the package installs offline without a Gatekeeper lookup.
#     Create the profile once: `xcrun notarytool store-credentials PROFILE --apple-id ...
#     --team-id ... --password <app-specific password>`.
# Silent install: `sudo installer -pkg Confidant-V.pkg -target /` (or any MDM). Policy:
# the configuration profile confidant.mobileconfig (domain com.example.confidant).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dist="${CONFIDANT_DIST:-$root/dist}"
version=""; sign=""; app_sign=""; profile=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --sign) sign="$2"; shift 2 ;;
    --app-sign) app_sign="$2"; shift 2 ;;
    --notary-profile) profile="$2"; shift 2 ;;
    *) echo "build-pkg: unknown option $1" >&2; exit 2 ;;
  esac
done
app="$dist/bundle/Confidant.app"
[ -d "$app" ] || { echo "build-pkg: $app not found; run installer/build-bundle.sh on this Mac first." >&2; exit 1; }
# The SBOM of this build goes inside the app before signing (the licences already are:
# Contents/Resources/licenses, from installer/notices.py); Installer.app shows LICENSE.txt.
sbom="$dist/bundle/confidant/sbom.cdx.json"
[ -f "$sbom" ] || { echo "build-pkg: $sbom not found; build-bundle.sh writes it." >&2; exit 1; }
cp "$sbom" "$app/Contents/Resources/sbom.cdx.json"
[ -n "$version" ] || version=$(/usr/bin/python3 -c 'import re,sys;print(re.search(r"__version__ = \"([^\"]+)\"", open(sys.argv[1]).read()).group(1))' "$root/app/__init__.py")

if [ -n "$app_sign" ]; then
  # App Sandbox without com.apple.security.network.client: the OS refuses the app any network.
  codesign --force --options runtime --timestamp --deep --entitlements "$here/confidant.entitlements" \
    --sign "$app_sign" "$app"
  codesign --verify --strict --verbose=2 "$app"
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/root/Applications"
ditto "$app" "$stage/root/Applications/Confidant.app"
pkgbuild --root "$stage/root" --identifier com.example.confidant.app --version "$version" \
  --install-location / --scripts "$here/scripts" "$stage/Confidant-app.pkg"

sed "s/@VERSION@/$version/g" "$here/distribution.xml" > "$stage/distribution.xml"
mkdir -p "$stage/resources"
cp "$root/LICENSE" "$stage/resources/LICENSE.txt"
out="$dist/Confidant-$version.pkg"
if [ -n "$sign" ]; then
  productbuild --distribution "$stage/distribution.xml" --package-path "$stage" --resources "$stage/resources" --sign "$sign" --timestamp "$out"
else
  productbuild --distribution "$stage/distribution.xml" --package-path "$stage" --resources "$stage/resources" "$out"
fi

if [ -n "$profile" ]; then
  xcrun notarytool submit "$out" --keychain-profile "$profile" --wait
  xcrun stapler staple "$out"
  xcrun stapler validate "$out"
  spctl --assess --type install --verbose "$out"
fi
echo "$out"
