# Checks of 'ltvcrm matrix', sourced by run.sh (uses its expect, $tool, $tmp and small.csv).
# small.csv as of 2026-02-02: C1 has 2 orders (2,000.50, retention), C2 one (500.00, activation).
printf '{\n  "format": "ltvcrm-matrix",\n  "version": 1,\n  "boxes": [}\n' >"$tmp/broken.json"
printf 'stage,element,status,text\nacquisition,segment,active,fans\nacquisition,offer,active,trial\nacquisition,timing,active,24h\n' >"$tmp/left.csv"

expect matrix-help 0 "--template" -- "$tool" matrix --help
expect matrix-empty 0 "Gaps: 20 of 20 boxes" -- "$tool" matrix
expect matrix-template 0 "\[draft\] Trial size" -- "$tool" matrix --template
expect matrix-template-ja 0 "既存客離脱防止" -- "$tool" matrix --template --lang ja
expect matrix-leaking-plan 0 "Balance: leaking" -- "$tool" matrix --load "$tmp/left.csv"
expect matrix-ledger-retention 0 "Revenue: 2,000.50" -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects
expect matrix-ledger-activation 0 "Revenue: 500.00" -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects
expect matrix-ledger-ltv 0 "LTV: 1,250.25" -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects
expect matrix-ledger-bad-row 0 "bad rows of .*small.csv were skipped" -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects
expect matrix-dormant 0 '"churn_prevention".*"customers": 2, "revenue": 250050' -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --as-of 2027-01-01 --format json
expect matrix-cpo-leaking 0 "CPO vs LTV: leaking \(CPO 1,250.26 > annual LTV 1,250.25\)" -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --prospects 100 --cpo 1250.26
expect matrix-cpo-break-even 0 "CPO = LTV: break-even" -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --prospects 100 --cpo 1,250.25
expect matrix-cpo-typed-ltv 0 "CPO < LTV: profitable" -- "$tool" matrix --prospects 100 --cpo 5000 --ltv 9000 --decimals 0
expect matrix-markdown 0 "^\|---\|---\|---\|---\|---\|$" -- "$tool" matrix --format markdown
expect matrix-csv 0 "^,Acquisition,Activation,Retention,Churn prevention$" -- "$tool" matrix --format csv
expect matrix-json 0 '"format": "ltvcrm-matrix"' -- "$tool" matrix --format json
expect matrix-save-csv 0 "Gaps" -- "$tool" matrix --template --save "$tmp/plan.csv"
expect matrix-load-csv 0 "\[draft\] Trial size" -- "$tool" matrix --load "$tmp/plan.csv"
expect matrix-save-json 0 "Gaps" -- "$tool" matrix --load "$tmp/plan.csv" --save "$tmp/plan.json"
expect matrix-load-json 0 "\[draft\] Trial size" -- "$tool" matrix --load "$tmp/plan.json"
expect matrix-missing-plan 3 "cannot open" -- "$tool" matrix --load "$tmp/none.json"
expect matrix-broken-plan 3 "broken.json: line 4, column 13" -- "$tool" matrix --load "$tmp/broken.json"
expect matrix-load-and-template 2 "not both" -- "$tool" matrix --load "$tmp/plan.csv" --template
expect matrix-prospects-alone 2 "go together" -- "$tool" matrix --prospects 10
expect matrix-bad-cpo 2 "--cpo wants" -- "$tool" matrix --prospects 10 --cpo 12.345
expect matrix-bad-format 2 "--format wants" -- "$tool" matrix --format xml
expect matrix-bad-lang 2 "--lang wants" -- "$tool" matrix --lang fr
expect matrix-bad-width 2 "12..200" -- "$tool" matrix --width 5
expect matrix-unknown-option 2 "unknown option" -- "$tool" matrix --bogus
expect matrix-missing-ledger 3 "cannot open" -- "$tool" matrix --ledger "$tmp/none.csv"
# LTV basis: as of 2027-03-01 neither customer bought in the trailing year.
expect matrix-ltv-annual 0 "LTV: 0.00 " -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --as-of 2027-03-01
expect matrix-ltv-lifetime 0 "LTV: 1,250.25 " -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --as-of 2027-03-01 --ltv-basis lifetime
expect matrix-typed-ltv-wins 0 "LTV \(given\): 7.00 " -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --ltv 7
expect matrix-bad-basis 2 "--ltv-basis wants" -- "$tool" matrix --ltv-basis monthly
# Segmentation options with --ledger: as of 2026-06-01 C1's last order is 120 days back and
# C2's 146, both dormant after 100 days, neither after the default 180.
expect matrix-dormant-days 0 '"churn_prevention".*"customers": 2, "revenue": 250050' -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --as-of 2026-06-01 --dormant-days 100 --format json
expect matrix-dormant-default 0 '"churn_prevention".*"customers": 0, "revenue": 0' -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --as-of 2026-06-01 --format json
expect matrix-basis-option 0 "LTV: 1,250.25 " -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --as-of 2027-03-01 --basis lifetime
expect matrix-segment-needs-ledger 2 "segmentation options such as --dormant-days need --ledger FILE" -- "$tool" matrix --dormant-days 100
expect matrix-pair-bad 3 "LTV_SEG_SEMI_MIN_YEAR_ORDERS 4 must be below LTV_SEG_EXCELLENT_MIN_YEAR_ORDERS 4" -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --semi-orders 4
expect matrix-bad-bins 2 "LTV_SEG_RFM_BINS 11 is outside 2..10" -- "$tool" matrix --ledger "$tmp/small.csv" --accept-rejects --bins 11
expect matrix-help-segment 0 "--core-permille N" -- "$tool" matrix --help
