#!/usr/bin/env bash
# Predictive CLV at one size (issue 12's speed targets):
#
#   bash bench/predict.sh [--size L] [--runs N] [--processes P]
#
# Builds build-bench/ (Release), generates the seeded log (bench/data/) if missing, then runs
# `ltvcrm-bench predict` P times (its own process each; N runs inside, medians): statistics +
# BG/NBD + Gamma-Gamma fits (target < 5 s on two cores), and the per-customer predictions of
# ltv_predict_run over every customer (target <= 100 ns each). Prints wall and CPU time (all
# threads) per process, then the medians over the processes. The machine may be shared:
# compare CPU time, and say the load (printed first). Raw JSON lines go to
# bench/data/predict-DATE.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
size=L
runs=3
processes=3
while [ $# -gt 0 ]; do
    case "$1" in
        --size) size=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --processes) processes=$2; shift 2 ;;
        *) echo "usage: bench/predict.sh [--size S|L] [--runs N] [--processes P]" >&2; exit 2 ;;
    esac
done
case "$size" in S) n=1000000 ;; L) n=10000000 ;; *) n=$size ;; esac
build=$root/build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DLTV_BUILD_TESTS=OFF -DLTV_BUILD_DOCS=OFF >/dev/null
cmake --build "$build" -j 2 --target ltvcrm_bench ltvcrm_gen >/dev/null
mkdir -p bench/data
csv=bench/data/orders-$n-seed1.csv
out=bench/data/predict-$(date +%Y%m%d-%H%M%S).txt
[ -f "$csv" ] || "$build/bench/ltvcrm-gen" --customers "$n" --seed 1 --out "$csv" >&2
echo "predict at $size ($n customers), $processes processes x $runs runs; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" | tee -a "$out"
json() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/"; }
fit=() fitcpu=() wall=() cpu=()
for p in $(seq "$processes"); do
    line=$("$build/bench/ltvcrm-bench" predict "$csv" --runs "$runs" | grep '^{' | tee -a "$out")
    fit+=("$(json fit_total_seconds <<<"$line")") fitcpu+=("$(json fit_cpu_seconds <<<"$line")")
    wall+=("$(json predict_ns_per_customer <<<"$line")") cpu+=("$(json predict_cpu_ns_per_customer <<<"$line")")
    printf 'process %d: statistics + fits %.2f s wall (%.2f s CPU); predictions %.1f ns/customer wall (%.1f ns CPU)\n' \
        "$p" "${fit[-1]}" "${fitcpu[-1]}" "${wall[-1]}" "${cpu[-1]}" | tee -a "$out"
done
. "$root/bench/median.sh"
mf=$(printf '%s\n' "${fit[@]}" | median) mw=$(printf '%s\n' "${wall[@]}" | median) mc=$(printf '%s\n' "${cpu[@]}" | median)
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "missed" }'; }
echo "median: statistics + BG/NBD + Gamma-Gamma $mf s wall (target < 5 s: $(verdict "$mf" 5)); predictions $mw ns/customer wall (target <= 100 ns: $(verdict "$mw" 100)), $mc ns CPU" | tee -a "$out"
