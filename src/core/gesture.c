/* gesture: input -> commands. See gesture.h. */
#include "gesture.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "app.h"
#include "command.h"
#include "event_markers.h"
#include "quiz_mode.h"

#define DRAG_THRESHOLD_CSS 4.0   /* a press that moves less than this is a click */
#define WHEEL_ZOOM_PER_STEP 1.25
#define KEY_PAN_CSS_PER_S 500.0
#define KEY_ZOOM_FACTOR 1.5

void gesture_init(Gesture *g, double now_ms)
{
    memset(g, 0, sizeof *g);
    g->last_now_ms = now_ms;
}

static void run(App *app, Command c, double now_ms) { app_apply(app, &c, now_ms); }

static Command pan_by(double dx, double dy)
{
    Command c = { .kind = CMD_PAN_BY };
    c.u.point.dx_css = dx;
    c.u.point.dy_css = dy;
    return c;
}

static Command zoom(CommandKind kind, double factor, double x, double y)
{
    Command c = { .kind = kind };
    c.u.zoom.factor = factor;
    c.u.zoom.x_css = x;
    c.u.zoom.y_css = y;
    return c;
}

/* Presenting: text scale in steps of 25 % (100..250), fullscreen, the
 * pointer's spotlight, the clean view; in a tour too. */
static void presenter_keys(App *app, uint64_t pressed, double now)
{
    if (pressed & (APP_KEY_TEXT_BIGGER | APP_KEY_TEXT_SMALLER)) {
        int ts = app->display.text_scale_percent + ((pressed & APP_KEY_TEXT_BIGGER) ? 25 : -25);
        Command c = { .kind = CMD_SET_TEXT_SCALE };
        c.u.text_scale_percent = ts < 100 ? 100 : ts > 250 ? 250 : ts;
        run(app, c, now);
    }
    if (pressed & APP_KEY_FULLSCREEN) {
        Command c = { .kind = CMD_REQUEST };
        c.u.mask = APP_REQUEST_FULLSCREEN;
        run(app, c, now);
    }
    if (pressed & APP_KEY_SPOTLIGHT) run(app, cmd_toggle(CMD_SET_SPOTLIGHT, TOGGLE_FLIP), now);
    if (pressed & APP_KEY_CLEAN) run(app, cmd_toggle(CMD_SET_CLEAN, TOGGLE_FLIP), now);
    if (pressed & APP_KEY_HELP) run(app, cmd_toggle(CMD_SET_HELP, TOGGLE_FLIP), now);
}

/* In a tour the keys presentation clickers send step through it: next with
 * the right and down arrows, Space, Enter and PageDown; back with the left and
 * up arrows, PageUp and Backspace; Home and End for the first and last stop;
 * b or . to blank the screen. Returns true if it took the keys. */
static bool tour_keys(App *app, uint64_t pressed, double now)
{
    if (app->mode.kind != APP_MODE_TOUR) return false;
    presenter_keys(app, pressed, now);
    Command c = { .kind = CMD_TOUR_STEP };
    if (pressed & (APP_KEY_RIGHT | APP_KEY_DOWN | APP_KEY_SPACE | APP_KEY_ENTER | APP_KEY_PAGE_DOWN)) {
        c.u.direction = +1;
        run(app, c, now);
    } else if (pressed & (APP_KEY_LEFT | APP_KEY_UP | APP_KEY_PAGE_UP | APP_KEY_BACK)) {
        c.u.direction = -1;
        run(app, c, now);
    } else if (pressed & (APP_KEY_RESET | APP_KEY_END)) {
        c.kind = CMD_TOUR_GO;
        c.u.tour.stop = (pressed & APP_KEY_END) ? UINT32_MAX : 0;
        run(app, c, now);
    }
    if (pressed & APP_KEY_BLANK) run(app, cmd_toggle(CMD_TOUR_BLANK, TOGGLE_FLIP), now);
    if (pressed & APP_KEY_ESCAPE) run(app, cmd_simple(CMD_ESCAPE), now);
    if (pressed & APP_KEY_TOURS) run(app, cmd_toggle(CMD_TOUR_LIST, TOGGLE_ON), now);
    return true;
}

/* Keys that switch or step something, each one command. */
static void keys(App *app, uint64_t pressed, double now)
{
    presenter_keys(app, pressed, now);
    if (pressed & APP_KEY_TOURS && app->mode.kind != APP_MODE_TOUR) run(app, cmd_toggle(CMD_TOUR_LIST, TOGGLE_FLIP), now);
    if (tour_keys(app, pressed, now)) return;
    /* In a quiz, Enter, Space or the right arrow go on once a question is answered. */
    if (app->mode.kind == APP_MODE_QUIZ && (pressed & (APP_KEY_ENTER | APP_KEY_SPACE | APP_KEY_RIGHT)))
        run(app, cmd_simple(CMD_QUIZ_NEXT), now);
    if (pressed & APP_KEY_ZOOM_IN) run(app, zoom(CMD_ZOOM_BY, KEY_ZOOM_FACTOR, 0, 0), now);
    if (pressed & APP_KEY_ZOOM_OUT) run(app, zoom(CMD_ZOOM_BY, 1 / KEY_ZOOM_FACTOR, 0, 0), now);
    if (pressed & APP_KEY_RESET) run(app, cmd_simple(CMD_FLY_HOME), now);
    if (pressed & APP_KEY_ESCAPE) run(app, cmd_simple(CMD_ESCAPE), now);
    uint32_t requests = (pressed & APP_KEY_COPY ? APP_REQUEST_COPY_TEXT : 0) |
                        (pressed & APP_KEY_EXPORT ? APP_REQUEST_EXPORT_PNG : 0) |
                        (pressed & APP_KEY_COPY_LINK ? APP_REQUEST_COPY_LINK : 0);
    if (requests) {
        Command c = { .kind = CMD_REQUEST };
        c.u.mask = requests;
        run(app, c, now);
    }
    if (pressed & APP_KEY_PLAY) run(app, cmd_toggle(CMD_SET_PLAYING, TOGGLE_FLIP), now);
    if (pressed & APP_KEY_CONTRAST) {
        Command c = { .kind = CMD_SET_THEME };
        c.u.theme.flip = true;
        run(app, c, now);
    }
    if (pressed & APP_KEY_RELATIONS) {
        Command c = { .kind = CMD_SET_LAYER };
        c.u.layer.bit = LAYER_RELATIONS;
        c.u.layer.on = TOGGLE_FLIP;
        run(app, c, now);
    }
    if (pressed & APP_KEY_LANGUAGE) run(app, cmd_toggle(CMD_SET_LOCAL_NAMES, TOGGLE_FLIP), now);
    if (pressed & (APP_KEY_YEAR_EARLIER | APP_KEY_YEAR_LATER)) {
        Command c = { .kind = CMD_SHIFT_YEARS };
        c.u.shift_years = (pressed & APP_KEY_YEAR_LATER) ? 1 : -1;
        run(app, c, now);
    }
    if (pressed & APP_KEY_BACK) {
        Command c = { .kind = CMD_HISTORY_STEP };
        c.u.direction = -1;
        run(app, c, now);
    }
    if (pressed & APP_KEY_FORWARD) {
        Command c = { .kind = CMD_HISTORY_STEP };
        c.u.direction = +1;
        run(app, c, now);
    }
}

/* A click on the map (a press released where it began, see gesture_update):
 * markers, clusters, edge badges and the key lie over the countries. It
 * happens on release, never on press: a drag or a pinch that starts on a
 * country must not select it (issue 16). The release's frame applies it and
 * draws it, so a click is painted as soon as the button comes up. */
static void click(App *app, double x, double y, double now)
{
    event_markers_update(app->markers, app);
    MarkerHit hit = event_markers_pick(app->markers, x, y);
    Command c;
    bool has_command = event_markers_command(app->markers, app, hit, &c);
    /* In a quiz a click on the map answers a map question (a marker stands
     * for its place) and selects nothing otherwise; zooming still works. */
    if (app->mode.kind == APP_MODE_QUIZ && (!has_command || c.kind == CMD_SELECT)) {
        if (!quiz_mode_wants_map(app) || (hit.kind != MARKER_HIT_NONE && !has_command)) return;
        Selection sel = has_command ? c.u.selection : (Selection){ SELECTION_COUNTRY, app_country_at(app, x, y) };
        Command answer = { .kind = CMD_QUIZ_ANSWER };
        answer.u.answer = quiz_answer_from_selection(app->bundle, sel);
        if (answer.u.answer.kind != QUIZ_ANSWER_NONE) run(app, answer, now);
        return;
    }
    if (has_command) {
        run(app, c, now);
        return;
    }
    if (hit.kind != MARKER_HIT_NONE) return; /* e.g. the key's body: never the country beneath */
    /* The country selected already is selected again: that reopens its
     * closed panel (issue 16: only "Details" did). */
    uint32_t id = app_country_at(app, x, y);
    run(app, cmd_select(id ? SELECTION_COUNTRY : SELECTION_NONE, id), now);
}

void gesture_update(Gesture *g, App *app, const AppInput *in)
{
    double now = in->now_ms;
    /* Clamp the frame delta: a background tab or a debugger pause must not make
     * key panning jump across the continent. */
    double dt_ms = now - g->last_now_ms;
    if (dt_ms < 0) dt_ms = 0;
    if (dt_ms > 100) dt_ms = 100;
    g->last_now_ms = now;

    if (in->width_css != app->view.width_css || in->height_css != app->view.height_css) {
        Command c = { .kind = CMD_RESIZE };
        c.u.size.width_css = in->width_css;
        c.u.size.height_css = in->height_css;
        run(app, c, now);
    }

    /* Pointer gestures: drag pans, a press released without moving past the
     * threshold is a click; a second finger (a pinch) makes the press no
     * click, however it ends. */
    bool pinch = in->pinch_factor > 0 && in->pinch_factor != 1;
    if (in->pointer_pressed) {
        g->press_x = g->last_x = in->pointer_x;
        g->press_y = g->last_y = in->pointer_y;
        g->dragging = false;
        g->click_pending = in->pointer_inside;
    }
    if (pinch || in->touch_count > 1) g->click_pending = false;
    if (in->pointer_down && !in->pointer_pressed) {
        double dx = in->pointer_x - g->last_x, dy = in->pointer_y - g->last_y;
        if (!g->dragging && hypot(in->pointer_x - g->press_x, in->pointer_y - g->press_y) >= DRAG_THRESHOLD_CSS) {
            g->dragging = true;
            dx = in->pointer_x - g->press_x;
            dy = in->pointer_y - g->press_y;
        }
        if (g->dragging && (dx != 0 || dy != 0)) run(app, pan_by(dx, dy), now);
        if (g->dragging) {
            g->last_x = in->pointer_x;
            g->last_y = in->pointer_y;
        }
    }
    if (g->dragging) g->click_pending = false;
    if (in->pointer_released) {
        bool still = hypot(in->pointer_x - g->press_x, in->pointer_y - g->press_y) < DRAG_THRESHOLD_CSS;
        if (g->click_pending && in->pointer_inside && still)
            click(app, in->pointer_x, in->pointer_y, now);
        g->click_pending = false;
        g->dragging = false;
    }

    bool wheel = in->wheel_steps != 0 && in->pointer_inside;
    if (wheel) run(app, zoom(CMD_ZOOM_ABOUT, pow(WHEEL_ZOOM_PER_STEP, in->wheel_steps), in->pointer_x, in->pointer_y), now);
    if (pinch) run(app, zoom(CMD_ZOOM_ABOUT, in->pinch_factor, in->pinch_x, in->pinch_y), now);
    /* A double click on a marker, cluster, edge badge or the key is two clicks
     * on it, not a zoom of the map. */
    if (in->double_clicks > 0 && in->pointer_inside &&
        event_markers_pick(app->markers, in->pointer_x, in->pointer_y).kind == MARKER_HIT_NONE)
        run(app, zoom(CMD_ZOOM_INTO, 2.0, in->pointer_x, in->pointer_y), now);

    keys(app, in->keys_pressed, now);
    /* Held arrows pan the map, but step a tour instead while one plays. */
    uint64_t arrows = app->mode.kind == APP_MODE_TOUR ? 0 : in->keys_down & (APP_KEY_LEFT | APP_KEY_RIGHT | APP_KEY_UP | APP_KEY_DOWN);
    if (arrows) {
        double step = KEY_PAN_CSS_PER_S * dt_ms / 1000.0;
        double dx = 0, dy = 0;
        if (arrows & APP_KEY_LEFT) dx += step;
        if (arrows & APP_KEY_RIGHT) dx -= step;
        if (arrows & APP_KEY_UP) dy += step;
        if (arrows & APP_KEY_DOWN) dy -= step;
        run(app, pan_by(dx, dy), now);
    }
    if (g->dragging || wheel || pinch || arrows)
        run(app, cmd_simple(CMD_INTERACTING), now);
    run(app, cmd_simple(CMD_TICK), now);

    /* Hover: only while not dragging, so panning doesn't flicker highlights.
     * A marker under the pointer takes precedence over the country below it. */
    event_markers_update(app->markers, app);
    Command h = { .kind = CMD_HOVER };
    h.u.hover.at.x_css = in->pointer_x;
    h.u.hover.at.y_css = in->pointer_y;
    h.u.hover.at.dragging = g->dragging;
    MarkerHit hit = { MARKER_HIT_NONE, -1, 0, 0, false };
    if (in->pointer_inside && !g->dragging) {
        hit = event_markers_pick(app->markers, in->pointer_x, in->pointer_y);
        if (hit.kind == MARKER_HIT_GLYPH) h.u.hover.at.event = hit.event; /* 0 for a cluster */
        else if (hit.kind == MARKER_HIT_EDGE) h.u.hover.at.place = hit.place;
        else if (hit.kind == MARKER_HIT_NONE) h.u.hover.at.country = app_country_at(app, in->pointer_x, in->pointer_y);
    }
    h.u.hover.marker = &hit;
    app_apply(app, &h, now);
}
