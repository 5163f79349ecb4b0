#!/usr/bin/env bash
# Fuzzes every parser of outside input with libFuzzer + ASan + UBSan (clang):
#   bash scripts/fuzz.sh [--minutes N | --seconds N | SECONDS] [--out DIR] [--tool LTVCRM]
# Default 60 seconds; the test command (ctest, test `fuzz`) runs it briefly, a developer
# runs it long (--minutes 30). The corpus grows in DIR/corpus (default build-fuzz/) and is
# reused by the next run. Seeds come from the test fixtures and the bundled sample.
# Exits 77 (skipped, for ctest) when clang with libFuzzer is not available.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=60
out=build-fuzz
tool=
for t in build-dev/ltvcrm build/ltvcrm; do [ -x "$t" ] && { tool=$t; break; }; done
usage() { echo "usage: fuzz.sh [--minutes N | --seconds N | SECONDS] [--out DIR] [--tool LTVCRM]" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
        --minutes) [ $# -ge 2 ] || usage; seconds=$(( ${2} * 60 )); shift 2 ;;
        --seconds) [ $# -ge 2 ] || usage; seconds=$2; shift 2 ;;
        --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
        --tool) [ $# -ge 2 ] || usage; tool=$2; shift 2 ;;   # writes a matrix seed
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        [0-9]*) seconds=$1; shift ;;   # the original positional form: fuzz.sh SECONDS
        *) usage ;;
    esac
done
[[ $seconds =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || usage
command -v clang >/dev/null || { echo "fuzz: skipped, clang is not installed"; exit 77; }
mkdir -p "$out/corpus"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Iinclude $(for d in lib/*/; do printf -- "-I%s " "$d"; done)-D_POSIX_C_SOURCE=200809L"
clang $flags -std=c11 tests/fuzz/fuzz_inputs.c lib/*/*.c -lpthread -lm -o "$out/fuzz_inputs"
# seeds: a CSV, a matrix in JSON and CSV, the default scenario, answers
printf '\0customer_id,order_date,amount,items,kind\nA,2026-01-01,"1,980",2,order\nB,2026/1/2,5.50,,refund\n' >"$out/corpus/csv"
head -c 2000 examples/data/orders.csv | sed '1s/^/\x0f/' >"$out/corpus/sample"
# the loader's order modes (first byte 5 and 10: see tests/fuzz/fuzz_inputs.c)
printf '\x05o,customer_id,e,order_date,amount,s,r\n1,A,a@x,2026-01-01,100,paid,\n1,,A@X,2026-01-01,50,,\n2,0,g@x,2026-01-02,30,partially_refunded,10\n3,B,,2026-01-03,9,キャンセル,\n' >"$out/corpus/orders"
printf '\x0ao,customer_id,order_date,amount,t\n1,A,2026-01-01,100,300\n1,A,2026-01-01,200,\n2,A,2026-01-01,5,5\n1,B,2026-01-02,1,300\n' >"$out/corpus/totals"
printf '\x04AABCDAABBA' >"$out/corpus/answers"
{ printf '\xe0'; printf 'customer_id,order_date,amount\n\x8e\x52,2026-01-01T17:30:00Z,1\n'; } >"$out/corpus/cp932"
{ printf '\xe2\xff\xfe'; printf 'customer_id,order_date,amount\nA,2026-01-07 02:17 +0900,5\n' | iconv -t UTF-16LE; } >"$out/corpus/utf16"
[ -f /usr/share/zoneinfo/America/New_York ] && { printf '\xe4'; cat /usr/share/zoneinfo/America/New_York; } >"$out/corpus/tzif"
printf '\xe5%s' '2025-03-09 02:30:00 -0500' >"$out/corpus/timestamp"
printf '\xf0\x08\x00\x07\x10\x01\x00' >"$out/corpus/snapshot-edit"          # edits, checksums kept
printf '\xf2\x40\x01\x09\x50\x01\xff\x00\x02\x05' >"$out/corpus/snapshot-resealed" # edits behind new checksums
printf '\xf4\x08\x00\x07\x10\x01\x00' >"$out/corpus/snapshot-v2-edit"       # version 2 with increments
printf '\xf6\x40\x02\x09\x90\x02\xff\x80\x02\x05' >"$out/corpus/snapshot-v2-resealed"
printf '\xf0\x44\x04\x55' >"$out/corpus/snapshot-event-edit"           # an amount in EVENTS: refused on use too
printf '\xdc\x20\x00\x07' >"$out/corpus/summary-edit"                     # segment summary, checksum kept
printf '\xde\x20\x00\x07\x30\x02\x09\x40\x00\x01' >"$out/corpus/summary-resealed" # edits behind a new checksum
if [ -n "$tool" ]; then
    { printf '\x01'; "$tool" matrix --template --format json 2>/dev/null | head -c 4000; } >"$out/corpus/matrix-json" || true
fi
log="$out/fuzz.log"
if "$out/fuzz_inputs" -max_total_time="$seconds" -max_len=4096 -timeout=10 "$out/corpus" >"$log" 2>&1; then
    tail -n 3 "$log"
    echo "fuzz: 1 passed, 0 failed ($seconds s, $(grep -Eo 'Done [0-9]+ runs' "$log" | tail -n1 || echo '? runs'), corpus $out/corpus)"
else
    tail -n 40 "$log"
    echo "fuzz: 0 passed, 1 failed (the crashing input is named above; full log: $log)"
    exit 1
fi
