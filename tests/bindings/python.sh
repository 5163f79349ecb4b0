#!/usr/bin/env bash
# The Python binding suite (pytest) against one shared library: python.sh PATH/TO/libltvcrm.so
# Uses Debian's /usr/bin/python3 (where python3-pytest and python3-numpy live) when present,
# else python3 on PATH, or $LTV_PYTHON. Exits 77 (skipped) without Python or pytest.
set -euo pipefail
library=${1:?usage: python.sh LIBRARY}
root=$(cd "$(dirname "$0")/../.." && pwd)
py=${LTV_PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || command -v python3 || true)}
if [ -z "$py" ] || ! "$py" -c 'import pytest' 2>/dev/null; then
    echo "python: skipped, no python3 with pytest (Debian: apt-get install python3-pytest python3-numpy)"
    exit 77
fi
cd "$root"
LTVCRM_LIBRARY="$library" PYTHONDONTWRITEBYTECODE=1 "$py" -m pytest -q -p no:cacheprovider bindings/python/tests
