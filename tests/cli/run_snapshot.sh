# ltvcrm snapshot build|append|compact|info, and snapshots in place of a CSV. Sourced by run.sh
# (uses its expect, $tool, $tmp, $sample).

"$tool" snapshot build "$sample" --decimals 0 --out "$tmp/sample.snap" >/dev/null 2>&1
expect snapshot-build 0 "again.snap: 4000 customers, 7359 events" -- "$tool" snapshot build "$sample" --decimals 0 -o "$tmp/again.snap"
expect snapshot-info 0 "format version 2" -- "$tool" snapshot info "$tmp/sample.snap"
expect snapshot-info-json 0 '"customers":4000,"events":7359' -- "$tool" snapshot info "$tmp/sample.snap" --format json
expect snapshot-build-needs-out 2 "build needs --out" -- "$tool" snapshot build "$sample"
expect snapshot-bad-action 2 "build, append, compact or info" -- "$tool" snapshot frob x
expect snapshot-missing 3 "cannot open" -- "$tool" snapshot info "$tmp/none.snap"
expect snapshot-not-one 3 "not a snapshot" -- "$tool" snapshot info "$sample"

# Every command gives the same output from the snapshot as from the CSV.
same_output() {
    local name=$1
    shift
    local from_csv from_snap
    # the load report is the one difference: a snapshot is not parsed
    from_csv=$("$tool" "$@" "$sample" --decimals 0 2>&1 | grep -v '^ *"*load')
    from_snap=$("$tool" "$@" "$tmp/sample.snap" --decimals 0 2>&1 | grep -v '^ *"*load')
    if [ "$from_csv" = "$from_snap" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL $name: the snapshot's output differs from the CSV's"
        diff <(echo "$from_csv") <(echo "$from_snap") | head -5
        failed=$((failed + 1))
    fi
}
same_output snapshot-segment segment
same_output snapshot-segment-json segment --format json --as-of 2026-06-01
same_output snapshot-report report
same_output snapshot-report-json report --format json
same_output snapshot-plan plan
same_output snapshot-summary-json summary --format json --as-of 2026-06-01
from_csv=$("$tool" matrix --ledger "$sample" --decimals 0 2>&1)
from_snap=$("$tool" matrix --ledger "$tmp/sample.snap" --decimals 0 2>&1)
if [ "$from_csv" = "$from_snap" ]; then passed=$((passed + 1)); else echo "FAIL snapshot-matrix: outputs differ"; failed=$((failed + 1)); fi

# Increments: the sample cut in two by date, the second part appended, equals the whole.
head -1 "$sample" >"$tmp/first.csv"
head -1 "$sample" >"$tmp/second.csv"
tail -n +2 "$sample" | awk -F, -v a="$tmp/first.csv" -v b="$tmp/second.csv" '{ if ($2 < "2026-06-01") print >> a; else print >> b }'
"$tool" snapshot build "$tmp/first.csv" --decimals 0 -o "$tmp/grown.snap" >/dev/null
expect snapshot-append 0 "grown.snap: 4000 customers, 7359 events \(increment appended\)" -- "$tool" snapshot append "$tmp/grown.snap" "$tmp/second.csv" --decimals 0
expect snapshot-append-info 0 '"increments":1,"commit":2' -- "$tool" snapshot info "$tmp/grown.snap" --format json
whole=$("$tool" segment "$sample" --decimals 0 2>&1 | sort)
grown=$("$tool" segment "$tmp/grown.snap" --decimals 0 2>&1 | sort)
if [ "$whole" = "$grown" ]; then passed=$((passed + 1)); else echo "FAIL snapshot-append-equals-whole"; failed=$((failed + 1)); fi
# Compaction gives one base with the same ledger; a version-1 snapshot is rewritten once.
cp "$tmp/grown.snap" "$tmp/compacted.snap"
expect snapshot-compact 0 "compacted.snap: 4000 customers, 7359 events \(compacted\)" -- "$tool" snapshot compact "$tmp/compacted.snap"
expect snapshot-compact-info 0 '"increments":0,"commit":1' -- "$tool" snapshot info "$tmp/compacted.snap" --format json
compacted=$("$tool" segment "$tmp/compacted.snap" --decimals 0 2>&1 | sort)
if [ "$whole" = "$compacted" ]; then passed=$((passed + 1)); else echo "FAIL snapshot-compact-equals-whole"; failed=$((failed + 1)); fi
expect snapshot-compact-usage 2 "compact takes one SNAPSHOT" -- "$tool" snapshot compact
# An increment committed and then cut off is refused (the commit names bytes that are gone).
cp "$tmp/grown.snap" "$tmp/cut.snap"
truncate -s -100 "$tmp/cut.snap"
expect snapshot-cut-increment 3 "truncated snapshot" -- "$tool" summary "$tmp/cut.snap"
# Bytes past the commit (a save that never committed) are ignored.
cp "$tmp/grown.snap" "$tmp/torn.snap"
printf 'half an increment' >>"$tmp/torn.snap"
torn=$("$tool" segment "$tmp/torn.snap" --decimals 0 2>&1 | sort)
if [ "$whole" = "$torn" ]; then passed=$((passed + 1)); else echo "FAIL snapshot-uncommitted-tail"; failed=$((failed + 1)); fi
expect snapshot-append-out 0 "elsewhere.snap: 4002 customers, 7361 events" -- "$tool" snapshot append "$tmp/sample.snap" "$tmp/small.csv" --accept-rejects --decimals 0 --out "$tmp/elsewhere.snap"

# Damaged snapshots are refused with exit 3 and the problem named.
head -c 1000 "$tmp/sample.snap" >"$tmp/truncated.snap"
expect snapshot-truncated 3 "truncated snapshot" -- "$tool" summary "$tmp/truncated.snap"
# the message names the file once: the library's message starts with it already
expect snapshot-truncated-named-once 3 "^ltvcrm: '[^']*truncated.snap': truncated snapshot" -- "$tool" summary "$tmp/truncated.snap"
expect csv-missing-named-once 3 "^ltvcrm: cannot open '[^']*none.csv'" -- "$tool" summary "$tmp/none.csv"
cp "$tmp/sample.snap" "$tmp/flipped.snap"
printf '\x55' | dd of="$tmp/flipped.snap" bs=1 seek=200000 conv=notrunc 2>/dev/null
expect snapshot-corrupt 3 "checksum does not match" -- "$tool" report "$tmp/flipped.snap"
# segment and report open with LTV_OPEN_CHECK_ON_USE (the segmentation checks the events as it
# reads them, ltv_ledger_verify the rest before the first line): damage in the events or in the
# ids still exits 3 with the file and section named, and nothing is written to stdout.
cp "$tmp/sample.snap" "$tmp/ids.snap"
printf '\x55' | dd of="$tmp/ids.snap" bs=1 seek=5000 conv=notrunc 2>/dev/null
for command in segment report; do
    for damaged in flipped:EVENTS ids:ID_RECORDS; do
        file=$tmp/${damaged%%:*}.snap section=${damaged#*:}
        out=$("$tool" "$command" "$file" --decimals 0 2>"$tmp/err.txt")
        code=$?
        if [ "$code" -eq 3 ] && [ -z "$out" ] &&
            grep -Eq "'[^']*${damaged%%:*}.snap': corrupt snapshot: section $section's checksum does not match" "$tmp/err.txt"; then
            passed=$((passed + 1))
        else
            echo "FAIL snapshot-checked-on-use-$command-$section: exit $code, $(printf %s "$out" | wc -c) bytes out"
            head -3 "$tmp/err.txt"
            failed=$((failed + 1))
        fi
    done
done
cp "$tmp/sample.snap" "$tmp/future.snap"
printf '\x07' | dd of="$tmp/future.snap" bs=1 seek=12 conv=notrunc 2>/dev/null
expect snapshot-future 3 "version 7 is newer" -- "$tool" segment "$tmp/future.snap"
same_output snapshot-report-html report --format html --lang ja --as-of 2026-11-01
