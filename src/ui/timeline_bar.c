/* timeline_bar: years, play, range and categories. See timeline_bar.h. */
#include "ui/timeline_bar.h"

#include <math.h>
#include <stdio.h>

#include "core/timeline.h"
#include "render/markers.h"

void timeline_bar_layout(TimelineBar *bar, Renderer *r, float x, float y, float w)
{
    bar->x = x;
    bar->y = y;
    bar->w = w;
    bar->h = TIMELINE_BAR_HEIGHT;
    bar->play_size = 30;
    bar->play_x = x + 10;
    bar->play_y = y + 10;
    bar->track_x0 = x + 56;
    bar->track_x1 = x + w - 18;
    bar->track_y = y + 34;
    bar->chip_y = y + 57;
    bar->chip_h = 25;
    /* Category switches: full labels if they fit, else colour and count only. */
    float full = 0;
    for (int c = 0; c < CATEGORY_COUNT; c++)
        full += render_text_width(r, FACE_REGULAR, TEXT_TIMELINE_CSS, bundle_category_label((unsigned)c)) + 44;
    bar->compact = full > w - 20;
    float cx = x + 10;
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        float cw = bar->compact ? fminf(44.0f, (w - 20) / CATEGORY_COUNT - 4)
                                : render_text_width(r, FACE_REGULAR, TEXT_TIMELINE_CSS, bundle_category_label((unsigned)c)) + 40;
        bar->chip_x[c] = cx;
        bar->chip_w[c] = cw;
        cx += cw + 4;
    }
}

static float year_to_x(const TimelineBar *bar, const App *app, double year)
{
    double span = app->timeline.last_year + 1 - app->timeline.first_year;
    return bar->track_x0 + (float)((year - app->timeline.first_year) / span) * (bar->track_x1 - bar->track_x0);
}

static int x_to_year(const TimelineBar *bar, const App *app, double x)
{
    double span = app->timeline.last_year + 1 - app->timeline.first_year;
    double t = (x - bar->track_x0) / (bar->track_x1 - bar->track_x0);
    int year = app->timeline.first_year + (int)floor(t * span);
    if (year < app->timeline.first_year) year = app->timeline.first_year;
    if (year > app->timeline.last_year) year = app->timeline.last_year;
    return year;
}

/* core/screen_layout.h's test, for a rectangle given by its parts. */
static bool inside(double x, double y, float rx, float ry, float rw, float rh)
{
    return rect_css_contains((RectCss){ rx, ry, rw, rh }, x, y);
}

static Command years(int from, int to)
{
    Command c = { .kind = CMD_SET_YEARS };
    c.u.years.from = from;
    c.u.years.to = to;
    return c;
}

bool timeline_bar_update(TimelineBar *bar, const App *app, const AppInput *in, CommandQueue *out)
{
    double x = in->pointer_x, y = in->pointer_y;
    bool over = in->pointer_inside && inside(x, y, bar->x, bar->y, bar->w, bar->h);
    bool on_play = over && inside(x, y, bar->play_x, bar->play_y, bar->play_size, bar->play_size);
    int chip = -1;
    for (int c = 0; c < CATEGORY_COUNT && over; c++)
        if (inside(x, y, bar->chip_x[c], bar->chip_y, bar->chip_w[c], bar->chip_h)) chip = c;
    if (chip != bar->hover_chip || on_play != bar->hover_play) {
        bar->hover_chip = chip;
        bar->hover_play = on_play;
        bar->dirty = true;
    }
    const EventFilter *f = &app->timeline.filter;
    bool on_track = over && y >= bar->track_y - 16 && y <= bar->track_y + 12 && x >= bar->track_x0 - 8 &&
                    x <= bar->track_x1 + 8;
    if (in->pointer_pressed && over) {
        if (on_play) command_queue_push(out, cmd_toggle(CMD_SET_PLAYING, TOGGLE_FLIP));
        else if (chip >= 0) {
            Command c = { .kind = CMD_SET_CATEGORY };
            c.u.category.index = (unsigned)chip;
            c.u.category.on = TOGGLE_FLIP;
            c.u.category.solo = in->double_clicks > 0;
            command_queue_push(out, c);
        } else if (on_track) {
            /* Grab the nearer handle if the press is close to one, else start a new range. */
            float hx0 = year_to_x(bar, app, f->year_from), hx1 = year_to_x(bar, app, f->year_to + 1);
            if (fabs(x - hx0) <= 8 && fabs(x - hx0) <= fabs(x - hx1)) bar->dragging = 1;
            else if (fabs(x - hx1) <= 8) bar->dragging = 2;
            else {
                bar->dragging = 3;
                bar->drag_anchor_year = x_to_year(bar, app, x);
                command_queue_push(out, years(bar->drag_anchor_year, bar->drag_anchor_year));
            }
            command_queue_push(out, cmd_toggle(CMD_SET_PLAYING, TOGGLE_OFF));
        }
        return true;
    }
    if (bar->dragging && in->pointer_down) {
        int year = x_to_year(bar, app, x);
        if (bar->dragging == 1) command_queue_push(out, years(year, f->year_to));
        else if (bar->dragging == 2) command_queue_push(out, years(f->year_from, x_to_year(bar, app, x - 4)));
        else command_queue_push(out, years(bar->drag_anchor_year, year));
        return true;
    }
    if (bar->dragging && (in->pointer_released || !in->pointer_down)) {
        bar->dragging = 0;
        return true;
    }
    return over;
}

static void draw_bar(const TimelineBar *bar, Renderer *r, const App *app);

/* Everything the strip's pixels depend on: while it is unchanged (the map
 * moving, a flight) the strip is copied, not drawn again; with many events
 * its ticks alone take longer than a frame. */
static uint64_t bar_layer_key(const TimelineBar *bar, const Renderer *r, const App *app)
{
    uint64_t h = render_layer_key_renderer(RENDER_LAYER_KEY_SEED, r);
    h = render_layer_key(h, bar, sizeof *bar);
    h = RENDER_LAYER_KEY_VALUE(h, app->timeline.filter);
    h = RENDER_LAYER_KEY_VALUE(h, app->timeline.playing);
    double play_year = app->timeline.playing ? app->timeline.play_year : 0;
    h = RENDER_LAYER_KEY_VALUE(h, play_year);
    h = RENDER_LAYER_KEY_VALUE(h, app->timeline.first_year);
    h = RENDER_LAYER_KEY_VALUE(h, app->timeline.last_year);
    h = RENDER_LAYER_KEY_VALUE(h, app->bundle);
    return h;
}

void timeline_bar_draw(const TimelineBar *bar, Renderer *r, const App *app)
{
    float area[4] = { bar->x, bar->y, bar->w, bar->h };
    uint64_t key = bar_layer_key(bar, r, app);
    if (render_layer_reuse(r, RENDER_LAYER_TIMELINE, area, key)) return;
    draw_bar(bar, r, app);
    render_layer_keep(r, RENDER_LAYER_TIMELINE, area, key);
}

static void draw_bar(const TimelineBar *bar, Renderer *r, const App *app)
{
    const Theme *t = r->theme;
    const Bundle *b = app->bundle;
    render_fill_rect(r, bar->x, bar->y, bar->w, bar->h, t->panel_rule);
    render_fill_rect(r, bar->x, bar->y + 1, bar->w, bar->h - 1, t->panel_bg);

    /* Play / pause. */
    float px = bar->play_x, py = bar->play_y, ps = bar->play_size;
    render_fill_rect(r, px, py, ps, ps, bar->hover_play ? t->button_hover : t->panel_rule);
    render_fill_rect(r, px + 1, py + 1, ps - 2, ps - 2, bar->hover_play ? t->button_hover : t->panel_bg);
    render_icon(r, app->timeline.playing ? ICON_PAUSE : ICON_PLAY, px + ps / 2, py + ps / 2, 12, t->panel_text);

    /* Track: the selected range as a band, year labels, a tick per event. */
    float x0 = bar->track_x0, x1 = bar->track_x1, ty = bar->track_y;
    render_fill_rect(r, x0, ty - 1, x1 - x0, 2, t->panel_rule);
    float rx0 = year_to_x(bar, app, app->timeline.filter.year_from), rx1 = year_to_x(bar, app, app->timeline.filter.year_to + 1);
    Rgba band = t->link;
    band.a = 40;
    render_fill_rect(r, rx0, ty - 12, rx1 - rx0, 20, band);
    int step = (x1 - x0) / (app->timeline.last_year + 1 - app->timeline.first_year) < 22 ? 5 : 1;
    for (int year = app->timeline.first_year; year <= app->timeline.last_year; year++) {
        if (year % step != 0 && year != app->timeline.first_year) continue;
        float x = year_to_x(bar, app, year);
        render_fill_rect(r, x, ty + 1, 1, 4, t->panel_muted);
        if (year % (step == 1 ? 5 : 5) == 0 || year == app->timeline.first_year) {
            char label[8];
            snprintf(label, sizeof label, "%d", year);
            render_text(r, FACE_REGULAR, TEXT_TIMELINE_YEAR_CSS, x + 2, ty + 17, label, t->panel_muted);
        }
    }
    for (uint32_t e = 1; e <= b->event_count; e++) {
        BundleEvent ev = bundle_event(b, e);
        double when = ev.year + (ev.precision >= DATE_PRECISION_MONTH && ev.month ? (ev.month - 0.5) / 12.0 : 0.5);
        float x = year_to_x(bar, app, when);
        Rgba c = t->category[ev.category % CATEGORY_COUNT];
        if (!app_event_visible(app, e)) c.a = 60;
        render_fill_rect(r, x - 1, ty - 11, 2, 10, c);
    }
    /* Handles at both ends of the range. */
    render_fill_rect(r, rx0 - 2, ty - 14, 4, 24, t->link);
    render_fill_rect(r, rx1 - 2, ty - 14, 4, 24, t->link);
    if (app->timeline.playing) {
        float cx = year_to_x(bar, app, app->timeline.play_year);
        render_fill_rect(r, cx - 1, ty - 16, 2, 28, t->selected_outline);
    }
    char range[64];
    uint32_t counts[CATEGORY_COUNT], visible;
    app_count_events(app, counts, &visible);
    char shown[24];
    timeline_count_full(visible, shown, sizeof shown);
    if (app->timeline.filter.year_from == app->timeline.filter.year_to) snprintf(range, sizeof range, "%d · %s events", app->timeline.filter.year_from, shown);
    else snprintf(range, sizeof range, "%d–%d · %s events", app->timeline.filter.year_from, app->timeline.filter.year_to, shown);
    render_text(r, FACE_BOLD, TEXT_TIMELINE_CSS, x0, bar->y + 15, range, t->panel_text);

    /* Category switches with counts. */
    for (int c = 0; c < CATEGORY_COUNT; c++) {
        bool on = (app->timeline.filter.category_mask >> c) & 1u;
        float cx = bar->chip_x[c], cy = bar->chip_y, cw = bar->chip_w[c], ch = bar->chip_h;
        render_fill_rect(r, cx, cy, cw, ch, bar->hover_chip == c ? t->button_hover : t->panel_rule);
        render_fill_rect(r, cx + 1, cy + 1, cw - 2, ch - 2, bar->hover_chip == c ? t->button_hover : t->panel_bg);
        Rgba dot = t->category[c];
        if (!on) dot.a = 70;
        render_category_symbol(r, (unsigned)c, cx + 10, cy + ch / 2, 4.3f, dot, t->panel_bg, 0); /* as on the map */
        char label[48], count[16];
        timeline_count_label(counts[c], count, sizeof count); /* "12k": the switch's width holds it */
        if (bar->compact) snprintf(label, sizeof label, "%s", count);
        else snprintf(label, sizeof label, "%s %s", bundle_category_label((unsigned)c), count);
        render_text(r, FACE_REGULAR, TEXT_TIMELINE_CSS, cx + 19, cy + ch / 2 + 4.5f, label, on ? t->panel_text : t->panel_muted);
    }
}
