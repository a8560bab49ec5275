/* deeplink: state <-> "c=KAZ&v=..." strings. See deeplink.h for the grammar. */
#include "deeplink.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const CATEGORY_NAMES[CATEGORY_COUNT] = {
    "diplomacy", "security", "trade", "economy", "politics", "education", "environment", "health", "culture",
};
static const char *const LAYER_NAMES[3] = { "markers", "labels", "relations" };
static const uint32_t LAYER_BITS[3] = { LAYER_MARKERS, LAYER_LABELS, LAYER_RELATIONS };
#define DEFAULT_LAYERS (LAYER_MARKERS | LAYER_LABELS)
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

static const char *selection_field(SelectionKind k)
{
    switch (k) {
    case SELECTION_COUNTRY: return "c";
    case SELECTION_PLACE: return "p";
    case SELECTION_EVENT: return "e";
    case SELECTION_ARTICLE: return "a";
    default: return NULL;
    }
}

static const char *selection_key(const App *app)
{
    const Bundle *b = app->bundle;
    switch (app->selection.kind) {
    case SELECTION_COUNTRY: return bundle_country(b, app->selection.id).iso3;
    case SELECTION_PLACE: return bundle_place(b, app->selection.id).key;
    case SELECTION_EVENT: return bundle_event(b, app->selection.id).key;
    case SELECTION_ARTICLE: return bundle_article(b, app->selection.id).key;
    default: return "";
    }
}

static void write_selection(const App *app, Out *o)
{
    const char *field = selection_field(app->selection.kind), *key = selection_key(app);
    if (!field || !key[0]) return;
    put(o, field);
    put(o, "=");
    put_escaped(o, key);
}

void deeplink_selection(const App *app, char *out, size_t out_size)
{
    Out o = { out, out_size, 0 };
    if (out_size) out[0] = 0;
    write_selection(app, &o);
}

size_t deeplink_write(const App *app, char *out, size_t out_size)
{
    Out o = { out, out_size, 0 };
    if (out_size) out[0] = 0;
    char tmp[96];
    write_selection(app, &o);
    const View *v = &app->view;
    double lon = 0, lat = 0;
    geo_unproject(&app->projection, (WorldPoint){ v->center_x, v->center_y }, &lon, &lat);
    double zoom = app->home_scale_px > 0 ? log2(v->scale_px / app->home_scale_px) : 0;
    snprintf(tmp, sizeof tmp, "%sv=%.5f,%.5f,%.2f", o.len ? "&" : "", lat, lon, zoom);
    put(&o, tmp);
    if (app->filter.year_from != app->first_year || app->filter.year_to != app->last_year) {
        snprintf(tmp, sizeof tmp, "&t=%d-%d", app->filter.year_from, app->filter.year_to);
        put(&o, tmp);
    }
    uint32_t all = (1u << CATEGORY_COUNT) - 1;
    if ((app->filter.category_mask & all) != all) {
        put(&o, "&f=");
        bool first = true;
        for (int c = 0; c < CATEGORY_COUNT; c++)
            if (app->filter.category_mask & (1u << c)) {
                if (!first) put(&o, ",");
                put(&o, CATEGORY_NAMES[c]);
                first = false;
            }
    }
    if (app->layers != DEFAULT_LAYERS) {
        put(&o, "&l=");
        bool first = true;
        for (int i = 0; i < 3; i++)
            if (app->layers & LAYER_BITS[i]) {
                if (!first) put(&o, ",");
                put(&o, LAYER_NAMES[i]);
                first = false;
            }
    }
    if (app->local_names) put(&o, "&lang=local");
    if (app->high_contrast) put(&o, "&theme=contrast");
    if (app->selection.kind != SELECTION_NONE && !app->panel_open) put(&o, "&panel=0");
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

/* Parses a finite number filling the whole string. */
static bool parse_number(const char *s, double *out)
{
    if (!*s) return false;
    char *end;
    double v = strtod(s, &end);
    if (*end || !isfinite(v)) return false;
    *out = v;
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

static bool apply_selection(App *app, char kind, const char *key)
{
    const Bundle *b = app->bundle;
    Selection sel = { SELECTION_NONE, 0 };
    switch (kind) {
    case 'c': sel = (Selection){ SELECTION_COUNTRY, bundle_find_country(b, key) }; break;
    case 'p': sel = (Selection){ SELECTION_PLACE, bundle_find_place(b, key) }; break;
    case 'e': sel = (Selection){ SELECTION_EVENT, bundle_find_event(b, key) }; break;
    case 'a': sel = (Selection){ SELECTION_ARTICLE, bundle_find_article(b, key) }; break;
    default: return false;
    }
    if (!sel.id) return false;
    app_select(app, sel, app->last_now_ms);
    return true;
}

static bool apply_view(App *app, char *value, DeeplinkReport *r)
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
    WorldPoint w = geo_project(&app->projection, lon, lat);
    View *v = &app->view;
    view_cancel_flight(v);
    v->center_x = w.x;
    v->center_y = w.y;
    v->scale_px = app->home_scale_px * pow(2.0, zoom);
    view_resize(v, v->width_css, v->height_css); /* re-clamps centre and scale */
    return true;
}

static bool apply_years(App *app, const char *value, DeeplinkReport *r)
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
    if (to < app->first_year - 50 || from > app->last_year + 50) { problem(r, "t", "years out of range"); return false; }
    app_set_years(app, from, to);
    return true;
}

static bool apply_names(char *value, const char *const *names, const uint32_t *bits, int count, uint32_t *out)
{
    char *parts[16];
    int n = split(value, ',', parts, 16);
    uint32_t mask = 0;
    for (int i = 0; i < n; i++) {
        int k = 0;
        while (k < count && strcmp(parts[i], names[k]) != 0) k++;
        if (k == count) return false;
        mask |= bits ? bits[k] : (1u << k);
    }
    *out = mask;
    return true;
}

void deeplink_apply(App *app, const char *text, DeeplinkReport *report)
{
    DeeplinkReport local;
    DeeplinkReport *r = report ? report : &local;
    memset(r, 0, sizeof *r);
    if (!text) return;
    if (*text == '#') text++;
    size_t total = 0; /* strnlen is POSIX, not C11 */
    while (total < DEEPLINK_MAX_INPUT && text[total]) total++;
    bool view_given = false, panel_closed = false;
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
            ok = apply_selection(app, name[0], value);
            if (!ok) problem(r, name, "names nothing in this atlas");
        } else if (!strcmp(name, "v")) {
            ok = view_given = apply_view(app, value, r);
        } else if (!strcmp(name, "t")) {
            ok = apply_years(app, value, r);
        } else if (!strcmp(name, "f")) {
            uint32_t mask;
            ok = value[0] && apply_names(value, CATEGORY_NAMES, NULL, CATEGORY_COUNT, &mask);
            if (ok) { app->filter.category_mask = mask; app->needs_redraw = true; }
            else problem(r, "f", "unknown category");
        } else if (!strcmp(name, "l")) {
            uint32_t mask = 0;
            ok = !value[0] || apply_names(value, LAYER_NAMES, LAYER_BITS, 3, &mask);
            if (ok) { app->layers = mask; app->needs_redraw = true; }
            else problem(r, "l", "unknown layer");
        } else if (!strcmp(name, "lang")) {
            ok = !strcmp(value, "local") || !strcmp(value, "en");
            if (ok) app->local_names = !strcmp(value, "local");
            else problem(r, "lang", "expected local or en");
        } else if (!strcmp(name, "theme")) {
            ok = !strcmp(value, "contrast") || !strcmp(value, "default");
            if (ok) app->high_contrast = !strcmp(value, "contrast");
            else problem(r, "theme", "expected contrast or default");
        } else if (!strcmp(name, "panel")) {
            ok = !strcmp(value, "0") || !strcmp(value, "1");
            if (ok) panel_closed = value[0] == '0';
            else problem(r, "panel", "expected 0 or 1");
        } else {
            problem(r, name, "unknown field");
        }
        if (ok) r->applied++;
    }
    if (panel_closed) app->panel_open = false;
    (void)view_given;
    app->needs_redraw = true;
}
