# Checks of the option tables, sourced by run.sh (uses its expect, $tool, $tmp and $here).

# `ltvcrm help CMD` is the command's --help; unknown commands are usage errors.
expect help-command 0 "^usage: ltvcrm report FILE \[options\]$" -- "$tool" help report
expect help-command-groups 0 "^segmentation options:$" -- "$tool" help segment
expect help-command-unknown 2 "ltvcrm help: unknown command 'frobnicate'" -- "$tool" help frobnicate
expect help-general 0 "ltvcrm help <command>" -- "$tool" help
expect help-same-as-dash-help 0 "^same$" -- bash -c "[ \"\$('$tool' help plan)\" = \"\$('$tool' plan --help)\" ] && echo same"
expect help-alias-shown 0 "\(also --ltv-basis\)" -- "$tool" help matrix
expect help-default-shown 0 "--dormant-days N +dormant after more than N days without an order \(default: 180\)" -- "$tool" help segment

# The option reference in docs/cli.md is what the tables say.
expect cli-doc-up-to-date 0 "docs/cli.md is up to date" -- bash "$here/../../scripts/cli-doc.sh" --check "$tool"
expect reference-tables 0 "^\| \`--format table\\\\\|csv\\\\\|json\` \|" -- "$tool" help --reference

# Older spellings keep working: --format text / table wherever the other one is the name, and
# --ltv-basis wherever --basis is taken.
expect summary-format-text 0 "customers +2" -- "$tool" summary "$tmp/small.csv" --accept-rejects --format text
expect plan-format-text 0 "^due today: " -- "$tool" plan "$tmp/small.csv" --accept-rejects --format text --lang en
expect report-format-text 0 "LTV analysis" -- "$tool" report "$tmp/small.csv" --accept-rejects --format text --lang en
expect grade-format-table 0 "CRM diagnostic: grade C" -- "$tool" grade AABCDAABBA --format table --lang en
expect matrix-format-table 0 "Gaps: 20 of 20 boxes" -- "$tool" matrix --format table
expect report-ltv-basis 0 "LTV analysis \(lifetime LTV" -- "$tool" report "$tmp/small.csv" --accept-rejects --lang en --ltv-basis lifetime
expect segment-ltv-basis-bad 2 "^ltvcrm segment: --ltv-basis wants annual or lifetime: monthly$" -- "$tool" segment "$tmp/small.csv" --accept-rejects --ltv-basis monthly
# --basis only chooses what the matrix shows from --ledger: it needs no --ledger, as --ltv-basis never did.
expect matrix-basis-without-ledger 0 "Gaps: 20 of 20 boxes" -- "$tool" matrix --basis lifetime
# Errors of the generic parser.
expect missing-value 2 "^ltvcrm segment: missing value for: --lang$" -- "$tool" segment "$tmp/small.csv" --accept-rejects --lang
expect matrix-operand 2 "^ltvcrm matrix: unexpected argument: plan.json$" -- "$tool" matrix plan.json
