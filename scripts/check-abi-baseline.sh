#!/usr/bin/env bash
# The ABI gate: compares a build's shared library with every released baseline in abi/
# (abi/libltvcrm-VERSION.abi, written by scripts/abi-baseline.sh) through abidiff:
#   bash scripts/check-abi-baseline.sh PATH/TO/libltvcrm.so.1
# Allowed within 1.x (add, never break): new functions, new enumerators, and fields appended
# to the end of a public struct (result structs are versioned by size). Anything else that
# abidiff reports on an exported function or a public type it reaches fails: a removed
# function, a changed signature, a field whose type, offset or name changed, a struct that
# shrank, a changed enumerator value. Internal types (declared outside include/ltvcrm/) may
# change freely. The library needs debug information (-g); exits 77 (skipped) without it or
# without abidiff (Debian: apt-get install abigail-tools).
set -euo pipefail
lib=${1:?usage: check-abi-baseline.sh LIBRARY}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v abidiff >/dev/null || { echo "abi_baseline: skipped, abidiff is not installed (apt-get install abigail-tools)"; exit 77; }
if ! readelf -S "$lib" 2>/dev/null | grep -q '\.debug_info'; then
    echo "abi_baseline: skipped, $lib has no debug information (configure with -DCMAKE_C_FLAGS=-g or RelWithDebInfo)"
    exit 77
fi
checked=0
failed=0
for baseline in "$root"/abi/libltvcrm-*.abi; do
    [ -e "$baseline" ] || continue
    name=$(basename "$baseline" .abi)
    report=$(mktemp)
    status=0
    # --leaf-changes-only lists each changed type once, with what changed in it.
    abidiff --leaf-changes-only --exported-interfaces-only --no-added-syms --headers-dir2 "$root/include/ltvcrm" \
        "$baseline" "$lib" >"$report" 2>&1 || status=$?
    verdict=ok
    if [ $((status & 3)) -ne 0 ]; then
        verdict="abidiff failed (status $status)"
    elif [ $((status & 8)) -ne 0 ]; then
        verdict="incompatible change"
    elif [ $((status & 4)) -ne 0 ]; then
        # A change: allowed only if every reported line is a struct growing at its end or a
        # new enumerator. The summary lines at the top are skipped.
        verdict=$(awk '
            /^(Leaf changes summary|Changed leaf types summary|Removed\/Changed\/Added (functions|variables) summary):/ { next }
            /^$/ { next }
            /^\x27(struct|enum) [^ ]+ at .*\x27 changed:$/ { old = -1; next }
            /^  type size changed from [0-9]+ to [0-9]+ \(in bits\)$/ {
                old = $5; new = $7; if (new + 0 < old + 0) { print "a struct shrank: " $0; exit }
                next }
            /^  type size hasn.t changed$/ { old = 1e18; next }
            /^  [0-9]+ data member insertions?:$/ { next }
            /^    \x27.*\x27, at offset [0-9]+ \(in bits\)/ {
                for (i = 1; i <= NF; i++) if ($i == "offset") at = $(i + 1)
                if (old < 0 || at + 0 < old + 0) { print "a field was inserted before the end: " $0; exit }
                next }
            /^  [0-9]+ enumerator insertions?:$/ { next }
            /^    \x27[^\x27]+\x27 value \x27-?[0-9]+\x27$/ { next }
            { print "not an addition: " $0; exit }
            END { }' "$report")
        [ -n "$verdict" ] || verdict=ok
    fi
    if [ "$verdict" = ok ]; then
        echo "abi_baseline: compatible with $name$( [ "$status" -ne 0 ] && echo ' (additions only)')"
        checked=$((checked + 1))
    else
        echo "abi_baseline: NOT compatible with $name: $verdict"
        cat "$report"
        failed=$((failed + 1))
    fi
    rm -f "$report"
done
[ $((checked + failed)) -gt 0 ] || { echo "abi_baseline: no baseline in abi/"; exit 1; }
echo "abi_baseline: $checked passed, $failed failed"
[ "$failed" -eq 0 ]
