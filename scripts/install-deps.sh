#!/usr/bin/env bash
# Installs what building and testing libltvcrm needs on Debian (12 or later).
# Runs apt-get as root, or through sudo when available.
set -euo pipefail

# --build-only: just what building the library and the tool needs (the README's demo).
packages=(build-essential cmake pkg-config)
if [ "${1:-}" != "--build-only" ]; then
    packages+=(clang libcriterion-dev doxygen binutils python3 python3-pytest python3-numpy
               ruby ruby-ffi ruby-minitest abigail-tools python3-pandas python3-dask python3-distributed)
    packages+=(tzdata)   # time zones for the shop-day tests
    packages+=(python3-venv python3-setuptools python3-wheel)   # pip install ./bindings/python
    # the HTML report rendered by headless Chromium (scripts/check-report-render.sh)
    packages+=(chromium fonts-noto-cjk)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: everything is installed"
    exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
