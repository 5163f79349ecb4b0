#!/usr/bin/env bash
# Installs a build and builds programs against the installed copy:
#   run.sh BUILD_DIR WORK_DIR
# - `cmake --install --prefix` to WORK_DIR/prefix and to WORK_DIR/elsewhere (libltvcrm.pc
#   must follow the prefix it was installed to);
# - examples/summary.c built with pkg-config, and examples/consumer with find_package
#   (shared and static);
# - the installed tool runs (its RPATH finds the library beside it).
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR WORK_DIR}
work=${2:?usage: run.sh BUILD_DIR WORK_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
checks=0
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake --install "$build" --prefix "$work/elsewhere" >/dev/null

moved_pc=$(dirname "$(find "$work/elsewhere" -name libltvcrm.pc)")
moved_inc=$(PKG_CONFIG_PATH="$moved_pc" pkg-config --variable=includedir libltvcrm)
[ "$(realpath "$moved_inc")" = "$(realpath "$work/elsewhere/include")" ] ||
    { echo "libltvcrm.pc does not follow --prefix: includedir $moved_inc" >&2; exit 1; }
echo "libltvcrm.pc follows cmake --install --prefix"
checks=$((checks + 1))

export PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(dirname "$(find "$work/prefix" -name libltvcrm.pc)")
cc -std=c11 -Wall -Wextra -Werror examples/summary.c $(pkg-config --cflags --libs libltvcrm) \
    -Wl,-rpath,"$(pkg-config --variable=libdir libltvcrm)" -o "$work/summary-pkgconfig"
"$work/summary-pkgconfig" examples/data/orders.csv
checks=$((checks + 1))

cmake -S examples/consumer -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/consumer" -- --no-print-directory >/dev/null
"$work/consumer/summary" examples/data/orders.csv
"$work/consumer/summary_static" examples/data/orders.csv
checks=$((checks + 2))

if [ -x "$work/prefix/bin/ltvcrm" ]; then
    "$work/prefix/bin/ltvcrm" --version
    checks=$((checks + 1))
fi
echo "install: $checks passed, 0 failed"
