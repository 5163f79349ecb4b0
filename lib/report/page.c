/* The page: head with its style sheet, header, contents, the sections in order and the
 * footer; the building blocks every section uses; the two public entry points. */
#include <string.h>

#include "report_internal.h"

static const char style[] =
    ":root{--ink:#1a202c;--muted:#4a5568;--rule:#cbd5e0;--c0:#2b6cb0;--c1:#dd6b20;--c2:#2f855a;--c3:#805ad5;"
    "--c4:#c53030;--c5:#718096;--c6:#b7791f}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;color:var(--ink);background:#fff;font:15px/1.6 system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "\"Noto Sans\",\"Noto Sans CJK JP\",\"Hiragino Sans\",\"Yu Gothic\",Meiryo,sans-serif}\n"
    "html[lang=ja] body{font-family:\"Noto Sans CJK JP\",\"Noto Sans JP\",\"Hiragino Sans\",\"Hiragino Kaku Gothic ProN\","
    "\"Yu Gothic\",Meiryo,sans-serif}\n"
    "main{max-width:1120px;margin:0 auto;padding:24px 28px 40px}\n"
    "header h1{font-size:26px;margin:0}\n"
    ".meta{color:var(--muted);margin:2px 0 0}\n"
    "nav{margin:16px 0 0;font-size:14px}\nnav ol{margin:4px 0 0;padding-left:22px;columns:2}\n"
    "a{color:var(--c0)}\n"
    "section{margin-top:30px;border-top:2px solid var(--ink);padding-top:6px}\n"
    "h2{font-size:21px;margin:0 0 14px}\n"
    "figure{margin:0 0 26px;display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:8px 22px;"
    "align-items:start;break-inside:avoid}\n"
    "figure.wide{grid-template-columns:minmax(0,1fr)}\n"
    "figcaption{grid-column:1/-1}\nfigcaption b{font-size:16px}\n"
    "p.reading{margin:2px 0 0;color:#2d3748}\np.reading.lead{margin:0 0 16px}\np.note{margin:4px 0 12px;color:var(--muted);font-size:13px}\n"
    "table{border-collapse:collapse;width:100%;font-size:13px;font-variant-numeric:tabular-nums}\n"
    "th,td{padding:3px 6px;border-bottom:1px solid #e2e8f0;vertical-align:top}\n"
    "thead th{border-bottom:1px solid var(--ink);text-align:right;font-weight:600}\n"
    ".steps th{white-space:nowrap}\nthead th:first-child,th[scope=row]{text-align:left}\n"
    "th[scope=row]{font-weight:500;white-space:nowrap}\ntd{text-align:right}\n"
    "td.text,.steps thead th{text-align:left}\n.steps td{text-align:center}\n.steps td.text{text-align:left}\n"
    ".cards{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px;margin-bottom:10px}\n"
    ".card{border:1px solid var(--rule);border-radius:6px;padding:10px 14px}\n"
    ".card .k{color:var(--muted);font-size:13px}\n.card .v{font-size:28px;font-weight:700;line-height:1.25}\n"
    ".card .s{color:var(--muted);font-size:12px}\n"
    ".trio{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:10px}\n"
    ".matrix td,.matrix th{text-align:left;font-size:12.5px;white-space:pre-line}\n"
    ".matrix td.gap{background:#fff5f5;color:#9b2c2c}\n.matrix td.draft{background:#fffff0}\n"
    ".matrix thead th{text-align:left;vertical-align:bottom}\n.matrix .fig{display:block;font-weight:400;color:var(--muted)}\n"
    ".grade{font-size:40px;font-weight:700;margin-right:12px}\n"
    "svg{width:100%;height:auto;display:block;overflow:visible}\n.chart>svg{max-width:760px}\n"
    "svg text{font-size:11px;fill:var(--ink)}\nsvg .tick{fill:var(--muted)}\nsvg .val{font-size:10.5px}\n"
    "svg .legend{font-size:11px}\nsvg .note{font-size:10.5px;fill:var(--muted)}\nsvg .note.mark{fill:#c05621}\n"
    "svg .axisname{font-size:11px;fill:var(--muted)}\nsvg .cellt{font-size:10px}\nsvg .cellt.dark{fill:#fff}\n"
    ".c0{fill:var(--c0)}.c1{fill:var(--c1)}.c2{fill:var(--c2)}.c3{fill:var(--c3)}.c4{fill:var(--c4)}"
    ".c5{fill:var(--c5)}.c6{fill:var(--c6)}\n"
    "path.series{fill:none;stroke-width:2}\npath.c0{stroke:var(--c0)}path.c1{stroke:var(--c1)}path.c2{stroke:var(--c2)}"
    "path.c3{stroke:var(--c3)}path.c4{stroke:var(--c4)}path.c5{stroke:var(--c5)}path.c6{stroke:var(--c6)}\n"
    ".grid{stroke:#e2e8f0}.axis{stroke:#718096}.shade{fill:#fefcbf}.markline{stroke:var(--c1);stroke-dasharray:3 3}\n"
    "polyline.line{fill:none;stroke:var(--c2);stroke-width:2}\n"
    "footer{margin-top:30px;color:var(--muted);font-size:12px}\n"
    "@media (max-width:760px){figure,.trio,.cards{grid-template-columns:minmax(0,1fr)}}\n"
    "@page{size:A4;margin:12mm}\n"
    "@media print{body{font-size:9.5pt}main{max-width:none;padding:0}nav{display:none}"
    "section{break-before:auto}h2{break-after:avoid}figure{break-inside:avoid}"
    ".card .v{font-size:20pt}table{font-size:8.5pt}a{color:inherit;text-decoration:none}}\n";

/* ---- building blocks ---- */

void ltv__report_section_open(ltv__textbuf *tb, const char *id, const char *title) {
    ltv__tb_printf(tb, "<section id=\"%s\">\n<h2>", id);
    ltv__tb_html(tb, title, strlen(title));
    ltv__tb_puts(tb, "</h2>\n");
}

void ltv__report_section_close(ltv__textbuf *tb) { ltv__tb_puts(tb, "</section>\n"); }

void ltv__report_figure_open(ltv__textbuf *tb, const char *cls, const char *title, const ltv__textbuf *reading) {
    ltv__tb_printf(tb, "<figure%s%s%s>\n<figcaption><b>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    ltv__tb_html(tb, title, strlen(title));
    ltv__tb_puts(tb, "</b>");
    if (reading && reading->data && reading->len) {
        ltv__tb_puts(tb, "<p class=\"reading\">");
        ltv__tb_append(tb, reading->data, reading->len);
        ltv__tb_puts(tb, "</p>");
    }
    ltv__tb_puts(tb, "</figcaption>\n<div class=\"chart\">\n");
}

void ltv__report_figure_table(ltv__textbuf *tb) { ltv__tb_puts(tb, "</div>\n<div class=\"numbers\">\n"); }

void ltv__report_figure_close(ltv__textbuf *tb) { ltv__tb_puts(tb, "</div>\n</figure>\n"); }

void ltv__report_para(ltv__textbuf *tb, const char *cls, const char *text) {
    ltv__tb_printf(tb, "<p class=\"%s\">", cls);
    ltv__tb_html(tb, text, strlen(text));
    ltv__tb_puts(tb, "</p>\n");
}

void ltv__report_table_open(ltv__textbuf *tb, const char *const *heads, int count) {
    ltv__tb_puts(tb, "<table>\n<thead><tr>");
    for (int i = 0; i < count; i++) {
        ltv__tb_puts(tb, "<th scope=\"col\">");
        ltv__tb_html(tb, heads[i], strlen(heads[i]));
        ltv__tb_puts(tb, "</th>");
    }
    ltv__tb_puts(tb, "</tr></thead>\n<tbody>\n");
}

void ltv__report_table_close(ltv__textbuf *tb) { ltv__tb_puts(tb, "</tbody>\n</table>\n"); }

void ltv__report_row_head(ltv__textbuf *tb, const char *label) {
    ltv__tb_puts(tb, "<tr><th scope=\"row\">");
    ltv__tb_html(tb, label, strlen(label));
    ltv__tb_puts(tb, "</th>");
}

void ltv__report_cell(ltv__textbuf *tb, const char *text) {
    ltv__tb_puts(tb, "<td>");
    ltv__tb_html(tb, text, strlen(text));
    ltv__tb_puts(tb, "</td>");
}

void ltv__report_row_end(ltv__textbuf *tb) { ltv__tb_puts(tb, "</tr>\n"); }

/* ---- the page ---- */

void ltv__report_date(char buf[LTV__VALUE_TEXT], int32_t day) {
    if (day == LTV_NO_DAY || ltv_date_format(day, buf, LTV__VALUE_TEXT) != LTV_OK) strcpy(buf, "-");
}

typedef struct toc_entry {
    const char *id;
    int text;
} toc_entry;

static void header(ltv__textbuf *tb, const ltv__report *r, const toc_entry *toc, size_t ntoc) {
    const int lang = r->lang;
    const char *title = ltv__report_text(T_TITLE, lang);
    const char *shop = r->opts && r->opts->title ? r->opts->title : NULL;
    ltv__tb_printf(tb, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       /* the page forbids itself every fetch and every script: a browser that
                        * shows it never touches the network, and any slip shows as a console error */
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; "
                       "style-src &#39;unsafe-inline&#39;\">\n<title>",
                   lang == LTV_LANG_JA ? "ja" : "en");
    if (shop) {
        ltv__tb_html(tb, shop, strlen(shop));
        ltv__tb_puts(tb, " — ");
    }
    ltv__tb_html(tb, title, strlen(title));
    ltv__tb_puts(tb, "</title>\n<style>\n");
    ltv__tb_puts(tb, style);
    ltv__tb_puts(tb, "</style>\n</head>\n<body>\n<main>\n<header>\n<h1>");
    if (shop) {
        ltv__tb_html(tb, shop, strlen(shop));
        ltv__tb_puts(tb, " — ");
    }
    ltv__tb_html(tb, title, strlen(title));
    ltv__tb_puts(tb, "</h1>\n<p class=\"meta\">");
    char a[LTV__VALUE_TEXT], b[LTV__VALUE_TEXT], c[LTV__VALUE_TEXT];
    ltv__report_date(a, r->as_of);
    const char *args[2] = {a, b};
    ltv__report_fill(tb, ltv__report_text(T_AS_OF, lang), args, 1);
    if (r->first_day != LTV_NO_DAY) {
        ltv__report_date(a, r->first_day);
        ltv__report_date(b, r->last_day);
        ltv__tb_puts(tb, lang == LTV_LANG_JA ? "（" : " (");
        ltv__report_fill(tb, ltv__report_text(T_PERIOD, lang), args, 2);
        ltv__tb_puts(tb, lang == LTV_LANG_JA ? "）" : ")");
    }
    const int64_t generated = r->opts ? r->opts->values[LTV_REPORT_GENERATED_DAY] : LTV_NO_DAY;
    if (generated != LTV_NO_DAY) {
        ltv__report_date(c, (int32_t)generated);
        const char *g[1] = {c};
        ltv__tb_puts(tb, lang == LTV_LANG_JA ? "・" : " · ");
        ltv__report_fill(tb, ltv__report_text(T_GENERATED, lang), g, 1);
    }
    ltv__tb_puts(tb, "</p>\n<nav><b>");
    ltv__tb_puts(tb, ltv__report_text(T_CONTENTS, lang));
    ltv__tb_puts(tb, "</b><ol>\n");
    for (size_t i = 0; i < ntoc; i++) {
        ltv__tb_printf(tb, "<li><a href=\"#%s\">", toc[i].id);
        const char *t = ltv__report_text(toc[i].text, lang);
        ltv__tb_html(tb, t, strlen(t));
        ltv__tb_puts(tb, "</a></li>\n");
    }
    ltv__tb_puts(tb, "</ol></nav>\n</header>\n");
}

static void footer(ltv__textbuf *tb, const ltv__report *r) {
    char day[LTV__VALUE_TEXT];
    ltv__report_date(day, r->as_of);
    const char *args[2] = {ltv_version_string(), day};
    ltv__tb_puts(tb, "<footer><p>");
    ltv__report_fill(tb, ltv__report_text(T_FOOTER, r->lang), args, 2);
    ltv__tb_puts(tb, "</p></footer>\n</main>\n</body>\n</html>\n");
}

static int write_page(ltv__textbuf *tb, const ltv__report *r) {
    toc_entry toc[12];
    size_t n = 0;
    toc[n++] = (toc_entry){"headline", T_SEC_HEADLINE};
    toc[n++] = (toc_entry){"states", T_SEC_STATES};
    toc[n++] = (toc_entry){"rfm", T_SEC_RFM};
    toc[n++] = (toc_entry){"second", T_SEC_SECOND};
    toc[n++] = (toc_entry){"tenure", T_SEC_TENURE};
    toc[n++] = (toc_entry){"cohorts", T_SEC_COHORTS};
    toc[n++] = (toc_entry){"matrix", T_SEC_MATRIX};
    if (r->grade) toc[n++] = (toc_entry){"grade", T_SEC_GRADE};
    if (r->plan) toc[n++] = (toc_entry){"plan", T_SEC_PLAN};
    toc[n++] = (toc_entry){"predict", T_SEC_PREDICT};
    header(tb, r, toc, n);
    ltv__report_sec_headline(tb, r);
    ltv__report_sec_states(tb, r);
    ltv__report_sec_rfm(tb, r);
    int status = ltv__report_sec_second(tb, r);
    if (status == LTV_OK) status = ltv__report_sec_tenure(tb, r);
    if (status == LTV_OK) ltv__report_sec_cohorts(tb, r);
    if (status == LTV_OK) status = ltv__report_sec_matrix(tb, r);
    if (status == LTV_OK && r->grade) ltv__report_sec_grade(tb, r);
    if (status == LTV_OK && r->plan) status = ltv__report_sec_plan(tb, r);
    if (status == LTV_OK) status = ltv__report_sec_predict(tb, r);
    if (status == LTV_OK) footer(tb, r);
    return status;
}

/* The predictive section's days against the as-of day: a wrong day is the caller's error, not
 * a sentence on the page. */
static int check_predict_days(const ltv_report_options *opts, int32_t as_of) {
    if (!opts) return LTV_OK;
    const int64_t cal_set = opts->values[LTV_REPORT_CALIBRATION_END], hold = opts->values[LTV_REPORT_HOLDOUT_END];
    const int64_t cal = cal_set != LTV_NO_DAY ? cal_set : (int64_t)as_of - 1;
    char a[16], b[16];
    if (cal_set != LTV_NO_DAY && cal >= as_of) {
        ltv_date_format((int32_t)cal, a, sizeof a), ltv_date_format(as_of, b, sizeof b);
        return ltv__fail(LTV_ERANGE, "ltv_report_html: LTV_REPORT_CALIBRATION_END %s is not before the as-of day %s", a, b);
    }
    if (hold != LTV_NO_DAY && (hold <= cal || hold >= as_of)) {
        ltv_date_format((int32_t)hold, a, sizeof a), ltv_date_format(as_of, b, sizeof b);
        return ltv__fail(LTV_ERANGE,
                         "ltv_report_html: LTV_REPORT_HOLDOUT_END %s must be after the calibration end and before the "
                         "as-of day %s",
                         a, b);
    }
    return LTV_OK;
}

int ltv_report_html(char **out_html, size_t *out_len, const ltv_ledger *ledger, const ltv_report_options *opts,
                    int32_t as_of_day) {
    LTV_REQUIRE(out_html, "ltv_report_html");
    *out_html = NULL;
    if (out_len) *out_len = 0;
    LTV_REQUIRE(ledger, "ltv_report_html");
    const int checked = check_predict_days(opts, as_of_day);
    if (checked != LTV_OK) return checked;
    ltv__report *r = ltv__calloc(1, sizeof *r);
    if (!r) return ltv__fail(LTV_ENOMEM, "ltv_report_html: out of memory");
    int status = ltv__report_gather(r, ledger, opts, as_of_day);
    if (status == LTV_OK) {
        ltv__textbuf tb;
        ltv__tb_init(&tb);
        status = write_page(&tb, r);
        if (status == LTV_OK) status = ltv__tb_finish(&tb, "ltv_report_html", out_html, out_len);
        else ltv__tb_discard(&tb);
        ltv__report_release(r);
    }
    ltv__free(r);
    return status;
}
