# ltvcrm segment: sourced by run.sh (uses its expect function and $tool, $tmp, $sample).
# Hand-checked ledger, as of 2026-11-01: A 1 order 10 days ago (new), B 2 orders (repeat),
# C 1 order 200 days ago (dormant), F 5 orders over 400 days (fan).
cat >"$tmp/seg.csv" <<'CSV'
customer_id,order_date,amount
A,2026-10-22,100
B,2026-09-01,200
B,2026-10-01,300
C,2026-04-15,50
F,2025-09-21,10
F,2026-01-01,10
F,2026-03-01,10
F,2026-06-01,10
F,2026-10-26,10
CSV
expect segment-help 0 "--counts" -- "$tool" segment --help
expect segment-new 0 "^A,new,nurture," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01
expect segment-repeat 0 "^B,repeat,semi-excellent,.*,2,31,500.00,500.00," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01
expect segment-dormant 0 "^C,dormant," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01
expect segment-fan 0 "^F,fan,excellent," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01
expect segment-counts 0 "^state,fan,1$" -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --counts
expect segment-counts-json 0 '"states":\{"new":1,"repeat":1,"fan":1,"dormant":1,"none":0\}' -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --counts --format json
expect segment-dormant-days 0 "^C,new," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --dormant-days 300
expect segment-fan-orders 0 "^F,repeat," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --fan-orders 6
expect segment-ja 0 "^F,ファン,優良顧客," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --lang ja
expect segment-json 0 '"customer_id":"A","state":"new"' -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --format json
expect segment-sample 0 "^state,dormant,3041$" -- "$tool" segment "$sample" --decimals 0 --counts
expect segment-bad-bins 2 "LTV_SEG_RFM_BINS 11 is outside 2..10" -- "$tool" segment "$tmp/seg.csv" --bins 11
expect segment-bad-mode 2 "--rfm-mode wants" -- "$tool" segment "$tmp/seg.csv" --rfm-mode median
expect segment-fixed-missing 3 "needs 4 recency thresholds" -- "$tool" segment "$tmp/seg.csv" --rfm-mode fixed
expect segment-fixed 0 "^A,new,nurture,5," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --rfm-mode fixed --thresholds r=30,90,180,365 --thresholds f=2,3,4,5 --thresholds m=100,200,300,400
expect segment-bad-thresholds 2 "--thresholds wants" -- "$tool" segment "$tmp/seg.csv" --thresholds x=1
expect segment-missing-file 3 "cannot open" -- "$tool" segment "$tmp/none.csv"
expect segment-table-format 2 "--format wants csv or json" -- "$tool" segment "$tmp/seg.csv" --format table
printf 'customer_id,order_date,amount,kind\nR,2026-10-01,1.50,order\nR,2026-10-02,2.05,refund\n' >"$tmp/refund.csv"
expect segment-negative-ltv 0 "^R,new,nurture,.*,-0.55,-0.55,[0-9]+$" -- "$tool" segment "$tmp/refund.csv" --as-of 2026-11-01
printf 'customer_id,order_date,amount,kind\nR,2026-10-01,150,order\nR,2026-10-02,205,refund\n' >"$tmp/refund-yen.csv"
expect segment-yen 0 "^R,new,nurture,.*,-55,-55,[0-9]+$" -- "$tool" segment "$tmp/refund-yen.csv" --as-of 2026-11-01 --decimals 0
expect segment-yen-decimals 3 "'1.50' has more than 0 decimals" -- "$tool" segment "$tmp/refund.csv" --decimals 0 --strict
