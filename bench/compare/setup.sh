#!/usr/bin/env bash
# Installs the DuckDB Node API (pinned in package.json / package-lock.json) into
# bench/compare/node_modules, which git ignores. Idempotent: does nothing when the pinned
# version is already there. Needs node >= 18 and npm; installs them with apt if absent.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing nodejs and npm with apt" >&2
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "setup: node and npm are needed (node >= 18); install them and run again" >&2
    exit 1
  fi
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  echo "setup: node $(node --version) is too old; the DuckDB Node API needs node >= 18" >&2
  exit 1
fi

want=$(node -p 'require("./package.json").dependencies["@duckdb/node-api"]')
have=$(node -p 'try { require("./node_modules/@duckdb/node-api/package.json").version } catch { "" }')
if [ "$have" = "$want" ] && node -e 'import("@duckdb/node-api").catch(() => process.exit(1))' 2>/dev/null; then
  exit 0
fi
echo "setup: installing @duckdb/node-api $want into $(pwd)/node_modules" >&2
# Not `npm ci`: npm leaves the other platforms' optional binding packages out of the lock file
# and `npm ci` then refuses it as out of sync; `npm install --no-save` follows the lock as is.
npm install --no-save --no-audit --no-fund --loglevel=error >&2
node -e 'import("@duckdb/node-api").catch((e) => { console.error("setup: the DuckDB Node API does not load:", e.message); process.exit(1); })'
