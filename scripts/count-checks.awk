# Counts the checks inside the suites of one ctest run, from its Testing/Temporary/LastTest.log:
# prints "P passed, F failed, S skipped". A suite's own summary line gives its counts:
#   Criterion  "Synthesis: Tested: T | Passing: P | Failing: ... "
#   pytest     "... N passed ... in 1.23s" / "N failed"
#   minitest   "R runs, A assertions, F failures, E errors, S skips"
#   any other  "NAME: P passed, F failed"   (the project's own scripts; the last such line)
# A suite without such a line counts as one check. A suite that ctest failed counts at least
# one failure even when its output claims none (a crash after the summary). A suite skipped
# for a missing tool prints "NAME: skipped, why" and exits 77.
function flush() {
    if (name == "") return
    if (skipped) { skip++; name = ""; return }
    if (p == "" && f == "") { p = (result == "passed") ? 1 : 0; f = (result == "passed") ? 0 : 1 }
    p += 0; f += 0
    if (result != "passed" && f == 0) f = 1
    total_p += p; total_f += f
    name = ""
}
/^[0-9]+\/[0-9]+ Test: / { flush(); name = $3; p = ""; f = ""; result = "failed"; skipped = 0; next }
/^Test Passed\./ { result = "passed"; next }
# A suite that cannot run here says "NAME: skipped, why" and exits 77 (ctest's log still
# says "Test Passed.").
/^[A-Za-z0-9_. -]+: skipped/ { skipped = 1; next }
/Synthesis: Tested: / {
    for (i = 1; i <= NF; i++) { if ($i == "Tested:") t = $(i + 1); if ($i == "Passing:") pp = $(i + 1) }
    p = pp; f = t - pp; next
}
/^[0-9]+ runs, [0-9]+ assertions, [0-9]+ failures, [0-9]+ errors, [0-9]+ skips/ {
    p = $1 - $5 - $7 - $9; f = $5 + $7; next
}
/ in [0-9.]+s/ && / passed| failed/ {
    p = 0; f = 0
    for (i = 2; i <= NF; i++) {
        w = $i; sub(/,$/, "", w)
        if (w == "passed") p = $(i - 1)
        if (w == "failed" || w == "error" || w == "errors") f += $(i - 1)
    }
    next
}
/^[A-Za-z0-9_. -]+: [0-9]+ passed, [0-9]+ failed/ {
    sub(/^[^:]*: /, ""); p = $1; f = $3; next
}
END { flush(); printf "%d passed, %d failed, %d skipped\n", total_p, total_f, skip }
