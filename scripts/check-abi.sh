#!/usr/bin/env bash
# Checks the shared library's ABI surface: the SONAME, the symbol version node, and that
# the exported symbols are exactly the ones listed in abi/*.symbols.
set -euo pipefail
build=${1:?usage: check-abi.sh BUILD_DIR}
lib=$(ls "$build"/libltvcrm.so.1.* | head -n1)

soname=$(objdump -p "$lib" | awk '/SONAME/ {print $2}')
[ "$soname" = "libltvcrm.so.1" ] || { echo "check-abi: SONAME is '$soname', want libltvcrm.so.1" >&2; exit 1; }

exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sed 's/@@*LTVCRM_1.0$//' | grep -v '^LTVCRM_' | sort -u)
listed=$(cat "$(dirname "$0")"/../abi/*.symbols | grep -E '^[A-Za-z_]' | sort -u)
if [ "$exported" != "$listed" ]; then
    echo "check-abi: exported symbols differ from abi/*.symbols (< exported, > listed):" >&2
    diff <(echo "$exported") <(echo "$listed") >&2 || true
    exit 1
fi
unversioned=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -v '@LTVCRM_1.0' | grep -v '^LTVCRM_' || true)
[ -z "$unversioned" ] || { echo "check-abi: symbols without the LTVCRM_1.0 version: $unversioned" >&2; exit 1; }
bad_names=$(echo "$exported" | grep -v '^ltv_' || true)
[ -z "$bad_names" ] || { echo "check-abi: exported names without the ltv_ prefix: $bad_names" >&2; exit 1; }
# The static archive may define internal ltv__ names, but nothing outside the ltv prefix.
archive=$(dirname "$lib")/libltvcrm.a
if [ -f "$archive" ]; then
    foreign=$(nm -g --defined-only "$archive" 2>/dev/null | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -v '^ltv_' | sort -u || true)
    [ -z "$foreign" ] || { echo "check-abi: libltvcrm.a defines names outside the ltv_ prefix: $foreign" >&2; exit 1; }
fi
echo "check-abi: SONAME $soname, $(echo "$exported" | wc -l) symbols under LTVCRM_1.0, matching abi/*.symbols"
