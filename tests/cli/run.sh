#!/usr/bin/env bash
# Black-box tests of the ltvcrm tool: outputs and exit codes. Usage: run.sh PATH/TO/ltvcrm
set -uo pipefail
tool=${1:?usage: run.sh LTVCRM}
here=$(cd "$(dirname "$0")" && pwd)
sample="$here/../../examples/data/orders.csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# expect NAME WANT_EXIT PATTERN -- COMMAND...: runs COMMAND, checks the exit code and that
# stdout+stderr match the extended regular expression PATTERN.
expect() {
    local name=$1 want=$2 pattern=$3
    shift 4
    local out code
    out=$("$@" 2>&1)
    code=$?
    if [ "$code" -ne "$want" ]; then
        echo "FAIL $name: exit $code, want $want"; echo "$out" | head -5; failed=$((failed + 1)); return
    fi
    if ! grep -Eq -- "$pattern" <<<"$out"; then
        echo "FAIL $name: output lacks /$pattern/"; echo "$out" | head -5; failed=$((failed + 1)); return
    fi
    passed=$((passed + 1))
}

printf 'customer_id,order_date,amount,items\nC1,2026-01-05,"1,980.50",2\nC2,2026-01-06,500,1\nC1,2026-02-01,20,3\nC3,bad,1,1\n' >"$tmp/small.csv"
printf 'customer_id,order_date,amount\n\x8e\x52,2026-01-01,1\n' >"$tmp/sjis.csv"
printf 'id,date,price\nA,2026-01-01,1\n' >"$tmp/nocol.csv"

expect help 0 "usage: ltvcrm" -- "$tool" --help
expect no-args 2 "usage: ltvcrm" -- "$tool"
expect unknown-command 2 "unknown command 'frobnicate'" -- "$tool" frobnicate
expect version 0 "^ltvcrm [0-9]+\.[0-9]+\.[0-9]+" -- "$tool" --version
expect summary-help 0 "--format" -- "$tool" summary --help
expect summary-table 0 "customers +2" -- "$tool" summary "$tmp/small.csv"
expect summary-revenue 0 "revenue \(net\) +2,500.50" -- "$tool" summary "$tmp/small.csv"
expect summary-repeat 0 "repeat rate +50.0%" -- "$tool" summary "$tmp/small.csv"
expect summary-bad-row 0 "line 5, column 2: order_date 'bad'" -- "$tool" summary "$tmp/small.csv"
expect summary-csv 0 "^2026-02-02,2,3,2500.50,833.50,0.5000,4,3,1" -- "$tool" summary "$tmp/small.csv" --format csv
expect summary-json 0 '"customers":2,"orders":3,"revenue":2500.50' -- "$tool" summary "$tmp/small.csv" --format json
expect summary-as-of 0 "customers +2" -- "$tool" summary "$tmp/small.csv" --as-of 2026-01-07
expect summary-as-of-orders 0 "orders +2$" -- "$tool" summary "$tmp/small.csv" --as-of 2026-01-07
expect summary-sample 0 "customers +4000" -- "$tool" summary "$sample" --decimals 0
expect missing-file 3 "cannot open" -- "$tool" summary "$tmp/none.csv"
expect shift-jis 3 "line 2, column 1.*Shift_JIS" -- "$tool" summary "$tmp/sjis.csv"
expect missing-column 3 "no column 'customer_id'" -- "$tool" summary "$tmp/nocol.csv"
expect column-mapping 0 "customers +1" -- "$tool" summary "$tmp/nocol.csv" --column customer_id=id --column order_date=date --column amount=price
expect bad-format 2 "--format wants" -- "$tool" summary "$tmp/small.csv" --format xml
expect bad-decimals 2 "0..6" -- "$tool" summary "$tmp/small.csv" --decimals 9
expect bad-as-of 2 "not a date" -- "$tool" summary "$tmp/small.csv" --as-of yesterday
expect unknown-option 2 "unknown option" -- "$tool" summary "$tmp/small.csv" --bogus
expect missing-file-arg 2 "missing FILE" -- "$tool" summary
expect strict 3 "strict mode" -- "$tool" summary "$tmp/small.csv" --strict

# Subcommands added later register their own checks here.
for extra in "$here"/run_*.sh; do
    [ -e "$extra" ] && source "$extra"
done

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
