/* render/markers: the overlays over the map. See render/markers.h. */
#include "render/markers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/event_markers.h"
#include "core/legend.h"
#include "core/panel.h"
#include "render/render_internal.h"

#define PI_F 3.14159265f

static Rgba with_alpha(Rgba c, uint8_t a)
{
    c.a = (uint8_t)(c.a * a / 255);
    return c;
}

/* --- symbols ----------------------------------------------------------------------- */

enum { SYMBOL_CIRCLE, SYMBOL_DIAMOND, SYMBOL_SQUARE, SYMBOL_TRIANGLE_UP, SYMBOL_TRIANGLE_DOWN, SYMBOL_HEXAGON,
       SYMBOL_BULLSEYE, SYMBOL_CROSS, SYMBOL_STAR };

/* EventCategory order: diplomacy, security, trade, economy, politics,
 * education, environment, health, culture. */
static const int CATEGORY_SYMBOL[CATEGORY_COUNT] = {
    SYMBOL_CIRCLE, SYMBOL_DIAMOND, SYMBOL_SQUARE, SYMBOL_TRIANGLE_UP, SYMBOL_TRIANGLE_DOWN,
    SYMBOL_HEXAGON, SYMBOL_BULLSEYE, SYMBOL_CROSS, SYMBOL_STAR,
};

/* A regular polygon of n corners, the first at angle a0 (radians, 0 = east,
 * clockwise on screen). */
static void fill_regular(Renderer *r, float cx, float cy, float radius, int n, float a0, Rgba color)
{
    float xy[64];
    for (int i = 0; i < n; i++) {
        float a = a0 + 2 * PI_F * (float)i / (float)n;
        xy[2 * i] = cx + radius * cosf(a);
        xy[2 * i + 1] = cy + radius * sinf(a);
    }
    render_fill_convex(r, xy, n, color);
}

/* One shape at a size; grow > 0 makes it that much larger all round (the outline pass). */
static void fill_symbol(Renderer *r, int shape, float cx, float cy, float s, float grow, Rgba color)
{
    switch (shape) {
    case SYMBOL_DIAMOND: fill_regular(r, cx, cy, s * 1.22f + grow * 1.41f, 4, -PI_F / 2, color); break;
    case SYMBOL_SQUARE: fill_regular(r, cx, cy, s * 1.2f + grow * 1.41f, 4, -PI_F / 4, color); break;
    case SYMBOL_TRIANGLE_UP: fill_regular(r, cx, cy + s * 0.18f, s * 1.4f + grow * 2, 3, -PI_F / 2, color); break;
    case SYMBOL_TRIANGLE_DOWN: fill_regular(r, cx, cy - s * 0.18f, s * 1.4f + grow * 2, 3, PI_F / 2, color); break;
    case SYMBOL_HEXAGON: fill_regular(r, cx, cy, s * 1.06f + grow * 1.15f, 6, 0, color); break;
    case SYMBOL_CROSS: {
        /* The upright's pieces reach half a pixel into the bar: rasterisers
         * may leave a hairline between pieces that merely touch. */
        float arm = s * 1.08f + grow, half = s * 0.42f + grow;
        render_fill_rect(r, cx - arm, cy - half, 2 * arm, 2 * half, color);
        render_fill_rect(r, cx - half, cy - arm, 2 * half, arm - half + 0.5f, color);
        render_fill_rect(r, cx - half, cy + half - 0.5f, 2 * half, arm - half + 0.5f, color);
        break;
    }
    case SYMBOL_STAR: {
        /* A pentagon and five points, all convex pieces. Each point is a
         * kite reaching into the pentagon, so the pieces' feathered rims lie
         * over solid colour and never show as seams. */
        float outer = s * 1.38f + grow * 2.2f, inner = s * 0.62f + grow * 1.2f, in = inner * 0.4f;
        fill_regular(r, cx, cy, inner, 5, -PI_F / 2 + PI_F / 5, color);
        for (int i = 0; i < 5; i++) {
            float a = -PI_F / 2 + 2 * PI_F * (float)i / 5, b0 = a - PI_F / 5, b1 = a + PI_F / 5;
            float xy[8] = { cx + outer * cosf(a), cy + outer * sinf(a), cx + inner * cosf(b1), cy + inner * sinf(b1),
                            cx + in * cosf(a), cy + in * sinf(a), cx + inner * cosf(b0), cy + inner * sinf(b0) };
            render_fill_convex(r, xy, 4, color);
        }
        break;
    }
    case SYMBOL_BULLSEYE:
    case SYMBOL_CIRCLE:
    default: render_fill_circle(r, cx, cy, s + grow, color); break;
    }
}

void render_category_symbol(Renderer *r, unsigned category, float cx, float cy, float radius, Rgba fill,
                            Rgba outline, float outline_css)
{
    int shape = CATEGORY_SYMBOL[category % CATEGORY_COUNT];
    if (outline_css > 0) fill_symbol(r, shape, cx, cy, radius, outline_css, outline);
    fill_symbol(r, shape, cx, cy, radius, 0, fill);
    if (shape == SYMBOL_BULLSEYE) {
        render_fill_circle(r, cx, cy, radius * 0.55f, outline);
        render_fill_circle(r, cx, cy, radius * 0.28f, fill);
    }
}

/* --- markers, clusters, fans ----------------------------------------------------------- */

static bool event_cites_article(const Bundle *b, uint32_t event_id, uint32_t article_id)
{
    BundleEvent e = bundle_event(b, event_id);
    for (uint32_t i = 0; i < e.source_count; i++)
        if (bundle_source(b, e.source_first + i).article == article_id) return true;
    return false;
}

/* Whether a glyph holds the selected event, or an event the selected article reports. */
static bool glyph_selected(const App *app, const EventMarkers *m, const MarkerGlyph *g)
{
    const Selection *s = &app->select.current;
    if (s->kind != SELECTION_EVENT && s->kind != SELECTION_ARTICLE) return false;
    for (uint32_t k = 0; k < g->count; k++) {
        uint32_t ev = m->members[g->first + k];
        if (s->kind == SELECTION_EVENT && s->id == ev) return true;
        if (s->kind == SELECTION_ARTICLE && event_cites_article(app->bundle, ev, s->id)) return true;
    }
    return false;
}

/* An arc of a circle as a polyline, angles in radians. */
static void stroke_arc(Renderer *r, float cx, float cy, float radius, float a0, float a1, float width, Rgba color)
{
    float xy[2 * 49];
    int steps = (int)ceilf(fabsf(a1 - a0) / (2 * PI_F) * 48);
    if (steps < 2) steps = 2;
    if (steps > 48) steps = 48;
    for (int i = 0; i <= steps; i++) {
        float a = a0 + (a1 - a0) * (float)i / (float)steps;
        xy[2 * i] = cx + radius * cosf(a);
        xy[2 * i + 1] = cy + radius * sinf(a);
    }
    render_polyline(r, xy, steps + 1, false, width, color);
}

/* A cluster: a light disc with the count, ringed by its events' categories
 * in proportion, like a small pie chart's rim. */
static void draw_cluster(Renderer *r, const App *app, const EventMarkers *m, const MarkerGlyph *g, bool hovered,
                         bool selected)
{
    const Theme *t = r->theme;
    float x = (float)g->x, y = (float)g->y, rad = (float)marker_glyph_radius(g) * (hovered ? 1.12f : 1.0f);
    const uint32_t *per = g->per_category;
    if (selected) {
        render_fill_circle(r, x, y, rad + 5.5f, t->selected_outline);
        render_fill_circle(r, x, y, rad + 3.2f, t->symbol_outline);
    }
    /* A soft dark rim, then the disc. Where frames are drawn in software the
     * rim is only the ring the disc leaves showing: a thousand clusters'
     * translucent discs would be most of a frame. */
    Rgba rim = with_alpha(t->panel_text, 90);
    float whole[1] = { 1.0f };
    if (!render_ring_sectors(r, x, y, rad + 1.3f, 0.6f, whole, &rim, 1)) render_fill_circle(r, x, y, rad + 1.6f, rim);
    render_fill_circle(r, x, y, rad + 1.0f, t->symbol_outline);
    float ring = 3.6f, a = -PI_F / 2;
    /* The rim in one pass where frames are drawn in software; else an arc
     * per category. */
    float ends[CATEGORY_COUNT];
    Rgba colors[CATEGORY_COUNT];
    int sectors = 0;
    uint32_t so_far = 0;
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        if (!per[c]) continue;
        so_far += per[c];
        ends[sectors] = (float)so_far / (float)g->count;
        colors[sectors++] = t->category[c];
    }
    if (render_ring_sectors(r, x, y, rad - ring / 2, ring, ends, colors, sectors)) sectors = 0;
    for (int k = 0, c = 0; k < sectors; c++) {
        if (!per[c]) continue;
        float span = 2 * PI_F * (float)per[c] / (float)g->count;
        stroke_arc(r, x, y, rad - ring / 2, a, a + span, ring, colors[k++]);
        a += span;
    }
    char count[16];
    snprintf(count, sizeof count, "%u", g->count);
    float size = TEXT_MARKER_COUNT_CSS;
    float w = render_text_width(r, FACE_BOLD, size, count);
    render_text(r, FACE_BOLD, size, x - w / 2, y + size * 0.36f, count, t->panel_text);
}

/* Behind a fan: a pale disc gathering its events, the place as a dot (with a
 * thin spoke to each event when they form a single ring). */
static void draw_fan_backdrop(Renderer *r, const MarkerGlyph *first)
{
    const Theme *t = r->theme;
    float ax = (float)first->anchor_x, ay = (float)first->anchor_y, outer = (float)first->fan_radius;
    render_fill_circle(r, ax, ay, outer + MARKER_RADIUS_CSS + 5, with_alpha(t->symbol_outline, 215));
    float ring[2 * 64];
    for (int i = 0; i < 64; i++) {
        float a = 2 * PI_F * (float)i / 64;
        ring[2 * i] = ax + (outer + (float)MARKER_RADIUS_CSS + 5) * cosf(a);
        ring[2 * i + 1] = ay + (outer + (float)MARKER_RADIUS_CSS + 5) * sinf(a);
    }
    render_polyline(r, ring, 64, true, 1.0f, with_alpha(t->panel_muted, 150));
    for (uint32_t k = 0; first->fan_size <= 6 && k < first->fan_size; k++) {
        const MarkerGlyph *g = first + k;
        float spoke[4] = { ax, ay, (float)g->x, (float)g->y };
        render_polyline(r, spoke, 2, false, 1.0f, with_alpha(t->panel_muted, 170));
    }
    render_fill_circle(r, ax, ay, 3.4f, t->symbol_outline);
    render_fill_circle(r, ax, ay, 2.3f, t->panel_text);
    /* The place's name is the base map's, placed clear of the fan (core/labels.c). */
}

static void draw_single(Renderer *r, const App *app, const MarkerGlyph *g, bool hovered, bool selected)
{
    const Theme *t = r->theme;
    float x = (float)g->x, y = (float)g->y, rad = (float)MARKER_RADIUS_CSS * (hovered ? 1.25f : 1.0f) * 0.78f;
    BundleEvent e = bundle_event(app->bundle, g->event);
    if (selected) {
        render_fill_circle(r, x, y, rad + 7.5f, t->selected_outline);
        render_fill_circle(r, x, y, rad + 5.2f, t->symbol_outline);
    }
    /* A soft shadow of ink under the white rim lifts the symbol off any fill. */
    render_category_symbol(r, e.category, x, y, rad, with_alpha(t->panel_text, 80), t->panel_text, 0);
    render_category_symbol(r, e.category, x, y - 0.4f, rad, t->category[e.category % CATEGORY_COUNT],
                           t->symbol_outline, 1.7f);
}

/* --- edge indicators ------------------------------------------------------------------------ */

static void draw_edge(Renderer *r, const App *app, const EdgeIndicator *e, bool hovered)
{
    const Theme *t = r->theme;
    const Bundle *b = app->bundle;
    float x = (float)e->x, y = (float)e->y, dx = (float)e->dx, dy = (float)e->dy, rad = (float)EDGE_RADIUS_CSS;
    /* An arrowhead just outside the badge, pointing towards the places. */
    float tip = rad + 9.0f, base = rad - 2, half = 6.5f;
    float arrow[6] = { x + dx * tip, y + dy * tip, x + dx * base - dy * half, y + dy * base + dx * half,
                       x + dx * base + dy * half, y + dy * base - dx * half };
    float halo[6] = { x + dx * (tip + 1.8f), y + dy * (tip + 1.8f), x + dx * (base - 1) - dy * (half + 2),
                      y + dy * (base - 1) + dx * (half + 2), x + dx * (base - 1) + dy * (half + 2),
                      y + dy * (base - 1) - dx * (half + 2) };
    render_fill_convex(r, halo, 3, t->symbol_outline);
    render_fill_convex(r, arrow, 3, t->panel_text);
    render_fill_circle(r, x, y, rad + 1.2f, t->panel_text);
    render_fill_circle(r, x, y, rad - 0.4f, hovered ? t->button_hover : t->symbol_outline);
    char count[16];
    snprintf(count, sizeof count, "%u", e->count);
    float w = render_text_width(r, FACE_BOLD, TEXT_MARKER_COUNT_CSS, count);
    render_text(r, FACE_BOLD, TEXT_MARKER_COUNT_CSS, x - w / 2, y + TEXT_MARKER_COUNT_CSS * 0.36f, count, t->panel_text);
    if (!e->labelled) return;
    BundlePlace p = bundle_place(b, e->place);
    char label[160];
    const char *name = render_display_name(r, app, p.name, p.name_local);
    if (e->place_count > 1) snprintf(label, sizeof label, "%s +%u", name, e->place_count - 1);
    else snprintf(label, sizeof label, "%s", name);
    float lw = render_text_width(r, FACE_BOLD, TEXT_PLACE_CSS, label);
    /* Names on the right side end at the badge; elsewhere they start after it. */
    float lx = e->label_x < e->x ? x - rad - 5 - lw : (float)e->label_x;
    render_text_halo(r, FACE_BOLD, TEXT_PLACE_CSS, lx, (float)e->label_y, label, t->panel_text, t->label_halo);
}

/* --- tooltips ------------------------------------------------------------------------------- */

/* A card beside the pointer with a bold first line and a muted second one,
 * flipped to stay inside the map; an optional category symbol leads it. */
static void draw_tooltip(Renderer *r, const App *app, const char *line1, const char *line2, int category)
{
    const Theme *t = r->theme;
    float lead = category >= 0 ? 20.0f : 0.0f;
    float w1 = render_text_width(r, FACE_BOLD, TEXT_TOOLTIP_TITLE_CSS, line1);
    float w2 = render_text_width(r, FACE_REGULAR, TEXT_TOOLTIP_CSS, line2);
    float w = fmaxf(w1, w2) + 24 + lead, h = 50;
    float x = (float)app->hover.x_css + 16, y = (float)app->hover.y_css + 18;
    if (x + w > app->view.width_css - 4) x = (float)app->hover.x_css - w - 12;
    if (x < 4) x = 4;
    if (y + h > app->view.height_css - 4) y = (float)app->hover.y_css - h - 12;
    render_fill_rect(r, x + 1, y + 2, w, h, with_alpha(t->panel_text, 40)); /* shadow */
    render_fill_rect(r, x, y, w, h, t->panel_rule);
    render_fill_rect(r, x + 1, y + 1, w - 2, h - 2, t->panel_bg);
    if (category >= 0)
        render_category_symbol(r, (unsigned)category, x + 17, y + 16, 5.5f, t->category[category % CATEGORY_COUNT],
                               t->symbol_outline, 1.2f);
    render_text(r, FACE_BOLD, TEXT_TOOLTIP_TITLE_CSS, x + 12 + lead, y + 21, line1, t->panel_text);
    render_text(r, FACE_REGULAR, TEXT_TOOLTIP_CSS, x + 12 + lead, y + 40, line2, t->panel_muted);
}

/* "in Central Asia", "in the Caspian Sea", but "at Astana". */
static const char *place_preposition(const BundlePlace *p)
{
    return !strcmp(p->kind, "region") || !strcmp(p->kind, "sea") ? "in" : "at";
}

static void glyph_tooltip(Renderer *r, const App *app, const EventMarkers *m, const MarkerGlyph *g)
{
    const Bundle *b = app->bundle;
    char line1[256], line2[256];
    if (g->count == 1) {
        BundleEvent e = bundle_event(b, g->event);
        char date[48];
        panel_format_date(date, sizeof date, e.year, e.month, e.day, e.precision);
        BundlePlace p = bundle_place(b, e.place);
        snprintf(line2, sizeof line2, "%s · %s", date, render_display_name(r, app, p.name, p.name_local));
        draw_tooltip(r, app, e.title, line2, e.category);
        return;
    }
    int first_year = 9999, last_year = 0;
    uint32_t other_place = 0;
    for (uint32_t k = 0; k < g->count; k++) {
        BundleEvent e = bundle_event(b, m->members[g->first + k]);
        if (e.year < first_year) first_year = e.year;
        if (e.year > last_year) last_year = e.year;
        if (!other_place && e.place != bundle_event(b, g->event).place) other_place = e.place;
    }
    BundlePlace p = bundle_place(b, bundle_event(b, g->event).place);
    const char *name = render_display_name(r, app, p.name, p.name_local);
    if (g->place) snprintf(line1, sizeof line1, "%u events %s %s", g->count, place_preposition(&p), name);
    else {
        BundlePlace o = bundle_place(b, other_place);
        snprintf(line1, sizeof line1, "%u events: %s, %s and nearby", g->count, name,
                 render_display_name(r, app, o.name, o.name_local));
    }
    char years[32];
    if (first_year == last_year) snprintf(years, sizeof years, "%d", first_year);
    else snprintf(years, sizeof years, "%d–%d", first_year, last_year);
    snprintf(line2, sizeof line2, "%s · click to %s", years, g->place ? "spread them out" : "zoom in");
    draw_tooltip(r, app, line1, line2, -1);
}

static void edge_tooltip(Renderer *r, const App *app, const EventMarkers *m, const EdgeIndicator *e)
{
    const Bundle *b = app->bundle;
    char line1[256], line2[256];
    if (e->event) {
        BundleEvent ev = bundle_event(b, e->event);
        char date[48];
        panel_format_date(date, sizeof date, ev.year, ev.month, ev.day, ev.precision);
        BundlePlace p = bundle_place(b, ev.place);
        snprintf(line2, sizeof line2, "%s · %s · click to go there", date,
                 render_display_name(r, app, p.name, p.name_local));
        draw_tooltip(r, app, ev.title, line2, ev.category);
        return;
    }
    BundlePlace p = bundle_place(b, e->place);
    const char *name = render_display_name(r, app, p.name, p.name_local);
    if (e->place_count == 1) {
        snprintf(line1, sizeof line1, "%u events %s %s", e->count, place_preposition(&p), name);
    } else {
        size_t used = (size_t)snprintf(line1, sizeof line1, "%u events: ", e->count);
        for (uint32_t i = 0; i < e->place_count && i < 4 && used < sizeof line1; i++) {
            BundlePlace q = bundle_place(b, m->edge_places[e->first + i]);
            used += (size_t)snprintf(line1 + used, sizeof line1 - used, "%s%s", i ? ", " : "",
                                     render_display_name(r, app, q.name, q.name_local));
        }
        if (e->place_count > 4 && used < sizeof line1) snprintf(line1 + used, sizeof line1 - used, " …");
    }
    snprintf(line2, sizeof line2, "beyond the map's edge · click to go there");
    draw_tooltip(r, app, line1, line2, -1);
}

/* --- symbols as sprites ---------------------------------------------------------------- */

/* With RENDER_SPRITES_FROM_GLYPHS symbols laid out (a bundle of thousands of events), each
 * symbol's look is drawn once into a sprite and composited wherever it
 * shows: drawing a thousand clusters' discs, rings and counts every frame
 * took longer than a frame (bench_100k.sh: frames of 33 ms and more while
 * panning and zooming). A sprite sits on whole device pixels, so a symbol
 * may land up to half a pixel from where it would be drawn. The hovered,
 * selected and fanned symbols are drawn as always. Direct drawing only. */
#define SPRITE_SLOTS 4096                 /* a power of two */
#define SPRITE_MAX_COUNT 3072             /* then emptied at the next frame */
#define SPRITE_MAX_BYTES ((size_t)32 << 20)

static void sprites_clear(Renderer *r)
{
    for (int i = 0; i < r->sprite_slots; i++) {
        free(r->sprites[i].image.pixels);
        r->sprites[i] = (struct MarkerSprite){ 0 };
    }
    r->sprite_count = 0;
    r->sprite_bytes = 0;
}

void markers_sprites_free(Renderer *r)
{
    sprites_clear(r);
    free(r->sprites);
    free(r->sprite_on_white.pixels);
    r->sprites = NULL;
    r->sprite_slots = 0;
    r->sprite_on_white = (RasterImage){ 0 };
}

/* Whether this frame draws symbols as sprites; empties the table for a new
 * theme, scale or glyph atlas, or when it is full. */
static bool sprites_begin(Renderer *r, const EventMarkers *m)
{
    if (!direct_drawing(r) || m->glyph_count < (size_t)(r->sprites_from_glyphs > 0 ? r->sprites_from_glyphs : 1)) return false;
    if (!r->sprites) {
        r->sprites = calloc(SPRITE_SLOTS, sizeof *r->sprites);
        if (!r->sprites) return false;
        r->sprite_slots = SPRITE_SLOTS;
    }
    uint64_t look = render_layer_key_renderer(0x5350524954455331ull, r);
    if (look != r->sprite_look || r->sprite_count >= SPRITE_MAX_COUNT || r->sprite_bytes >= SPRITE_MAX_BYTES) {
        sprites_clear(r);
        r->sprite_look = look;
    }
    return true;
}

/* What a symbol looks like, as a table key (never 0). */
static uint64_t glyph_look(const App *app, const MarkerGlyph *g)
{
    uint64_t k = 0xcbf29ce484222325ull;
    if (g->count == 1) {
        uint32_t category = bundle_event(app->bundle, g->event).category;
        k = RENDER_LAYER_KEY_VALUE(k, category);
    } else {
        k = RENDER_LAYER_KEY_VALUE(k, g->count);
        k = render_layer_key(k, g->per_category, sizeof g->per_category);
    }
    return k ? k : 1;
}

/* Draws a symbol's sprite: over black and over white, then unblended. */
static bool sprite_draw(Renderer *r, const App *app, const EventMarkers *m, const MarkerGlyph *g, RasterImage *out)
{
    /* How far a symbol reaches from its centre, css px: a single's star or
     * triangle with its rim, a cluster's dark rim. */
    float reach = g->count == 1 ? 12.5f : (float)marker_glyph_radius(g) + 2.5f;
    int half = (int)ceilf(reach * r->dpr) + 1, size = 2 * half;
    size_t bytes = (size_t)size * (size_t)size * 4;
    RasterImage *scratch = &r->sprite_on_white; /* as large as the largest sprite so far */
    if (scratch->width < size) {
        free(scratch->pixels);
        *scratch = (RasterImage){ malloc(bytes), size, size, size };
        if (!scratch->pixels) {
            *scratch = (RasterImage){ 0 };
            return false;
        }
    }
    RasterImage on_white = { scratch->pixels, size, size, size }, *white = &on_white;
    *out = (RasterImage){ malloc(bytes), size, size, size };
    if (!out->pixels) return false;
    MarkerGlyph at = *g;
    at.x = at.y = (double)half / r->dpr; /* the sprite's middle, on a pixel corner */
    RasterImage *target = r->target;
    RasterRect clip = r->clip;
    render_flush(r); /* what was batched for the frame goes to the frame */
    for (int pass = 0; pass < 2; pass++) {
        RasterImage *img = pass ? white : out;
        uint32_t ground = pass ? 0xFFFFFFFFu : 0xFF000000u;
        for (size_t i = 0; i < (size_t)size * (size_t)size; i++) img->pixels[i] = ground;
        r->target = img;
        r->clip = raster_bounds(img);
        if (g->count == 1) draw_single(r, app, &at, false, false);
        else draw_cluster(r, app, m, &at, false, false);
        render_flush(r); /* its count, into the sprite */
    }
    r->target = target;
    r->clip = clip;
    raster_unblend_black_white(out, white);
    return true;
}

/* Composites g's sprite at g, drawing it first if its look is new; false
 * (draw it as always) if the table has no room or memory runs out. */
static bool sprite_composite(Renderer *r, const App *app, const EventMarkers *m, const MarkerGlyph *g)
{
    uint64_t key = glyph_look(app, g);
    unsigned mask = (unsigned)r->sprite_slots - 1, i = (unsigned)key & mask;
    while (r->sprites[i].key && r->sprites[i].key != key) i = (i + 1) & mask;
    struct MarkerSprite *s = &r->sprites[i];
    if (!s->key) {
        if (r->sprite_count >= SPRITE_MAX_COUNT || r->sprite_bytes >= SPRITE_MAX_BYTES) return false;
        if (!sprite_draw(r, app, m, g, &s->image)) {
            free(s->image.pixels);
            s->image = (RasterImage){ 0 };
            return false;
        }
        s->key = key;
        r->sprite_count++;
        r->sprite_bytes += (size_t)s->image.width * (size_t)s->image.height * 4;
    }
    render_flush(r); /* what was batched lies under it */
    int half = s->image.width / 2;
    raster_composite(r->target, r->clip, &s->image, (int)lround(g->x * r->dpr) - half, (int)lround(g->y * r->dpr) - half);
    return true;
}

void render_markers(Renderer *r, const App *app)
{
    if (!app->markers || !(app->display.layers & LAYER_MARKERS)) return;
    event_markers_update(app->markers, app); /* a no-op unless the view, filter or map area changed */
    const EventMarkers *m = app->markers;
    bool sprites = sprites_begin(r, m);
    const MarkerHit none = { .kind = MARKER_HIT_NONE, .index = -1 };
    const MarkerHit *hover = r->figure ? &none : &m->hover; /* a figure shows no pointer */
    double w = app->view.width_css, h = app->view.height_css;
    /* The selected event's symbol last, over everything (its ring too). */
    size_t on_top = SIZE_MAX;
    for (size_t i = 0; i < m->glyph_count && on_top == SIZE_MAX; i++)
        if (m->glyphs[i].selected) on_top = i;
    for (size_t k = 0; k <= m->glyph_count; k++) {
        size_t i = k < m->glyph_count ? k : on_top;
        if (i >= m->glyph_count) continue;
        const MarkerGlyph *g = &m->glyphs[i];
        if (k < m->glyph_count && g->fanned && g->fan_slot == 0) draw_fan_backdrop(r, g);
        if (k < m->glyph_count && i == on_top) continue; /* drawn last */
        double reach = marker_glyph_radius(g) + 10;
        if (g->x < -reach || g->y < -reach || g->x > w + reach || g->y > h + reach) continue;
        bool hovered = hover->kind == MARKER_HIT_GLYPH && hover->index == (int)i && !app->hover.dragging;
        bool selected = g->selected || glyph_selected(app, m, g);
        if (sprites && !hovered && !selected && !g->fanned && sprite_composite(r, app, m, g)) continue;
        if (g->count == 1) draw_single(r, app, g, hovered, selected);
        else draw_cluster(r, app, m, g, hovered, selected);
    }
    for (size_t i = 0; i < m->edge_count; i++)
        draw_edge(r, app, &m->edges[i], hover->kind == MARKER_HIT_EDGE && hover->index == (int)i);
    if (app->hover.dragging || r->figure) return;
    if (hover->kind == MARKER_HIT_GLYPH && hover->index >= 0 && (size_t)hover->index < m->glyph_count)
        glyph_tooltip(r, app, m, &m->glyphs[hover->index]);
    else if (hover->kind == MARKER_HIT_EDGE && hover->index >= 0 && (size_t)hover->index < m->edge_count)
        edge_tooltip(r, app, m, &m->edges[hover->index]);
}

/* --- relations ---------------------------------------------------------------------------- */

/* A country's anchor for arcs: its capital if it has one, else its label point. */
/* Clips a css polyline to a rectangle (x0, y0, x1, y1) and strokes the runs
 * inside: the far end of an arc to Washington lies thousands of pixels away. */
static void stroke_clipped(Renderer *r, const float *xy, int n, const float rect[4], float width, Rgba color)
{
    float run[2 * 66];
    int k = 0;
    for (int i = 0; i + 1 < n; i++) {
        float ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * i + 2], by = xy[2 * i + 3];
        float t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
        float p[4] = { -dx, dx, -dy, dy }, q[4] = { ax - rect[0], rect[2] - ax, ay - rect[1], rect[3] - ay };
        bool inside = true;
        for (int j = 0; j < 4 && inside; j++) {
            if (p[j] == 0) { if (q[j] < 0) inside = false; continue; }
            float t = q[j] / p[j];
            if (p[j] < 0) { if (t > t1) inside = false; else if (t > t0) t0 = t; }
            else { if (t < t0) inside = false; else if (t < t1) t1 = t; }
        }
        if (!inside) {
            if (k >= 2) render_polyline(r, run, k, false, width, color);
            k = 0;
            continue;
        }
        if (k == 0 || t0 > 0) {
            if (k >= 2) render_polyline(r, run, k, false, width, color);
            k = 0;
            run[2 * k] = ax + dx * t0;
            run[2 * k + 1] = ay + dy * t0;
            k++;
        }
        run[2 * k] = ax + dx * t1;
        run[2 * k + 1] = ay + dy * t1;
        k++;
        if (t1 < 1 || k >= 65) {
            render_polyline(r, run, k, false, width, color);
            k = 0;
        }
    }
    if (k >= 2) render_polyline(r, run, k, false, width, color);
}

/* A polyline as dashes of about 9 css px with gaps of 6 (a pledged target),
 * each dash clipped as stroke_clipped clips a whole line. */
static void stroke_dashed(Renderer *r, const float *xy, int n, const float rect[4], float width, Rgba color)
{
    const float on = 9, off = 6;
    float dash[2 * 66], walked = 0;
    int k = 0;
    bool drawing = true;
    dash[k++] = xy[0], dash[k++] = xy[1];
    for (int i = 0; i + 1 < n; i++) {
        float ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * i + 2], by = xy[2 * i + 3];
        float len = hypotf(bx - ax, by - ay), at = 0;
        while (len > 0 && at < len) {
            float limit = drawing ? on : off, take = fminf(limit - walked, len - at);
            at += take;
            walked += take;
            float x = ax + (bx - ax) * at / len, y = ay + (by - ay) * at / len;
            if (drawing && k + 2 <= (int)(sizeof dash / sizeof dash[0])) dash[k++] = x, dash[k++] = y;
            if (walked >= limit) {
                if (drawing && k >= 4) stroke_clipped(r, dash, k / 2, rect, width, color);
                drawing = !drawing;
                walked = 0;
                k = 0;
                if (drawing) dash[k++] = x, dash[k++] = y;
            }
        }
    }
    if (drawing && k >= 4) stroke_clipped(r, dash, k / 2, rect, width, color);
}

/* The relations layer as core/relations_layer.c lays it out: every arc
 * first (a target dashed), then the labels over them, where they cover
 * nothing. */
void render_relations(Renderer *r, const App *app)
{
    if (!(app->display.layers & LAYER_RELATIONS)) return;
    const Theme *t = r->theme;
    LabelFonts fonts = render_label_fonts(r);
    RelationsLayer *layer = &r->relations;
    relations_layout(layer, app, &fonts, &r->labels);
    float area[4] = { 0, 0, (float)app->view.width_css, (float)app->view.height_css };
    if (app->markers) for (int i = 0; i < 4; i++) area[i] = (float)app->markers->area[i];
    float guard[4] = { area[0] - 400, area[1] - 400, area[2] + 400, area[3] + 400 };
    for (int i = 0; i < layer->count; i++) {
        const RelationArc *a = &layer->arcs[i];
        const int n = RELATION_ARC_STEPS + 1;
        if (a->target) {
            stroke_dashed(r, a->pts, n, guard, a->width_css + 2.4f, with_alpha(t->symbol_outline, 200));
            stroke_dashed(r, a->pts, n, guard, a->width_css, t->arc);
        } else {
            stroke_clipped(r, a->pts, n, guard, a->width_css + 2.4f, with_alpha(t->symbol_outline, 200));
            stroke_clipped(r, a->pts, n, guard, a->width_css, t->arc);
        }
        for (int end = 0; end < 2; end++) {
            float ex = a->pts[end ? 2 * (n - 1) : 0], ey = a->pts[end ? 2 * (n - 1) + 1 : 1];
            if (ex < area[0] || ey < area[1] || ex > area[2] || ey > area[3]) continue;
            render_fill_circle(r, ex, ey, a->width_css / 2 + 2.6f, t->symbol_outline);
            render_fill_circle(r, ex, ey, a->width_css / 2 + 1.4f, t->arc);
        }
    }
    for (int i = 0; i < layer->count; i++) {
        const RelationArc *a = &layer->arcs[i];
        if (!a->label_shown) continue;
        RectCss bx = a->label_box;
        render_fill_rect(r, bx.x - 1, bx.y - 1, bx.w + 2, bx.h + 2, with_alpha(t->arc, 160));
        render_fill_rect(r, bx.x, bx.y, bx.w, bx.h, t->panel_bg);
        render_text(r, FACE_BOLD, TEXT_ARC_LABEL_CSS, a->label_x, a->label_baseline, a->label, t->arc);
    }
}

/* --- the key and the scale bar ------------------------------------------------------------ */

/* Up to two lines of text within max_w, broken at spaces; a parenthetical
 * tail ("(unit sphere, y south)") is left out: it is for programmers. */
static void draw_wrapped2(Renderer *r, float size, float x, float y, float max_w, const char *text, Rgba color)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", text);
    char *paren = strstr(buf, " (");
    if (paren) *paren = 0;
    size_t len = strlen(buf), start = 0;
    for (int line = 0; line < 2 && start < len; line++) {
        size_t end = len, last_space = 0;
        if (render_text_width_n(r, FACE_REGULAR, size, buf + start, len - start) > max_w) {
            for (size_t i = start; i < len; i++) {
                if (buf[i] == ' ') {
                    if (render_text_width_n(r, FACE_REGULAR, size, buf + start, i - start) > max_w) break;
                    last_space = i;
                }
            }
            if (last_space > start) end = last_space;
        }
        render_text_n(r, FACE_REGULAR, size, x, y + (float)line * (size + 3), buf + start, end - start, color);
        start = end + 1;
    }
}

static void draw_scale_bar(Renderer *r, const App *app, float x, float y)
{
    const Theme *t = r->theme;
    double km, px;
    if (!legend_scale_bar(app, LEGEND_SCALE_MAX_CSS, &km, &px)) return;
    float w = (float)px, h = 5;
    /* Alternate quarters in ink and paper, the classic atlas bar. */
    render_fill_rect(r, x - 1, y - 1, w + 2, h + 2, t->panel_text);
    for (int i = 0; i < 4; i++)
        render_fill_rect(r, x + w * (float)i / 4, y, w / 4, h, i % 2 ? t->panel_bg : t->panel_text);
    char label[32];
    if (km >= 1) snprintf(label, sizeof label, "%.0f km", km);
    else snprintf(label, sizeof label, "%.1f km", km);
    render_text(r, FACE_REGULAR, TEXT_KEY_CSS, x - 2, y + h + 13, "0", t->panel_muted);
    float lw = render_text_width(r, FACE_REGULAR, TEXT_KEY_CSS, label);
    render_text(r, FACE_REGULAR, TEXT_KEY_CSS, x + w - lw / 2, y + h + 13, label, t->panel_text);
}

/* The key's box above the scale bar: its header, symbols and notes. */
static void draw_legend_body(Renderer *r, const App *app, const LegendLayout *l, bool hover_toggle)
{
    const Theme *t = r->theme;
    float x = (float)l->x, y = (float)l->y, w = (float)l->w, pad = (float)LEGEND_PAD_CSS;
    float body_h = (float)(l->scale_y - l->y);
    render_fill_rect(r, x, y, w, body_h, t->panel_rule);
    render_fill_rect(r, x + 1, y + 1, w - 2, body_h - 1, t->panel_bg);
    if (hover_toggle) render_fill_rect(r, x + 1, y + 1, w - 2, (float)LEGEND_HEADER_CSS - 1, t->button_hover);
    render_text(r, FACE_BOLD, TEXT_KEY_TITLE_CSS, x + pad, y + 17.5f, "Map key", t->panel_text);
    if (!r->figure) render_icon(r, l->open ? ICON_DOWN : ICON_UP, x + w - pad - 5, y + 12, 9, t->panel_muted); /* the fold */
    float ly = y + (float)LEGEND_HEADER_CSS;
    if (!l->open) return;
    float col = (w - 2 * pad) / 3;
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        float cx = x + pad + col * (float)(c % 3), cy = ly + 4 + (float)LEGEND_ROW_CSS * (float)(c / 3);
        render_category_symbol(r, (unsigned)c, cx + 6, cy + 8, 5.2f, t->category[c], t->symbol_outline, 1.2f);
        render_text(r, FACE_REGULAR, TEXT_KEY_CSS, cx + 17, cy + 12.5f, bundle_category_label((unsigned)c), t->panel_text);
    }
    ly += (float)(l->category_rows * LEGEND_ROW_CSS) + 6;
    /* A cluster and an edge badge, as drawn on the map. */
    render_fill_circle(r, x + pad + 7, ly + 8, 9.5f, with_alpha(t->panel_text, 90));
    render_fill_circle(r, x + pad + 7, ly + 8, 9.0f, t->symbol_outline);
    stroke_arc(r, x + pad + 7, ly + 8, 7.2f, -PI_F / 2, PI_F * 0.4f, 3.2f, t->category[0]);
    stroke_arc(r, x + pad + 7, ly + 8, 7.2f, PI_F * 0.4f, PI_F * 1.5f, 3.2f, t->category[2]);
    render_symbol_text(r, FACE_BOLD, TEXT_SYMBOL_CSS, x + pad + 4.5f, ly + 11.2f, "3", t->panel_text);
    render_text(r, FACE_REGULAR, TEXT_KEY_CSS, x + pad + 24, ly + 13, "Several events: click to zoom in", t->panel_text);
    ly += (float)LEGEND_ROW_CSS;
    render_fill_circle(r, x + pad + 7, ly + 8, 8.6f, t->panel_text);
    render_fill_circle(r, x + pad + 7, ly + 8, 7.6f, t->symbol_outline);
    float arrow[6] = { x + pad + 7 - 14, ly + 8, x + pad + 7 - 8.5f, ly + 4, x + pad + 7 - 8.5f, ly + 12 };
    render_fill_convex(r, arrow, 3, t->panel_text);
    render_symbol_text(r, FACE_BOLD, TEXT_SYMBOL_CSS, x + pad + 4.5f, ly + 11.2f, "2", t->panel_text);
    render_text(r, FACE_REGULAR, TEXT_KEY_CSS, x + pad + 24, ly + 13, "Events beyond the map's edge", t->panel_text);
    ly += (float)LEGEND_ROW_CSS;
    if (l->arcs) {
        float line[4] = { x + pad - 2, ly + 9, x + pad + 17, ly + 6 };
        render_polyline(r, line, 2, false, 3.5f, t->arc);
        render_text(r, FACE_REGULAR, TEXT_KEY_CSS, x + pad + 24, ly + 13, "Trade by volume; dashed:", t->panel_text);
        float dx = x + pad + 24 + render_text_width(r, FACE_REGULAR, TEXT_KEY_CSS, "Trade by volume; dashed: ");
        float dash[4] = { dx, ly + 8, dx + 9, ly + 8 }, dash2[4] = { dx + 14, ly + 8, dx + 23, ly + 8 };
        render_polyline(r, dash, 2, false, 3.0f, t->arc);
        render_polyline(r, dash2, 2, false, 3.0f, t->arc);
        render_text(r, FACE_REGULAR, TEXT_KEY_CSS, dx + 29, ly + 13, "a target", t->panel_text);
        ly += (float)LEGEND_ROW_CSS;
    }
    draw_wrapped2(r, TEXT_KEY_NOTE_CSS, x + pad, ly + 11, w - 2 * pad, bundle_meta(app->bundle).projection_name,
                  t->panel_muted);
}

/* Everything the body's pixels depend on. The scale bar below changes with
 * every zoom step, so it is not part of the layer: while the map moves the
 * body is copied and only the bar is drawn (its dozen labels took ~2.8 ms a
 * frame in the software-drawn page, issue 15). */
static uint64_t legend_layer_key(const Renderer *r, const App *app, const LegendLayout *l, bool hover_toggle)
{
    uint64_t h = render_layer_key_renderer(RENDER_LAYER_KEY_SEED, r);
    /* field by field: the struct's padding bytes are not part of the value */
    double boxes[5] = { l->x, l->y, l->w, l->h, l->scale_y };
    h = render_layer_key(h, boxes, sizeof boxes);
    h = RENDER_LAYER_KEY_VALUE(h, l->open);
    h = RENDER_LAYER_KEY_VALUE(h, l->arcs);
    h = RENDER_LAYER_KEY_VALUE(h, l->category_rows);
    h = RENDER_LAYER_KEY_VALUE(h, hover_toggle);
    h = RENDER_LAYER_KEY_VALUE(h, r->figure);
    return RENDER_LAYER_KEY_VALUE(h, app->bundle);
}

void render_legend(Renderer *r, const App *app)
{
    const Theme *t = r->theme;
    LegendLayout l;
    legend_layout(app, &l);
    float x = (float)l.x, y = (float)l.y, w = (float)l.w, h = (float)l.h, pad = (float)LEGEND_PAD_CSS;
    bool hover_toggle = !r->figure && app->markers && app->markers->hover.kind == MARKER_HIT_LEGEND && app->markers->hover.toggle;
    /* The drop shadow, offset (1, 2): only its strips right of and below the
     * opaque box show, so only they are blended (the whole rectangle cost
     * more than the key's text). */
    Rgba shadow = with_alpha(t->panel_text, 30);
    render_fill_rect(r, x + w, y + 2, 1, h, shadow);
    render_fill_rect(r, x + 1, y + h, w - 1, 2, shadow);
    float body[4] = { x, y, w, (float)(l.scale_y - l.y) };
    uint64_t key = legend_layer_key(r, app, &l, hover_toggle);
    if (!render_layer_reuse(r, RENDER_LAYER_LEGEND, body, key)) {
        draw_legend_body(r, app, &l, hover_toggle);
        render_layer_keep(r, RENDER_LAYER_LEGEND, body, key);
    }
    float bar_y = (float)l.scale_y;
    render_fill_rect(r, x, bar_y, w, y + h - bar_y, t->panel_rule);
    render_fill_rect(r, x + 1, bar_y, w - 2, y + h - 1 - bar_y, t->panel_bg);
    draw_scale_bar(r, app, x + pad + 2, bar_y + 6);
}
