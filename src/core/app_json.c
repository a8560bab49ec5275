/* app_json: JSON views of the App. See app_json.h. */
#include "app_json.h"

#include <math.h>
#include <stdlib.h>

#include "event_markers.h"
#include "panel.h"

void app_json_state(const App *app, TextOut *o)
{
    const View *v = &app->view;
    double lon = 0, lat = 0;
    geo_unproject(&app->projection, (WorldPoint){ v->center_x, v->center_y }, &lon, &lat);
    View home = *v;
    app_fit_home(app, &home);
    text_out_printf(o, "{\"view\":{\"lon\":%.5f,\"lat\":%.5f,\"zoom\":%.4f,\"scalePx\":%.3f,"
                       "\"width\":%.1f,\"height\":%.1f,\"flying\":%s},",
                    lon, lat, log2(v->scale_px / home.scale_px), v->scale_px, v->width_css, v->height_css,
                    v->flight.active ? "true" : "false");
    const char *key = "", *name = "";
    app_selection_names(app, app->select.current, &key, &name);
    text_out_printf(o, "\"selectionKind\":\"%s\",\"selection\":", app_selection_kind_name(app->select.current.kind));
    text_out_json_string_or_null(o, key);
    text_out_raw(o, ",\"selectionName\":");
    text_out_json_string_or_null(o, name);
    text_out_raw(o, ",\"hover\":");
    text_out_json_string_or_null(o, bundle_country(app->bundle, app->hover.country).iso3);
    text_out_raw(o, ",\"hoverEvent\":");
    text_out_json_string_or_null(o, bundle_event(app->bundle, app->hover.event).key);
    const EventMarkers *m = app->markers;
    text_out_printf(o, ",\"markers\":%zu,\"edgeIndicators\":%zu,\"visibleMarkers\":%u",
                    m ? m->glyph_count : (size_t)0, m ? m->edge_count : (size_t)0, m ? m->represented : 0u);
    text_out_printf(o, ",\"legendOpen\":%s,\"layers\":[", !m || m->legend.open ? "true" : "false");
    for (int i = 0, n = 0; i < LAYER_COUNT; i++)
        if (app->display.layers & app_layer_bit(i)) {
            if (n++) text_out_raw(o, ",");
            text_out_json_string(o, app_layer_name(i));
        }
    text_out_raw(o, "]");
    uint32_t counts[CATEGORY_COUNT], visible;
    app_count_events(app, counts, &visible);
    const TimelineState *t = &app->timeline;
    text_out_printf(o, ",\"years\":[%d,%d],\"categories\":%u,\"visibleEvents\":%u,\"playing\":%s,\"localNames\":%s,"
                       "\"highContrast\":%s,\"theme\":\"%s\",\"mode\":\"%s\"",
                    t->filter.year_from, t->filter.year_to, t->filter.category_mask, visible,
                    t->playing ? "true" : "false", app->display.local_names ? "true" : "false",
                    app->display.theme == THEME_ID_HIGH_CONTRAST ? "true" : "false", app_theme_name(app->display.theme),
                    app_mode_name(app->mode.kind));
    text_out_raw(o, ",\"tour\":");
    if (app->mode.kind == APP_MODE_TOUR) {
        text_out_raw(o, "{\"id\":");
        text_out_json_string(o, bundle_tour(app->bundle, app->mode.tour.tour).key);
        text_out_printf(o, ",\"stop\":%u,\"stops\":%u,\"blank\":%s}", app->mode.tour.stop + 1,
                        app->mode.tour.stop_count, app->mode.tour.blank ? "true" : "false");
    } else {
        text_out_raw(o, "null");
    }
    text_out_raw(o, ",\"quiz\":");
    if (app->mode.kind == APP_MODE_QUIZ) {
        const QuizMode *qm = &app->mode.quiz;
        text_out_printf(o, "{\"seed\":%u,\"index\":%d,\"count\":%d,\"score\":%d,\"answered\":%d,\"feedback\":\"%s\"}",
                        qm->quiz.settings.seed, qm->progress.index, qm->quiz.count, qm->progress.score,
                        qm->progress.answered,
                        qm->feedback == QUIZ_RIGHT ? "right" : qm->feedback == QUIZ_WRONG ? "wrong" : "none");
    } else {
        text_out_raw(o, "null");
    }
    text_out_printf(o, ",\"textScale\":%d,\"spotlight\":%s,\"clean\":%s", app->display.text_scale_percent,
                    app->display.spotlight ? "true" : "false", app->display.clean ? "true" : "false");
    text_out_printf(o, ",\"reducedMotion\":%s,\"panelOpen\":%s", app->display.reduced_motion ? "true" : "false",
                    app->select.panel_open ? "true" : "false");
    text_out_printf(o, ",\"help\":%s,\"hint\":%s}", app->display.help_open ? "true" : "false",
                    app->display.hint_visible ? "true" : "false");
}

int app_state_json(const App *app, char *out, int out_size)
{
    if (out_size <= 0) return 0;
    TextOut o;
    text_out_fixed(&o, out, (size_t)out_size);
    app_json_state(app, &o);
    return (int)text_out_stored(&o);
}

/* A glyph's event is its earliest; place is its shared place or null; an
 * edge names its place with most events, its event if it stands for exactly
 * one, and how many places it groups; key is the map key's box (its header
 * row, header px tall, folds it). css px. */
void app_json_markers(const App *app, TextOut *o)
{
    const EventMarkers *m = app->markers;
    const Bundle *b = app->bundle;
    text_out_raw(o, "{\"markers\":[");
    for (size_t i = 0; m && i < m->glyph_count; i++) {
        const MarkerGlyph *g = &m->glyphs[i];
        text_out_printf(o, "%s{\"x\":%.1f,\"y\":%.1f,\"count\":%u,\"event\":", i ? "," : "", g->x, g->y, g->count);
        text_out_json_string_or_null(o, bundle_event(b, g->event).key);
        text_out_raw(o, ",\"place\":");
        text_out_json_string_or_null(o, g->place ? bundle_place(b, g->place).key : NULL);
        text_out_printf(o, ",\"fanned\":%s}", g->fanned ? "true" : "false");
    }
    text_out_raw(o, "],\"edges\":[");
    for (size_t i = 0; m && i < m->edge_count; i++) {
        const EdgeIndicator *e = &m->edges[i];
        text_out_printf(o, "%s{\"x\":%.1f,\"y\":%.1f,\"count\":%u,\"place\":", i ? "," : "", e->x, e->y, e->count);
        text_out_json_string_or_null(o, bundle_place(b, e->place).key);
        text_out_printf(o, ",\"places\":%u,\"event\":", e->place_count);
        text_out_json_string_or_null(o, e->event ? bundle_event(b, e->event).key : NULL);
        text_out_raw(o, "}");
    }
    if (m)
        text_out_printf(o, "],\"key\":{\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"header\":%.1f}}", m->legend.x,
                        m->legend.y, m->legend.w, m->legend.h, m->legend.toggle[3]);
    else
        text_out_raw(o, "],\"key\":null}");
}

void app_json_events(const App *app, TextOut *o)
{
    const Bundle *b = app->bundle;
    text_out_raw(o, "[");
    bool first = true;
    for (uint32_t id = 1; id <= b->event_count; id++) {
        if (!app_event_visible(app, id)) continue;
        BundleEvent e = bundle_event(b, id);
        BundlePlace p = bundle_place(b, e.place);
        text_out_raw(o, first ? "{\"key\":" : ",{\"key\":");
        text_out_json_string(o, e.key);
        text_out_printf(o, ",\"lon\":%.4f,\"lat\":%.4f,\"year\":%u,\"category\":\"%s\"}", (double)p.lon_deg,
                        (double)p.lat_deg, e.year, bundle_category_name(e.category));
        first = false;
    }
    text_out_raw(o, "]");
}

void app_json_tours(const App *app, TextOut *o)
{
    const Bundle *b = app->bundle;
    text_out_raw(o, "[");
    for (uint32_t id = 1; id <= b->tour_count; id++) {
        BundleTour t = bundle_tour(b, id);
        text_out_raw(o, id > 1 ? ",{\"id\":" : "{\"id\":");
        text_out_json_string(o, t.key);
        text_out_raw(o, ",\"title\":");
        text_out_json_string(o, t.title);
        text_out_printf(o, ",\"stops\":%u}", t.stop_count);
    }
    text_out_raw(o, "]");
}

void app_json_mirror(const App *app, TextOut *o, unsigned max_events)
{
    const Bundle *b = app->bundle;
    /* Which countries have something to say: one pass over what names them. */
    bool *content = calloc((size_t)b->country_count + 1, sizeof *content);
    if (content) {
        for (uint32_t e = 1; e <= b->event_count; e++) {
            BundleEvent ev = bundle_event(b, e);
            for (uint32_t i = 0; i < ev.country_count; i++) {
                uint32_t c = bundle_list_id(b, ev.country_first + i);
                if (c <= b->country_count) content[c] = true;
            }
        }
        for (uint32_t f = 1; f <= b->figure_count; f++) {
            uint32_t c = bundle_figure(b, f).country;
            if (c <= b->country_count) content[c] = true;
        }
        for (uint32_t r = 1; r <= b->relation_count; r++) {
            BundleRelation rel = bundle_relation(b, r);
            if (rel.country_a <= b->country_count) content[rel.country_a] = true;
            if (rel.country_b <= b->country_count) content[rel.country_b] = true;
        }
    }
    text_out_raw(o, "{\"countries\":[");
    bool first = true;
    for (uint32_t id = 1; id <= b->country_count; id++) {
        BundleCountry c = bundle_country(b, id);
        if (!c.profile[0] && !(content && content[id])) continue;
        text_out_raw(o, first ? "{\"key\":" : ",{\"key\":");
        text_out_json_string(o, c.iso3);
        text_out_raw(o, ",\"name\":");
        text_out_json_string(o, c.name);
        text_out_printf(o, ",\"focus\":%s}", c.flags & COUNTRY_FLAG_CENTRAL_ASIA ? "true" : "false");
        first = false;
    }
    free(content);
    text_out_raw(o, "],\"events\":[");
    unsigned shown = 0, more = 0;
    for (uint32_t id = 1; id <= b->event_count; id++) {
        if (!app_event_visible(app, id)) continue;
        if (shown >= max_events) { more++; continue; }
        BundleEvent e = bundle_event(b, id);
        char date[48];
        panel_format_date(date, sizeof date, e.year, e.month, e.day, e.precision);
        text_out_raw(o, shown ? ",{\"key\":" : "{\"key\":");
        text_out_json_string(o, e.key);
        text_out_raw(o, ",\"title\":");
        text_out_json_string(o, e.title);
        text_out_raw(o, ",\"date\":");
        text_out_json_string(o, date);
        text_out_printf(o, ",\"when\":%u,\"category\":\"%s\",\"place\":", e.year * 10000u + e.month * 100u + e.day,
                        bundle_category_name(e.category));
        text_out_json_string(o, bundle_place(b, e.place).name);
        text_out_raw(o, "}");
        shown++;
    }
    uint32_t counts[CATEGORY_COUNT], visible;
    app_count_events(app, counts, &visible);
    text_out_printf(o, "],\"more\":%u,\"categories\":[", more);
    for (unsigned c = 0; c < CATEGORY_COUNT; c++) {
        text_out_printf(o, "%s{\"name\":\"%s\",\"label\":", c ? "," : "", bundle_category_name(c));
        text_out_json_string(o, bundle_category_label(c));
        text_out_printf(o, ",\"on\":%s,\"count\":%u}", app->timeline.filter.category_mask & (1u << c) ? "true" : "false",
                        counts[c]);
    }
    text_out_raw(o, "]}");
}
