#!/usr/bin/env bash
# Snapshots against the CSV path at one size, one measurement per process, alternating:
#
#   bash bench/snapshot.sh [--size L] [--runs N] [--increments-only]
#
# Builds build-bench/ (Release), generates the seeded log (bench/data/) and its snapshot when
# missing, then N times: CSV load + organize + segmentation, and snapshot open + segmentation
# (each its own process, so that each peak RSS is its own), and the floors (the bare walk of
# the events and the first touch of the result columns, without the library: what no
# implementation of open + segmentation can avoid on this machine). The snapshot is opened with
# LTV_OPEN_CHECK_ON_USE, as ltvcrm segment opens it (the segmentation's first pass checks the
# events), and once more with every check inside the open (open-segment-eager). A snapshot
# written before META carried the visit count (before 2026-12-05) has its events checked at
# the open even so: delete bench/data/orders-*.ltvsnap to have it built again. Then the nightly increment: the
# snapshot is written once as a version-2 base to a work file (never the snapshot itself,
# which may be a hard link to shared data), and N times a new day of 60,000 orders is
# appended in place (open, add the day, ltv_ledger_save_increment: flushed and committed),
# followed by an open + first segmentation of the grown file (the organizing of the
# increments' events happens there), and finally ltv_snapshot_compact of the work file.
# Prints the medians; raw JSON lines go to bench/data/snapshot-DATE.txt. The machine is
# shared: compare the ratio of one run, and the CPU seconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
size=L
runs=5
compare=1
while [ $# -gt 0 ]; do
    case "$1" in
        --size) size=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --increments-only) compare=0; shift ;;
        *) echo "usage: bench/snapshot.sh [--size S|L] [--runs N] [--increments-only]" >&2; exit 2 ;;
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
[ -f "$snap" ] || "$bench" build "$csv" "$snap" | tee -a "$out"
[ -f "$day" ] || "$bench" day "$snap" "$day" 60000
if [ "$compare" = 1 ]; then
    # Both in the page cache, as in a nightly job, and in the same state whatever earlier runs
    # left: dropped, then read back once from disk. A file read from disk (or just written) is
    # cached in 2 MiB folios on Linux 6.18, which a mapping takes one entry per 2 MiB; pages
    # left by other paths can be 4 KiB ones, and mapping the snapshot's events then costs about
    # 0.01 s more (docs/benchmarks.md).
    for f in "$csv" "$snap"; do dd if="$f" iflag=nocache count=0 status=none; cat "$f" >/dev/null; done
    for _ in $(seq "$runs"); do
        "$bench" csv-segment "$csv" | tee -a "$out"
        "$bench" open-segment "$snap" | tee -a "$out"   # LTV_OPEN_CHECK_ON_USE, as ltvcrm segment opens
        "$bench" open-segment-eager "$snap" | tee -a "$out"   # every check inside ltv_ledger_open
        "$bench" floors "$snap" | tee -a "$out"   # the least any open + segmentation pays here
    done
fi
# The nightly increment, on a work copy (appends write in place).
work=bench/data/work-$n.ltvsnap
rm -f "$work"
"$bench" rebase "$snap" "$work" | tee -a "$out"
"$bench" open-segment "$work" | sed 's/"open-segment"/"base-segment"/' | tee -a "$out"   # before any increment
"$bench" append "$snap" "$day" "$work.full" | tee -a "$out"   # the 1.x way, once: the whole file rewritten
rm -f "$work.full"
for i in $(seq "$runs"); do
    "$bench" day "$work" "bench/data/day-$n-run$i.csv" 60000   # the day after the work file's last
    "$bench" increment "$work" "bench/data/day-$n-run$i.csv" | tee -a "$out"
    "$bench" open-segment "$work" | sed 's/"open-segment"/"after-increment"/' | tee -a "$out"
done
"$bench" compact "$work" | tee -a "$out"
rm -f "$work" bench/data/day-$n-run*.csv
. "$root/bench/median.sh"
field() { grep "\"mode\":\"$1\"" "$out" | sed -E "s/.*\"$2\":([0-9.]+).*/\1/" | median; }
echo
echo "size $size ($n customers), medians of $runs runs:"
if [ "$compare" = 1 ]; then
    csv_t=$(field csv-segment total_seconds); snap_t=$(field open-segment total_seconds)
    echo "  CSV load + segmentation:       $csv_t s (load $(field csv-segment load_seconds) s, segmentation $(field csv-segment segment_seconds) s), peak RSS $(field csv-segment peak_rss_mib) MiB"
    eager_t=$(field open-segment-eager total_seconds)
    echo "  snapshot open + segmentation:  $snap_t s (open $(field open-segment open_seconds) s, segmentation checking the events $(field open-segment segment_seconds) s), peak RSS $(field open-segment peak_rss_mib) MiB"
    echo "  ratio: $(awk -v a="$csv_t" -v b="$snap_t" 'BEGIN { printf "%.1f", a / b }')x"
    echo "  with every check in the open:  $eager_t s (open $(field open-segment-eager open_seconds) s, segmentation $(field open-segment-eager segment_seconds) s), ratio $(awk -v a="$csv_t" -v b="$eager_t" 'BEGIN { printf "%.1f", a / b }')x"
    # each run's own ratio (the CSV run and the open run that followed it): how far the medians can be trusted
    paste -d' ' <(grep '"mode":"csv-segment"' "$out" | sed -E 's/.*"total_seconds":([0-9.]+).*/\1/') \
        <(grep '"mode":"open-segment"' "$out" | sed -E 's/.*"total_seconds":([0-9.]+).*/\1/') |
        awk '{ printf "%s%.1fx (%.2f / %.3f s)", (NR > 1 ? ", " : "  each run: "), $1 / $2, $1, $2 } END { print "" }'
    csv_c=$(field csv-segment cpu_seconds); snap_c=$(field open-segment cpu_seconds)
    echo "  CPU (user + sys, both threads): CSV $csv_c s (load $(field csv-segment load_cpu_seconds), segmentation $(field csv-segment segment_cpu_seconds)), snapshot $snap_c s (open $(field open-segment open_cpu_seconds), segmentation $(field open-segment segment_cpu_seconds)), ratio $(awk -v a="$csv_c" -v b="$snap_c" 'BEGIN { printf "%.1f", a / b }')x"
    # the columns a run leaves for first use, read once after it (not in the figures above: a
    # caller that reads counts and statistics, as `ltvcrm segment --counts` does, never pays it)
    echo "  first read of every per-customer column after the run: CSV path $(field csv-segment first_column_read_seconds) s, snapshot path $(field open-segment first_column_read_seconds) s (peak RSS then $(field csv-segment peak_rss_with_columns_mib) and $(field open-segment peak_rss_with_columns_mib) MiB)"
    floor_t=$(field floors walk_and_columns_seconds)
    echo "  floors (no checks, rules or scores): map + one walk of the runs $(field floors map_and_walk_seconds) s, first touch of the result columns $(field floors fresh_columns_seconds) s, walk + columns in one pass $floor_t s"
    echo "  the ratio even that bare pass would reach: $(awk -v a="$csv_t" -v b="$floor_t" 'BEGIN { printf "%.1f", a / b }')x"
    echo "  load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
echo "  nightly increment, 60,000 orders (open, add, save_increment with 2 fdatasync):"
echo "                                 $(field increment total_seconds) s wall, $(field increment cpu_seconds) s CPU (open $(field increment open_seconds), add $(field increment add_seconds), save $(field increment save_seconds)), peak RSS $(field increment peak_rss_mib) MiB"
echo "  the same day through ltv_ledger_save (whole file, 1 run): $(field append total_seconds) s (open $(field append open_seconds), add $(field append add_seconds), organize $(field append organize_seconds), save $(field append save_seconds))"
echo "  open + segmentation of the base: $(field base-segment total_seconds) s (open $(field base-segment open_seconds) s, segmentation $(field base-segment segment_seconds) s)"
echo "  open + segmentation after an increment: $(field after-increment total_seconds) s (open $(field after-increment open_seconds) s, segmentation with the organizing $(field after-increment segment_seconds) s)"
echo "  compaction of the grown file:  $(field compact total_seconds) s wall, $(field compact cpu_seconds) s CPU, peak RSS $(field compact peak_rss_mib) MiB"
echo "raw output: $out"
