# Sourced by run.sh: every platform preset on its fixture (tests/data/platforms/, written from the
# platform's documented format) gives the figures an independent reading of the same file gives
# (expected.py: the csv module and the platform's documented column meanings, not the library).
platforms="$here/../data/platforms"
for preset in shopify woocommerce eccube rakuten amazon; do
    file="$platforms/$preset.csv"
    [ "$preset" = amazon ] && file="$platforms/amazon.txt"
    want=$(python3 "$platforms/expected.py" "$preset" "$file")
    got=$("$tool" summary "$file" --preset "$preset" --format json 2>"$tmp/$preset.err")
    code=$?
    verdict=$(python3 - "$want" "$got" <<'PY'
import json, sys
from decimal import Decimal
want = json.loads(sys.argv[1])
try:
    got = json.loads(sys.argv[2], parse_float=Decimal)
except ValueError as exc:
    print(f"not JSON: {exc}"); sys.exit()
gross, net = Decimal(str(got["gross_revenue"])), Decimal(str(got["revenue"]))
seen = {"customers": got["customers"], "orders": got["orders"], "gross": gross, "refunded": gross - net, "net": net}
bad = [f"{k} {seen[k]} != {want[k]}" for k in want if Decimal(str(seen[k])) != Decimal(str(want[k]))]
print("; ".join(bad) if bad else "ok")
PY
)
    if [ "$code" -eq 0 ] && [ "$verdict" = ok ]; then
        passed=$((passed + 1))
    else
        echo "FAIL preset-$preset: exit $code, $verdict"; head -3 "$tmp/$preset.err"; failed=$((failed + 1))
    fi
done
expect preset-amazon-warns 0 "no buyer" -- "$tool" summary "$platforms/amazon.txt" --preset amazon
expect preset-unknown 2 "'magento' is not a preset \(shopify, woocommerce, eccube, rakuten, amazon\)" -- "$tool" summary "$platforms/shopify.csv" --preset magento
# a setting after the preset overrides it: the same yen read with no decimals
expect preset-override 0 '"gross_revenue":693302[,}]' -- "$tool" summary "$platforms/shopify.csv" --preset shopify --decimals 0 --format json
expect preset-wrong-encoding 3 "Shift_JIS|cp932" -- "$tool" summary "$platforms/eccube.csv" --preset eccube --encoding utf-8
# every command that reads an order log takes the presets
expect preset-segment 0 "^customer_id," -- "$tool" segment "$platforms/eccube.csv" --preset eccube --format csv
expect preset-report 0 "no buyer" -- "$tool" report "$platforms/amazon.txt" --preset amazon
expect preset-plan 0 "" -- "$tool" plan "$platforms/rakuten.csv" --preset rakuten
