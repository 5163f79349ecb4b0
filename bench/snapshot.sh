#!/usr/bin/env bash
# Snapshots against the CSV path at one size, one measurement per process, alternating:
#
#   bash bench/snapshot.sh [--size L] [--runs N]
#
# Builds build-bench/ (Release), generates the seeded log (bench/data/), builds its snapshot,
# then N times: CSV load + organize + segmentation, and snapshot open + segmentation (each
# its own process, so that each peak RSS is its own); then N times a day of 60,000 orders
# appended to the snapshot and saved. Prints the medians; raw JSON lines go to
# bench/data/snapshot-DATE.txt. The machine is shared: compare the ratio of one run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
size=L
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --size) size=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "usage: bench/snapshot.sh [--size S|L] [--runs N]" >&2; exit 2 ;;
    esac
done
case "$size" in S) n=1000000 ;; L) n=10000000 ;; *) n=$size ;; esac
build=$root/build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DLTV_BUILD_TESTS=OFF -DLTV_BUILD_DOCS=OFF >/dev/null
cmake --build "$build" -j 2 --target ltvcrm_bench_snapshot ltvcrm_gen >/dev/null
bench=$build/bench/ltvcrm-bench-snapshot
mkdir -p bench/data
csv=bench/data/orders-$n-seed1.csv
snap=bench/data/orders-$n-seed1.ltvsnap
day=bench/data/day-$n.csv
out=bench/data/snapshot-$(date +%Y%m%d-%H%M%S).txt
[ -f "$csv" ] || "$build/bench/ltvcrm-gen" --customers "$n" --seed 1 --out "$csv" >&2
"$bench" build "$csv" "$snap" | tee -a "$out"
"$bench" day "$snap" "$day" 60000
cat "$csv" >/dev/null; cat "$snap" >/dev/null   # both in the page cache, as in a nightly job
for _ in $(seq "$runs"); do
    "$bench" csv-segment "$csv" | tee -a "$out"
    "$bench" open-segment "$snap" | tee -a "$out"
done
for _ in $(seq "$runs"); do
    "$bench" append "$snap" "$day" "$snap.next" | tee -a "$out"
done
rm -f "$snap.next"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { grep "\"mode\":\"$1\"" "$out" | sed -E "s/.*\"$2\":([0-9.]+).*/\1/" | median; }
csv_t=$(field csv-segment total_seconds); snap_t=$(field open-segment total_seconds)
echo
echo "size $size ($n customers), medians of $runs runs:"
echo "  CSV load + segmentation:       $csv_t s (load $(field csv-segment load_seconds) s, segmentation $(field csv-segment segment_seconds) s), peak RSS $(field csv-segment peak_rss_mib) MiB"
echo "  snapshot open + segmentation:  $snap_t s (open $(field open-segment open_seconds) s, segmentation $(field open-segment segment_seconds) s), peak RSS $(field open-segment peak_rss_mib) MiB"
echo "  ratio: $(awk -v a="$csv_t" -v b="$snap_t" 'BEGIN { printf "%.1f", a / b }')x"
echo "  append 60,000 orders + save:   $(field append total_seconds) s (open $(field append open_seconds), add $(field append add_seconds), organize $(field append organize_seconds), save $(field append save_seconds)), peak RSS $(field append peak_rss_mib) MiB"
echo "raw output: $out"
