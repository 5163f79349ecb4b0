"""Platform presets through Python: the same figures as the tool and as an independent reading."""

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest

import ltvcrm
from conftest import REPO

FIXTURES = os.path.join(REPO, "tests", "data", "platforms")
PRESETS = {"shopify": "shopify.csv", "woocommerce": "woocommerce.csv", "eccube": "eccube.csv",
           "rakuten": "rakuten.csv", "amazon": "amazon.txt"}


def expected(preset):
    out = subprocess.run([sys.executable, os.path.join(FIXTURES, "expected.py"), preset,
                          os.path.join(FIXTURES, PRESETS[preset])], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_figures_equal_an_independent_reading(preset):
    decimals = ltvcrm.CsvOptions(preset=preset)["decimals"]
    with ltvcrm.Ledger() as ledger:
        report = ledger.load_csv(os.path.join(FIXTURES, PRESETS[preset]), preset=preset)
        s = ledger.summary()
    want = expected(preset)
    scale = Decimal(10) ** decimals
    assert report.rows_rejected == 0
    assert (s.customers, s.orders) == (want["customers"], want["orders"])
    assert Decimal(s.gross_revenue) / scale == Decimal(want["gross"])
    assert Decimal(s.gross_revenue - s.revenue) / scale == Decimal(want["refunded"])
    assert Decimal(s.revenue) / scale == Decimal(want["net"])


def test_the_list_and_what_each_cannot_tell():
    names = [p.name for p in ltvcrm.presets()]
    assert names[:5] == ["shopify", "woocommerce", "eccube", "rakuten", "amazon"]
    amazon = ltvcrm.preset_info("amazon")
    assert "no buyer" in amazon.warning and amazon.source.startswith("https://sellercentral.amazon")
    assert ltvcrm.preset_info("shopify").warning is None
    with pytest.raises(ltvcrm.InvalidArgumentError, match="not a preset"):
        ltvcrm.CsvOptions(preset="magento")


def test_keywords_after_the_preset_override_it():
    opts = ltvcrm.CsvOptions(preset="shopify", decimals=0)
    assert opts["decimals"] == 0
