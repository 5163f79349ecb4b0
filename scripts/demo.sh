#!/usr/bin/env bash
# The README's first command: builds libltvcrm and the ltvcrm tool, then runs the main job
# on the bundled sample (examples/data/orders.csv, amounts in yen): the one-page CRM health
# check. Extra arguments go to `ltvcrm report` (for example --lang ja, --format json).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh --build-only >&2
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLTV_BUILD_TESTS=OFF -DLTV_BUILD_BENCH=OFF >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
./build/ltvcrm report examples/data/orders.csv --decimals 0 "$@"
