#!/usr/bin/env bash
# Per-shard segmentation with global cut points at S and L (docs/shards.md):
#
#   bash bench/shards.sh [--shards K] [--sizes "S L"]
#
# Builds build-bench/ (Release), generates the seeded logs if missing (bench/data/), splits
# each into K shards by a hash of the customer id and prints each shard's summary size in
# bytes, the merged summary's size, and the time of the summaries (beside a segmentation of
# each shard; the summary_vs_segment line gives their ratio), the merge, the shards' runs and
# the whole's run. Raw JSON lines go to bench/data/shards-DATE.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
shards=4
sizes="S L"
while [ $# -gt 0 ]; do
    case "$1" in
        --shards) shards=$2; shift 2 ;;
        --sizes) sizes=$2; shift 2 ;;
        *) echo "usage: bench/shards.sh [--shards K] [--sizes \"S L\"]" >&2; exit 2 ;;
    esac
done
build=$root/build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DLTV_BUILD_TESTS=OFF -DLTV_BUILD_DOCS=OFF >/dev/null
cmake --build "$build" -j 2 --target ltvcrm_bench_shards ltvcrm_gen >/dev/null
mkdir -p bench/data
out=bench/data/shards-$(date +%Y%m%d-%H%M%S).txt
for size in $sizes; do
    case "$size" in S) n=1000000 ;; L) n=10000000 ;; *) n=$size ;; esac
    csv=bench/data/orders-$n-seed1.csv
    snap=bench/data/orders-$n-seed1.ltvsnap
    [ -f "$snap" ] && input=$snap || input=$csv
    [ -f "$input" ] || "$build/bench/ltvcrm-gen" --customers "$n" --seed 1 --out "$csv" >&2
    echo "size $size ($n customers), $shards shards:"
    "$build/bench/ltvcrm-bench-shards" "$input" "$shards" | tee -a "$out"
done
