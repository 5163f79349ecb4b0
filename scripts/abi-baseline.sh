#!/usr/bin/env bash
# Writes the ABI baseline of a released commit (abidw from Debian's abigail-tools):
#   bash scripts/abi-baseline.sh COMMIT VERSION      e.g. scripts/abi-baseline.sh f4d2e95 1.0.0
# builds COMMIT's shared library with debug information in a temporary worktree and writes
# abi/libltvcrm-VERSION.abi: the exported functions and the public types they reach (types
# declared outside include/ltvcrm/ are left out, so internal structs may change freely).
# scripts/check-abi-baseline.sh compares every build with every baseline in abi/.
# Run it once per release; a baseline is never edited afterwards.
set -euo pipefail
commit=${1:?usage: abi-baseline.sh COMMIT VERSION}
version=${2:?usage: abi-baseline.sh COMMIT VERSION}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$root" worktree add --detach "$work/src" "$commit" >/dev/null
cd "$work/src"
# Paths in the debug information relative to the source tree, so the file does not name this machine.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS="-fdebug-prefix-map=$work/src=." \
    -DLTV_BUILD_TESTS=OFF -DLTV_BUILD_TOOLS=OFF -DLTV_BUILD_BENCH=OFF -DLTV_BUILD_DOCS=OFF >/dev/null
cmake --build build --target ltvcrm -j 2 >/dev/null
# --exported-interfaces-only: without it abidw 2.2 leaves out the definitions of some exported
# functions (42 of 207 here), and a changed struct reached only through them goes unnoticed.
abidw --exported-interfaces-only --headers-dir include/ltvcrm --drop-private-types --no-corpus-path \
    --no-comp-dir-path --out-file "$root/abi/libltvcrm-$version.abi" build/libltvcrm.so.1
echo "wrote abi/libltvcrm-$version.abi from $commit ($(grep -c '<elf-symbol ' "$root/abi/libltvcrm-$version.abi") symbols)"
