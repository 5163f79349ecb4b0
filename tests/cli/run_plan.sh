# Checks of 'ltvcrm plan', sourced by run.sh (uses its expect, $tool, $tmp and $sample).

# As of 2026-06-15 (the day after the last order): C1 bought yesterday (thank-you and the
# usage guide), C2 a week ago (the second-purchase proposal), C3 75 days ago (win-back),
# C4 a week ago but came back the day after (no proposal: already a second purchase).
printf 'customer_id,order_date,amount\nC1,2026-06-14,1000\nC2,2026-06-08,1000\nC3,2026-04-01,1000\nC4,2026-06-07,800\nC4,2026-06-08,800\n' >"$tmp/plan.csv"
printf 'customer_id,event,date\nV1,cart_created,2026-06-14\nC2,product_viewed,2026-06-14\nC1,product_viewed,2026-06-14\n' >"$tmp/events.csv"
printf 'customer_id,event,date\nV1,abandoned,2026-06-14\n' >"$tmp/bad-events.csv"
printf 'ltvcrm-plan 1\nchannel email\nscenario a trigger=purchase\nstep call day=1 channel=phone stage=activation action=contact offer=experience\n' >"$tmp/disabled.plan"
printf 'ltvcrm-plan 1\nchannel fax\n' >"$tmp/broken.plan"
printf 'ltvcrm-plan 1\nchannel email\nscenario welcome trigger=first_purchase\nstep hello day=1 channel=email stage=activation action=read_content offer=content\n' >"$tmp/welcome.plan"

expect plan-help 0 "--scenario FILE" -- "$tool" plan --help
expect plan-due-count 0 "due today: 4 actions" -- "$tool" plan "$tmp/plan.csv" --lang en
expect plan-as-of-line 0 "plan as of 2026-06-15" -- "$tool" plan "$tmp/plan.csv" --lang en
expect plan-due-second 0 "C2 +default-90-days/second-purchase +Email" -- "$tool" plan "$tmp/plan.csv" --lang en
expect plan-per-channel 0 "due per channel:  Email 2  LINE 0  Package insert 1  Phone 0  Postal DM 1" -- "$tool" plan "$tmp/plan.csv" --lang en
# Ahead, by hand: C1's recommendation on day 3 (email, 06-17); C2's and C4's LINE follow-up
# on day 10 (06-18); C2's and C4's review requests on day 14 (email, 06-22).
expect plan-load-email 0 "2026-06-17 +1 +0 +0 +0 +0$" -- "$tool" plan "$tmp/plan.csv" --lang en
expect plan-load-line 0 "2026-06-18 +0 +2 +0 +0 +0$" -- "$tool" plan "$tmp/plan.csv" --lang en
expect plan-load-reviews 0 "2026-06-22 +2 +0 +0 +0 +0$" -- "$tool" plan "$tmp/plan.csv" --lang en
expect plan-csv 0 "^C1,default-90-days,thank-you,email,activation,read_content$" -- "$tool" plan "$tmp/plan.csv" --format csv
expect plan-csv-winback 0 "^C3,default-90-days,win-back,postal_dm,churn_prevention,return_purchase$" -- "$tool" plan "$tmp/plan.csv" --format csv
expect plan-ja 0 "本日実施するアクション: 4件" -- "$tool" plan "$tmp/plan.csv" --lang ja
expect plan-limit 0 "\.\.\. 3 more" -- "$tool" plan "$tmp/plan.csv" --limit 1 --lang en
expect plan-as-of 0 "^C4,default-90-days,usage-guide,package_insert" -- "$tool" plan "$tmp/plan.csv" --as-of 2026-06-09 --format csv
expect plan-customer 0 "Due today +default-90-days/second-purchase" -- "$tool" plan "$tmp/plan.csv" --customer C2 --lang en
expect plan-customer-skipped 0 "Skipped +default-90-days/second-purchase +Email +condition: Only before the second purchase" -- "$tool" plan "$tmp/plan.csv" --customer C4 --lang en
expect plan-customer-anchor 0 "default-90-days +purchase +anchor 2026-06-08" -- "$tool" plan "$tmp/plan.csv" --customer C4 --lang en
expect plan-customer-unknown 3 "customer 'C9' is neither in the ledger nor in the platform events" -- "$tool" plan "$tmp/plan.csv" --customer C9
expect plan-events 0 "^V1,cart-abandonment,cart-reminder,email" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/events.csv" --format csv
expect plan-events-browse 0 "^C2,browse-retargeting,browse-follow-up,email" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/events.csv" --format csv
# C1 viewed a product and bought the same day: the browse follow-up stops.
expect plan-events-stopped 0 "Stopped +browse-retargeting/browse-follow-up +Email +stop rule: Order on 2026-06-14" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/events.csv" --customer C1 --as-of 2026-06-15 --lang en
expect plan-events-bad 3 "line 2, column 2: unknown event 'abandoned'" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/bad-events.csv"
expect plan-scenario 0 "^C1,welcome,hello,email" -- "$tool" plan "$tmp/plan.csv" --scenario "$tmp/welcome.plan" --format csv
expect plan-scenario-invalid 3 "step 'call' \(line 4\): channel phone is not enabled" -- "$tool" plan "$tmp/plan.csv" --scenario "$tmp/disabled.plan"
expect plan-scenario-broken 3 "line 2, column 9: unknown channel 'fax'" -- "$tool" plan "$tmp/plan.csv" --scenario "$tmp/broken.plan"
expect plan-scenario-missing 3 "cannot open" -- "$tool" plan "$tmp/plan.csv" --scenario "$tmp/none.plan"
expect plan-timing-too-few 0 "With too little data, step 'second-purchase' keeps its default day 7" -- "$tool" plan "$tmp/plan.csv" --timing --lang en
expect plan-timing-sample 0 "timing default-90-days: Of the [0-9]+ second purchases" -- "$tool" plan "$sample" --decimals 0 --timing --lang en
expect plan-save 0 "due today: 4 actions" -- "$tool" plan "$tmp/plan.csv" --save-scenario "$tmp/saved.plan" --lang en
expect plan-saved-loads 0 "^C2,default-90-days,second-purchase" -- "$tool" plan "$tmp/plan.csv" --scenario "$tmp/saved.plan" --format csv
expect plan-bad-limit 2 "--limit wants a number" -- "$tool" plan "$tmp/plan.csv" --limit many
expect plan-bad-format 2 "--format wants table or csv" -- "$tool" plan "$tmp/plan.csv" --format json
expect plan-bad-lang 2 "--lang wants ja or en" -- "$tool" plan "$tmp/plan.csv" --lang fr
expect plan-missing-file 2 "missing FILE" -- "$tool" plan
expect plan-unknown-option 2 "unknown option" -- "$tool" plan "$tmp/plan.csv" --bogus

# --events: every line is taken or the load fails naming it.
mkdir -p "$tmp/events-dir"
expect plan-events-directory 3 "events-dir: cannot read events from a directory" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/events-dir"
expect plan-events-missing 3 "none.csv: cannot open" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/none.csv"
# A line of over 5,000 bytes (a date padded with spaces) is one record, not two.
{ printf 'customer_id,event,date\nV1,cart_created,2026-06-14'; printf '%5000s\n' ''; } >"$tmp/long-events.csv"
expect plan-events-long-line 0 "^V1,cart-abandonment,cart-reminder,email" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/long-events.csv" --format csv
# Quoted fields as in the order log: commas inside, "" for a quote, spaces around trimmed.
printf 'customer_id,event,date\n"V,1",cart_created,2026-06-14\n"Q""x", product_viewed ,2026-06-14\n' >"$tmp/quoted-events.csv"
expect plan-events-quoted-comma 0 '^"V,1",cart-abandonment,cart-reminder,email' -- "$tool" plan "$tmp/plan.csv" --events "$tmp/quoted-events.csv" --format csv
expect plan-events-quoted-quote 0 '^"Q""x",browse-retargeting,browse-follow-up,email' -- "$tool" plan "$tmp/plan.csv" --events "$tmp/quoted-events.csv" --format csv
printf 'customer_id,event,date\nV1,cart_created,2026-06-14\n"V2,cart_created,2026-06-14\n' >"$tmp/open-quote.csv"
expect plan-events-open-quote 3 "open-quote.csv: line 3, column 1: the quoted field is not closed" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/open-quote.csv"
printf 'customer_id,event,date\nV"1,cart_created,2026-06-14\n' >"$tmp/stray-quote.csv"
expect plan-events-stray-quote 3 "line 2, column 1: a quote inside an unquoted field" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/stray-quote.csv"
printf 'customer_id,event,date\nV1,"cart_created"x,2026-06-14\n' >"$tmp/after-quote.csv"
expect plan-events-after-quote 3 "line 2, column 2: text after the closing quote" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/after-quote.csv"
printf 'customer_id,event,date\nV1,cart_created,2026-06-14,extra\n' >"$tmp/four-fields.csv"
expect plan-events-four-fields 3 "line 2: expected customer_id,event,date, found 4 fields" -- "$tool" plan "$tmp/plan.csv" --events "$tmp/four-fields.csv"

# Days without a date: data up to 9999-12-31, and a log without events.
printf 'customer_id,order_date,amount\nA,9999-12-30,100\nA,9999-12-31,50\n' >"$tmp/plan-last-day.csv"
expect plan-after-last-day 3 "the plan as of after 9999-12-31 would reach past 9999-12-31; the latest as-of day is 9999-10-02" -- "$tool" plan "$tmp/plan-last-day.csv"
expect plan-as-of-too-late 2 "ltvcrm plan: the plan as of 9999-12-01 would reach past 9999-12-31" -- "$tool" plan "$tmp/plan-last-day.csv" --as-of 9999-12-01
expect plan-latest-as-of 0 "plan as of 9999-10-02 " -- "$tool" plan "$tmp/plan-last-day.csv" --as-of 9999-10-02 --lang en
printf 'customer_id,order_date,amount\n' >"$tmp/plan-empty.csv"
expect plan-no-events 0 "^plan as of - \(orders before this day count\)" -- "$tool" plan "$tmp/plan-empty.csv" --accept-rejects --lang en
expect plan-no-events-load 0 "^  \+89 +0 +0 +0 +0 +0$" -- "$tool" plan "$tmp/plan-empty.csv" --accept-rejects --lang en
expect plan-bad-as-of 2 "^ltvcrm plan: --as-of: month 13 is outside 1..12" -- "$tool" plan "$tmp/plan.csv" --as-of 2026-13-01

# Segmentation options: D's one order is 146 days before 2026-06-15, dormant only with
# --dormant-days 120, for 'plan' as for 'segment'.
printf 'customer_id,order_date,amount\nC1,2026-06-14,1000\nD,2026-01-20,1000\n' >"$tmp/plan-dormant.csv"
printf 'ltvcrm-plan 1\nsetting dormant_days=120\nchannel email\nscenario welcome trigger=first_purchase\nstep hello day=1 channel=email stage=activation action=read_content offer=content\n' >"$tmp/dormant120.plan"
expect plan-state-default 0 "schedule of D as of 2026-06-15: state new," -- "$tool" plan "$tmp/plan-dormant.csv" --customer D --lang en
expect plan-dormant-days 0 "schedule of D as of 2026-06-15: state dormant," -- "$tool" plan "$tmp/plan-dormant.csv" --customer D --lang en --dormant-days 120
expect plan-segment-alike 0 "^D,dormant," -- "$tool" segment "$tmp/plan-dormant.csv" --dormant-days 120
# Options change only what they name: the scenario's dormant_days=120 stays under --fan-orders.
expect plan-setting-kept 0 "state dormant," -- "$tool" plan "$tmp/plan-dormant.csv" --scenario "$tmp/dormant120.plan" --customer D --lang en --fan-orders 6
expect plan-setting-overridden 0 "state new," -- "$tool" plan "$tmp/plan-dormant.csv" --scenario "$tmp/dormant120.plan" --customer D --lang en --dormant-days 200
"$tool" plan "$tmp/plan-dormant.csv" --dormant-days 120 --save-scenario "$tmp/saved-dormant.plan" >/dev/null 2>&1
expect plan-setting-saved 0 "^setting .*dormant_days=120" -- cat "$tmp/saved-dormant.plan"
expect plan-semi-orders-bad 2 "LTV_SEG_SEMI_MIN_YEAR_ORDERS 4 must be below LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS 4" -- "$tool" plan "$tmp/plan.csv" --semi-orders 4
expect plan-semi-orders-first 0 "due today" -- "$tool" plan "$tmp/plan.csv" --lang en --semi-orders 4 --excellent-orders 5
expect plan-excellent-orders-first 0 "due today" -- "$tool" plan "$tmp/plan.csv" --lang en --excellent-orders 5 --semi-orders 4
expect plan-bad-dormant-days 2 "^ltvcrm plan: LTV_SEG_DORMANT_DAYS 0 is outside 1..36500" -- "$tool" plan "$tmp/plan.csv" --dormant-days 0
expect plan-help-segment 0 "--dormant-days N" -- "$tool" plan --help
