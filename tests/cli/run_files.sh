# Sourced by run.sh: files the tool saves replace their destination (library: one writer,
# lib/core/file_write.c). A symlink at the destination is replaced, its target untouched.
# file_check NAME CONDITION-COMMAND...: a check that is not about the tool's output.
file_check() {
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)); else echo "FAIL $name"; failed=$((failed + 1)); fi
}
for save in "matrix --template --save" "plan $sample --save-scenario"; do
    printf 'precious\n' >"$tmp/victim"
    ln -sf "$tmp/victim" "$tmp/link"
    # shellcheck disable=SC2086
    expect "save-over-symlink ($save)" 0 "" -- "$tool" $save "$tmp/link"
    file_check "symlink target untouched ($save)" grep -qx precious "$tmp/victim"
    file_check "symlink replaced by the file ($save)" test ! -L "$tmp/link" -a -s "$tmp/link"
    rm -f "$tmp/victim" "$tmp/link"
done
expect save-into-missing-dir 3 "cannot open '$tmp/no/such/dir/plan.json' for writing.*No such file" -- \
    "$tool" matrix --template --save "$tmp/no/such/dir/plan.json"

# Files read whole are capped: an endless input is refused, never read until memory runs out.
expect scenario-dev-zero 3 "'/dev/zero' is larger than 16,777,216 bytes; it is not a planner text" -- \
    "$tool" plan "$sample" --scenario /dev/zero
expect matrix-dev-zero 3 "'/dev/zero' is larger than 16,777,216 bytes; it is not a plan" -- \
    "$tool" matrix --load /dev/zero
expect grade-endless-stdin 3 "answers on stdin are longer than 65536 bytes" -- sh -c "\"$tool\" grade </dev/zero"
