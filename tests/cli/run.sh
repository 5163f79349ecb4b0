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
expect summary-table 0 "customers +2" -- "$tool" summary "$tmp/small.csv" --accept-rejects
expect summary-revenue 0 "revenue \(net\) +2,500.50" -- "$tool" summary "$tmp/small.csv" --accept-rejects
expect summary-repeat 0 "repeat rate +50.0%" -- "$tool" summary "$tmp/small.csv" --accept-rejects
expect summary-bad-row 0 "line 5, column 2: order_date 'bad'" -- "$tool" summary "$tmp/small.csv" --accept-rejects
expect summary-csv 0 "^2026-02-02,2,3,2500.50,833.50,0.5000,4,3,1" -- "$tool" summary "$tmp/small.csv" --accept-rejects --format csv
expect summary-json 0 '"customers":2,"orders":3,"revenue":2500.50' -- "$tool" summary "$tmp/small.csv" --accept-rejects --format json
expect summary-as-of 0 "customers +2" -- "$tool" summary "$tmp/small.csv" --accept-rejects --as-of 2026-01-07
expect summary-as-of-orders 0 "orders +2$" -- "$tool" summary "$tmp/small.csv" --accept-rejects --as-of 2026-01-07
expect summary-sample 0 "customers +4000" -- "$tool" summary "$sample" --decimals 0
expect missing-file 3 "cannot open" -- "$tool" summary "$tmp/none.csv"
expect shift-jis 3 "line 2, column 1.*Shift_JIS" -- "$tool" summary "$tmp/sjis.csv"
expect missing-column 3 "no column 'customer_id'" -- "$tool" summary "$tmp/nocol.csv"
expect column-mapping 0 "customers +1" -- "$tool" summary "$tmp/nocol.csv" --column customer_id=id --column order_date=date --column amount=price
expect bad-format 2 "--format wants" -- "$tool" summary "$tmp/small.csv" --accept-rejects --format xml
expect bad-decimals 2 "0..6" -- "$tool" summary "$tmp/small.csv" --accept-rejects --decimals 9
expect bad-as-of 2 "not a date" -- "$tool" summary "$tmp/small.csv" --accept-rejects --as-of yesterday
expect unknown-option 2 "unknown option" -- "$tool" summary "$tmp/small.csv" --accept-rejects --bogus
expect missing-file-arg 2 "missing FILE" -- "$tool" summary
expect strict 3 "strict mode" -- "$tool" summary "$tmp/small.csv" --accept-rejects --strict

# The last day the library knows: the default as-of (the day after) has no date of its own.
printf 'customer_id,order_date,amount\nA,9999-12-30,100\nA,9999-12-31,50\n' >"$tmp/last-day.csv"
printf 'customer_id,order_date,amount\n' >"$tmp/header-only.csv"
expect summary-after-last-day 0 "^as of after 9999-12-31 \(events from 9999-12-30 to 9999-12-31\)$" -- "$tool" summary "$tmp/last-day.csv"
expect summary-csv-after-last-day 0 "^after 9999-12-31,1,2,150.00," -- "$tool" summary "$tmp/last-day.csv" --format csv
expect summary-json-after-last-day 0 '^\{"as_of":"after 9999-12-31","customers":1,' -- "$tool" summary "$tmp/last-day.csv" --format json
expect summary-no-events 0 "^as of - \(events from - to -\)$" -- "$tool" summary "$tmp/header-only.csv" --accept-rejects
expect summary-csv-no-events 0 "^-,0,0,0.00," -- "$tool" summary "$tmp/header-only.csv" --accept-rejects --format csv
expect summary-json-no-events 0 '^\{"as_of":"-","customers":0,' -- "$tool" summary "$tmp/header-only.csv" --accept-rejects --format json
expect summary-no-events-as-of 0 "^as of 2026-01-01 \(events from - to -\)$" -- "$tool" summary "$tmp/header-only.csv" --accept-rejects --as-of 2026-01-01
# A bad --as-of is a usage error of the subcommand, found before the file is read.
expect bad-as-of-month 2 "^ltvcrm summary: --as-of: month 13 is outside 1..12$" -- "$tool" summary "$tmp/small.csv" --accept-rejects --as-of 2026-13-01
expect bad-as-of-hint 2 "^run 'ltvcrm summary --help' for usage$" -- "$tool" summary "$tmp/small.csv" --accept-rejects --as-of 2026-13-01
expect bad-as-of-before-load 2 "ltvcrm segment: --as-of: day 30 is outside 1..28 for 2026-02" -- "$tool" segment "$tmp/none.csv" --as-of 2026-02-30
# The CSV has the JSON's figures: the first nine columns as before, the rest appended.
expect summary-csv-header 0 "^as_of,customers,orders,revenue,average_order_value,repeat_rate,rows_read,rows_taken,rows_rejected,gross_revenue,repeat_customers,refunds,visits,cancels,blank_lines,refunded,rows_excluded,rows_no_customer,orders_formed,order_lines$" -- "$tool" summary "$tmp/small.csv" --accept-rejects --format csv
# A: an order of 10 and a refund of 4; B: a visit and a cancel, no order (not a customer); a blank line.
printf 'customer_id,order_date,amount,kind\nA,2026-01-01,10,order\nA,2026-01-02,4,refund\nB,2026-01-03,0,visit\n\nB,2026-01-04,0,cancel\n' >"$tmp/kinds.csv"
expect summary-csv-new-columns 0 "^2026-01-05,1,1,6.00,10.00,0.0000,4,4,0,10.00,0,1,1,1,1,4.00,0,0,1,1$" -- "$tool" summary "$tmp/kinds.csv" --format csv
# Two columns under one header name: a usage error, whatever the order of the options.
expect column-clash-default 2 "^ltvcrm summary: --column: customer_id and amount would both be read from the column named 'amount'$" -- "$tool" summary "$tmp/small.csv" --accept-rejects --column customer_id=amount
expect column-clash-case 2 "customer_id and order_date would both be read from the column named 'ID'" -- "$tool" summary "$tmp/nocol.csv" --column customer_id=ID --column order_date=id
expect column-key-twice 2 "a column is named twice: customer_id=x" -- "$tool" summary "$tmp/nocol.csv" --column customer_id=id --column customer_id=x
printf 'amount,order_date,price\nC1,2026-01-01,5\n' >"$tmp/swapped.csv"
expect column-swap 0 "revenue \(net\) +5.00" -- "$tool" summary "$tmp/swapped.csv" --column customer_id=amount --column amount=price
# Sums past the ledger's limits are the input's fault: the row is rejected, and in strict mode
# the load ends with exit 3. (The loader no longer fails with LTV_EOVERFLOW, which the tool
# also maps to exit 3; no command line reaches that status now.)
printf 'customer_id,order_date,amount\nA,2026-01-01,5000000000000000000\nB,2026-01-01,5000000000000000000\n' >"$tmp/overflow.csv"
expect overflow-row 0 "line 3, column 3: amount would make the sum of all amounts exceed 2\^63 - 1 minor units" -- "$tool" summary "$tmp/overflow.csv" --accept-rejects --decimals 0
expect overflow-strict 3 "line 3, column 3: amount would make the sum of all amounts exceed" -- "$tool" summary "$tmp/overflow.csv" --accept-rejects --decimals 0 --strict

# Progress goes to stderr only when it is a terminal: `script` gives the tool one.
if command -v script >/dev/null 2>&1; then
    expect progress-on-a-terminal 0 "loading: 100.0% of 0.3 MB" -- script -qec "$tool summary $sample --decimals 0" /dev/null
fi
expect no-progress-into-a-pipe 0 "^as of 2026-11-01" -- "$tool" summary "$sample" --decimals 0

# Subcommands added later register their own checks here.
for extra in "$here"/run_*.sh; do
    [ -e "$extra" ] && source "$extra"
done

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
