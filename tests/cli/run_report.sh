# Checks of 'ltvcrm report', sourced by run.sh (uses its expect, $tool, $tmp and $sample).

# The membership log of tests/test_health.c (as of 2026-01-01): 9 members, 5 cancels.
report_visits() { # ID COUNT FIRST_MONTH: COUNT visits in 2025 on days 2..28 from that month on
    local id=$1 left=$2 month=$3 day
    while [ "$left" -gt 0 ]; do
        for day in $(seq 2 28); do
            [ "$left" -gt 0 ] || break
            printf '%s,2025-%02d-%02d,0,0,visit\n' "$id" "$month" "$day"
            left=$((left - 1))
        done
        month=$((month + 1))
    done
}
{
    echo "customer_id,order_date,amount,items,kind"
    echo "M1,2025-01-01,5000,1,order"; report_visits M1 130 1
    echo "M2,2024-07-01,3000,1,order"; echo "M2,2025-07-01,3000,1,order"; report_visits M2 80 2
    echo "M3,2024-01-01,4000,1,order"; report_visits M3 10 3
    echo "M4,2025-06-01,1000,1,order"; report_visits M4 20 6
    echo "M5,2025-01-01,2000,1,order"; echo "M5,2025-04-01,0,0,cancel"
    echo "M6,2024-10-01,1000,1,order"; echo "M6,2024-12-30,0,0,cancel"
    echo "M7,2024-01-01,6000,1,order"; echo "M7,2024-06-01,2000,1,order"; echo "M7,2024-12-01,0,0,cancel"
    echo "M8,2025-11-01,0,0,visit"; echo "M8,2025-11-15,0,0,cancel"
    echo "M9,2023-01-01,1000,1,order"; echo "M9,2024-03-01,0,0,cancel"
} >"$tmp/gym.csv"
gym=(--as-of 2026-01-01 --decimals 0)

expect report-help 0 "--churn-days S,L" -- "$tool" report --help
expect report-title 0 "^CRM health check — as of 2026-02-02" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-customers 0 "^  Customers +2$" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-revenue 0 "Revenue \(net of refunds\) +2,500.50" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-repeat 0 "Repeat rate \(all time\) +50.0% +1 / 2" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
# C1's second order came 27 days after the first, 28 days before the as-of day: eligible for
# 7 days (not converted), too new for 30 days; C2 is 27 days old.
expect report-within-7 0 "Second purchase within 7 days +0.0% +0 / 2" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-within-30 0 "Second purchase within 30 days +0.0% +0 / 0" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-median 0 "Median days to the second purchase +27.0 days" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-week 0 "Most common week +week 3 +21–27 days · 1 customers" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-rank-row 0 "semi-excellent +1 +0.0% +- +- " -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-tenure 0 "^  0–99 days +2 +100.0%" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-states 0 "^  repeat +1 +50.0%" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-presets 0 "^Named segments" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-rfm 0 "customers by score 1–5" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-no-membership 0 "^absent$" -- bash -c "'$tool' report '$tmp/small.csv' --lang en | grep -q '^Membership' && echo present || echo absent"
expect report-membership 0 "^present$" -- bash -c "'$tool' report '$tmp/gym.csv' --as-of 2026-01-01 --lang en | grep -q '^Membership' && echo present || echo absent"
expect report-bad-row 0 "line 5, column 2: order_date 'bad'" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en
expect report-ja-title 0 "^CRM健康診断 — 基準日 2026-02-02" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang ja
expect report-ja-repeat 0 "リピート率（全期間） +50.0%" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang ja
expect report-ja-window 0 "2回目購入率（7日以内） +0.0%" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang ja
expect report-ja-week 0 "最も多い週 +4週目 +21〜27日・1人" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang ja
expect report-ja-rank 0 "準優良顧客 +1" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang ja
expect report-sample 0 "Second purchase within 7 days +4.3% +171 / 3,982" -- "$tool" report "$sample" --decimals 0 --lang en
expect report-sample-core 0 "Core: the top LTV customers +40 " -- "$tool" report "$sample" --decimals 0 --lang en
expect report-cpo-leaking 0 "→ leaking" -- "$tool" report "$sample" --decimals 0 --lang en --cpo 100,000
expect report-cpo-ja 0 "ダダ漏れ" -- "$tool" report "$sample" --decimals 0 --lang ja --cpo 100000
expect report-cpo-profitable 0 "→ profitable" -- "$tool" report "$sample" --decimals 0 --lang en --cpo 1000

expect report-members 0 "^  Members +9$" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en
expect report-continuing 0 "Continuing members +4 +average lifetime LTV 4,000" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en
expect report-churned 0 "Churned members +5 +average lifetime LTV 2,400" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en
expect report-churn-182 0 "Churn after joining, within 182 days +25.0% +2 / 8" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en
expect report-churn-365 0 "Churn after joining, within 365 days +40.0% +2 / 5" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en
expect report-churn-bin 0 "^    0–99 days +3 +9 +3 +33.3%" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en
expect report-no-peak 0 "Churn risk peaks +- +none" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en
expect report-peak 0 "Churn risk peaks +25.0% +90–119 days · 2 / 8 at risk" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en --min-at-risk 1
expect report-usage 0 "Silent members \(up to 60 uses\) +1 +33.3%" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en
expect report-usage-set 0 "Silent members \(up to 80 uses\) +2 " -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en --usage 80,131
expect report-churn-days 0 "within 90 days +25.0% +2 / 8" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang en --churn-days 89,90
expect report-ja-churn 0 "入会後の退会率（182日以内） +25.0%" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang ja
expect report-ja-usage 0 "サイレント層（60回以下） +1" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --lang ja
expect report-json 0 '"early_churn":\[\{"days":182,"eligible":8,"churned":2,"rate":0.250000\}' -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --format json
expect report-json-labels 0 '"customers":"顧客数"' -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --format json --lang ja
expect report-json-cpo 0 '"verdict":"leaking"' -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --format json --cpo 5000
expect report-json-start 0 '^\{"decimals":0,' -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --format json

expect report-missing-file 3 "cannot open" -- "$tool" report "$tmp/none.csv"
expect report-missing-arg 2 "missing FILE" -- "$tool" report
expect report-bad-lang 2 "--lang wants en or ja" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang fr
expect report-bad-format 2 "--format wants table, json or html" -- "$tool" report "$tmp/small.csv" --accept-rejects --format csv
expect report-bad-churn 2 "LTV_HEALTH_CHURN_SHORT_DAYS 0 is outside 1..3650" -- "$tool" report "$tmp/small.csv" --accept-rejects --churn-days 0,365
expect report-bad-period 2 "LTV_HEALTH_RISK_PERIOD_DAYS 400 is outside 1..365" -- "$tool" report "$tmp/small.csv" --accept-rejects --risk-period 400
expect report-bad-bands 2 "LTV_HEALTH_USAGE_HIGH_MIN 120 must be above LTV_HEALTH_USAGE_LOW_MAX 130" -- "$tool" report "$tmp/small.csv" --accept-rejects --usage 130,120
expect report-bad-pair 2 "--usage wants two numbers LOW,HIGH" -- "$tool" report "$tmp/small.csv" --accept-rejects --usage 60
expect report-bad-cpo 2 "--cpo wants an amount" -- "$tool" report "$tmp/small.csv" --accept-rejects --cpo 1.234
expect report-negative-cpo 2 "is negative" -- "$tool" report "$tmp/small.csv" --accept-rejects --cpo -5
expect report-missing-value 2 "missing value for: --cpo" -- "$tool" report "$tmp/small.csv" --accept-rejects --cpo
expect report-unknown 2 "unknown option" -- "$tool" report "$tmp/small.csv" --accept-rejects --bogus
# the segmentation options of 'ltvcrm segment' apply to the report's segments
expect report-dormant-days 0 "^  dormant +1 +50.0%" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en --dormant-days 20
expect report-basis 0 "LTV analysis \(lifetime LTV" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en --basis lifetime
expect report-fixed-needs-thresholds 2 "needs 4 recency thresholds" -- "$tool" report "$tmp/small.csv" --accept-rejects --rfm-mode fixed

# Days without a date, and the segmentation options that came with the new thresholds.
printf 'customer_id,order_date,amount\nA,9999-12-30,100\nA,9999-12-31,50\n' >"$tmp/report-last-day.csv"
printf 'customer_id,order_date,amount\n' >"$tmp/report-empty.csv"
expect report-after-last-day 0 "^CRM health check — as of after 9999-12-31 \(events from 9999-12-30 to 9999-12-31\)$" -- "$tool" report "$tmp/report-last-day.csv" --lang en
expect report-json-after-last-day 0 '^\{"decimals":2,"as_of":"after 9999-12-31",$' -- "$tool" report "$tmp/report-last-day.csv" --format json
expect report-no-events 0 "^CRM health check — as of - \(events from - to -\)$" -- "$tool" report "$tmp/report-empty.csv" --accept-rejects --lang en
expect report-json-no-events 0 '^\{"decimals":2,"as_of":"-",$' -- "$tool" report "$tmp/report-empty.csv" --accept-rejects --format json
# small.csv: C1 (2,000.50) and C2 (500.00); the top 10 per mille is C1 alone, 1000 per mille both.
expect report-core-default 0 '"core_customers":1,' -- "$tool" report "$tmp/small.csv" --accept-rejects --format json
expect report-core-permille 0 '"core_customers":2,' -- "$tool" report "$tmp/small.csv" --accept-rejects --format json --core-permille 1000
expect report-pair-bad 2 "LTV_SEG_SEMI_MIN_YEAR_ORDERS 4 must be below LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS 4" -- "$tool" report "$tmp/small.csv" --accept-rejects --semi-orders 4
expect report-help-segment 0 "--excellent-orders N" -- "$tool" report --help
# No dormant customer: no continuing-vs-churned difference to show; no ratio to a CPO of 0.
printf 'customer_id,order_date,amount\nA,2026-10-01,100\nB,2026-10-05,200\n' >"$tmp/no-churn.csv"
expect report-no-churned-gap 0 "Lifetime LTV gap \(worth of keeping one\) +-$" -- "$tool" report "$tmp/no-churn.csv"
expect report-cpo-zero 0 "LTV / CPO -$" -- "$tool" report "$tmp/no-churn.csv" --cpo 0
