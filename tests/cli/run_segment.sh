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

# Customers without an order (V: a visit only) and without an order in the trailing year
# (O: dormant) as of 2026-11-01: each group of --counts sums to the 3 customers.
printf 'customer_id,order_date,amount,kind\nA,2026-10-22,100,order\nV,2026-10-01,0,visit\nO,2025-01-01,100,order\n' >"$tmp/seg-none.csv"
expect segment-counts-state-none 0 "^state,none,1$" -- "$tool" segment "$tmp/seg-none.csv" --as-of 2026-11-01 --counts
expect segment-counts-no-rank 0 "^rank,no rank,2$" -- "$tool" segment "$tmp/seg-none.csv" --as-of 2026-11-01 --counts
expect segment-counts-score-none 0 "^m,none,1$" -- "$tool" segment "$tmp/seg-none.csv" --as-of 2026-11-01 --counts
expect segment-counts-segment-none 0 "^segment,none,1$" -- "$tool" segment "$tmp/seg-none.csv" --as-of 2026-11-01 --counts
expect segment-counts-json-none 0 '"states":\{"new":1,"repeat":0,"fan":0,"dormant":1,"none":1\},"ranks":\{"excellent":0,"semi-excellent":0,"general":0,"nurture":1,"no rank":2\}' -- "$tool" segment "$tmp/seg-none.csv" --as-of 2026-11-01 --counts --format json
expect segment-row-none 0 "^V,none,no rank,0,0,0,none,0,-1,0.00,0.00,0$" -- "$tool" segment "$tmp/seg-none.csv" --as-of 2026-11-01
expect segment-row-none-ja 0 "^V,なし,ランクなし,0,0,0,なし,0," -- "$tool" segment "$tmp/seg-none.csv" --as-of 2026-11-01 --lang ja
expect segment-json-none 0 '"customer_id":"V","state":"none","rank":"no rank","r":0,"f":0,"m":0,"segment":"none"' -- "$tool" segment "$tmp/seg-none.csv" --as-of 2026-11-01 --format json

# Rank thresholds. F has 4 orders in the trailing year: excellent from 4 (default), semi-excellent
# with --excellent-orders 5. B has 2: semi-excellent from 2 (default), not with --semi-orders 3.
expect segment-excellent-orders 0 "^F,fan,semi-excellent," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --excellent-orders 5
expect segment-semi-orders 0 "^B,repeat,nurture," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --semi-orders 3
# The pair is checked by the run, so the order of the options does not matter.
expect segment-pair-bad 3 "LTV_SEG_SEMI_MIN_YEAR_ORDERS 4 must be below LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS 4" -- "$tool" segment "$tmp/seg.csv" --semi-orders 4
expect segment-pair-semi-first 0 "^F,fan,semi-excellent," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --semi-orders 4 --excellent-orders 5
expect segment-pair-excellent-first 0 "^F,fan,semi-excellent," -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --excellent-orders 5 --semi-orders 4
expect segment-bad-excellent-orders 2 "LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS 2 is outside 3..1000000" -- "$tool" segment "$tmp/seg.csv" --excellent-orders 2
# Core: the top N per mille by annual LTV (B 500, A 100, C 50, F 40): 500 per mille is B and A.
expect segment-core-default 0 "^A,new,nurture,.*,100.00,100.00,0$" -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01
expect segment-core-permille 0 "^A,new,nurture,.*,100.00,100.00,4$" -- "$tool" segment "$tmp/seg.csv" --as-of 2026-11-01 --core-permille 500
expect segment-bad-core-permille 2 "LTV_SEG_CORE_PERMILLE 0 is outside 1..1000" -- "$tool" segment "$tmp/seg.csv" --core-permille 0
# Excellent E1 (annual 400) and E2 (100); general G (300). Top excellent: the best 100 per mille
# of the rank is E1 alone, 1000 per mille both. High-LTV general: G's 300 reaches the excellent
# rank's 25th percentile (175), not its 100th (400).
printf 'customer_id,order_date,amount\nE1,2026-02-01,100\nE1,2026-04-01,100\nE1,2026-06-01,100\nE1,2026-08-01,100\nE2,2026-02-01,25\nE2,2026-04-01,25\nE2,2026-06-01,25\nE2,2026-08-01,25\nG,2024-01-01,50\nG,2026-06-01,300\n' >"$tmp/ranks.csv"
expect segment-top-excellent-default 0 "^E2,repeat,excellent,.*,100.00,100.00,0$" -- "$tool" segment "$tmp/ranks.csv" --as-of 2026-11-01
expect segment-top-excellent-permille 0 "^E2,repeat,excellent,.*,100.00,100.00,1$" -- "$tool" segment "$tmp/ranks.csv" --as-of 2026-11-01 --top-excellent-permille 1000
expect segment-high-general-default 0 "^G,repeat,general,.*,300.00,350.00,2$" -- "$tool" segment "$tmp/ranks.csv" --as-of 2026-11-01
expect segment-high-general-percentile 0 "^G,repeat,general,.*,300.00,350.00,0$" -- "$tool" segment "$tmp/ranks.csv" --as-of 2026-11-01 --high-general-percentile 100
expect segment-help-new-options 0 "--top-excellent-permille N" -- "$tool" segment --help
