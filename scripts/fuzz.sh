#!/usr/bin/env bash
# Fuzzes every parser of outside input with libFuzzer + ASan + UBSan (clang):
#   bash scripts/fuzz.sh [SECONDS]      (default 60; the corpus grows in build-fuzz/corpus)
# Seeds come from the test fixtures and the bundled sample.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-60}
out=build-fuzz
mkdir -p "$out/corpus"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Iinclude $(for d in lib/*/; do printf -- "-I%s " "$d"; done)-D_POSIX_C_SOURCE=200809L"
clang $flags -std=c11 tests/fuzz/fuzz_inputs.c lib/*/*.c -lpthread -lm -o "$out/fuzz_inputs"
# seeds: a CSV, a matrix in JSON and CSV, the default scenario, answers
printf '\0customer_id,order_date,amount,items,kind\nA,2026-01-01,"1,980",2,order\nB,2026/1/2,5.50,,refund\n' >"$out/corpus/csv"
head -c 2000 examples/data/orders.csv | sed '1s/^/\x05/' >"$out/corpus/sample"
printf '\x04AABCDAABBA' >"$out/corpus/answers"
if [ -x build-dev/ltvcrm ] || [ -x build/ltvcrm ]; then
    tool=$( [ -x build-dev/ltvcrm ] && echo build-dev/ltvcrm || echo build/ltvcrm )
    { printf '\x01'; "$tool" matrix --template --format json 2>/dev/null | head -c 4000; } >"$out/corpus/matrix-json" || true
    { printf '\x03'; "$tool" plan --help >/dev/null 2>&1; } || true
fi
"$out/fuzz_inputs" -max_total_time="$seconds" -max_len=4096 -timeout=10 "$out/corpus" 2>&1 | tail -5
