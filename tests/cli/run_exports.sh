# Sourced by run.sh: shops' exports, their encodings and time zones (--encoding, --timezone,
# --output-encoding).
printf 'customer_id,order_date,amount\n山田,2025-01-07,1980\n髙橋①,2025-01-08,500\n' >"$tmp/jp.csv"
iconv -f UTF-8 -t CP932 "$tmp/jp.csv" >"$tmp/jp-cp932.csv"
printf 'customer_id,order_date,amount\n鈴木,2025-01-07,1980\n山田,2025-01-08,500\n' | iconv -f UTF-8 -t EUC-JP >"$tmp/jp-euc.csv"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$tmp/jp.csv"; } >"$tmp/jp-utf16.csv"
expect encoding-cp932 0 '"customers":2,"orders":2,"revenue":2480' -- "$tool" summary "$tmp/jp-cp932.csv" --encoding cp932 --decimals 0 --format json
expect encoding-shift-jis 0 '"customers":2' -- "$tool" summary "$tmp/jp-cp932.csv" --encoding shift_jis --decimals 0 --format json
expect encoding-euc-jp 0 '"revenue":2480' -- "$tool" summary "$tmp/jp-euc.csv" --encoding euc-jp --decimals 0 --format json
expect encoding-hint 3 "Shift_JIS.*--encoding cp932" -- "$tool" summary "$tmp/jp-cp932.csv"
expect encoding-utf16-read 0 '"customers":2,"orders":2,"revenue":2480' -- "$tool" summary "$tmp/jp-utf16.csv" --decimals 0 --format json
expect encoding-utf16-named-wrong 3 "UTF-16 little-endian byte order mark \(FF FE\): it is UTF-16, not UTF-8" -- "$tool" summary "$tmp/jp-utf16.csv" --encoding utf-8
printf 'customer_id,order_date,amount\nA,2025-01-07,1\nB\x81\x20,2025-01-07,1\n' >"$tmp/bad-cp932.csv"
expect encoding-bad-bytes 3 "line 3, character 2 \(byte 47 of the input\): 0x81 0x20 is not valid CP932" -- "$tool" summary "$tmp/bad-cp932.csv" --encoding cp932
expect encoding-unknown 2 "is not an input encoding" -- "$tool" summary "$tmp/jp.csv" --encoding latin-9
expect segment-encoding 0 "^山田,new" -- "$tool" segment "$tmp/jp-cp932.csv" --encoding cp932 --decimals 0 --format csv

# Output for Excel: UTF-8 with a byte order mark, or CP932 that converts back to the same text.
bom=$("$tool" segment "$tmp/jp.csv" --decimals 0 --format csv --output-encoding utf-8-bom | head -c 3 | od -An -tx1 | tr -d ' ')
if [ "$bom" = "efbbbf" ]; then passed=$((passed + 1)); else echo "FAIL output-utf8-bom: starts with $bom"; failed=$((failed + 1)); fi
if "$tool" segment "$tmp/jp.csv" --decimals 0 --format csv --output-encoding cp932 >"$tmp/out-cp932.csv" &&
    "$tool" segment "$tmp/jp.csv" --decimals 0 --format csv >"$tmp/out-utf8.csv" &&
    iconv -f CP932 -t UTF-8 "$tmp/out-cp932.csv" | cmp -s - "$tmp/out-utf8.csv" &&
    ! cmp -s "$tmp/out-cp932.csv" "$tmp/out-utf8.csv"; then
    passed=$((passed + 1))
else
    echo "FAIL output-cp932: not the same text in CP932"; failed=$((failed + 1))
fi
printf 'customer_id,order_date,amount\n😀,2025-01-07,1\n' >"$tmp/emoji.csv"
expect output-cp932-unwritable 1 "line 2 of the output has '😀', which CP932 cannot hold" -- "$tool" segment "$tmp/emoji.csv" --format csv --output-encoding cp932
expect output-encoding-unknown 2 "output-encoding" -- "$tool" summary "$tmp/jp.csv" --output-encoding latin1

# The shop's day: Amazon's UTC purchase-date at 17:30Z is the next day in Tokyo.
printf 'customer_id,order_date,amount\nA,2025-01-06T17:30:00+00:00,1000\nA,2025-01-07T01:00:00Z,500\n' >"$tmp/amazon-utc.csv"
# (--as-of 2025-01-07 counts what happened before that day)
expect timezone-none 0 '"as_of":"2025-01-07","customers":1,"orders":1,"revenue":1000' -- "$tool" summary "$tmp/amazon-utc.csv" --decimals 0 --format json --as-of 2025-01-07
expect timezone-tokyo 0 '"as_of":"2025-01-07","customers":0,"orders":0,"revenue":0' -- "$tool" summary "$tmp/amazon-utc.csv" --decimals 0 --format json --as-of 2025-01-07 --timezone Asia/Tokyo
# Shopify's "+0900" after a space; in New York 02:17 JST is the previous day
printf 'customer_id,order_date,amount\nA,2025-01-07 02:17:05 +0900,1000\n' >"$tmp/shopify-time.csv"
expect timezone-new-york 0 '"as_of":"2025-01-07"' -- "$tool" summary "$tmp/shopify-time.csv" --decimals 0 --format json --timezone America/New_York
expect timezone-unknown 2 "'Asia/Tokio' is not a time zone" -- "$tool" summary "$tmp/shopify-time.csv" --timezone Asia/Tokio
expect timezone-report 0 "" -- "$tool" report "$tmp/amazon-utc.csv" --decimals 0 --timezone Asia/Tokyo
expect timezone-plan 0 "" -- "$tool" plan "$tmp/amazon-utc.csv" --decimals 0 --timezone Asia/Tokyo
