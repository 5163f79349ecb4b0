#!/usr/bin/env bash
# The segmentation of the L snapshot, this tree against an earlier commit, with the same
# program (issue 13, item 1: the segmentation is common to both paths of the 10x target):
#
#   bash bench/segment_ab.sh [--runs N] [--snap PATH] BEFORE_COMMIT
#
# Builds this tree's Release library and ltvcrm-bench-snapshot (build-bench/), and the library
# of BEFORE_COMMIT from `git archive` in build-bench/before/; then runs
# `ltvcrm-bench-snapshot open-segment SNAP` N times (default 7) with each library
# (LD_LIBRARY_PATH), alternating, each run its own process. Prints every run's
# segment_seconds and segment_cpu_seconds (both threads) and their medians. The snapshot is
# bench/data/orders-10000000-seed1.ltvsnap by default (bench/snapshot.sh makes it). Results
# are the same bit for bit (see docs/benchmarks.md for how that was checked); only the time is
# compared. On a shared machine compare the CPU seconds, and read the medians, not the best run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=7
snap=bench/data/orders-10000000-seed1.ltvsnap
before=
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --snap) snap=$2; shift 2 ;;
        -*) echo "usage: bench/segment_ab.sh [--runs N] [--snap PATH] BEFORE_COMMIT" >&2; exit 2 ;;
        *) before=$1; shift ;;
    esac
done
if [ -z "$before" ] || [ ! -f "$snap" ]; then
    echo "usage: bench/segment_ab.sh [--runs N] [--snap PATH] BEFORE_COMMIT (snapshot: $snap)" >&2
    exit 2
fi
build=$root/build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DLTV_BUILD_TESTS=OFF -DLTV_BUILD_DOCS=OFF >/dev/null
cmake --build "$build" -j 2 --target ltvcrm ltvcrm_bench_snapshot >/dev/null
src=$build/before/src
rm -rf "$src" && mkdir -p "$src"
git archive "$before" | tar -x -C "$src"
cmake -S "$src" -B "$build/before/build" -DCMAKE_BUILD_TYPE=Release -DLTV_BUILD_TESTS=OFF -DLTV_BUILD_DOCS=OFF >/dev/null
cmake --build "$build/before/build" -j 2 --target ltvcrm >/dev/null
program=$build/bench/ltvcrm-bench-snapshot
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
. "$root/bench/median.sh"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
    for side in before after; do
        lib=$build
        [ "$side" = before ] && lib=$build/before/build
        line=$(LD_LIBRARY_PATH=$lib "$program" open-segment "$snap")
        printf '%s %s %s\n' "$side" "$(field segment_seconds <<<"$line")" "$(field segment_cpu_seconds <<<"$line")" |
            tee -a "$out"
    done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
for side in before after; do
    printf '%-6s median segment_seconds %s  segment_cpu_seconds %s  (%s runs)\n' "$side" \
        "$(awk -v s="$side" '$1 == s { print $2 }' "$out" | median)" \
        "$(awk -v s="$side" '$1 == s { print $3 }' "$out" | median)" "$runs"
done
