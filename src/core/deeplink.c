/* deeplink: state <-> "c=KAZ&v=..." strings. See deeplink.h for the grammar. */
#include "deeplink.h"

#include "app.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZOOM_LIMIT 20.0

/* --- writing --------------------------------------------------------------- */

typedef struct Out { char *buf; size_t size, len; } Out;

static void put(Out *o, const char *s)
{
    for (; *s; s++, o->len++)
        if (o->len + 1 < o->size) o->buf[o->len] = *s;
    if (o->size) o->buf[o->len + 1 < o->size ? o->len : o->size - 1] = 0;
}

static void put_escaped(Out *o, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char one[4] = { (char)c, 0, 0, 0 };
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.' || c == '~')) {
            one[0] = '%';
            one[1] = hex[c >> 4];
            one[2] = hex[c & 15];
        }
        put(o, one);
    }
}

static const char *selection_key(const App *app)
{
    const char *key, *name;
    app_selection_names(app, app->select.current, &key, &name);
    return key;
}

/* Starts the field "name=", after the '&' that parts it from the fields before. */
static void field(Out *o, const char *name)
{
    if (o->len) put(o, "&");
    put(o, name);
    put(o, "=");
}

static void int_field(Out *o, const char *name, int value)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%d", value);
    field(o, name);
    put(o, digits);
}

/* "t=1991-2022", unless the filter spans the whole timeline. */
static void years_field(const App *app, Out *o, const EventFilter *filter)
{
    if (filter->year_from == app->timeline.first_year && filter->year_to == app->timeline.last_year) return;
    char years[32];
    snprintf(years, sizeof years, "%d-%d", filter->year_from, filter->year_to);
    field(o, "t");
    put(o, years);
}

/* "f=treaty,visit", the categories in mask, by name. */
static void categories_field(Out *o, uint32_t mask)
{
    field(o, "f");
    const char *sep = "";
    for (unsigned c = 0; c < CATEGORY_COUNT; c++)
        if (mask & (1u << c)) {
            put(o, sep);
            put(o, bundle_category_name(c));
            sep = ",";
        }
}

static void write_selection(const App *app, Out *o)
{
    const char *kind_field = app_selection_kind_field(app->select.current.kind), *key = selection_key(app);
    if (!kind_field[0] || !key[0]) return;
    field(o, kind_field);
    put_escaped(o, key);
}

/* While a tour plays, the string names the tour and its stop: a link opens
 * the tour there, and each stop is its own history entry. */
static bool write_tour(const App *app, Out *o)
{
    if (app->mode.kind == APP_MODE_QUIZ) {
        char seed[16];
        snprintf(seed, sizeof seed, "%u", app->mode.quiz.quiz.settings.seed);
        field(o, "quiz");
        put(o, seed);
        return true;
    }
    if (app->mode.kind != APP_MODE_TOUR) return false;
    field(o, "tour");
    put_escaped(o, bundle_tour(app->bundle, app->mode.tour.tour).key);
    int_field(o, "stop", (int)app->mode.tour.stop + 1);
    return true;
}

void deeplink_selection(const App *app, char *out, size_t out_size)
{
    Out o = { out, out_size, 0 };
    if (out_size) out[0] = 0;
    if (!write_tour(app, &o)) write_selection(app, &o);
}

size_t deeplink_write(const App *app, char *out, size_t out_size)
{
    Out o = { out, out_size, 0 };
    if (out_size) out[0] = 0;
    uint32_t all_categories = (1u << CATEGORY_COUNT) - 1;
    const DisplayState *d = &app->display;
    if (write_tour(app, &o)) {
        /* the teacher's text scale travels with the tour or quiz */
        if (d->text_scale_percent > 100) int_field(&o, "ts", d->text_scale_percent);
        if (app->mode.kind == APP_MODE_QUIZ) { /* the quiz's size and filter, so the link asks the same questions */
            const QuizSettings *qs = &app->mode.quiz.quiz.settings;
            int_field(&o, "qn", qs->count);
            years_field(app, &o, &qs->filter);
            uint32_t mask = qs->filter.category_mask;
            if ((mask & all_categories) != all_categories && mask) categories_field(&o, mask);
        }
        return o.len;
    }
    write_selection(app, &o);
    const View *v = &app->view;
    double lon = 0, lat = 0;
    /* A centre off the projection (panned past the globe's edge) has no
     * longitude and latitude: the link leaves the view out rather than
     * claim 0°, 0° (found by tests/fuzz). */
    if (geo_unproject(&app->projection, (WorldPoint){ v->center_x, v->center_y }, &lon, &lat)) {
        double zoom = app->home_scale_px > 0 ? log2(v->scale_px / app->home_scale_px) : 0;
        char view[96];
        snprintf(view, sizeof view, "%.5f,%.5f,%.2f", lat, lon, zoom);
        field(&o, "v");
        put(&o, view);
    }
    const TimelineState *t = &app->timeline;
    years_field(app, &o, &t->filter);
    if ((t->filter.category_mask & all_categories) != all_categories) categories_field(&o, t->filter.category_mask);
    if (d->layers != LAYERS_DEFAULT) {
        field(&o, "l");
        const char *sep = "";
        for (int i = 0; i < LAYER_COUNT; i++)
            if (d->layers & app_layer_bit(i)) {
                put(&o, sep);
                put(&o, app_layer_name(i));
                sep = ",";
            }
    }
    if (d->local_names) {
        field(&o, "lang");
        put(&o, "local");
    }
    if (d->theme != THEME_ID_DEFAULT) {
        field(&o, "theme");
        put(&o, app_theme_link_value(d->theme));
    }
    if (app->select.current.kind != SELECTION_NONE && !app->select.panel_open) int_field(&o, "panel", 0);
    if (d->text_scale_percent > 100) int_field(&o, "ts", d->text_scale_percent);
    return o.len;
}

/* --- reading ----------------------------------------------------------------- */

static void problem(DeeplinkReport *r, const char *name, const char *what)
{
    r->ignored++;
    if (!r->first_problem[0]) snprintf(r->first_problem, sizeof r->first_problem, "%.16s: %.100s", name, what);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Percent-decodes src[0..len) into out; false if malformed or too long. */
static bool decode(const char *src, size_t len, char *out, size_t out_size)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        if (c == '%') {
            if (i + 2 >= len) return false;
            int hi = hex_value(src[i + 1]), lo = hex_value(src[i + 2]);
            if (hi < 0 || lo < 0) return false;
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+') {
            c = ' ';
        }
        if (c == 0 || n + 1 >= out_size) return false;
        out[n++] = c;
    }
    out[n] = 0;
    return true;
}

/* Parses a finite decimal number filling the whole string: leading spaces
 * (a '+' in a query decodes to one), a sign, digits with an optional point,
 * an optional exponent. By hand rather than strtod, which brought musl's
 * whole float scanner into the page (issue 12). Up to 15 significant digits
 * and a power of ten up to 22 (every number a link holds: the atlas writes
 * 5 decimals) come out correctly rounded, one exact operation on two exact
 * doubles; longer ones within an ulp or two. */
static bool parse_number(const char *s, double *out)
{
    while (*s == ' ' || (*s >= '\t' && *s <= '\r')) s++;
    bool negative = *s == '-';
    if (*s == '-' || *s == '+') s++;
    uint64_t mantissa = 0;
    int digits = 0, significant = 0, exp10 = 0;
    for (bool point = false;; s++) {
        if (*s == '.' && !point) { point = true; continue; }
        if (*s < '0' || *s > '9') break;
        digits++;
        if (significant < 19) {
            mantissa = mantissa * 10 + (uint64_t)(*s - '0');
            if (mantissa) significant++;
            if (point) exp10--;
        } else if (!point) {
            exp10++; /* a digit beyond what the mantissa holds */
        }
    }
    if (!digits) return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        bool exp_negative = *s == '-';
        if (*s == '-' || *s == '+') s++;
        if (*s < '0' || *s > '9') return false;
        int e = 0;
        for (; *s >= '0' && *s <= '9'; s++)
            if (e < 100000) e = e * 10 + (*s - '0');
        exp10 += exp_negative ? -e : e;
    }
    if (*s) return false;
    static const double POW10[23] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    double v = (double)mantissa;
    for (; exp10 > 22; exp10 -= 22) v *= 1e22;
    for (; exp10 < -22; exp10 += 22) v /= 1e22;
    v = exp10 >= 0 ? v * POW10[exp10] : v / POW10[-exp10];
    if (!isfinite(v)) return false;
    *out = negative ? -v : v;
    return true;
}

static bool parse_int(const char *s, int *out)
{
    double v;
    if (!parse_number(s, &v) || v != floor(v) || v < -100000 || v > 100000) return false;
    *out = (int)v;
    return true;
}

/* Splits "a,b,c" in place; returns the number of parts (at most max). */
static int split(char *s, char sep, char **parts, int max)
{
    int n = 0;
    while (n < max) {
        parts[n++] = s;
        char *p = strchr(s, sep);
        if (!p) break;
        *p = 0;
        s = p + 1;
    }
    return n;
}

static Selection parse_selection(const App *app, char field, const char *key)
{
    const Bundle *b = app->bundle;
    switch (field) {
    case 'c': return (Selection){ SELECTION_COUNTRY, bundle_find_country(b, key) };
    case 'p': return (Selection){ SELECTION_PLACE, bundle_find_place(b, key) };
    case 'e': return (Selection){ SELECTION_EVENT, bundle_find_event(b, key) };
    case 'a': return (Selection){ SELECTION_ARTICLE, bundle_find_article(b, key) };
    default: return (Selection){ SELECTION_NONE, 0 };
    }
}

static bool parse_view(char *value, DeeplinkState *st, DeeplinkReport *r)
{
    char *parts[4];
    double lat, lon, zoom;
    if (split(value, ',', parts, 4) != 3 || !parse_number(parts[0], &lat) || !parse_number(parts[1], &lon) ||
        !parse_number(parts[2], &zoom)) {
        problem(r, "v", "expected LAT,LON,ZOOM");
        return false;
    }
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180 || fabs(zoom) > ZOOM_LIMIT) {
        problem(r, "v", "out of range");
        return false;
    }
    st->has_view = true;
    st->lat_deg = lat;
    st->lon_deg = lon;
    st->zoom = zoom;
    return true;
}

static bool parse_years(const App *app, const char *value, DeeplinkState *st, DeeplinkReport *r)
{
    char copy[DEEPLINK_MAX_FIELD];
    snprintf(copy, sizeof copy, "%s", value);
    char *dash = strchr(copy + (copy[0] == '-' ? 1 : 0), '-');
    int from, to;
    if (dash) {
        *dash = 0;
        if (!parse_int(copy, &from) || !parse_int(dash + 1, &to)) { problem(r, "t", "expected FROM-TO"); return false; }
    } else if (parse_int(copy, &from)) {
        to = from;
    } else {
        problem(r, "t", "expected FROM-TO");
        return false;
    }
    if (to < app->timeline.first_year - 50 || from > app->timeline.last_year + 50) {
        problem(r, "t", "years out of range");
        return false;
    }
    st->has_years = true;
    st->year_from = from;
    st->year_to = to;
    return true;
}

/* Names separated by commas -> a bit mask, from a name lookup by index. */
static bool parse_names(char *value, const char *(*name_of)(unsigned), unsigned count, uint32_t *out)
{
    char *parts[16];
    int n = split(value, ',', parts, 16);
    uint32_t mask = 0;
    for (int i = 0; i < n; i++) {
        unsigned k = 0;
        while (k < count && strcmp(parts[i], name_of(k)) != 0) k++;
        if (k == count) return false;
        mask |= 1u << k;
    }
    *out = mask;
    return true;
}

static const char *layer_name_of(unsigned i) { return app_layer_name((int)i); }

void deeplink_parse(const App *app, const char *text, DeeplinkState *st, DeeplinkReport *report)
{
    DeeplinkReport local;
    DeeplinkReport *r = report ? report : &local;
    memset(r, 0, sizeof *r);
    memset(st, 0, sizeof *st);
    st->theme = THEME_ID_DEFAULT;
    if (!text) return;
    if (*text == '#') text++;
    size_t total = 0; /* strnlen is POSIX, not C11 */
    while (total < DEEPLINK_MAX_INPUT && text[total]) total++;
    size_t start = 0;
    while (start < total) {
        size_t end = start;
        while (end < total && text[end] != '&') end++;
        size_t len = end - start;
        const char *field = text + start;
        start = end + 1;
        if (len == 0) continue;
        const char *eq = memchr(field, '=', len);
        char name[16];
        if (!eq || eq == field || (size_t)(eq - field) >= sizeof name) { problem(r, "?", "field without NAME="); continue; }
        memcpy(name, field, (size_t)(eq - field));
        name[eq - field] = 0;
        char value[DEEPLINK_MAX_FIELD];
        if (!decode(eq + 1, len - (size_t)(eq - field) - 1, value, sizeof value)) {
            problem(r, name, "bad encoding or too long");
            continue;
        }
        bool ok = false;
        if (!strcmp(name, "c") || !strcmp(name, "p") || !strcmp(name, "e") || !strcmp(name, "a")) {
            Selection sel = parse_selection(app, name[0], value);
            ok = sel.id != 0;
            if (ok) st->selection = sel;
            else problem(r, name, "names nothing in this atlas");
        } else if (!strcmp(name, "v")) {
            ok = parse_view(value, st, r);
        } else if (!strcmp(name, "t")) {
            ok = parse_years(app, value, st, r);
        } else if (!strcmp(name, "f")) {
            uint32_t mask;
            ok = value[0] && parse_names(value, bundle_category_name, CATEGORY_COUNT, &mask);
            if (ok) { st->has_categories = true; st->category_mask = mask; }
            else problem(r, "f", "unknown category");
        } else if (!strcmp(name, "l")) {
            uint32_t mask = 0;
            ok = !value[0] || parse_names(value, layer_name_of, LAYER_COUNT, &mask);
            if (ok) { st->has_layers = true; st->layers = mask; }
            else problem(r, "l", "unknown layer");
        } else if (!strcmp(name, "lang")) {
            ok = !strcmp(value, "local") || !strcmp(value, "en");
            if (ok) st->local_names = !strcmp(value, "local");
            else problem(r, "lang", "expected local or en");
        } else if (!strcmp(name, "theme")) {
            ok = false;
            for (int t = 0; t < THEME_ID_COUNT && !ok; t++)
                if (!strcmp(value, app_theme_link_value((ThemeId)t))) { st->theme = (ThemeId)t; ok = true; }
            if (!ok) problem(r, "theme", "expected default, contrast or dark");
        } else if (!strcmp(name, "tour")) {
            st->tour = bundle_find_tour(app->bundle, value);
            ok = st->tour != 0;
            if (!ok) problem(r, "tour", "names no tour in this atlas");
        } else if (!strcmp(name, "quiz")) {
            double seed;
            ok = parse_number(value, &seed) && seed >= 0 && seed <= 4294967295.0 && seed == floor(seed);
            if (ok) { st->has_quiz = true; st->quiz_seed = (uint32_t)seed; }
            else problem(r, "quiz", "expected a seed from 0 to 4294967295");
        } else if (!strcmp(name, "ts")) {
            int n;
            ok = parse_int(value, &n) && n >= 100 && n <= 250;
            if (ok) st->text_scale_percent = n;
            else problem(r, "ts", "expected a text scale from 100 to 250 (percent)");
        } else if (!strcmp(name, "qn")) {
            int n;
            ok = parse_int(value, &n) && (n == 5 || n == 10 || n == 20);
            if (ok) st->quiz_count = n;
            else problem(r, "qn", "expected 5, 10 or 20 questions");
        } else if (!strcmp(name, "stop")) {
            int n;
            ok = parse_int(value, &n) && n >= 1;
            if (ok) st->tour_stop = (uint32_t)(n - 1);
            else problem(r, "stop", "expected a stop number from 1");
        } else if (!strcmp(name, "panel")) {
            ok = !strcmp(value, "0") || !strcmp(value, "1");
            if (ok) st->panel_closed = value[0] == '0';
            else problem(r, "panel", "expected 0 or 1");
        } else {
            problem(r, name, "unknown field");
        }
        if (ok) r->applied++;
    }
}
