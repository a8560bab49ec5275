/* ui: panel, panel buttons and zoom buttons. See ui.h. */
#include "ui/ui.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/text_layout.h"
#include "core/utf8.h"
#include "render/markers.h"
#include "ui/cards.h"

#define HEADER_H SCREEN_PANEL_HEADER_CSS
#define WHEEL_SCROLL_CSS 56.0f

typedef struct BlockStyle {
    int face;
    float size, line_height, space_before, indent;
} BlockStyle;

static const BlockStyle STYLES[] = {
    [PANEL_TITLE] = { FACE_BOLD, TEXT_PANEL_TITLE_CSS, 28.0f, 0.0f, 0.0f },
    [PANEL_SUBTITLE] = { FACE_REGULAR, TEXT_PANEL_SUBTITLE_CSS, 21.0f, 2.0f, 0.0f },
    [PANEL_HEADING] = { FACE_BOLD, TEXT_PANEL_HEADING_CSS, 21.0f, 18.0f, 0.0f },
    [PANEL_BODY] = { FACE_REGULAR, TEXT_PANEL_BODY_CSS, 22.5f, 8.0f, 0.0f },
    [PANEL_BULLET] = { FACE_REGULAR, TEXT_PANEL_BODY_CSS, 22.0f, 5.0f, 17.0f },
    [PANEL_QUOTE] = { FACE_REGULAR, TEXT_PANEL_QUOTE_CSS, 22.0f, 4.0f, 14.0f },
    [PANEL_META] = { FACE_REGULAR, TEXT_PANEL_META_CSS, 18.5f, 3.0f, 0.0f },
    [PANEL_LINK] = { FACE_REGULAR, TEXT_PANEL_BODY_CSS, 21.5f, 6.0f, 0.0f },
};


void ui_init(Ui *ui, Renderer *r, const Bundle *bundle)
{
    memset(ui, 0, sizeof *ui);
    ui->r = r;
    ui->hover_line = -1;
    ui->timeline.hover_chip = -1;
    search_box_init(&ui->search, bundle);
}

void ui_shutdown(Ui *ui) { search_box_free(&ui->search); }

void ui_prewarm(Ui *ui, float dpr)
{
    Renderer *r = ui->r;
    r->dpr = dpr;
    static const char sample[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;-()$%'\"“”’—–•";
    for (size_t s = 0; s < sizeof STYLES / sizeof STYLES[0]; s++)
        render_text_width(r, STYLES[s].face, STYLES[s].size, sample); /* measures only */
    for (size_t s = 0; s < sizeof STYLES / sizeof STYLES[0]; s++) {
        float px = STYLES[s].size * dpr;
        size_t len = sizeof sample - 1, pos = 0;
        while (pos < len) {
            AtlasGlyph g;
            font_atlas_glyph(&r->atlas, r->faces[STYLES[s].face], STYLES[s].face, px, utf8_next(sample, len, &pos), &g);
        }
    }
}

static bool in_rect(UiRect r, double x, double y) { return rect_css_contains((RectCss){ r.x, r.y, r.w, r.h }, x, y); }

static UiRect ui_rect(RectCss r) { return (UiRect){ r.x, r.y, r.w, r.h }; }

/* Takes this frame's rectangles from the core's screen layout
 * (core/screen_layout.c), and places the widgets in theirs. */
static void layout(Ui *ui, const App *app)
{
    const ScreenLayout *s = &app->screen;
    ui->width = s->width;
    ui->height = s->height;
    ui->narrow = s->narrow;
    ui->panel = ui_rect(s->panel);
    ui->panel_content = ui_rect(s->panel_content);
    ui->tour_progress = ui_rect(s->tour_progress);
    ui->title = ui_rect(s->title);
    ui->hint = ui_rect(s->hint);
    for (int i = 0; i < UI_BUTTON_COUNT; i++) ui->buttons[i] = ui_rect(s->buttons[i]);
    timeline_bar_layout(&ui->timeline, ui->r, s->timeline.x, s->timeline.y, s->timeline.w);
    search_box_layout(&ui->search, s->search.x, s->search.y, s->search.w, s->map.y + s->map.h - 8);
    ui->map_right = s->map.x + s->map.w;
    ui->map_bottom = s->map.y + s->map.h;
}

/* Font metrics for the core's word wrap, at one size in device px. */
typedef UiFontSize WrapFont;
static float wrap_advance(void *user, uint32_t cp)
{
    const WrapFont *w = user;
    return font_advance(w->font, w->px, cp);
}
static float wrap_kern(void *user, uint32_t a, uint32_t b)
{
    const WrapFont *w = user;
    return font_kern(w->font, w->px, a, b);
}

/* Wraps a document's blocks to the content width (core/text_layout.c) and
 * stacks the lines with each style's spacing; returns the line count. */
static int wrap_lines(Renderer *r, const PanelDoc *doc, float width, UiLine *lines, float *content_height)
{
    int count = 0;
    float y = 0;
    TextLine wrapped[256];
    for (int bi = 0; bi < doc->block_count && count < UI_MAX_LINES; bi++) {
        const BlockStyle *st = &STYLES[doc->blocks[bi].style];
        const char *text = panel_block_text(doc, bi);
        WrapFont wf = { r->faces[st->face], st->size * r->dpr };
        TextMetrics metrics = { wrap_advance, wrap_kern, &wf };
        size_t n = text_wrap(text, strlen(text), (width - st->indent) * r->dpr, &metrics, wrapped, 256);
        if (n == 0) continue;
        y += st->space_before + (bi == 0 ? st->size : st->line_height);
        for (size_t i = 0; i < n && count < UI_MAX_LINES; i++) {
            if (i > 0) y += st->line_height;
            lines[count++] = (UiLine){ bi, wrapped[i].start, wrapped[i].end, st->indent, y, wrapped[i].width / r->dpr };
        }
    }
    *content_height = y + 16;
    return count;
}

static void wrap_document(Ui *ui, float width)
{
    ui->line_count = wrap_lines(ui->r, &ui->doc, width, ui->lines, &ui->content_height);
    ui->wrapped_width = width;
}

/* What a click on what the pointer rests on would select (the panel
 * ui_idle lays out ahead); none in a tour, a quiz or the tour list, whose
 * panels are not a selection's. */
static Selection hovered_selection(const App *app)
{
    if (app->mode.kind != APP_MODE_NONE || app->hover.dragging) return (Selection){ SELECTION_NONE, 0 };
    if (app->hover.event) return (Selection){ SELECTION_EVENT, app->hover.event };
    if (app->hover.country && !app->hover.place) return (Selection){ SELECTION_COUNTRY, app->hover.country };
    return (Selection){ SELECTION_NONE, 0 };
}

static void draw_panel_contents(Ui *ui, const App *app, const PanelDoc *doc, const UiLine *lines);
static uint64_t panel_layer_key(const Ui *ui);

typedef struct AheadDraw { Ui *ui; const App *app; } AheadDraw;
static void draw_spare(void *user)
{
    AheadDraw *a = user;
    draw_panel_contents(a->ui, a->app, &a->ui->spare_doc, a->ui->spare_lines);
}

/* Draws the spare panel into the renderer's ahead layer as the click's frame
 * would draw it: in the layout the open panel will have, scrolled to the
 * top, nothing under the pointer. The Ui's fields the drawing reads are
 * set for it and put back. */
static void draw_spare_ahead(Ui *ui, const App *app, const ScreenLayout *open)
{
    bool narrow = ui->narrow, hover_progress = ui->hover_progress;
    UiRect panel = ui->panel, content = ui->panel_content, progress = ui->tour_progress, buttons[UI_BUTTON_COUNT];
    memcpy(buttons, ui->buttons, sizeof buttons);
    int line_count = ui->line_count, hover_line = ui->hover_line;
    float content_height = ui->content_height, scroll_y = ui->scroll_y;
    uint32_t generation = ui->doc_generation;
    UiButton hover_button = ui->hover_button;
    ui->narrow = open->narrow;
    ui->panel = ui_rect(open->panel);
    ui->panel_content = ui_rect(open->panel_content);
    ui->tour_progress = ui_rect(open->tour_progress);
    ui->hover_progress = false;
    for (int i = 0; i < UI_BUTTON_COUNT; i++) ui->buttons[i] = ui_rect(open->buttons[i]);
    ui->line_count = ui->spare_line_count;
    ui->content_height = ui->spare_content_height;
    ui->scroll_y = 0;
    ui->hover_line = -1;
    ui->hover_button = UI_BUTTON_NONE;
    ui->doc_generation = ui->spare_generation;
    float area[4] = { ui->panel.x, ui->panel.y, ui->panel.w, ui->panel.h };
    AheadDraw a = { ui, app };
    render_layer_draw_ahead(ui->r, RENDER_LAYER_PANEL_AHEAD, area, panel_layer_key(ui), draw_spare, &a);
    ui->narrow = narrow;
    ui->hover_progress = hover_progress;
    ui->panel = panel;
    ui->panel_content = content;
    ui->tour_progress = progress;
    memcpy(ui->buttons, buttons, sizeof buttons);
    ui->line_count = line_count;
    ui->hover_line = hover_line;
    ui->content_height = content_height;
    ui->scroll_y = scroll_y;
    ui->doc_generation = generation;
    ui->hover_button = hover_button;
}

/* Lays out ahead the panel a click on what the pointer rests on would open;
 * false if there was nothing to do. */
static bool lay_out_ahead(Ui *ui, const App *app)
{
    Selection sel = hovered_selection(app);
    if (sel.kind == SELECTION_NONE || !app_selection_valid(app, sel)) return false;
    if (sel.kind == app->select.current.kind && sel.id == app->select.current.id) return false;
    /* The content width the panel will have once it opens for it. */
    ScreenInputs in = { app->view.width_css, app->view.height_css, true, true, app->bundle->tour_count > 0, false,
                        app->display.hint_visible };
    ScreenLayout open;
    screen_layout_compute(&in, &open);
    float width = open.panel_content.w;
    if (ui->spare_valid && ui->spare_doc.about.kind == sel.kind && ui->spare_doc.about.id == sel.id &&
        ui->spare_width == width && ui->spare_dpr == ui->r->dpr)
        return false;
    panel_build(&ui->spare_doc, app->bundle, sel);
    ui->spare_line_count = wrap_lines(ui->r, &ui->spare_doc, width, ui->spare_lines, &ui->spare_content_height);
    ui->spare_width = width;
    ui->spare_dpr = ui->r->dpr;
    ui->spare_generation = ++ui->generations;
    ui->spare_valid = true;
    draw_spare_ahead(ui, app, &open);
    return true;
}

void ui_idle(Ui *ui, const App *app)
{
    /* The panel a click may open first: a click that follows at once finds it. */
    if (lay_out_ahead(ui, app)) return;
    /* Then, once, the search index: a query typed later finds it built. */
    if (!ui->search_prepared) {
        ui->search_prepared = true;
        search_box_prepare(&ui->search);
    }
}

/* Takes the panel laid out ahead if it is the one now needed; false if not. */
static bool take_spare(Ui *ui, const App *app)
{
    const PanelDoc *d = &ui->spare_doc;
    if (!ui->spare_valid || app->mode.kind != APP_MODE_NONE || d->subject != PANEL_ABOUT_SELECTION ||
        d->about.kind != app->select.current.kind || d->about.id != app->select.current.id ||
        ui->spare_width != ui->panel_content.w || ui->spare_dpr != ui->r->dpr)
        return false;
    ui->doc = *d;
    memcpy(ui->lines, ui->spare_lines, (size_t)ui->spare_line_count * sizeof ui->lines[0]);
    ui->line_count = ui->spare_line_count;
    ui->content_height = ui->spare_content_height;
    ui->wrapped_width = ui->spare_width;
    ui->doc_generation = ui->spare_generation;
    ui->spare_valid = false;
    return true;
}

static void clamp_scroll(Ui *ui)
{
    float max_scroll = ui->content_height - ui->panel_content.h;
    if (ui->scroll_y > max_scroll) ui->scroll_y = max_scroll;
    if (ui->scroll_y < 0) ui->scroll_y = 0;
}

/* Rebuilds the document when the selection changed, rewraps when the width
 * did. A selection's panel opens scrolled as the core remembers it (back and
 * forward restore it); a tour's or a quiz's at the top. */
static void refresh_document(Ui *ui, const App *app)
{
    if (!ui->doc_valid || !panel_doc_is_current(&ui->doc, app)) {
        if (!take_spare(ui, app)) {
            panel_build_for(&ui->doc, app);
            ui->wrapped_width = -1;
        }
        ui->doc_valid = true;
        ui->scroll_y = app->mode.kind == APP_MODE_NONE ? app->select.panel_scroll_css : 0;
    }
    if (ui->wrapped_width != ui->panel_content.w) {
        wrap_document(ui, ui->panel_content.w);
        ui->doc_generation = ++ui->generations;
    }
    clamp_scroll(ui);
}

/* What a click on a link block means. */
static Command link_command(const PanelBlock *blk)
{
    Command c = { .kind = CMD_NONE };
    if (blk->tour) {
        c.kind = CMD_TOUR_START;
        c.u.tour.id = blk->tour;
        c.u.tour.stop = 0;
        return c;
    }
    switch (blk->quiz_action) {
    case PANEL_QUIZ_CHOICE:
        c.kind = CMD_QUIZ_ANSWER;
        c.u.answer = (QuizAnswer){ QUIZ_ANSWER_CHOICE, blk->quiz_choice };
        return c;
    case PANEL_QUIZ_SKIP:
        c.kind = CMD_QUIZ_ANSWER;
        c.u.answer = (QuizAnswer){ QUIZ_ANSWER_SKIP, 0 };
        return c;
    case PANEL_QUIZ_NEXT: c.kind = CMD_QUIZ_NEXT; return c;
    case PANEL_QUIZ_END: c.kind = CMD_QUIZ_END; return c;
    default: return cmd_select(blk->link.kind, blk->link.id);
    }
}

static int line_at(const Ui *ui, double x, double y)
{
    if (!in_rect(ui->panel_content, x, y)) return -1;
    double cy = y - ui->panel_content.y + ui->scroll_y;
    for (int i = 0; i < ui->line_count; i++) {
        const UiLine *l = &ui->lines[i];
        const BlockStyle *st = &STYLES[ui->doc.blocks[l->block].style];
        if (cy >= l->y - st->size && cy < l->y + st->line_height - st->size)
            return panel_block_is_link(&ui->doc.blocks[l->block]) ? i : -1;
    }
    return -1;
}

static UiButton button_at(const Ui *ui, double x, double y)
{
    for (int i = 1; i < UI_BUTTON_COUNT; i++)
        if (in_rect(ui->buttons[i], x, y)) return (UiButton)i;
    return UI_BUTTON_NONE;
}

/* What a button means (in a tour, the panel's arrows step through its stops
 * and its close button leaves it). */
static Command button_command(UiButton b, const App *app)
{
    Command c = { .kind = CMD_NONE };
    bool tour = app->mode.kind == APP_MODE_TOUR;
    switch (b) {
    case UI_BUTTON_CLOSE:
        if (tour) c.kind = CMD_TOUR_END;
        else if (app->mode.kind == APP_MODE_QUIZ) c.kind = CMD_QUIZ_END;
        else if (app->mode.kind == APP_MODE_TOUR_LIST) c = cmd_toggle(CMD_TOUR_LIST, TOGGLE_OFF);
        else c = cmd_toggle(CMD_SET_PANEL_OPEN, TOGGLE_OFF);
        break;
    case UI_BUTTON_TOURS: c = cmd_toggle(CMD_TOUR_LIST, TOGGLE_FLIP); break;
    case UI_BUTTON_OPEN_PANEL: c = cmd_toggle(CMD_SET_PANEL_OPEN, TOGGLE_ON); break;
    case UI_BUTTON_BACK: c.kind = tour ? CMD_TOUR_STEP : CMD_HISTORY_STEP; c.u.direction = -1; break;
    case UI_BUTTON_FORWARD: c.kind = tour ? CMD_TOUR_STEP : CMD_HISTORY_STEP; c.u.direction = +1; break;
    case UI_BUTTON_ZOOM_IN: c.kind = CMD_ZOOM_BY; c.u.zoom.factor = 1.5; break;
    case UI_BUTTON_ZOOM_OUT: c.kind = CMD_ZOOM_BY; c.u.zoom.factor = 1 / 1.5; break;
    case UI_BUTTON_RESET: c.kind = CMD_FLY_HOME; break;
    case UI_BUTTON_HELP: c = cmd_toggle(CMD_SET_HELP, TOGGLE_FLIP); break;
    case UI_BUTTON_HINT_CLOSE: c = cmd_toggle(CMD_SET_HINT, TOGGLE_OFF); break;
    default: break;
    }
    return c;
}

bool ui_update(Ui *ui, const App *app, AppInput *in, CommandQueue *out)
{
    layout(ui, app);
    if (app->display.clean && app->mode.kind == APP_MODE_NONE) return false; /* nothing of the UI shows */
    bool search = search_box_update(&ui->search, app, in, out);
    if (ui->search.dirty) { ui->dirty = true; ui->search.dirty = false; }
    if (search) return true;
    /* The '?' card lies over everything: a click anywhere (on release) closes it. */
    if (app->display.help_open || ui->pressed_on_help) {
        if (in->pointer_pressed) ui->pressed_on_help = true;
        if (in->pointer_released && ui->pressed_on_help) {
            ui->pressed_on_help = false;
            if (app->display.help_open) command_queue_push(out, cmd_toggle(CMD_SET_HELP, TOGGLE_OFF));
        }
        in->wheel_steps = 0;
        return in->pointer_inside;
    }
    bool timeline = timeline_bar_update(&ui->timeline, app, in, out);
    if (ui->timeline.dirty) { ui->dirty = true; ui->timeline.dirty = false; }
    if (timeline) return true;
    bool panel = app_panel_visible(app);
    if (panel) refresh_document(ui, app);
    float scroll_before = ui->scroll_y;
    double x = in->pointer_x, y = in->pointer_y;
    bool over_panel = panel && in_rect(ui->panel, x, y);
    UiButton button = in->pointer_inside ? button_at(ui, x, y) : UI_BUTTON_NONE;
    bool over = in->pointer_inside && (over_panel || button != UI_BUTTON_NONE);

    int hover_line = over_panel && !ui->dragging_panel ? line_at(ui, x, y) : -1;
    if (hover_line != ui->hover_line || button != ui->hover_button) {
        ui->hover_line = hover_line;
        ui->hover_button = button;
        ui->dirty = true;
    }
    /* A button acts on release over it, as the map's clicks do (issue 16); the
     * press stays the button's until then. */
    if (in->pointer_pressed) ui->pressed_button = button;
    if (ui->pressed_button != UI_BUTTON_NONE) {
        if (in->pointer_pressed) ui->dirty = true;
        if (!in->pointer_released && in->pointer_down) return true;
        if (in->pointer_released && button == ui->pressed_button) command_queue_push(out, button_command(button, app));
        ui->pressed_button = UI_BUTTON_NONE;
        ui->dirty = true;
        return true;
    }
    /* The stops' bar: a click jumps to the stop under it. */
    bool on_progress = in->pointer_inside && in_rect(ui->tour_progress, x, y);
    if (on_progress != ui->hover_progress) {
        ui->hover_progress = on_progress;
        ui->dirty = true;
    }
    /* ... on release over the bar, as every click acts (issue 16). */
    if (in->pointer_pressed && on_progress) ui->pressed_on_progress = true;
    if (ui->pressed_on_progress && !in->pointer_released && in->pointer_down) return true;
    bool progress_click = ui->pressed_on_progress && in->pointer_released && on_progress;
    if (in->pointer_released) ui->pressed_on_progress = false;
    if (progress_click && app->mode.tour.stop_count > 0) {
        Command go = { .kind = CMD_TOUR_GO };
        double at = (x - ui->tour_progress.x) / ui->tour_progress.w * app->mode.tour.stop_count;
        go.u.tour.stop = at < 0 ? 0 : (uint32_t)at;
        command_queue_push(out, go);
        return true;
    }
    /* PageUp and PageDown scroll the panel, except in a tour, where they step
     * it (what presentation clickers send). */
    if (panel && app->mode.kind != APP_MODE_TOUR && (in->keys_pressed & (APP_KEY_PAGE_UP | APP_KEY_PAGE_DOWN))) {
        float page = ui->panel_content.h * 0.85f;
        ui->scroll_y += (in->keys_pressed & APP_KEY_PAGE_DOWN) ? page : -page;
        clamp_scroll(ui);
        ui->dirty = true;
    }
    if (over_panel) {
        if (in->wheel_steps != 0) {
            ui->scroll_y -= (float)in->wheel_steps * WHEEL_SCROLL_CSS;
            clamp_scroll(ui);
            ui->dirty = true;
        }
        if (in->pointer_pressed) {
            ui->dragging_panel = false;
            ui->drag_last_y = (float)y;
        }
    }
    /* A drag that began on the panel scrolls it, even if the pointer leaves it. */
    if (in->pointer_pressed) ui->pressed_on_panel = over_panel;
    if (ui->pressed_on_panel && in->pointer_down && !in->pointer_pressed) {
        float dy = (float)y - ui->drag_last_y;
        if (ui->dragging_panel || fabsf(dy) > 4) {
            ui->dragging_panel = true;
            ui->scroll_y -= dy;
            ui->drag_last_y = (float)y;
            clamp_scroll(ui);
            ui->dirty = true;
        }
    }
    /* The user scrolled a selection's panel: the core keeps it with the history. */
    if (panel && app->mode.kind == APP_MODE_NONE && ui->scroll_y != scroll_before) {
        Command c = { .kind = CMD_SET_PANEL_SCROLL };
        c.u.panel_scroll_css = ui->scroll_y;
        command_queue_push(out, c);
    }
    if (in->pointer_released && ui->pressed_on_panel) {
        if (!ui->dragging_panel && hover_line >= 0) {
            command_queue_push(out, link_command(&ui->doc.blocks[ui->lines[hover_line].block]));
        }
        ui->dragging_panel = false;
        ui->pressed_on_panel = false;
        return true;
    }
    return over || ui->pressed_on_panel;
}

const TextMetrics *ui_edge_label_metrics(Ui *ui)
{
    ui->label_font = (UiFontSize){ ui->r->faces[FACE_BOLD], TEXT_PLACE_CSS }; /* as render/markers.c draws them */
    ui->label_metrics = (TextMetrics){ wrap_advance, wrap_kern, &ui->label_font };
    return &ui->label_metrics;
}

size_t ui_panel_links(Ui *ui, const App *app, UiLink *out, size_t max)
{
    if (!app_panel_visible(app)) return 0;
    layout(ui, app);
    refresh_document(ui, app);
    size_t n = 0;
    UiRect c = ui->panel_content;
    for (int i = 0; i < ui->line_count && n < max; i++) {
        const UiLine *l = &ui->lines[i];
        const PanelBlock *blk = &ui->doc.blocks[l->block];
        if (!panel_block_is_link(blk)) continue;
        const BlockStyle *st = &STYLES[blk->style];
        float top = c.y + l->y - ui->scroll_y - st->size, h = st->line_height;
        if (top < c.y || top + h > c.y + c.h) continue;
        const char *text = panel_block_text(&ui->doc, l->block);
        out[n++] = (UiLink){ text + l->start, l->end - l->start, c.x + l->x, top, l->width, h };
    }
    return n;
}

bool ui_take_dirty(Ui *ui)
{
    bool d = ui->dirty;
    ui->dirty = false;
    return d;
}

static void draw_button(Ui *ui, UiButton b, RenderIcon icon)
{
    UiRect r = ui->buttons[b];
    if (r.w <= 0) return;
    const Theme *t = ui->r->theme;
    Rgba bg = t->panel_bg;
    if (ui->hover_button == b) bg = t->button_hover;
    render_fill_rect(ui->r, r.x, r.y, r.w, r.h, t->panel_rule);
    render_fill_rect(ui->r, r.x + 1, r.y + 1, r.w - 2, r.h - 2, bg);
    render_icon(ui->r, icon, r.x + r.w / 2, r.y + r.h / 2, 12.0f, t->panel_text);
}

static void draw_close_button(Ui *ui)
{
    UiRect r = ui->buttons[UI_BUTTON_CLOSE];
    const Theme *t = ui->r->theme;
    if (ui->hover_button == UI_BUTTON_CLOSE) render_fill_rect(ui->r, r.x, r.y, r.w, r.h, t->button_hover);
    float tw = render_text_width(ui->r, FACE_REGULAR, TEXT_ICON_GLYPH_CSS, "×");
    render_text(ui->r, FACE_REGULAR, TEXT_ICON_GLYPH_CSS, r.x + (r.w - tw) / 2, r.y + r.h / 2 + 6, "×", t->panel_text);
}

/* Everything the panel's pixels depend on: while it is unchanged (a flight,
 * a pan, the timeline playing) the panel is copied, not drawn again. */
static uint64_t panel_layer_key(const Ui *ui)
{
    uint64_t h = render_layer_key_renderer(RENDER_LAYER_KEY_SEED, ui->r);
    h = RENDER_LAYER_KEY_VALUE(h, ui->panel);
    h = RENDER_LAYER_KEY_VALUE(h, ui->panel_content);
    h = RENDER_LAYER_KEY_VALUE(h, ui->narrow);
    h = RENDER_LAYER_KEY_VALUE(h, ui->doc_generation);
    h = RENDER_LAYER_KEY_VALUE(h, ui->line_count);
    h = RENDER_LAYER_KEY_VALUE(h, ui->content_height);
    h = RENDER_LAYER_KEY_VALUE(h, ui->scroll_y);
    h = RENDER_LAYER_KEY_VALUE(h, ui->hover_line);
    h = RENDER_LAYER_KEY_VALUE(h, ui->hover_button);
    h = RENDER_LAYER_KEY_VALUE(h, ui->tour_progress);
    h = RENDER_LAYER_KEY_VALUE(h, ui->hover_progress);
    for (int b = UI_BUTTON_CLOSE; b <= UI_BUTTON_FORWARD; b++) h = RENDER_LAYER_KEY_VALUE(h, ui->buttons[b]);
    return h;
}

static void draw_panel_contents(Ui *ui, const App *app, const PanelDoc *doc, const UiLine *lines);

/* The stops of a tour as a bar of cells in the panel's header: those passed
 * filled, the current one marked; a click jumps (ui_update). */
static void draw_tour_progress(Ui *ui, const App *app)
{
    UiRect b = ui->tour_progress;
    uint32_t n = app->mode.tour.stop_count;
    if (b.w <= 0 || n == 0) return;
    const Theme *t = ui->r->theme;
    float cell = b.w / (float)n, y = b.y + b.h / 2 - 3;
    for (uint32_t i = 0; i < n; i++) {
        float x0 = b.x + cell * (float)i + 1, w = cell - 2 > 1 ? cell - 2 : 1;
        Rgba c = i <= app->mode.tour.stop ? t->link : ui->hover_progress ? t->panel_muted : t->panel_rule;
        render_fill_rect(ui->r, x0, i == app->mode.tour.stop ? y - 2 : y, w, i == app->mode.tour.stop ? 10 : 6, c);
    }
}

static void draw_panel(Ui *ui, const App *app)
{
    Renderer *r = ui->r;
    UiRect p = ui->panel;
    float area[4] = { p.x, p.y, p.w, p.h };
    uint64_t key = panel_layer_key(ui);
    if (render_layer_reuse(r, RENDER_LAYER_PANEL, area, key)) return;
    if (render_layer_reuse(r, RENDER_LAYER_PANEL_AHEAD, area, key)) { /* drawn ahead by ui_idle */
        render_layer_swap(r, RENDER_LAYER_PANEL, RENDER_LAYER_PANEL_AHEAD);
        return;
    }
    draw_panel_contents(ui, app, &ui->doc, ui->lines);
    render_layer_keep(r, RENDER_LAYER_PANEL, area, key);
}

static void draw_panel_contents(Ui *ui, const App *app, const PanelDoc *doc, const UiLine *lines)
{
    Renderer *r = ui->r;
    const Theme *t = r->theme;
    UiRect p = ui->panel;
    render_fill_rect(r, p.x, p.y, p.w, p.h, t->panel_bg);
    if (ui->narrow) render_fill_rect(r, p.x, p.y, p.w, 1, t->panel_rule);
    else render_fill_rect(r, p.x, p.y, 1, p.h, t->panel_rule);
    draw_button(ui, UI_BUTTON_BACK, ICON_LEFT);
    draw_button(ui, UI_BUTTON_FORWARD, ICON_RIGHT);
    draw_close_button(ui);
    draw_tour_progress(ui, app);
    render_fill_rect(r, p.x, p.y + HEADER_H - 1, p.w, 1, t->panel_rule);

    UiRect c = ui->panel_content;
    float clip[4] = { p.x, c.y, p.w, c.h + 8 };
    render_set_clip(r, clip);
    int prev_block = -1;
    for (int i = 0; i < ui->line_count; i++) {
        const UiLine *l = &lines[i];
        float y = c.y + l->y - ui->scroll_y;
        const PanelBlock *blk = &doc->blocks[l->block];
        const BlockStyle *st = &STYLES[blk->style];
        if (y - st->size > c.y + c.h + 8 || y + st->line_height < c.y) { prev_block = l->block; continue; }
        const char *text = panel_block_text(doc, l->block);
        Rgba color = t->panel_text;
        if (blk->style == PANEL_SUBTITLE || blk->style == PANEL_META || blk->style == PANEL_QUOTE) color = t->panel_muted;
        if (panel_block_is_link(blk)) color = t->link;
        bool first = l->block != prev_block;
        if (blk->style == PANEL_HEADING && first) render_fill_rect(r, c.x, y - st->size - 8, c.w, 1, t->panel_rule);
        if (blk->style == PANEL_BULLET && first) render_text(r, FACE_REGULAR, st->size, c.x + 3, y, "•", t->panel_muted);
        if (blk->style == PANEL_QUOTE) render_fill_rect(r, c.x + 2, y - st->size, 3, st->line_height, t->panel_rule);
        render_text_n(r, st->face, st->size, c.x + l->x, y, text + l->start, l->end - l->start, color);
        if (ui->hover_line >= 0 && lines[ui->hover_line].block == l->block)
            render_fill_rect(r, c.x + l->x, y + 2, l->width, 1, t->link);
        prev_block = l->block;
    }
    render_set_clip(r, NULL);
    /* A scroll thumb when the content is longer than the panel. */
    if (ui->content_height > c.h) {
        float track = c.h, thumb = fmaxf(24.0f, track * c.h / ui->content_height);
        float ty = c.y + (track - thumb) * ui->scroll_y / (ui->content_height - c.h);
        render_fill_rect(r, p.x + p.w - 6, ty, 3, thumb, t->panel_rule);
    }
}

/* A soft ring around the pointer for a projector ('o'), visible over every
 * theme: a dark rim outside a light one. */
static void draw_spotlight(Ui *ui, const App *app)
{
    float xy[2 * 48];
    for (int i = 0; i < 48; i++) {
        float a = 6.2831853f * (float)i / 48.0f;
        xy[2 * i] = (float)app->hover.x_css + 28.0f * cosf(a);
        xy[2 * i + 1] = (float)app->hover.y_css + 28.0f * sinf(a);
    }
    render_polyline(ui->r, xy, 48, true, 7.0f, (Rgba){ 0, 0, 0, 150 });
    render_polyline(ui->r, xy, 48, true, 3.5f, (Rgba){ 255, 214, 0, 230 });
}

/* A problem the user must know about (a bundle that did not open): under
 * the search field, clear of the map's buttons and of the panel, wrapped to
 * at most four lines (the page's live region and state() carry all of it). */
static void draw_notice(Ui *ui, const App *app, const char *notice)
{
    Renderer *r = ui->r;
    UiRect zoom = ui->buttons[UI_BUTTON_ZOOM_IN];
    float x = ui->search.x, y = app->screen.notice_top, pad = 12, line_h = 20;
    float right = zoom.w > 0 && zoom.x - 8 > x + 160 ? zoom.x - 8 : ui->map_right - 8;
    WrapFont wf = { r->faces[FACE_BOLD], TEXT_MESSAGE_CSS * r->dpr };
    TextMetrics metrics = { wrap_advance, wrap_kern, &wf };
    TextLine lines[4];
    size_t n = text_wrap(notice, strlen(notice), (right - x - 2 * pad) * r->dpr, &metrics, lines, 4);
    float widest = 0;
    for (size_t i = 0; i < n; i++) widest = fmaxf(widest, lines[i].width / r->dpr);
    render_fill_rect(r, x, y, widest + 2 * pad, (float)n * line_h + 12, (Rgba){ 0xB0, 0x2E, 0x26, 255 });
    for (size_t i = 0; i < n; i++)
        render_text_n(r, FACE_BOLD, TEXT_MESSAGE_CSS, x + pad, y + 6 + 14 + (float)i * line_h, notice + lines[i].start,
                      lines[i].end - lines[i].start, r->theme->panel_bg);
}

void ui_draw(Ui *ui, const App *app)
{
    layout(ui, app);
    /* The clean view: the map and a tour's slide or a quiz's question only. */
    bool clean = app->display.clean;
    if (app_panel_visible(app) && (!clean || app->mode.kind != APP_MODE_NONE)) {
        refresh_document(ui, app);
        draw_panel(ui, app);
    }
    if (clean) {
        if (app->display.spotlight) draw_spotlight(ui, app);
        if (app->mode.kind == APP_MODE_TOUR && app->mode.tour.blank)
            render_fill_rect(ui->r, 0, 0, ui->width, ui->height, (Rgba){ 0, 0, 0, 255 });
        return;
    }
    if (ui->buttons[UI_BUTTON_OPEN_PANEL].w > 0) {
        UiRect b = ui->buttons[UI_BUTTON_OPEN_PANEL];
        const Theme *t = ui->r->theme;
        render_fill_rect(ui->r, b.x, b.y, b.w, b.h, t->panel_rule);
        render_fill_rect(ui->r, b.x + 1, b.y + 1, b.w - 2, b.h - 2, ui->hover_button == UI_BUTTON_OPEN_PANEL ? t->button_hover : t->panel_bg);
        const char *label = ui->narrow ? "Show details" : "‹ Details";
        float tw = render_text_width(ui->r, FACE_BOLD, TEXT_BUTTON_CSS, label);
        render_text(ui->r, FACE_BOLD, TEXT_BUTTON_CSS, b.x + (b.w - tw) / 2, b.y + b.h / 2 + 5, label, t->panel_text);
    }
    if (app->messages.notice[0]) draw_notice(ui, app, app->messages.notice);
    if (app->messages.toast[0]) { /* a confirmation, bottom centre of the map */
        const Theme *tt = ui->r->theme;
        float tw = render_text_width(ui->r, FACE_BOLD, TEXT_MESSAGE_CSS, app->messages.toast) + 28;
        float tx = (ui->map_right - tw) / 2, ty = ui->map_bottom - 54;
        render_fill_rect(ui->r, tx, ty, tw, 34, tt->panel_text);
        render_text(ui->r, FACE_BOLD, TEXT_MESSAGE_CSS, tx + 14, ty + 22, app->messages.toast, tt->panel_bg);
    }
    /* Attribution in the map's own bottom-right corner, clear of the panel. */
    const Theme *t = ui->r->theme;
    const char *attribution = bundle_meta(app->bundle).attribution;
    float map_right = ui->map_right, map_bottom = ui->map_bottom;
    timeline_bar_draw(&ui->timeline, ui->r, app);
    if (!ui->narrow || !app_panel_visible(app)) render_legend(ui->r, app);
    float aw = render_text_width(ui->r, FACE_REGULAR, TEXT_ATTRIBUTION_CSS, attribution);
    render_fill_rect(ui->r, map_right - aw - 12, map_bottom - 20, aw + 12, 20, t->panel_bg);
    render_text(ui->r, FACE_REGULAR, TEXT_ATTRIBUTION_CSS, map_right - aw - 6, map_bottom - 6, attribution, t->panel_muted);
    draw_button(ui, UI_BUTTON_ZOOM_IN, ICON_PLUS);
    draw_button(ui, UI_BUTTON_ZOOM_OUT, ICON_MINUS);
    draw_button(ui, UI_BUTTON_RESET, ICON_HOME);
    if (ui->buttons[UI_BUTTON_TOURS].w > 0) {
        UiRect b = ui->buttons[UI_BUTTON_TOURS];
        const Theme *bt = ui->r->theme;
        bool on = app->mode.kind != APP_MODE_NONE;
        render_fill_rect(ui->r, b.x, b.y, b.w, b.h, bt->panel_rule);
        render_fill_rect(ui->r, b.x + 1, b.y + 1, b.w - 2, b.h - 2,
                         ui->hover_button == UI_BUTTON_TOURS || on ? bt->button_hover : bt->panel_bg);
        float tw = render_text_width(ui->r, FACE_BOLD, TEXT_BUTTON_CSS, "Tours");
        render_text(ui->r, FACE_BOLD, TEXT_BUTTON_CSS, b.x + (b.w - tw) / 2, b.y + b.h / 2 + 5, "Tours", bt->panel_text);
    }
    if (ui->buttons[UI_BUTTON_HELP].w > 0)
        cards_draw_button(ui->r, app->screen.buttons[SCREEN_BUTTON_HELP], ui->hover_button == UI_BUTTON_HELP, "?");
    if (ui->title.w > 0) cards_draw_title(ui->r, app->screen.title);
    if (ui->hint.w > 0)
        cards_draw_hint(ui->r, app->screen.hint, app->screen.buttons[SCREEN_BUTTON_HINT_CLOSE],
                        ui->hover_button == UI_BUTTON_HINT_CLOSE);
    search_box_draw(&ui->search, ui->r, app); /* its list lies over everything else but help */
    if (app->display.help_open) {
        RectCss card = cards_draw_help(ui->r, app, ui->height);
        ui->help_card = (UiRect){ card.x, card.y, card.w, card.h };
    }
    if (app->display.spotlight) draw_spotlight(ui, app);
    /* A presentation clicker's "black screen": nothing shows but black. */
    if (app->mode.kind == APP_MODE_TOUR && app->mode.tour.blank)
        render_fill_rect(ui->r, 0, 0, ui->width, ui->height, (Rgba){ 0, 0, 0, 255 });
}

void ui_draw_figure(Ui *ui, const App *app)
{
    layout(ui, app);
    Renderer *r = ui->r;
    const Theme *t = r->theme;
    if (!ui->narrow || !app_panel_visible(app)) render_legend(r, app);
    RectCss c = app->screen.figure_caption;
    render_fill_rect(r, c.x, c.y, c.w, c.h, t->panel_bg);
    render_fill_rect(r, c.x, c.y, c.w, 1, t->panel_rule);
    char title[512], sources[2048];
    panel_figure_caption(app, title, sizeof title, sources, sizeof sources);
    float x = c.x + SCREEN_MARGIN_CSS, w = c.w - 2 * SCREEN_MARGIN_CSS, y = c.y + 20;
    y = ui_draw_wrapped(r, FACE_BOLD, TEXT_BUTTON_CSS, x, y, w, 19, 1, title, t->panel_text);
    y = ui_draw_wrapped(r, FACE_REGULAR, TEXT_FIGURE_CAPTION_CSS, x, y, w, 16, 2, sources, t->panel_text);
    const char *attribution = bundle_meta(app->bundle).attribution;
    char line[512];
    snprintf(line, sizeof line, "%s · Map and figure: Steppe Atlas", attribution);
    ui_draw_wrapped(r, FACE_REGULAR, TEXT_FIGURE_CAPTION_CSS, x, fmaxf(y, c.y + c.h - 8), w, 16, 1, line, t->panel_muted);
}

size_t ui_panel_text(Ui *ui, const App *app, char *out, size_t out_size)
{
    if (!app_panel_visible(app)) {
        if (out_size) out[0] = 0;
        return 0;
    }
    layout(ui, app);
    refresh_document(ui, app);
    return panel_plain_text(&ui->doc, out, out_size);
}
