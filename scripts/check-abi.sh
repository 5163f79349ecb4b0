#!/usr/bin/env bash
# Checks the shared library's ABI surface: the SONAME, the symbol version nodes (the 1.0.0
# release's functions under LTVCRM_1.0, every later one under LTVCRM_1.1), and that the
# exported symbols are exactly the ones listed in abi/*.symbols.
set -euo pipefail
build=${1:?usage: check-abi.sh BUILD_DIR}
lib=$(ls "$build"/libltvcrm.so.1.* | head -n1)

soname=$(objdump -p "$lib" | awk '/SONAME/ {print $2}')
[ "$soname" = "libltvcrm.so.1" ] || { echo "check-abi: SONAME is '$soname', want libltvcrm.so.1" >&2; exit 1; }

versioned=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -v '^LTVCRM_' | sort -u)
exported=$(echo "$versioned" | sed -E 's/@@?LTVCRM_1\.[01]$//' | sort -u)
listed=$(cat "$(dirname "$0")"/../abi/*.symbols | grep -E '^[A-Za-z_]' | sort -u)
if [ "$exported" != "$listed" ]; then
    echo "check-abi: exported symbols differ from abi/*.symbols (< exported, > listed):" >&2
    diff <(echo "$exported") <(echo "$listed") >&2 || true
    exit 1
fi
# Each name under the node of the release that first shipped it: the 1.0.0 names are the
# ones in the release's ABI baseline.
in_1_0=$(sed -nE "s/.*<elf-symbol name='(ltv_[A-Za-z0-9_]+)'.*/\1/p" "$(dirname "$0")"/../abi/libltvcrm-1.0.0.abi | sort -u)
want=$( { comm -12 <(echo "$exported") <(echo "$in_1_0") | sed 's/$/@@LTVCRM_1.0/'
          comm -23 <(echo "$exported") <(echo "$in_1_0") | sed 's/$/@@LTVCRM_1.1/'; } | sort -u)
if [ "$versioned" != "$want" ]; then
    echo "check-abi: symbols under the wrong version node (< library, > wanted):" >&2
    diff <(echo "$versioned") <(echo "$want") >&2 || true
    exit 1
fi
bad_names=$(echo "$exported" | grep -v '^ltv_' || true)
[ -z "$bad_names" ] || { echo "check-abi: exported names without the ltv_ prefix: $bad_names" >&2; exit 1; }
# The static archive may define internal ltv__ names, but nothing outside the ltv prefix.
archive=$(dirname "$lib")/libltvcrm.a
if [ -f "$archive" ]; then
    foreign=$(nm -g --defined-only "$archive" 2>/dev/null | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -v '^ltv_' | sort -u || true)
    [ -z "$foreign" ] || { echo "check-abi: libltvcrm.a defines names outside the ltv_ prefix: $foreign" >&2; exit 1; }
fi
echo "check-abi: SONAME $soname, $(echo "$versioned" | grep -c '@@LTVCRM_1.0$') symbols under LTVCRM_1.0 and $(echo "$versioned" | grep -c '@@LTVCRM_1.1$') under LTVCRM_1.1, matching abi/*.symbols"
