# Checks of 'ltvcrm report --format html', sourced by run.sh (uses its expect, $tool, $tmp,
# $here and $sample; run_report.sh wrote $tmp/gym.csv and $tmp/small.csv).
#
# The sample's page in both languages is compared byte for byte with the checked-in pages in
# tests/cli/expected/. After an intended change, rewrite them with
#   LTV_UPDATE_EXPECTED=1 bash tests/cli/run.sh build/ltvcrm
# and look at the difference (and at the page in a browser) before committing.
html_sample=(report "$sample" --decimals 0 --as-of 2026-11-01 --format html --answers AABCDAABBA --scenario builtin)
for lang in ja en; do
    want="$here/expected/report-sample-$lang.html"
    if [ "${LTV_UPDATE_EXPECTED:-0}" = 1 ]; then "$tool" "${html_sample[@]}" --lang "$lang" -o "$want"; fi
    expect "report-html-sample-$lang" 0 "^same$" -- bash -c "'$tool' \"\$@\" --lang $lang | cmp - '$want' && echo same" \
        _ "${html_sample[@]}"
done
expect report-html-output-file 0 "^same$" -- bash -c "'$tool' \"\$@\" --lang en -o '$tmp/page.html' && cmp '$tmp/page.html' '$here/expected/report-sample-en.html' && echo same" \
    _ "${html_sample[@]}"
expect report-html-no-script 0 "^none$" -- bash -c "grep -c '<script' '$here/expected/report-sample-ja.html' >/dev/null || echo none"
expect report-html-generated 0 "As of 2026-11-01 \(orders from 2023-11-01 to 2026-10-31\) · written on 2026-11-02" -- \
    "$tool" report "$sample" --decimals 0 --format html --lang en --generated 2026-11-02
expect report-html-title 0 "<h1>Shop &amp; Co — CRM report</h1>" -- "$tool" report "$tmp/small.csv" --accept-rejects --format html --lang en --title "Shop & Co"
expect report-html-membership 0 "在籍日数別の退会率（30日ごと）" -- "$tool" report "$tmp/gym.csv" "${gym[@]}" --format html --lang ja --min-at-risk 1
expect report-html-cpo 0 "Cost per order 9,000 against an average LTV of 3,702" -- \
    "$tool" report "$sample" --decimals 0 --format html --lang en --cpo 9000
"$tool" matrix --template --lang en --save "$tmp/plan.json" >/dev/null
expect report-html-matrix 0 "The shop&#39;s plan" -- "$tool" report "$tmp/small.csv" --accept-rejects --format html --lang en --matrix "$tmp/plan.json"
expect report-html-bad-answers 2 "^ltvcrm report: .*answer" -- "$tool" report "$tmp/small.csv" --accept-rejects --format html --answers ABC
expect report-html-bad-generated 2 "--generated wants a date" -- "$tool" report "$tmp/small.csv" --accept-rejects --format html --generated soon
expect report-html-missing-scenario 3 "none.plan" -- "$tool" report "$tmp/small.csv" --accept-rejects --format html --scenario "$tmp/none.plan"
expect report-html-missing-matrix 3 "none.json" -- "$tool" report "$tmp/small.csv" --accept-rejects --format html --matrix "$tmp/none.json"
expect report-html-unwritable 1 "cannot open .*no/such/dir/page.html. for writing" -- \
    "$tool" report "$tmp/small.csv" --accept-rejects --format html -o "$tmp/no/such/dir/page.html"
# the predictive models' diagnostics with a holdout (CDNOW: weeks, calibration to 1997-09-30,
# holdout to 1998-06-30): the charts, the holdout totals of ltvcrm predict, the same bytes twice
cdnow_report=("$tool" report "$here/../data/cdnow_orders.csv" --format html --lang en --calibration-end 1997-09-30
              --holdout-end 1998-06-30)
expect report-html-diagnostics 0 "the model expected 1653\.4 orders of these customers and they placed 1,882" -- "${cdnow_report[@]}"
expect report-html-tracking 0 "<title>Repeat orders, cumulative: actual vs model</title>" -- "${cdnow_report[@]}"
expect report-html-diagnostics-ja 0 "検証期間（1997-10-01〜1998-06-30）の購入回数は、モデルの予測1653\.4回に対して実績1,882回" -- \
    "${cdnow_report[@]}" --lang ja
expect report-html-diagnostics-same 0 "^same$" -- bash -c '"$@" -o "'"$tmp"'/d1.html" && "$@" -o "'"$tmp"'/d2.html" && cmp -s "'"$tmp"'/d1.html" "'"$tmp"'/d2.html" && echo same' _ "${cdnow_report[@]}"
expect report-html-pareto 0 "Pareto/NBD \(r = 0\.5533" -- "${cdnow_report[@]}" --model pareto
expect report-html-holdout-after-as-of 2 "LTV_REPORT_HOLDOUT_END 1998-06-30 must be after the calibration end and before the as-of day 1998-06-01" -- \
    "${cdnow_report[@]}" --as-of 1998-06-01
expect report-html-bad-calibration-end 2 "--calibration-end" -- "${cdnow_report[@]}" --calibration-end 1997-02-30
