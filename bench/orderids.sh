#!/usr/bin/env bash
# Loading with order ids against the same orders without them (issue 10's 1.5x target):
#
#   bash bench/orderids.sh [--runs N] [--prefix ROWS] [--bench PATH]
#
# Four loads of the L log, each its own process, alternating N times (default 3):
#   A  the plain log (orders-10000000-seed1.csv), the 1.0 path
#   C  the log with an order_id column added (…-order-ids.csv: O1, O2, …), the column not mapped
#   B  the same file with --order-id order_id: every line goes through order mode (the ids
#      rise: grouping needs no sort)
#   D  …-unsorted-ids.csv: the same orders with distinct ids in no order (O0, O7919, …: ids
#      (i * 7919) mod n), --order-id order_id: the radix sort groups them
# The order-id files are made from the plain log with awk when missing (never written into a
# shared data folder: bench/data/ may hold hard links). --prefix ROWS loads the first ROWS
# rows of the files instead (made once, in bench/data/). Prints wall and CPU (user + sys)
# seconds and peak RSS of each run, then the medians and the ratios to C and A. The machine
# is shared: the CPU ratio is the steadier figure; the wall ratio follows the machine's load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=3
prefix=
bench=
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --prefix) prefix=$2; shift 2 ;;
        --bench) bench=$2; shift 2 ;;
        *) echo "usage: bench/orderids.sh [--runs N] [--prefix ROWS] [--bench PATH]" >&2; exit 2 ;;
    esac
done
build=$root/build-bench
if [ -z "$bench" ]; then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DLTV_BUILD_TESTS=OFF -DLTV_BUILD_DOCS=OFF >/dev/null
    cmake --build "$build" -j 2 --target ltvcrm_bench ltvcrm_gen >/dev/null
    bench=$build/bench/ltvcrm-bench
fi
mkdir -p bench/data
plain=bench/data/orders-10000000-seed1.csv
ids=bench/data/orders-10000000-seed1-order-ids.csv
[ -f "$plain" ] || "$build/bench/ltvcrm-gen" --customers 10000000 --seed 1 --out "$plain" >&2
unsorted=bench/data/orders-10000000-seed1-unsorted-ids.csv
[ -f "$ids" ] || awk 'NR==1{print $0",order_id";next}{print $0",O"NR-1}' "$plain" > "$ids"
if [ ! -f "$unsorted" ]; then
    n=$(($(wc -l < "$plain") - 1))
    awk -v n="$n" 'NR==1{print $0",order_id";next}{print $0",O"((NR-2)*7919%n)}' "$plain" > "$unsorted"
fi
if [ -n "$prefix" ]; then
    lines=$((prefix + 1))
    [ -f "bench/data/prefix-$prefix.csv" ] || head -n "$lines" "$plain" > "bench/data/prefix-$prefix.csv"
    [ -f "bench/data/prefix-$prefix-order-ids.csv" ] || head -n "$lines" "$ids" > "bench/data/prefix-$prefix-order-ids.csv"
    [ -f "bench/data/prefix-$prefix-unsorted-ids.csv" ] || head -n "$lines" "$unsorted" > "bench/data/prefix-$prefix-unsorted-ids.csv"
    plain=bench/data/prefix-$prefix.csv
    ids=bench/data/prefix-$prefix-order-ids.csv
    unsorted=bench/data/prefix-$prefix-unsorted-ids.csv
fi
cat "$plain" "$ids" "$unsorted" > /dev/null   # in the page cache
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
results=()
one() { # label, then the bench's arguments
    local label=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$tmp" "$bench" load "$@" --runs 1 > /dev/null
    read -r wall user sys rss < "$tmp"
    local cpu
    cpu=$(echo "$user + $sys" | bc)
    printf '%s wall %6.2f s  cpu %6.2f s  peak RSS %5d MiB  (load average %s)\n' "$label" "$wall" "$cpu" \
        $((rss / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
    results+=("$label $wall $cpu $((rss / 1024))")
}
for _ in $(seq "$runs"); do
    one A "$plain"
    one C "$ids"
    one B "$ids" --order-id order_id
    one D "$unsorted" --order-id order_id
done
printf '%s\n' "${results[@]}" | awk -v runs="$runs" '
    function median(label, field,   n, i, j, t, v) {
        n = 0
        for (i = 1; i <= NR; i++) if (lab[i] == label) v[++n] = val[i, field]
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    { lab[NR] = $1; val[NR, 2] = $2; val[NR, 3] = $3; val[NR, 4] = $4 }
    END {
        for (k = 1; k <= 4; k++) {
            l = substr("ACBD", k, 1)
            w[l] = median(l, 2); c[l] = median(l, 3); r[l] = median(l, 4)
            printf "median %s: wall %.2f s, cpu %.2f s, peak RSS %d MiB (%d runs)\n", l, w[l], c[l], r[l], runs
        }
        printf "B/C: wall %.2fx, cpu %.2fx;  B/A: wall %.2fx, cpu %.2fx  (target: 1.5x)\n",
            w["B"] / w["C"], c["B"] / c["C"], w["B"] / w["A"], c["B"] / c["A"]
        printf "D/C: wall %.2fx, cpu %.2fx;  D/A: wall %.2fx, cpu %.2fx\n",
            w["D"] / w["C"], c["D"] / c["C"], w["D"] / w["A"], c["D"] / c["A"]
    }'
