# Checks of the loader options for shop exports (orders from lines, statuses, guests, occasions,
# load checks, standard input), sourced by run.sh. Figures by hand from the files below.
# lines.csv: order 1001 (A, two lines, total 3,500 on the first line only, not adjacent),
# 1002 (0 = a guest, 2,000), 1003 (B, cancelled), 1004 (B, partly refunded 300 of 1,200),
# 1005 (B, キャンセル), 1006 (A, 発送済み, 800, the same day as 1001).
printf 'order_id,customer_id,order_date,amount,order_total,status,refund\n1001,A,2026-01-05,1000,3500,paid,\n1002,0,2026-01-05,2000,2000,paid,\n1001,A,2026-01-05,2500,,,\n1003,B,2026-01-06,900,900,cancelled,\n1004,B,2026-01-07,1200,1200,partially_refunded,300\n1005,B,2026-01-08,700,700,キャンセル,\n1006,A,2026-01-05,800,800,発送済み,\n' >"$tmp/lines.csv"
orders=(--order-id order_id --order-total order_total --status status --refund-amount refund --decimals 0)
expect orders-json 0 '^\{"as_of":"2026-01-08","customers":2,"orders":3,"revenue":5200,"gross_revenue":5500,"refunded":300,"net_revenue":5200,' -- "$tool" summary "$tmp/lines.csv" "${orders[@]}" --format json
expect orders-json-accounting 0 '"rows_read":7,"rows_taken":4,"rows_rejected":0,"blank_lines":0,"rows_excluded":3,"orders_formed":3,"order_lines":4,"no_customer":\{"rows":1,"orders":1,"amount":2000\},"excluded":\[\{"status":"cancelled","rows":1\},\{"status":"キャンセル","rows":1\}\]' -- "$tool" summary "$tmp/lines.csv" "${orders[@]}" --format json
expect orders-table-accounting 0 "load: 7 rows read = 4 taken \+ 3 excluded \+ 0 rejected" -- "$tool" summary "$tmp/lines.csv" "${orders[@]}"
expect orders-table-refunded 0 "refunded +300" -- "$tool" summary "$tmp/lines.csv" "${orders[@]}"
expect orders-occasions 0 '"customers":2,"orders":2,"revenue":5200' -- "$tool" summary "$tmp/lines.csv" "${orders[@]}" --occasions --format json
expect orders-guests-as-ids 0 '"customers":3,"orders":4,' -- "$tool" summary "$tmp/lines.csv" "${orders[@]}" --guests ids --format json
expect orders-without-ids 0 '"customers":2,"orders":4,"revenue":5200,' -- "$tool" summary "$tmp/lines.csv" --status status --refund-amount refund --decimals 0 --format json
expect orders-map-status 0 '"orders":4,' -- "$tool" summary "$tmp/lines.csv" "${orders[@]}" --map-status cancelled=counted --format json
expect orders-stdin 0 '"customers":2,"orders":3,' -- sh -c "\"$tool\" summary - ${orders[*]} --format json <\"$tmp/lines.csv\""
expect orders-segment 0 "^A," -- "$tool" segment "$tmp/lines.csv" "${orders[@]}" --format csv
expect orders-report 0 "." -- "$tool" report "$tmp/lines.csv" "${orders[@]}"
expect orders-plan 0 "." -- "$tool" plan "$tmp/lines.csv" "${orders[@]}"
expect orders-unknown-status 3 "line 2, column 6: status 'paid' is not a known status" -- "$tool" summary "$tmp/lines.csv" "${orders[@]}" --no-builtin-statuses
expect orders-bad-rule 2 "--map-status wants VALUE=RULE" -- "$tool" summary "$tmp/lines.csv" "${orders[@]}" --map-status paid=maybe
# A conflicting line: order 1 on two days.
printf 'order_id,customer_id,order_date,amount\n1,A,2026-01-05,100\n1,A,2026-01-06,100\n' >"$tmp/conflict.csv"
expect orders-conflict 3 "line 3, column 3: order_date '2026-01-06' of order '1' differs from '2026-01-05' on line 2" -- "$tool" summary "$tmp/conflict.csv" --order-id order_id
expect orders-conflict-accepted 0 "rejected, order_conflict: 1 rows" -- "$tool" summary "$tmp/conflict.csv" --order-id order_id --accept-rejects
# The load checks: on by default in the tool.
printf 'customer_id,order_date,amount\nA,2026-01-05,100\nB,2026-01-05,x\n' >"$tmp/half-bad.csv"
expect checks-reject-share 3 "1 of 2 rows \(50.0 %\) were rejected, more than the 5.0 % allowed" -- "$tool" summary "$tmp/half-bad.csv"
expect checks-max-rejected 0 "1 rejected" -- "$tool" summary "$tmp/half-bad.csv" --max-rejected 50
expect checks-max-rejected-bad 2 "wants a percentage" -- "$tool" summary "$tmp/half-bad.csv" --max-rejected lots
expect checks-no-order 3 "no order was taken from 7 rows \(0 rejected, 7 excluded\)" -- "$tool" summary "$tmp/lines.csv" "${orders[@]}" --map-status paid=excluded --map-status 発送済み=excluded --map-status partially_refunded=excluded
# Guests: placeholder ids are no customer by default.
printf 'customer_id,order_date,amount\n0,2026-01-05,100\n-,2026-01-05,200\nguest,2026-01-06,300\nM1,2026-01-06,400\n' >"$tmp/guests.csv"
expect guests-default 0 '"customers":1,' -- "$tool" summary "$tmp/guests.csv" --decimals 0 --format json
expect guests-default-counted 0 '"no_customer":\{"rows":3,"orders":3,"amount":600\}' -- "$tool" summary "$tmp/guests.csv" --decimals 0 --format json
expect guests-extra-placeholder 3 "no order was taken" -- "$tool" summary "$tmp/guests.csv" --decimals 0 --no-customer-id M1
# Lone CR line ends (issue 16): every row, not one giant header.
printf 'customer_id,order_date,amount,items\rA,2026-01-05,100,1\rB,2026-01-06,200,2\r' >"$tmp/cr.csv"
expect lone-cr-rows 0 "load: 2 rows read = 2 taken" -- "$tool" summary "$tmp/cr.csv"
expect max-record 3 "a record is longer than 1024 bytes" -- sh -c "{ printf 'customer_id,order_date,amount\n\"'; head -c 3000 /dev/zero | tr '\\\\0' x; } >\"$tmp/long.csv\"; \"$tool\" summary \"$tmp/long.csv\" --max-record 1024"
