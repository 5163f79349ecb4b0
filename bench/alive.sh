#!/usr/bin/env bash
# What predictions cost inside the segmentation (docs/predict.md#in-the-segmentation-and-the-planner):
#
#   bash bench/alive.sh [--size L] [--runs N]
#
# Builds build-bench/ (Release) and the seeded log's snapshot (as bench/snapshot.sh), then N
# times, each its own process, alternating: `ltvcrm segment SNAP --counts` (the 1.0
# segmentation) and the same with `--predict bgnbd --alive-rule either --alive-threshold 0.3
# --falling-days 30` (BG/NBD and Gamma-Gamma fitted in weeks, P(alive) and CLV as of the as-of
# day and 30 days before, the rule and the flag). Prints the medians of CPU (user + sys), wall
# and peak RSS of each and their difference per customer. The machine is shared: CPU time is
# the figure to compare; the fits (about 1.4 s of CPU at L, docs/benchmarks.md) are included.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
size=L
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --size) size=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "usage: bench/alive.sh [--size S|L] [--runs N]" >&2; exit 2 ;;
    esac
done
case "$size" in S) n=1000000 ;; L) n=10000000 ;; *) n=$size ;; esac
build=$root/build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DLTV_BUILD_TESTS=OFF -DLTV_BUILD_DOCS=OFF >/dev/null
cmake --build "$build" -j 2 --target ltvcrm_tool ltvcrm_gen >/dev/null
tool=$build/ltvcrm
mkdir -p bench/data
csv=bench/data/orders-$n-seed1.csv
snap=bench/data/orders-$n-seed1.ltvsnap
[ -f "$csv" ] || "$build/bench/ltvcrm-gen" --customers "$n" --seed 1 --out "$csv" >&2
[ -f "$snap" ] || "$tool" snapshot build "$csv" --out "$snap" >&2
cat "$snap" >/dev/null # in the page cache
as_of=2026-11-01
measure() { # prints "cpu wall rss_kb" of one run
    local t
    t=$( { /usr/bin/time -f "%U %S %e %M" "$tool" segment "$snap" --as-of "$as_of" --counts "$@" >/dev/null; } 2>&1 | tail -1)
    awk '{ printf "%.2f %.2f %d\n", $1 + $2, $3, $4 }' <<<"$t"
}
plain=() model=()
for _ in $(seq "$runs"); do
    plain+=("$(measure)")
    model+=("$(measure --predict bgnbd --alive-rule either --alive-threshold 0.3 --falling-days 30)")
done
. "$root/bench/median.sh"
column() { local k=$1; shift; printf '%s\n' "$@" | awk -v k="$k" '{ print $k }' | median; }
pc=$(column 1 "${plain[@]}") pw=$(column 2 "${plain[@]}") pm=$(column 3 "${plain[@]}")
mc=$(column 1 "${model[@]}") mw=$(column 2 "${model[@]}") mm=$(column 3 "${model[@]}")
echo "customers: $n, runs: $runs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "segmentation:                      CPU $pc s, wall $pw s, peak RSS $((pm / 1024)) MB"
echo "with BG/NBD, rule and falling flag: CPU $mc s, wall $mw s, peak RSS $((mm / 1024)) MB"
awk -v p="$pc" -v m="$mc" -v n="$n" -v pm="$pm" -v mm="$mm" \
    'BEGIN { printf "difference: %.2f s CPU = %.0f ns/customer (fits included), %.0f bytes/customer of peak RSS\n", m - p, (m - p) * 1e9 / n, (mm - pm) * 1024 / n }'
