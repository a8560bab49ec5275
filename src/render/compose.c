/* render/compose: the map part of a frame, in drawing order (render_map).
 * The only file of render/ that draws the overlays of render/markers.c,
 * which draws with the rest of render/: nothing includes it back. */
#include "render/render_internal.h"

#include "render/markers.h"
#include "core/event_markers.h"

/* The name of the country under the pointer, beside the pointer. */
static void draw_hover_name(Renderer *r, const App *app)
{
    const Theme *t = r->theme;
    const Bundle *b = app->bundle;
    if (app->hover.country && !app->hover.dragging && !r->figure) {
        BundleCountry c = bundle_country(b, app->hover.country);
        const char *name = render_display_name(r, app, c.name, c.name_local);
        float tw = render_text_width(r, FACE_BOLD, TEXT_HOVER_NAME_CSS, name);
        /* Beside the pointer, flipped to stay on screen. */
        float x = (float)app->hover.x_css + 14, y = (float)app->hover.y_css + 16;
        if (x + tw + 16 > app->view.width_css) x = (float)app->hover.x_css - tw - 22;
        if (y + 28 > app->view.height_css) y = (float)app->hover.y_css - 38;
        render_fill_rect(r, x, y, tw + 16, 28, t->panel_rule);
        render_fill_rect(r, x + 1, y + 1, tw + 14, 26, t->panel_bg);
        render_text(r, FACE_BOLD, TEXT_HOVER_NAME_CSS, x + 8, y + 19, name, t->panel_text);
    }
}

void render_map(Renderer *r, const App *app)
{
    if (app->markers) event_markers_update(app->markers, app); /* first: names are placed clear of them */
    base_cache_draw(r, app);           /* fills, borders and names, from the cache where it can */
    countries_draw_highlights(r, app); /* hover, and the selection until the cache shows it */
    render_relations(r, app);          /* trade arcs (render/markers.c) */
    render_markers(r, app);            /* events, clusters, edge badges, tooltips */
    draw_hover_name(r, app);
}
