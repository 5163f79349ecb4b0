#!/usr/bin/env bash
# Runs the benchmark job with libltvcrm and with DuckDB, alternately, on the same generated
# order log; prints the median wall time and peak RSS of each, the ratio, and checks that the
# lifecycle state counts of both agree with the generator's checker.
#
#   bench/compare/run.sh [--duckdb-only] [SIZE] [RUNS]
#
#   SIZE  S (1 M customers, default), L (10 M), XL (57.5 M customers, ~100 M orders) or a
#         customer count
#   RUNS  runs of each side (default 3)
#   --duckdb-only  time DuckDB alone (before `ltvcrm segment` exists, or to check the data)
#
# Environment:
#   BUILD_DIR    the CMake build directory (default: build at the top of the repository)
#   LTVCRM       the ltvcrm program (default: $BUILD_DIR/ltvcrm)
#   LTVCRM_ARGS  what follows `ltvcrm segment FILE` (default: --counts --as-of $AS_OF); its
#                output must name each state (new, repeat, fan, dormant) followed by its count
#   SEED         generator seed (default 1)
#   AS_OF        as-of date (default 2026-11-01)
#
# Data go to bench/data/ (ignored by git), the outputs of every run to bench/data/runs/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$root/build}
LTVCRM=${LTVCRM:-$BUILD_DIR/ltvcrm}
SEED=${SEED:-1}
AS_OF=${AS_OF:-2026-11-01}
LTVCRM_ARGS=${LTVCRM_ARGS:---counts --as-of $AS_OF}
GEN=$BUILD_DIR/bench/ltvcrm-gen
CHECK=$BUILD_DIR/bench/ltvcrm-gen-check

die() { echo "run.sh: $*" >&2; exit 1; }

duckdb_only=0
if [ "${1:-}" = "--duckdb-only" ]; then duckdb_only=1; shift; fi
size=${1:-S}
runs=${2:-3}
case "$size" in
  S | s) customers=1000000 ;;
  L | l) customers=10000000 ;;
  XL | xl) customers=57500000 ;;
  *[!0-9]* | '') die "SIZE must be S, L, XL or a customer count, not '$size'" ;;
  *) customers=$size ;;
esac
case "$runs" in *[!0-9]* | '' | 0) die "RUNS must be a whole number >= 1, not '$runs'" ;; esac

# The libltvcrm side: fail before spending minutes on data if it cannot run.
if [ "$duckdb_only" -eq 0 ]; then
  [ -x "$LTVCRM" ] || die "no ltvcrm program at $LTVCRM: build it (cmake --build build) or set LTVCRM=/path/to/ltvcrm; --duckdb-only runs DuckDB alone"
  "$LTVCRM" segment --help >/dev/null 2>&1 ||
    die "'$LTVCRM segment' is not available (the subcommand is missing or fails on --help): set LTVCRM to a build that has it, or pass --duckdb-only"
fi

# The generator and its checker.
if [ ! -x "$GEN" ] || [ ! -x "$CHECK" ]; then
  [ -f "$BUILD_DIR/CMakeCache.txt" ] ||
    die "no build in $BUILD_DIR: cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2 (or set BUILD_DIR)"
  cmake --build "$BUILD_DIR" --target ltvcrm_gen ltvcrm_gen_check -j2 >&2
fi

# /usr/bin/time for the peak RSS.
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "run.sh: installing 'time' with apt" >&2
    apt-get update -qq && apt-get install -y -qq time >/dev/null
  fi
  [ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed for the peak RSS: apt-get install time"
fi

"$here/setup.sh"

data_dir=$root/bench/data
mkdir -p "$data_dir"
file=$data_dir/orders-$customers-seed$SEED.csv
if [ ! -f "$file" ]; then
  echo "run.sh: generating $file" >&2
  "$GEN" --customers "$customers" --seed "$SEED" --as-of "$AS_OF" --out "$file"
fi

run_dir=$data_dir/runs/$(date +%Y%m%d-%H%M%S)-$customers
mkdir -p "$run_dir"
echo "run.sh: file $file ($(du -h "$file" | cut -f1)), as of $AS_OF, outputs in $run_dir" >&2

# The reference state counts; reading the file also puts it in the page cache for both sides.
"$CHECK" "$file" --as-of "$AS_OF" >"$run_dir/check.txt" || die "the generated file does not check: see $run_dir/check.txt"

run_ltvcrm() {
  # shellcheck disable=SC2086 # LTVCRM_ARGS is a list of arguments
  /usr/bin/time -v -o "$run_dir/ltvcrm.$1.time" "$LTVCRM" segment "$file" $LTVCRM_ARGS >"$run_dir/ltvcrm.$1.out" ||
    die "ltvcrm failed (run $1): see $run_dir/ltvcrm.$1.out and .time"
}
run_duckdb() {
  /usr/bin/time -v -o "$run_dir/duckdb.$1.time" node "$here/duckdb_job.mjs" "$file" "$AS_OF" >"$run_dir/duckdb.$1.out" ||
    die "the DuckDB job failed (run $1): see $run_dir/duckdb.$1.out and .time"
}

for i in $(seq 1 "$runs"); do
  # Alternate which side goes first, so that neither always runs on a machine warmed by the other.
  if [ "$duckdb_only" -eq 1 ]; then
    run_duckdb "$i"
  elif [ $((i % 2)) -eq 1 ]; then
    run_ltvcrm "$i"; run_duckdb "$i"
  else
    run_duckdb "$i"; run_ltvcrm "$i"
  fi
  echo "run.sh: run $i of $runs done" >&2
done

grep -E '^(customers|rows|csv bytes):' "$run_dir/check.txt"
if [ "$duckdb_only" -eq 1 ]; then
  node "$here/report.mjs" "$run_dir" "$runs" --duckdb-only
else
  node "$here/report.mjs" "$run_dir" "$runs"
fi
