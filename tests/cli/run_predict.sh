# ltvcrm predict: sourced by run.sh (uses its expect function and $tool, $tmp, $sample).
# The CDNOW sample (tests/data/cdnow_orders.csv) and its published BG/NBD fit (Fader, Hardie
# & Lee 2005): r 0.243, alpha 4.414, a 0.793, b 2.426, log-likelihood -9582.4.
cdnow="$here/../data/cdnow_orders.csv"
cal=(--calibration-end 1997-09-30)
expect predict-help 0 "--calibration-end" -- "$tool" predict --help
expect predict-bgnbd 0 "log-likelihood -9582\.4" -- "$tool" predict "$cdnow" "${cal[@]}"
expect predict-bgnbd-r 0 "r +0\.2425" -- "$tool" predict "$cdnow" "${cal[@]}"
expect predict-gammagamma 0 "p +6\.2495" -- "$tool" predict "$cdnow" "${cal[@]}"
expect predict-pareto 0 "log-likelihood -9594\.97" -- "$tool" predict "$cdnow" "${cal[@]}" --model pareto
expect predict-mbgnbd 0 "mbgnbd fitted to 2357" -- "$tool" predict "$cdnow" "${cal[@]}" --model mbgnbd
expect predict-holdout 0 "holdout: 1882 actual orders, 1653\.4 expected" -- "$tool" predict "$cdnow" "${cal[@]}" --holdout-end 1998-06-30 --horizon 39
# customer 1: x = 2, t_x = 30.43, T = 38.86; E[Y(39)] = 1.226 (published)
expect predict-csv-row 0 "^1,2,30\.4286,38\.8571,22\.34,0\.72662,.*,1,1\.22599,1998-01-18$" -- "$tool" predict "$cdnow" "${cal[@]}" --holdout-end 1998-06-30 --format csv
expect predict-csv-header 0 "^customer_id,x,t_x,T,mean_spend,p_alive,expected_orders,p_no_order,expected_spend,clv,next_order_date$" -- "$tool" predict "$cdnow" "${cal[@]}" --format csv
expect predict-json 0 '"fit":\{"model":"bgnbd"' -- "$tool" predict "$cdnow" "${cal[@]}" --format json
expect predict-dert 0 '^1,2,.*,159\.82,1998-01-16$' -- "$tool" predict "$cdnow" "${cal[@]}" --model pareto --discount-mode continuous --discount 0.0027 --horizon 0 --format csv
expect predict-bins 0 "^0,1411,0\.2367115521,0\.2250873265,334,317\.5982" -- "$tool" predict "$cdnow" "${cal[@]}" --holdout-end 1998-06-30 --diagnostics bins
expect predict-tracking 0 "^1998-06-30,78,28,.*,4339," -- "$tool" predict "$cdnow" "${cal[@]}" --holdout-end 1998-06-30 --diagnostics tracking
expect predict-bins-no-holdout 2 "no holdout period" -- "$tool" predict "$cdnow" "${cal[@]}" --diagnostics bins
expect predict-missing-cal 2 "missing --calibration-end" -- "$tool" predict "$cdnow"
expect predict-bad-date 2 "--calibration-end" -- "$tool" predict "$cdnow" --calibration-end 1997-13-01
expect predict-holdout-order 2 "after --calibration-end" -- "$tool" predict "$cdnow" "${cal[@]}" --holdout-end 1997-09-01
expect predict-bad-model 2 "--model wants" -- "$tool" predict "$cdnow" "${cal[@]}" --model nbd
expect predict-unbounded-discrete 2 "unbounded horizon" -- "$tool" predict "$cdnow" "${cal[@]}" --horizon 0
expect predict-before-data 3 "no customer has an order on or before" -- "$tool" predict "$cdnow" --calibration-end 1990-01-01
# one-time buyers only: the model cannot be identified, said plainly, no NaN
printf 'customer_id,order_date,amount\nA,2026-01-01,10\nB,2026-01-05,20\n' >"$tmp/once.csv"
expect predict-unidentified 3 "no customer made a repeat purchase" -- "$tool" predict "$tmp/once.csv" --calibration-end 2026-02-01
# ltvcrm segment --predict: the same fit as predict with the calibration ending the day before the as-of day
expect segment-predict-header 0 "^customer_id,.*,flags,p_alive,predicted_clv$" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --predict bgnbd
expect segment-predict-row 0 "^1,repeat,.*,0\.72662,38\.43$" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --predict bgnbd
expect segment-predict-json 0 '"core":false,"p_alive":0\.869134,"predicted_clv":45\.63\}' -- "$tool" segment "$cdnow" --as-of 1997-10-01 --predict pareto --format json
expect segment-no-predict 0 "^customer_id,state,rank,r,f,m,segment,orders,recency_days,annual_ltv,lifetime_ltv,flags$" -- "$tool" segment "$cdnow" --as-of 1997-10-01
expect segment-predict-unidentified 3 "no customer made a repeat purchase" -- "$tool" segment "$tmp/once.csv" --predict bgnbd
# the segmentation's own P(alive) rule: with replace at 0.3 the dormant customers are the 201 whose
# P(alive) from 'ltvcrm predict' (same fit, calibration to 1997-09-30) is below 0.3
expect predict-below-0.3 0 "^201$" -- bash -c "'$tool' predict '$cdnow' ${cal[*]} --format csv | awk -F, 'NR > 1 && \$6 < 0.3 { n++ } END { print n }'"
expect segment-alive-replace 0 "^state,dormant,201$" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --predict bgnbd --alive-rule replace --alive-threshold 0.3 --counts
# threshold 0 with either: the days rule's counts (1638 dormant at 180 days)
expect segment-alive-zero 0 "^state,dormant,1638$" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --predict bgnbd --alive-rule either --alive-threshold 0 --counts
expect segment-days-only 0 "^state,dormant,1638$" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --counts
# BG/NBD keeps one-order customers alive: replace leaves the 1,398 of them new
expect segment-alive-replace-new 0 "^state,new,1398$" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --predict bgnbd --alive-rule replace --alive-threshold 0.3 --counts
expect segment-falling-header 0 "^customer_id,.*,flags,p_alive,predicted_clv,p_alive_before$" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --predict bgnbd --falling-days 30
expect segment-falling-row 0 "^2,dormant,.*,0,0\.212391,4\.92,0\.234878$" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --predict bgnbd --falling-days 30
expect segment-falling-json 0 '"p_alive_before":0\.770554,"alive_falling":false\}' -- "$tool" segment "$cdnow" --as-of 1997-10-01 --predict bgnbd --falling-days 30 --format json
expect segment-alive-needs-predict 2 "need --predict MODEL" -- "$tool" segment "$cdnow" --alive-rule either
expect segment-falling-needs-predict 2 "need --predict MODEL" -- "$tool" segment "$cdnow" --falling-days 30
expect segment-alive-bad-threshold 2 "probability from 0 to 1 in steps of 0.001: 1\.5" -- "$tool" segment "$cdnow" --predict bgnbd --alive-threshold 1.5
expect segment-alive-bad-rule 2 "--alive-rule wants" -- "$tool" segment "$cdnow" --predict bgnbd --alive-rule sometimes

# --p-alive: another tool's P(alive) as a CSV. ltvcrm predict's own table (its other columns
# ignored) gives the same 201 dormant customers as --predict bgnbd above.
"$tool" predict "$cdnow" "${cal[@]}" --format csv >"$tmp/p_alive.csv" 2>/dev/null
expect segment-p-alive-file 0 "^state,dormant,201$" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --p-alive "$tmp/p_alive.csv" --alive-rule replace --alive-threshold 0.3 --counts
expect segment-p-alive-header 0 "^customer_id,.*,flags,p_alive$" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --p-alive "$tmp/p_alive.csv"
expect segment-p-alive-row 0 '^1,.*,0\.72662$' -- "$tool" segment "$cdnow" --as-of 1997-10-01 --p-alive "$tmp/p_alive.csv"
expect segment-p-alive-not-both 2 "by --predict or by --p-alive, not both" -- "$tool" segment "$cdnow" --p-alive "$tmp/p_alive.csv" --predict bgnbd
printf 'customer_id,p_alive\n1,0.5\nnobody,0.5\n' >"$tmp/p_alive_bad.csv"
expect segment-p-alive-unknown 3 "p_alive_bad.csv: line 3, column 1: customer 'nobody' is not in the ledger" -- "$tool" segment "$cdnow" --p-alive "$tmp/p_alive_bad.csv"
expect segment-p-alive-before-missing 3 "line 1: the header has no column p_alive_before" -- "$tool" segment "$cdnow" --as-of 1997-10-01 --p-alive "$tmp/p_alive.csv" --falling-days 30
expect segment-p-alive-customers 2 "needs an order log" -- "$tool" segment "$cdnow" --customers --as-of 1997-10-01 --p-alive "$tmp/p_alive.csv"
expect segment-falling-count 0 "^303$" -- bash -c "'$tool' segment '$cdnow' --as-of 1997-10-01 --predict bgnbd --falling-days 30 --falling-drop 0.05 | awk -F, 'NR > 1 && int(\$12 / 8) % 2 == 1 { n++ } END { print n }'"
# ltvcrm plan: a step with alive_falling=yes reaches the customers the segmentation flags falling
printf 'ltvcrm-plan 1\nchannel email\nscenario watch trigger=purchase\nstep nudge day=45 channel=email stage=retention action=repurchase offer=content alive_falling=yes\n' >"$tmp/falling.plan"
expect plan-falling-due 0 "^1820,watch,nudge,email,retention,repurchase$" -- "$tool" plan "$cdnow" --as-of 1997-10-01 --scenario "$tmp/falling.plan" --predict bgnbd --format csv
expect plan-falling-one 0 "^2$" -- bash -c "'$tool' plan '$cdnow' --as-of 1997-10-01 --scenario '$tmp/falling.plan' --predict bgnbd --format csv | wc -l"
# the segmentation agrees: one customer 45 days after the last order is flagged falling over 30 days
expect plan-falling-segment 0 "^1$" -- bash -c "'$tool' segment '$cdnow' --as-of 1997-10-01 --predict bgnbd --falling-days 30 | awk -F, 'NR > 1 && \$9 == 45 && int(\$12 / 8) % 2 == 1 { n++ } END { print n }'"
expect plan-falling-drop 0 "^5$" -- bash -c "'$tool' plan '$cdnow' --as-of 1997-10-01 --scenario '$tmp/falling.plan' --predict bgnbd --falling-drop 0 --format csv | wc -l"
expect plan-falling-schedule 0 "Due today watch/nudge" -- "$tool" plan "$cdnow" --as-of 1997-10-01 --scenario "$tmp/falling.plan" --predict bgnbd --customer 1820
expect plan-falling-needs-predict 2 "alive_falling=yes: give --predict MODEL" -- "$tool" plan "$cdnow" --as-of 1997-10-01 --scenario "$tmp/falling.plan"
expect plan-falling-days-zero 2 "LTV_PLAN_FALLING_DAYS 0 is outside 1\.\.36500" -- "$tool" plan "$cdnow" --as-of 1997-10-01 --scenario "$tmp/falling.plan" --predict bgnbd --falling-days 0
