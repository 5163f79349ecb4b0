#!/usr/bin/env bash
# The sample's HTML report as a person sees it: rendered by headless Chromium (Debian's
# `chromium`, with `fonts-noto-cjk` for the Japanese page) in both languages.
#   bash scripts/check-report-render.sh BUILD_DIR      (ctest: report_render, label render)
# For each language it writes BUILD_DIR/report-render/report-LANG.{html,png,pdf} and checks
#   - the page loads without a single console message (the page carries a Content-Security-
#     Policy that forbids every fetch and script, so a network access or a script would be
#     reported on the console; the page has no script of its own);
#   - every chart's <svg> is in the DOM Chromium built, with a title and drawn shapes;
#   - a screenshot (the top of the page) and an A4 PDF print are written.
set -euo pipefail
build=$(cd "${1:?usage: check-report-render.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
tool="$build/ltvcrm"
out="$build/report-render"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! fc-list :lang=ja family 2>/dev/null | grep -q .; then
    echo "report_render: skipped, needs chromium and a Japanese font (Debian: apt-get install chromium fonts-noto-cjk)"
    exit 77
fi
checks=0
rm -rf "$out"
mkdir -p "$out"

# A fresh, empty profile per run; as root (CI) Chromium needs --no-sandbox.
chrome() {
    local profile
    profile=$(mktemp -d)
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars "$@"
    local code=$?
    rm -rf "$profile"
    return $code
}

# check_page NAME LANG: renders $out/report-NAME.html (written before) and checks it.
check_page() {
    local name=$1 lang=$2
    local page="$out/report-$name.html"
    chrome --enable-logging=stderr --v=0 --dump-dom "file://$page" >"$out/dom-$name.html" 2>"$out/console-$name.log" || {
        echo "check-report-render: chromium failed on $page" >&2; tail -5 "$out/console-$name.log" >&2; exit 1; }
    if grep -q ':CONSOLE' "$out/console-$name.log"; then
        echo "check-report-render: console messages on the $name page:" >&2
        grep ':CONSOLE' "$out/console-$name.log" >&2
        exit 1
    fi
    /usr/bin/python3 - "$page" "$out/dom-$name.html" "$lang" <<'PY'
import sys
from html.parser import HTMLParser

class Svgs(HTMLParser):
    """Each <svg>: whether its first child is a non-empty <title>, and how many shapes it draws."""
    def __init__(self):
        super().__init__()
        self.svgs, self.depth, self.first, self.in_title = [], 0, False, False
    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.svgs.append({"title": "", "shapes": 0, "viewbox": dict(attrs).get("viewbox", "")})
            self.depth, self.first = 1, True
            return
        if not self.depth:
            return
        if self.first and tag == "title":
            self.in_title = True
        self.first = False
        if tag in ("rect", "path", "circle", "polyline", "line"):
            self.svgs[-1]["shapes"] += 1
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "svg":
            self.depth = 0
    def handle_data(self, data):
        if self.in_title and self.depth:
            self.svgs[-1]["title"] += data

source, dom, lang = sys.argv[1:]
want = open(source, encoding="utf-8").read().count("<svg ")
text = open(dom, encoding="utf-8").read()
parser = Svgs()
parser.feed(text)
problems = []
if not text.rstrip().endswith("</html>"):
    problems.append("the DOM is incomplete")
if f'<html lang="{lang}">' not in text:
    problems.append(f"the page is not lang={lang}")
if len(parser.svgs) != want or want < 15:
    problems.append(f"{len(parser.svgs)} charts in the DOM, {want} in the page")
for i, svg in enumerate(parser.svgs):
    if not svg["title"].strip() or svg["shapes"] == 0 or not svg["viewbox"]:
        problems.append(f"chart {i + 1} ({svg['title'][:40]!r}) is empty or has no title")
if problems:
    sys.exit(f"check-report-render: {source}: " + "; ".join(problems))
print(f"check-report-render: {source.rsplit('/', 1)[-1]}: {len(parser.svgs)} charts drawn, no console messages")
PY
    checks=$((checks + 2))
    chrome --window-size=1280,1600 --screenshot="$out/report-$name.png" "file://$page" >/dev/null 2>&1
    chrome --no-pdf-header-footer --print-to-pdf="$out/report-$name.pdf" "file://$page" >/dev/null 2>&1
    [ "$(stat -c %s "$out/report-$name.png")" -gt 20000 ] || { echo "check-report-render: no screenshot of the $name page" >&2; exit 1; }
    grep -aq "/MediaBox \[0 0 59[45]" "$out/report-$name.pdf" ||
        { echo "check-report-render: the $name page does not print on A4" >&2; exit 1; }
    pages=$(grep -ac "/Type /Page\b" "$out/report-$name.pdf" || true)
    echo "check-report-render: $name: screenshot $out/report-$name.png, A4 print of $pages pages $out/report-$name.pdf"
    checks=$((checks + 2))
}

for lang in ja en; do
    "$tool" report "$root/examples/data/orders.csv" --decimals 0 --as-of 2026-11-01 --format html --lang "$lang" \
        --answers AABCDAABBA --scenario builtin -o "$out/report-$lang.html"
    check_page "$lang" "$lang"
done
# the predictive models' diagnostics (a holdout) on CDNOW, in Japanese: 6 charts in the predict section
"$tool" report "$root/tests/data/cdnow_orders.csv" --format html --lang ja --calibration-end 1997-09-30 \
    --holdout-end 1998-06-30 -o "$out/report-cdnow-ja.html"
check_page cdnow-ja ja
/usr/bin/python3 - "$out/dom-cdnow-ja.html" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
section = dom[dom.index('<section id="predict"'):]
section = section[:section.index("</section>")]
titles = re.findall(r"<svg[^>]*><title>([^<]*)</title>", section)
want = ["学習期間のリピート回数別", "週ごとのリピート購入回数", "リピート購入回数の累計", "E[X(t)]"]
missing = [w for w in want if not any(w in t for t in titles)]
if len(titles) != 6 or missing:
    sys.exit(f"check-report-render: the diagnostics charts: {len(titles)} charts in the predict section, missing {missing}")
print("check-report-render: cdnow-ja: the 4 diagnostics charts are drawn")
PY
checks=$((checks + 1))
echo "report_render: $checks passed, 0 failed"
