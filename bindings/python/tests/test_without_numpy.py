"""numpy is optional: without it, bulk adds take lists and columns come back as lists."""

import os
import subprocess
import sys
import textwrap

from conftest import PACKAGE_ROOT

SCRIPT = textwrap.dedent("""
    import sys
    sys.modules["numpy"] = None  # make "import numpy" fail
    import ltvcrm
    assert not ltvcrm.have_numpy()
    with ltvcrm.Ledger() as ledger:
        ledger.add_events(["a", "b", "a"], ["2025-12-01", "2025-12-02", "2025-12-03"], [100, 200, 300])
        assert isinstance(ledger.customer_ids(), list)
        with ledger.segment("2026-01-01") as seg:
            state = seg.state
            assert type(state) is list and state == [1, 0], state
            assert seg.annual_ltv == [400, 200]
            assert seg.labels("state") == ["repeat", "new"]
    print("ok")
""")


def test_the_package_works_without_numpy():
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT)
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
