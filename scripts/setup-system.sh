#!/usr/bin/env bash
# Install the Debian packages Confidant and its tests need (once; quick when present).
#   runtime: the libraries Qt's xcb/offscreen platforms load
#   tests:   gnome-keyring + dbus (a real Secret Service), xvfb, build tools for llama.cpp,
#            dpkg-dev/binutils/libpython (the bundle and .deb), msitools + wixl (the MSI check),
#            appstream (appstreamcli validates the metainfo the .deb installs),
#            glslc/glslang-tools/spirv-headers/libvulkan-dev (the Vulkan build of llama.cpp) and
#            mesa-vulkan-drivers (lavapipe, a software Vulkan device the GPU tests run on),
#            libssl-dev (TLS in llama.cpp's llama-server, scripts/build-llama-server.sh)
set -euo pipefail
need=(gnome-keyring dbus dbus-x11 libsecret-tools xvfb xauth build-essential cmake patch
      libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
      libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core util-linux
      dpkg-dev binutils msitools wixl libpython3.11 passwd appstream
      glslc glslang-tools spirv-headers libvulkan-dev mesa-vulkan-drivers curl libssl-dev)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing system packages: ${missing[*]}" >&2
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
