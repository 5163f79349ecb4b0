#!/usr/bin/env bash
# The project's whole test run, as CI runs it (.ci/run calls this):
#   installs the build and test dependencies (apt-get), then
#   1. gcc build with warnings as errors, the Criterion suite and the CLI tests
#   2. clang build with warnings as errors and the Criterion suite
#   3. the suite again under AddressSanitizer + UndefinedBehaviorSanitizer, then 30 s of
#      libFuzzer on every parser of outside input
#   4. the exported-symbol check of the shared library
#   5. Doxygen with warnings as errors
#   6. install, then build examples/summary.c against the installed copy with pkg-config
#      and with find_package
#   7. the Python and Ruby binding tests against the built shared library
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out="$root/build-ci"
jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0

step() { printf '\n==> %s\n' "$*"; }
ok() { passed=$((passed + 1)); }

# Runs the Criterion binary and adds its counts to the totals.
criterion() {
    local log
    log=$(mktemp)
    if "$1" --jobs "$jobs" >"$log" 2>&1; then :; fi
    grep -E '^\[(FAIL|----)\]' "$log" | grep -v '^\[----\] *$' | head -40 || true
    local line
    line=$(grep 'Synthesis' "$log" | tail -n1)
    echo "$line"
    rm -f "$log"
    local tested passing
    tested=$(sed -E 's/.*Tested: ([0-9]+).*/\1/' <<<"$line")
    passing=$(sed -E 's/.*Passing: ([0-9]+).*/\1/' <<<"$line")
    [ -n "$tested" ] && [ -n "$passing" ] || { failed=$((failed + 1)); return 1; }
    passed=$((passed + passing))
    failed=$((failed + tested - passing))
    [ "$tested" -eq "$passing" ] && [ "$tested" -gt 0 ]
}

step "dependencies"
bash scripts/install-deps.sh

step "gcc build (warnings are errors)"
cmake -S . -B "$out/gcc" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=gcc -DLTV_WERROR=ON \
    -DCMAKE_INSTALL_PREFIX="$out/prefix" >/dev/null
cmake --build "$out/gcc" -j "$jobs" -- --no-print-directory >/dev/null
criterion "$out/gcc/tests/ltvcrm_tests"
bash tests/cli/run.sh "$out/gcc/ltvcrm" | tail -n 20
ok

step "clang build (warnings are errors)"
cmake -S . -B "$out/clang" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DLTV_WERROR=ON -DLTV_BUILD_DOCS=OFF -DLTV_BUILD_BENCH=OFF >/dev/null
cmake --build "$out/clang" -j "$jobs" -- --no-print-directory >/dev/null
criterion "$out/clang/tests/ltvcrm_tests"

step "AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B "$out/asan" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=gcc -DLTV_SANITIZE=ON \
    -DLTV_WERROR=ON -DLTV_BUILD_DOCS=OFF -DLTV_BUILD_BENCH=OFF >/dev/null
cmake --build "$out/asan" -j "$jobs" -- --no-print-directory >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    criterion "$out/asan/tests/ltvcrm_tests"
ASAN_OPTIONS=detect_leaks=1 bash tests/cli/run.sh "$out/asan/ltvcrm" | tail -n 3
ok

step "fuzzing every parser of outside input (libFuzzer + ASan + UBSan, 30 s)"
bash scripts/fuzz.sh 30 | tail -n 1
ok

step "exported symbols; a program built against the 1.0.0 headers"
bash scripts/check-abi.sh "$out/gcc"
"$out/gcc/tests/ltvcrm_abi_caller_1_0" examples/data/orders.csv | tail -n 1
ok

step "Doxygen (warnings are errors)"
cmake --build "$out/gcc" --target docs -- --no-print-directory
echo "doxygen: no warnings"
ok

step "install and build consumers"
rm -rf "$out/prefix" "$out/elsewhere"
cmake --install "$out/gcc" >/dev/null
cmake --install "$out/gcc" --prefix "$out/elsewhere" >/dev/null   # the .pc file must follow
moved_inc=$(PKG_CONFIG_PATH="$(dirname "$(find "$out/elsewhere" -name libltvcrm.pc)")" pkg-config --variable=includedir libltvcrm)
[ "$(realpath "$moved_inc")" = "$(realpath "$out/elsewhere/include")" ] ||
    { echo "libltvcrm.pc does not follow --prefix: includedir $moved_inc" >&2; exit 1; }
echo "libltvcrm.pc follows cmake --install --prefix"
export PKG_CONFIG_PATH="$out/prefix/lib/pkgconfig:$out/prefix/lib/$(gcc -print-multiarch 2>/dev/null)/pkgconfig"
cc -std=c11 -Wall -Wextra -Werror examples/summary.c $(pkg-config --cflags --libs libltvcrm) \
    -Wl,-rpath,"$(pkg-config --variable=libdir libltvcrm)" -o "$out/summary-pkgconfig"
"$out/summary-pkgconfig" examples/data/orders.csv
cmake -S examples/consumer -B "$out/consumer" -DCMAKE_PREFIX_PATH="$out/prefix" >/dev/null
cmake --build "$out/consumer" -- --no-print-directory >/dev/null
"$out/consumer/summary" examples/data/orders.csv
"$out/consumer/summary_static" examples/data/orders.csv
"$out/prefix/bin/ltvcrm" --version
ok

if [ -d bindings/python ]; then
    step "Python bindings"
    LTVCRM_LIBRARY="$out/gcc/libltvcrm.so" /usr/bin/python3 -m pytest -q bindings/python/tests
    ok
fi
if [ -d bindings/ruby ]; then
    step "Ruby bindings"
    LTVCRM_LIBRARY="$out/gcc/libltvcrm.so" ruby -Ibindings/ruby/lib -e 'Dir["bindings/ruby/test/test_*.rb"].each { |f| require File.expand_path(f) }'
    ok
fi

echo
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
