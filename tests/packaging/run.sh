#!/usr/bin/env bash
# The packages as users install them, with no LTVCRM_LIBRARY anywhere:
#   run.sh BUILD_DIR WORK_DIR
# 1. Python: a fresh venv, `pip install ./bindings/python` (offline, --no-build-isolation: the
#    system's setuptools and wheel) builds libltvcrm with CMake into a py3-none-<platform>
#    wheel; `import ltvcrm` from outside the tree loads the bundled libltvcrm.so.1.
# 2. Ruby: `gem build` + `gem install` into an empty GEM_HOME builds and bundles the library;
#    `require "ltvcrm"` loads it.
# 3. Ruby with `-- --use-system-library`: the gem finds a `cmake --install`ed copy through
#    pkg-config instead.
# Each check loads the bundled sample and checks what it read (4,000 customers).
# Exits 77 (skipped) without python3-venv or gem.
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR WORK_DIR}
work=${2:?usage: run.sh BUILD_DIR WORK_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
sample="$root/examples/data/orders.csv"
py=$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || command -v python3 || true)
if [ -z "$py" ] || ! "$py" -c 'import venv, ensurepip' 2>/dev/null || ! command -v gem >/dev/null; then
    echo "packaging: skipped, needs python3 with venv (python3-venv) and gem (ruby)"
    exit 77
fi
unset LTVCRM_LIBRARY
rm -rf "$work"
mkdir -p "$work"
passed=0
pass() { echo "ok   $*"; passed=$((passed + 1)); }

# ---- Python -------------------------------------------------------------------------------
"$py" -m venv --system-site-packages "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-index --no-build-isolation "$root/bindings/python" \
    >"$work/pip.log" 2>&1 || { tail -n 30 "$work/pip.log"; echo "pip install ./bindings/python failed"; exit 1; }
site=$("$work/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
grep -q '^Root-Is-Purelib: false' "$site"/ltvcrm-*.dist-info/WHEEL &&
    grep -Eq '^Tag: py3-none-linux_' "$site"/ltvcrm-*.dist-info/WHEEL ||
    { cat "$site"/ltvcrm-*.dist-info/WHEEL; echo "not a platform wheel"; exit 1; }
grep -q '^License: MIT' "$site"/ltvcrm-*.dist-info/METADATA || { echo "the wheel's metadata has no MIT licence"; exit 1; }
pass "pip install ./bindings/python built a platform wheel ($(grep '^Tag:' "$site"/ltvcrm-*.dist-info/WHEEL))"
(cd "$work" && "$work/venv/bin/python" - "$sample" "$site" <<'PY'
import os, sys
import ltvcrm
sample, site = sys.argv[1], sys.argv[2]
bundled = os.path.join(site, "ltvcrm", "libltvcrm.so.1")
assert os.path.realpath(ltvcrm.library_path) == os.path.realpath(bundled), ltvcrm.library_path
with ltvcrm.Ledger() as ledger:
    report = ledger.load_csv(sample, decimals=0)
    assert report.rows_rejected == 0 and ledger.customer_count == 4000, (report.rows_rejected, ledger.customer_count)
print(f"ok   import ltvcrm loads {ltvcrm.library_path} (libltvcrm {ltvcrm.library_version}), 4000 customers")
PY
)
passed=$((passed + 1))

# ---- Ruby, bundled ------------------------------------------------------------------------
(cd "$root/bindings/ruby" && gem build ltvcrm.gemspec --output "$work/ltvcrm.gem" >"$work/gem-build.log" 2>&1) ||
    { cat "$work/gem-build.log"; echo "gem build failed"; exit 1; }
GEM_HOME="$work/gems" gem install --local --no-document "$work/ltvcrm.gem" >"$work/gem-install.log" 2>&1 ||
    { tail -n 30 "$work/gem-install.log"; echo "gem install failed"; exit 1; }
pass "gem build + gem install built and bundled libltvcrm.so.1"
ruby_check() {   # ruby_check GEM_HOME EXPECTED_LIBRARY
    (cd "$work" && GEM_HOME="$1" ruby -e '
        require "ltvcrm"
        sample, want = ARGV
        raise "loaded #{Ltvcrm.library_path}, want #{want}" unless File.realpath(Ltvcrm.library_path) == File.realpath(want)
        ledger = Ltvcrm::Ledger.new
        report = ledger.load_csv(sample, decimals: 0)
        raise "read #{ledger.customer_count} customers" unless report.rows_rejected.zero? && ledger.customer_count == 4000
        puts "ok   require \"ltvcrm\" loads #{Ltvcrm.library_path}, 4000 customers"' "$sample" "$2")
}
ruby_check "$work/gems" "$(ls "$work"/gems/gems/ltvcrm-*/lib/ltvcrm/libltvcrm.so.1)"
passed=$((passed + 1))

# ---- Ruby, a system copy through pkg-config ------------------------------------------------
cmake --install "$build" --prefix "$work/prefix" >/dev/null
pc=$(dirname "$(find "$work/prefix" -name libltvcrm.pc)")
PKG_CONFIG_PATH="$pc" GEM_HOME="$work/gems-system" gem install --local --no-document "$work/ltvcrm.gem" \
    -- --use-system-library >"$work/gem-system.log" 2>&1 || { tail -n 30 "$work/gem-system.log"; echo "gem install -- --use-system-library failed"; exit 1; }
[ ! -e "$(ls -d "$work"/gems-system/gems/ltvcrm-*)/lib/ltvcrm/libltvcrm.so.1" ] || { echo "the gem bundled a library although told to use the system's"; exit 1; }
pass "gem install -- --use-system-library found the installed copy through pkg-config"
ruby_check "$work/gems-system" "$(PKG_CONFIG_PATH="$pc" pkg-config --variable=libdir libltvcrm)/libltvcrm.so.1"
passed=$((passed + 1))

echo "packaging: $passed passed, 0 failed"
