#!/bin/sh
# Self-test of the order-log generator (run by ctest as bench_generator):
#   selftest.sh LTVCRM_GEN LTVCRM_GEN_CHECK WORK_DIR
set -eu
gen=$1 check=$2 dir=$3
mkdir -p "$dir"
cd "$dir"
fail() { echo "selftest: $*" >&2; exit 1; }

# Same seed, same bytes, through a file or stdout; another seed, other bytes.
"$gen" --customers 20000 --seed 7 --out a.csv 2>/dev/null
"$gen" --customers 20000 --seed 7 >b.csv 2>/dev/null
cmp a.csv b.csv || fail "the same seed gave different logs"
[ ! -e a.csv.tmp ] || fail "the temporary file was left behind"
"$gen" --customers 20000 --seed 8 --out c.csv 2>/dev/null
if cmp -s a.csv c.csv; then fail "another seed gave the same log"; fi

# The benchmark data must not change by accident: a change of the generator that moves these
# checksums makes earlier timings incomparable, so update them only on purpose (and say so).
sum=$("$gen" --customers 2000 --seed 1 2>/dev/null | cksum)
[ "$sum" = "3676078013 110007" ] || fail "the log for 2000 customers, seed 1 changed: cksum $sum"

# Every line canonical, rows in date order, and the CSV agrees with the in-memory columns.
"$check" a.csv >file.txt || fail "the CSV does not check: $(cat file.txt)"
"$check" --customers 20000 --seed 7 >memory.txt
diff file.txt memory.txt || fail "the CSV and the in-memory columns differ"
grep -q '^rows out of date order: 0$' file.txt || fail "rows out of date order"
grep -q '^customers: 20000$' file.txt || fail "not 20000 customers"
awk -F': ' '
  $1 == "one-time buyers" { v = $2 + 0; if (v < 68 || v > 72) bad = bad " one-time=" v }
  $1 == "mean orders of repeaters" { if ($2 < 3.2 || $2 > 3.8) bad = bad " repeat-mean=" $2 }
  $1 == "median amount" { if ($2 < 4600 || $2 > 5100) bad = bad " median=" $2 }
  $1 == "amounts with cents" { v = $2 + 0; if (v < 38 || v > 42) bad = bad " cents=" v }
  $1 == "dates" { if ($2 !~ /^2023-11-0[1-9] \.\. 2026-10-(2[0-9]|3[01])$/) bad = bad " dates=" $2 }
  END { if (bad != "") { print "selftest: shape out of range:" bad > "/dev/stderr"; exit 1 } }' file.txt

# The checker rejects what is not canonical or not in date order.
sed '5s/,[0-9]*$/,9/' a.csv >bad-items.csv
if "$check" bad-items.csv >/dev/null 2>&1; then fail "the checker took items = 9"; fi
{ head -1 a.csv; tail -1 a.csv; sed -n '2p' a.csv; } >bad-order.csv
if "$check" bad-order.csv >/dev/null 2>&1; then fail "the checker took rows out of date order"; fi

# Usage errors.
if "$gen" --customers 0 >/dev/null 2>&1; then fail "--customers 0 was accepted"; fi
if "$gen" --seed -1 >/dev/null 2>&1; then fail "--seed -1 was accepted"; fi
if "$gen" --as-of 2026-13-01 >/dev/null 2>&1; then fail "--as-of 2026-13-01 was accepted"; fi
echo "selftest: ok"
