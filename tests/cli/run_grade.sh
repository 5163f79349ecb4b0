# Checks of 'ltvcrm grade', sourced by run.sh (uses its expect, $tool, $tmp and $sample).

expect grade-help 0 "--interactive" -- "$tool" grade --help
expect grade-c 0 "CRM diagnostic: grade C" -- "$tool" grade AABCDAABBA --lang en
expect grade-a 0 "grade A" -- "$tool" grade AAAAAAAAAB --lang en
expect grade-b-ja 0 "CRM診断：B評価" -- "$tool" grade AAAAAAABBB --lang ja
expect grade-boundary-7 0 "grade B" -- "$tool" grade AAAAAAADDD --lang en
expect grade-boundary-6 0 "grade C" -- "$tool" grade AAAAAADDDD --lang en
expect grade-first-step 0 "1\. Q1 Decisions by annual LTV \(your answer: D\)" -- "$tool" grade DBCADCBAAB --lang en
expect grade-second-step 0 "2\. Q5 Channels with roles" -- "$tool" grade DBCADCBAAB --lang en
expect grade-box 0 "Matrix box: Acquisition × Segment" -- "$tool" grade DBCADCBAAB --lang en
expect grade-separators 0 "Answers: AABCDAABBA" -- "$tool" grade "a, a, b, c, d, a, a, b, b, a" --lang en
expect grade-words 0 "Answers: AABCDAABBA" -- "$tool" grade A A B C D A A B B A --lang en
expect grade-nine 3 "position 10: the text ends after 9 answers" -- "$tool" grade AAAAAAAAA
expect grade-eleven 3 "position 11: 'A' would be answer 11" -- "$tool" grade AAAAAAAAAAA
expect grade-letter-e 3 "position 4: 'E' is not an answer" -- "$tool" grade AAAEAAAAAA
expect grade-empty 3 "answers is empty" -- "$tool" grade ""
expect grade-json 0 '^\{"grade":"C","a_count":5,"answers":"AABCDAABBA","lang":"en"' -- "$tool" grade AABCDAABBA --format json --lang en
expect grade-json-step 0 '"question":10,"answer":"B","stage":-1' -- "$tool" grade AAAAAAAAAB --format json
expect grade-ledger 0 "Repeat rate: 50\.0% \(1 of 2 customers have 2\+ orders\)" -- "$tool" grade AABCDAABBA --ledger "$tmp/small.csv" --accept-rejects --lang en
expect grade-ledger-bad-row 0 "1 bad rows of .*small\.csv were skipped" -- "$tool" grade AABCDAABBA --ledger "$tmp/small.csv" --accept-rejects
expect grade-ledger-as-of 0 "Tenure of 2 customers: 0–99 days 2 \(100\.0%\)" -- "$tool" grade AABCDAABBA --ledger "$tmp/small.csv" --accept-rejects --as-of 2026-01-07 --lang en
expect grade-ledger-sample 0 "平均年間LTV：" -- "$tool" grade AABCDAABBA --ledger "$sample" --decimals 0 --lang ja
expect grade-ledger-json 0 '"ledger":\{"as_of":"2026-02-02","customers":2,"repeat_customers":1' -- "$tool" grade AABCDAABBA --ledger "$tmp/small.csv" --accept-rejects --format json
expect grade-ledger-missing 3 "cannot open" -- "$tool" grade AABCDAABBA --ledger "$tmp/none.csv"
expect grade-as-of-alone 2 "need --ledger" -- "$tool" grade AABCDAABBA --as-of 2026-01-01
expect grade-bad-lang 2 "--lang wants ja or en" -- "$tool" grade AABCDAABBA --lang fr
expect grade-bad-format 2 "--format wants text or json" -- "$tool" grade AABCDAABBA --format xml
expect grade-both 2 "not both" -- "$tool" grade AABCDAABBA --interactive
expect grade-stdin 0 "Answers: AABCDAABBA" -- bash -c "echo 'A A B C D A A B B A' | '$tool' grade --lang en"
expect grade-interactive 0 "position 1: 'e' is not an answer" -- bash -c "printf 'e\na\na\nb\nc\nd\na\na\nb\nb\na\n' | '$tool' grade --interactive --lang en"
expect grade-interactive-result 0 "Answers: AABCDAABBA" -- bash -c "printf 'e\na\na\nb\nc\nd\na\na\nb\nb\na\n' | '$tool' grade --interactive --lang en"
expect grade-interactive-eof 3 "ended before Q3 was answered" -- bash -c "printf 'a\nb\n' | '$tool' grade -i"
# The as-of day of the ledger figures when it has no date: data up to 9999-12-31, no events.
printf 'customer_id,order_date,amount\nA,9999-12-30,100\nA,9999-12-31,50\n' >"$tmp/grade-last-day.csv"
printf 'customer_id,order_date,amount\n' >"$tmp/grade-empty.csv"
expect grade-json-after-last-day 0 '"ledger":\{"as_of":"after 9999-12-31",' -- "$tool" grade AAAAAAAAAA --ledger "$tmp/grade-last-day.csv" --format json
expect grade-json-no-events 0 '"ledger":\{"as_of":"-",' -- "$tool" grade AAAAAAAAAA --ledger "$tmp/grade-empty.csv" --accept-rejects --format json
