/* Chart primitives: inline SVG with a <title>, sized by a viewBox so the page scales it to
 * the screen or the A4 column. Coordinates are written with one decimal through
 * ltv__tb_fixed (locale-proof); colours are CSS classes (c0..c6) so print styles can adjust. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

#define DEFAULT_W 640.0
#define FONT_PX 11.0

static void put_num(ltv__textbuf *tb, double v) { ltv__tb_fixed(tb, v, 1); }

static void attr(ltv__textbuf *tb, const char *name, double v) {
    ltv__tb_printf(tb, " %s=\"", name);
    put_num(tb, v);
    ltv__tb_puts(tb, "\"");
}

static void esc(ltv__textbuf *tb, const char *text) { ltv__tb_html(tb, text, strlen(text)); }

/* Width of a label in px, counting East Asian wide characters as two columns. */
static double text_px(const char *text) {
    size_t len = strlen(text);
    size_t cols = ltv__utf8_valid(text, len, NULL) ? ltv__utf8_display_width(text, len) : len;
    return (double)cols * FONT_PX * 0.58;
}

static void svg_open(ltv__textbuf *tb, const char *title, double width, double height) {
    ltv__tb_puts(tb, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ");
    put_num(tb, width);
    ltv__tb_puts(tb, " ");
    put_num(tb, height);
    ltv__tb_puts(tb, "\"><title>");
    esc(tb, title);
    ltv__tb_puts(tb, "</title>\n");
}

static void text_at(ltv__textbuf *tb, double x, double y, const char *anchor, const char *cls, const char *text) {
    ltv__tb_puts(tb, "<text");
    attr(tb, "x", x);
    attr(tb, "y", y);
    if (anchor) ltv__tb_printf(tb, " text-anchor=\"%s\"", anchor);
    if (cls) ltv__tb_printf(tb, " class=\"%s\"", cls);
    ltv__tb_puts(tb, ">");
    esc(tb, text);
    ltv__tb_puts(tb, "</text>\n");
}

static void rect(ltv__textbuf *tb, double x, double y, double w, double h, const char *cls, const char *tip) {
    ltv__tb_puts(tb, "<rect");
    attr(tb, "x", x);
    attr(tb, "y", y);
    attr(tb, "width", w > 0 ? w : 0);
    attr(tb, "height", h > 0 ? h : 0);
    if (cls) ltv__tb_printf(tb, " class=\"%s\"", cls);
    if (tip) {
        ltv__tb_puts(tb, "><title>");
        esc(tb, tip);
        ltv__tb_puts(tb, "</title></rect>\n");
    } else {
        ltv__tb_puts(tb, "/>\n");
    }
}

static void line(ltv__textbuf *tb, double x1, double y1, double x2, double y2, const char *cls) {
    ltv__tb_puts(tb, "<line");
    attr(tb, "x1", x1);
    attr(tb, "y1", y1);
    attr(tb, "x2", x2);
    attr(tb, "y2", y2);
    ltv__tb_printf(tb, " class=\"%s\"/>\n", cls);
}

static const char *const colour[] = {"c0", "c1", "c2", "c3", "c4", "c5", "c6"};
static const char *style_class(int style) { return colour[(style < 0 ? 0 : style) % 7]; }

/* A legend row at the top: a swatch and the name of each series. */
static void legend(ltv__textbuf *tb, const ltv__series *series, int nseries, double x, double y) {
    for (int s = 0; s < nseries; s++) {
        rect(tb, x, y - 9, 10, 10, style_class(series[s].style), NULL);
        text_at(tb, x + 14, y, NULL, "legend", series[s].name);
        x += 14 + text_px(series[s].name) + 18;
    }
}

/* A round upper bound for an axis of four steps: each step 1, 2, 2.5 or 5 times a power of
 * ten, so that every gridline has a round value. */
static double nice_max(double v) {
    if (!(v > 0)) return 1;
    const double step = v / 4;
    double p = pow(10, floor(log10(step)));
    const double steps[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (step <= steps[i] * p * (1 + 1e-9)) return 4 * steps[i] * p;
    return 40 * p;
}

/* Short tick values: "25%", "1.5M", "250k", "62.5". */
static void axis_value(char buf[LTV__VALUE_TEXT], double v, int percent) {
    const double scaled = v >= 1e6 ? v / 1e6 : v >= 1e4 ? v / 1e3 : v;
    const char *unit = v >= 1e6 ? "M" : v >= 1e4 ? "k" : "";
    const double pct = v * 100.0;
    if (percent) ltv__report_num(buf, pct, fabs(pct - floor(pct + 0.5)) < 1e-9 ? 0 : 1), strcat(buf, "%");
    else if (scaled == floor(scaled)) ltv__report_count(buf, (uint64_t)scaled), strcat(buf, unit);
    else ltv__report_num(buf, scaled, fabs(scaled * 10 - floor(scaled * 10 + 0.5)) < 1e-9 ? 1 : 2), strcat(buf, unit);
}

void ltv__svg_hbars(ltv__textbuf *tb, const char *title, size_t n, const char *const *labels,
                    const ltv__series *series, int nseries, double max, const char *const *texts, double width) {
    const double W = width > 0 ? width : DEFAULT_W;
    double label_w = 60;
    for (size_t i = 0; i < n; i++) label_w = fmax(label_w, text_px(labels[i]) + 10);
    if (label_w > 240) label_w = 240;
    const double bar_h = 12, row_h = nseries * (bar_h + 2) + 10, top = nseries > 1 ? 26 : 8;
    const double plot_x = label_w, plot_w = W - label_w - 70;
    const double height = top + (double)n * row_h + 6;
    if (!(max > 0)) max = 1;
    svg_open(tb, title, W, height);
    if (nseries > 1) legend(tb, series, nseries, plot_x, 14);
    for (size_t i = 0; i < n; i++) {
        const double y0 = top + (double)i * row_h;
        text_at(tb, label_w - 8, y0 + row_h / 2 + 2, "end", NULL, labels[i]);
        for (int s = 0; s < nseries; s++) {
            const double v = series[s].values[i];
            const double w = isfinite(v) && v > 0 ? plot_w * fmin(v / max, 1.0) : 0;
            const double y = y0 + 5 + s * (bar_h + 2);
            const char *t = texts ? texts[(size_t)s * n + i] : NULL;
            char tip[512];
            snprintf(tip, sizeof tip, "%s — %s: %s", labels[i], series[s].name, t ? t : "");
            rect(tb, plot_x, y, w, bar_h, style_class(series[s].style), tip);
            if (t) text_at(tb, plot_x + w + 4, y + bar_h - 2, NULL, "val", t);
        }
    }
    line(tb, plot_x, top, plot_x, height - 6, "axis");
    ltv__tb_puts(tb, "</svg>\n");
}

void ltv__svg_columns(ltv__textbuf *tb, const ltv__columns *c) {
    const double W = c->width > 0 ? c->width : DEFAULT_W;
    const double height = c->axis_name ? 262 : 250, top = 30, bottom = c->axis_name ? 48 : 36, left = 50;
    const double right = c->line ? 44 : 14;
    const double plot_w = W - left - right, plot_h = height - top - bottom;
    double vmax = 0, lmax = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (isfinite(c->values[i])) vmax = fmax(vmax, c->values[i]);
        if (c->line && isfinite(c->line[i])) lmax = fmax(lmax, c->line[i]);
    }
    vmax = c->percent ? fmin(nice_max(vmax), 1.0) : nice_max(vmax);
    if (c->percent && vmax <= 0) vmax = 1;
    if (!c->percent && !(vmax >= 4)) vmax = 4; /* counts: whole ticks even without data */
    lmax = nice_max(lmax);
    svg_open(tb, c->title, W, height);
    const double band = c->n ? plot_w / (double)c->n : plot_w;
    if (c->shade_from >= 0 && c->shade_to > c->shade_from) {
        const double x = left + band * c->shade_from;
        rect(tb, x, top, band * (fmin(c->shade_to, (double)c->n) - c->shade_from), plot_h, "shade", c->shade_note);
        if (c->shade_note) text_at(tb, x + 3, top - 4, NULL, "note", c->shade_note);
    }
    for (int g = 0; g <= 4; g++) {
        const double y = top + plot_h - plot_h * g / 4.0;
        char v[LTV__VALUE_TEXT];
        line(tb, left, y, left + plot_w, y, g ? "grid" : "axis");
        axis_value(v, vmax * g / 4.0, c->percent);
        text_at(tb, left - 5, y + 4, "end", "tick", v);
        if (c->line) {
            axis_value(v, lmax * g / 4.0, 0);
            text_at(tb, left + plot_w + 5, y + 4, NULL, "tick", v);
        }
    }
    for (size_t i = 0; i < c->n; i++) {
        const double v = isfinite(c->values[i]) && c->values[i] > 0 ? c->values[i] : 0;
        const double h = plot_h * fmin(v / vmax, 1.0);
        const double x = left + band * (double)i + band * 0.1;
        char tip[512], vt[LTV__VALUE_TEXT];
        if (c->percent) ltv__report_pct(vt, v);
        else if (v == floor(v)) ltv__report_count(vt, (uint64_t)v);
        else ltv__report_num(vt, v, 1);
        snprintf(tip, sizeof tip, "%s: %s", c->labels[i][0] ? c->labels[i] : c->value_name, vt);
        rect(tb, x, top + plot_h - h, band * 0.8, h, (int)i == c->mark ? "c1" : "c0", tip);
        if (c->labels[i][0]) text_at(tb, x + band * 0.4, top + plot_h + 14, "middle", "tick", c->labels[i]);
    }
    if (c->axis_name) text_at(tb, left + plot_w / 2, top + plot_h + 30, "middle", "axisname", c->axis_name);
    if (c->mark >= 0 && (size_t)c->mark < c->n && c->mark_note) {
        const double x = left + band * (c->mark + 0.5);
        const bool right_half = x > left + plot_w * 0.6;
        line(tb, x, top - 8, x, top + plot_h, "markline");
        text_at(tb, right_half ? x - 4 : x + 4, top - 12, right_half ? "end" : NULL, "note mark", c->mark_note);
    }
    if (c->line) {
        ltv__tb_puts(tb, "<polyline class=\"line\" points=\"");
        for (size_t i = 0; i < c->n; i++) {
            const double v = isfinite(c->line[i]) ? c->line[i] : 0;
            put_num(tb, left + band * ((double)i + 0.5));
            ltv__tb_puts(tb, ",");
            put_num(tb, top + plot_h - plot_h * fmin(v / lmax, 1.0));
            ltv__tb_puts(tb, i + 1 < c->n ? " " : "");
        }
        ltv__tb_puts(tb, "\"/>\n");
        ltv__series leg[2] = {{c->value_name, NULL, 0}, {c->line_name, NULL, 2}};
        legend(tb, leg, 2, left, 14);
    }
    ltv__tb_puts(tb, "</svg>\n");
}

void ltv__svg_plot(ltv__textbuf *tb, const ltv__plot *p) {
    const double W = DEFAULT_W, height = p->axis_name ? 284 : 270, top = 16, bottom = p->axis_name ? 64 : 50;
    const double left = 46, right = 30;
    const double plot_w = W - left - right, plot_h = height - top - bottom;
    double vmax = 1;
    if (!p->percent) {
        double most = 0;
        for (int s = 0; s < p->nseries; s++)
            for (size_t i = 0; i < p->n; i++)
                if (isfinite(p->series[s].values[i])) most = fmax(most, p->series[s].values[i]);
        vmax = nice_max(most);
    }
    svg_open(tb, p->title, W, height);
    for (int g = 0; g <= 4; g++) {
        const double y = top + plot_h - plot_h * g / 4.0;
        char v[LTV__VALUE_TEXT];
        line(tb, left, y, left + plot_w, y, g ? "grid" : "axis");
        axis_value(v, vmax * g / 4.0, p->percent);
        text_at(tb, left - 5, y + 4, "end", "tick", v);
    }
    const double step = p->n > 1 ? plot_w / (double)(p->n - 1) : 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->xlabels[i][0]) text_at(tb, left + step * (double)i, top + plot_h + 15, "middle", "tick", p->xlabels[i]);
    if (p->axis_name) text_at(tb, left + plot_w / 2, top + plot_h + 30, "middle", "axisname", p->axis_name);
    if (p->mark >= 0 && (size_t)p->mark < p->n) {
        const double x = left + step * (double)p->mark;
        const bool right_half = x > left + plot_w * 0.6;
        line(tb, x, top, x, top + plot_h, "markline");
        if (p->mark_note) text_at(tb, right_half ? x - 4 : x + 4, top + 10, right_half ? "end" : NULL, "note mark", p->mark_note);
    }
    for (int s = 0; s < p->nseries; s++) {
        const double *values = p->series[s].values;
        ltv__tb_printf(tb, "<path class=\"series %s\" d=\"", style_class(p->series[s].style));
        bool pen = false;
        for (size_t i = 0; i < p->n; i++) {
            const double v = values[i];
            if (!isfinite(v)) {
                pen = false;
                continue;
            }
            ltv__tb_puts(tb, pen ? " L" : " M");
            put_num(tb, left + step * (double)i);
            ltv__tb_puts(tb, " ");
            put_num(tb, top + plot_h - plot_h * fmin(fmax(v, 0) / vmax, 1));
            pen = true;
        }
        ltv__tb_puts(tb, "\"/>\n");
        for (size_t i = 0; i < p->n && p->dots; i++) {
            const double v = values[i];
            if (!isfinite(v)) continue;
            char tip[512], vt[LTV__VALUE_TEXT];
            if (p->percent) ltv__report_pct(vt, v);
            else ltv__report_num(vt, v, p->decimals);
            snprintf(tip, sizeof tip, "%s, %s: %s", p->series[s].name, p->xlabels[i], vt);
            ltv__tb_printf(tb, "<circle class=\"%s\"", style_class(p->series[s].style));
            attr(tb, "cx", left + step * (double)i);
            attr(tb, "cy", top + plot_h - plot_h * fmin(fmax(v, 0) / vmax, 1));
            ltv__tb_puts(tb, " r=\"3\"><title>");
            esc(tb, tip);
            ltv__tb_puts(tb, "</title></circle>\n");
        }
    }
    legend(tb, p->series, p->nseries, left, height - 8);
    ltv__tb_puts(tb, "</svg>\n");
}

void ltv__svg_lines(ltv__textbuf *tb, const char *title, size_t n, const char *const *xlabels,
                    const ltv__series *series, int nseries) {
    const ltv__plot p = {.title = title, .n = n, .xlabels = xlabels, .series = series, .nseries = nseries,
                         .percent = 1, .mark = -1, .dots = true};
    ltv__svg_plot(tb, &p);
}

/* A blue scale from near white to deep blue; text turns white on dark cells. */
static void heat_fill(ltv__textbuf *tb, double t) {
    static const int from[3] = {0xf1, 0xf6, 0xfc}, to[3] = {0x1c, 0x4e, 0x8a};
    t = fmin(fmax(t, 0), 1);
    int rgb[3];
    for (int k = 0; k < 3; k++) rgb[k] = (int)lround(from[k] + (to[k] - from[k]) * t);
    ltv__tb_printf(tb, " fill=\"#%02x%02x%02x\"", rgb[0], rgb[1], rgb[2]);
}

void ltv__svg_heat(ltv__textbuf *tb, const ltv__heat *h) {
    double label_w = 30;
    for (size_t r = 0; r < h->rows; r++) label_w = fmax(label_w, text_px(h->row_labels[r]) + 10);
    const double W = DEFAULT_W, top = 34, left = label_w + 18;
    const double cell_w = fmin(90, (W - left - 6) / (double)(h->cols ? h->cols : 1));
    const double cell_h = h->text2 ? 34 : 22;
    const double height = top + cell_h * (double)h->rows + 8;
    svg_open(tb, h->title, W, height);
    text_at(tb, left + cell_w * (double)h->cols / 2, 11, "middle", "axisname", h->col_axis);
    for (size_t c = 0; c < h->cols; c++) text_at(tb, left + cell_w * ((double)c + 0.5), top - 6, "middle", "tick", h->col_labels[c]);
    ltv__tb_puts(tb, "<text class=\"axisname\" text-anchor=\"middle\" transform=\"translate(10 ");
    put_num(tb, top + cell_h * (double)h->rows / 2);
    ltv__tb_puts(tb, ") rotate(-90)\">");
    esc(tb, h->row_axis);
    ltv__tb_puts(tb, "</text>\n");
    for (size_t r = 0; r < h->rows; r++) {
        const double y = top + cell_h * (double)r;
        text_at(tb, left - 6, y + cell_h / 2 + 4, "end", "tick", h->row_labels[r]);
        for (size_t c = 0; c < h->cols; c++) {
            const size_t k = r * h->cols + c;
            const double t = h->intensity[k];
            const double x = left + cell_w * (double)c;
            if (!isfinite(t)) continue;
            ltv__tb_puts(tb, "<rect class=\"cell\"");
            attr(tb, "x", x + 1);
            attr(tb, "y", y + 1);
            attr(tb, "width", cell_w - 2);
            attr(tb, "height", cell_h - 2);
            heat_fill(tb, t);
            ltv__tb_puts(tb, "/>\n");
            const char *cls = t > 0.55 ? "cellt dark" : "cellt";
            const double mid = x + cell_w / 2;
            if (h->text1 && h->text1[k]) text_at(tb, mid, y + (h->text2 ? 15 : 15), "middle", cls, h->text1[k]);
            if (h->text2 && h->text2[k]) text_at(tb, mid, y + 28, "middle", cls, h->text2[k]);
        }
    }
    ltv__tb_puts(tb, "</svg>\n");
}

void ltv__svg_stacked(ltv__textbuf *tb, const char *title, size_t n, const char *const *labels,
                      const ltv__series *series, int nseries) {
    const double W = DEFAULT_W, height = 260, top = 14, bottom = 48, left = 50, right = 14;
    const double plot_w = W - left - right, plot_h = height - top - bottom;
    double vmax = 0;
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (int s = 0; s < nseries; s++) sum += isfinite(series[s].values[i]) ? series[s].values[i] : 0;
        vmax = fmax(vmax, sum);
    }
    vmax = nice_max(vmax);
    svg_open(tb, title, W, height);
    for (int g = 0; g <= 4; g++) {
        const double y = top + plot_h - plot_h * g / 4.0;
        char v[LTV__VALUE_TEXT];
        line(tb, left, y, left + plot_w, y, g ? "grid" : "axis");
        axis_value(v, vmax * g / 4.0, 0);
        text_at(tb, left - 5, y + 4, "end", "tick", v);
    }
    const double band = n ? plot_w / (double)n : plot_w;
    for (size_t i = 0; i < n; i++) {
        double base = 0;
        const double x = left + band * (double)i + band * 0.15;
        for (int s = 0; s < nseries; s++) {
            const double v = isfinite(series[s].values[i]) && series[s].values[i] > 0 ? series[s].values[i] : 0;
            if (v <= 0) continue;
            const double y1 = top + plot_h - plot_h * fmin((base + v) / vmax, 1.0);
            const double y0 = top + plot_h - plot_h * fmin(base / vmax, 1.0);
            char tip[512], vt[LTV__VALUE_TEXT];
            ltv__report_count(vt, (uint64_t)v);
            snprintf(tip, sizeof tip, "%s, %s: %s", labels[i], series[s].name, vt);
            rect(tb, x, y1, band * 0.7, y0 - y1, style_class(series[s].style), tip);
            base += v;
        }
        text_at(tb, x + band * 0.35, top + plot_h + 14, "middle", "tick", labels[i]);
    }
    legend(tb, series, nseries, left, height - 6);
    ltv__tb_puts(tb, "</svg>\n");
}
