#!/usr/bin/env bash
# The whole benchmark suite, one command:
#
#   bash bench/run.sh [--sizes "S L"] [--runs N] [--xl]
#
# Builds a Release copy in build-bench/, generates the seeded order logs (bench/data/), then
# for each size runs, each as its own process: CSV -> ledger load, bulk add from in-memory
# columns (the FFI path), segmentation, the planner's due actions, and `ltvcrm segment` end to
# end (per-customer CSV to /dev/null, and counts only); then the DuckDB comparison
# (compare/run.sh). Prints a Markdown table of medians; the raw lines go to
# bench/data/results-DATE.txt. --xl adds the 100 M-order growth point (about 3 GB of CSV and
# 6 GB of memory). Nothing here is a test: figures vary ±20 % on a shared machine, so compare
# ratios measured in one run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sizes="S L"
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --xl) sizes="$sizes XL"; shift ;;
        *) echo "usage: bench/run.sh [--sizes \"S L\"] [--runs N] [--xl]" >&2; exit 2 ;;
    esac
done
build=$root/build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DLTV_BUILD_TESTS=OFF -DLTV_BUILD_DOCS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
mkdir -p bench/data
out=bench/data/results-$(date +%Y%m%d-%H%M%S).txt
bench=$build/bench/ltvcrm-bench
json() { grep '^{' | sed -E "s/.*\"$1\":([0-9.]+).*/\1/"; }

customers_of() { case "$1" in S) echo 1000000 ;; L) echo 10000000 ;; XL) echo 57500000 ;; *) echo "$1" ;; esac; }

rows=()
for size in $sizes; do
    n=$(customers_of "$size")
    file=bench/data/orders-$n-seed1.csv
    [ -f "$file" ] || "$build/bench/ltvcrm-gen" --customers "$n" --seed 1 --out "$file" >&2
    echo "== $size: $file" | tee -a "$out" >&2
    load=$("$bench" load "$file" --runs "$runs" | tee -a "$out")
    bulk=$("$bench" bulk --customers "$n" --runs "$runs" | tee -a "$out")
    seg=$("$bench" segment "$file" --runs "$runs" | tee -a "$out")
    plan=$("$bench" plan "$file" --runs "$runs" | tee -a "$out")
    t0=$(date +%s%N); "$build/ltvcrm" segment "$file" --as-of 2026-11-01 >/dev/null; t1=$(date +%s%N)
    e2e_rows=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", ns / 1e9 }')
    echo "end to end, per-customer CSV: $e2e_rows s" | tee -a "$out" >&2
    rows+=("| $size | $(echo "$load" | json rows) | $(echo "$load" | json seconds) s, $(echo "$load" | json mb_per_s) MB/s | $(echo "$bulk" | json orders_per_s | awk '{printf "%.1f M/s", $1/1e6}') | $(echo "$seg" | json ns_per_customer) ns | $(echo "$plan" | json ns_per_customer) ns | $e2e_rows s | $(echo "$load" | json peak_rss_mib) MiB |")
    if [ "$size" != XL ]; then
        LTVCRM=$build/ltvcrm BUILD_DIR=$build bash bench/compare/run.sh "$size" "$runs" 2>&1 | tee -a "$out" | grep -E 'median|ratio|agree|DISAGREE' >&2
    fi
done
echo
echo "| size | rows | CSV -> ledger | bulk add | segment | plan | segment CSV end to end | load peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "raw output: $out"
