/* render/labels: draws the country and place names core/labels.c places,
 * into the base map, band by band when it is redrawn progressively: the
 * first band of a redraw places them, every band draws those that reach its
 * rows (placing among 100,000 places is not free). See render_internal.h. */
#include "render/render_internal.h"

#include <math.h>

#include "core/labels.h"

static float font_width(void *user, int face, float size_css, const char *utf8)
{
    return render_text_width(user, face, size_css, utf8);
}

static const char *font_display_name(void *user, const App *app, const char *english, const char *local)
{
    return render_display_name(user, app, english, local);
}

LabelFonts render_label_fonts(Renderer *r) { return (LabelFonts){ font_width, font_display_name, r }; }

/* Whether a label touches the part being drawn (all when not banded): its
 * box, and its place's dot with the dot's halo, which may reach beyond the
 * box (a dot at a strip's seam was drawn in one part only). */
static bool label_in_band(const Renderer *r, const PlacedLabel *label)
{
    if (!(r->band_y1 > r->band_y0)) return true;
    RectCss box = label->box;
    float x0 = box.x - 3, x1 = box.x + box.w + 3, y0 = box.y - 3, y1 = box.y + box.h + 3;
    if (label->dot_radius > 0) {
        float reach = label->dot_halo + 1;
        x0 = fminf(x0, label->dot_x - reach);
        x1 = fmaxf(x1, label->dot_x + reach);
        y0 = fminf(y0, label->dot_y - reach);
        y1 = fmaxf(y1, label->dot_y + reach);
    }
    return y1 * r->dpr >= r->band_y0 && y0 * r->dpr <= r->band_y1 && x1 * r->dpr >= r->band_x0 && x0 * r->dpr <= r->band_x1;
}

static void draw_label(Renderer *r, const PlacedLabel *label)
{
    if (!label_in_band(r, label)) return;
    const Theme *t = r->theme;
    if (label->dot_radius > 0) {
        render_fill_circle(r, label->dot_x, label->dot_y, label->dot_halo, t->label_halo);
        render_fill_circle(r, label->dot_x, label->dot_y, label->dot_radius, t->label);
    }
    render_text_halo(r, label->face, label->size, label->x, label->y, label->text,
                     label->minor ? t->label_minor : t->label, t->label_halo);
}

void labels_draw(Renderer *r, const App *app)
{
    bool later_band = (r->band_y1 > r->band_y0 && r->next_band > 0) || r->keep_label_places;
    if (!later_band) { /* the first band of this redraw (or a whole one): place */
        LabelFonts fonts = render_label_fonts(r);
        labels_place(&r->labels, app, &fonts);
    }
    for (int i = 0; i < r->labels.placed_count; i++) draw_label(r, &r->labels.placed[i]);
}
