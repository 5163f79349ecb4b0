#!/usr/bin/env bash
# The Ruby binding suite (minitest) against one shared library: ruby.sh PATH/TO/libltvcrm.so
# Exits 77 (skipped) without ruby, the ffi gem or minitest.
set -euo pipefail
library=${1:?usage: ruby.sh LIBRARY}
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v ruby >/dev/null || ! ruby -e 'require "ffi"; require "minitest"' 2>/dev/null; then
    echo "ruby: skipped, no ruby with the ffi and minitest gems (Debian: apt-get install ruby ruby-ffi ruby-minitest)"
    exit 77
fi
cd "$root"
LTVCRM_LIBRARY="$library" ruby -Ibindings/ruby/lib \
    -e 'Dir["bindings/ruby/test/test_*.rb"].sort.each { |f| require File.expand_path(f) }'
