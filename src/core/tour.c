/* tour: playing guided tours. See tour.h. */
#include "tour.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "command_internal.h"
#include "gesture.h"

BundleTourStop tour_current_stop(const App *app)
{
    if (!tour_playing(app)) return bundle_tour_stop(app->bundle, 0, 0);
    return bundle_tour_stop(app->bundle, app->mode.tour.tour, app->mode.tour.stop);
}

void tour_format_clock(double elapsed_ms, char *out, size_t size)
{
    enum { MOST = 99 * 3600 + 59 * 60 + 59 };
    int s = elapsed_ms > 0 && isfinite(elapsed_ms) ? (int)fmin(floor(elapsed_ms / 1000.0), MOST) : 0;
    char text[16];
    if (s < 3600) snprintf(text, sizeof text, "%02d:%02d", s / 60 % 60, s % 60);
    else snprintf(text, sizeof text, "%d:%02d:%02d", s / 3600 % 100, s / 60 % 60, s % 60);
    snprintf(out, size, "%s", text);
}

void tour_presenter_text(const App *app, double now_ms, TourPresenterText *out)
{
    memset(out, 0, sizeof *out);
    out->tour_title = out->title = out->text = out->notes = "";
    out->playing = tour_playing(app);
    if (!out->playing) {
        out->message = "No tour is playing in the atlas window: press t there to choose one.";
        tour_format_clock(0, out->clock, sizeof out->clock);
        return;
    }
    const TourState *t = &app->mode.tour;
    BundleTourStop now = bundle_tour_stop(app->bundle, t->tour, t->stop);
    out->message = "";
    out->blank = t->blank;
    out->tour_title = bundle_tour(app->bundle, t->tour).title;
    snprintf(out->where, sizeof out->where, "stop %u / %u", t->stop + 1, t->stop_count);
    out->title = now.title;
    out->text = now.text;
    out->notes = now.notes[0] ? now.notes : "(No notes for this stop.)";
    if (t->stop + 1 < t->stop_count)
        snprintf(out->next, sizeof out->next, "Next: %s", bundle_tour_stop(app->bundle, t->tour, t->stop + 1).title);
    else
        snprintf(out->next, sizeof out->next, "This is the last stop.");
    tour_format_clock(now_ms - t->started_ms, out->clock, sizeof out->clock);
}

int tour_presenter_commands(const App *app, uint64_t keys, Command out[3])
{
    if (!tour_playing(app)) return 0;
    int n = 0;
    Command c = { .kind = CMD_TOUR_STEP };
    if (keys & (APP_KEY_RIGHT | APP_KEY_DOWN | APP_KEY_SPACE | APP_KEY_ENTER | APP_KEY_PAGE_DOWN)) {
        c.u.direction = +1;
        out[n++] = c;
    } else if (keys & (APP_KEY_LEFT | APP_KEY_UP | APP_KEY_PAGE_UP | APP_KEY_BACK)) {
        c.u.direction = -1;
        out[n++] = c;
    } else if (keys & (APP_KEY_RESET | APP_KEY_END)) {
        c.kind = CMD_TOUR_GO;
        c.u.tour.stop = (keys & APP_KEY_END) ? UINT32_MAX : 0;
        out[n++] = c;
    }
    if (keys & APP_KEY_BLANK) out[n++] = cmd_toggle(CMD_TOUR_BLANK, TOGGLE_FLIP);
    if (keys & APP_KEY_ESCAPE) out[n++] = cmd_simple(CMD_ESCAPE);
    return n;
}

/* Shows stop `index` of the tour playing: its state string applies as a
 * link's would, with a flight to its view. */
static void show_stop(App *app, uint32_t index, double now_ms)
{
    TourState *t = &app->mode.tour;
    if (index >= t->stop_count) index = t->stop_count ? t->stop_count - 1 : 0;
    t->stop = index;
    t->blank = false;
    BundleTourStop st = bundle_tour_stop(app->bundle, t->tour, index);
    command_apply_state(app, st.state, NULL, now_ms, true, true);
}

/* Remembers what the teacher had, unless a tour already plays (going from
 * one tour to another returns, in the end, to where the first began). */
void mode_remember(App *app)
{
    AppMode *m = &app->mode;
    if (m->kind != APP_MODE_NONE && m->kind != APP_MODE_TOUR_LIST && m->resume_valid) return;
    if (m->kind == APP_MODE_TOUR_LIST) m->kind = APP_MODE_NONE;
    deeplink_write(app, m->resume_state, sizeof m->resume_state);
    m->resume_view = app->view;
    m->resume_valid = true;
}

static bool start(App *app, uint32_t tour_id, uint32_t stop, double now_ms)
{
    BundleTour tour = bundle_tour(app->bundle, tour_id);
    if (tour_id == 0 || tour.stop_count == 0) return false;
    mode_remember(app);
    app->mode.kind = APP_MODE_TOUR;
    app->mode.tour.tour = tour_id;
    app->mode.tour.stop_count = tour.stop_count;
    app->mode.tour.started_ms = now_ms;
    show_stop(app, stop, now_ms);
    return true;
}

void tour_leave(App *app)
{
    app->mode.kind = APP_MODE_NONE;
    app->mode.tour.tour = 0;
    app->mode.tour.blank = false;
    app->mode.resume_valid = false;
}

void mode_restore(App *app, double now_ms)
{
    AppMode *m = &app->mode;
    bool valid = m->resume_valid;
    View view = m->resume_view;
    char state[APP_RESUME_MAX]; /* the App's copy is cleared by tour_leave */
    memcpy(state, m->resume_state, sizeof state);
    tour_leave(app);
    if (!valid) return;
    command_apply_state(app, state, NULL, now_ms, false, false);
    view_fly_to(&app->view, view.center_x, view.center_y, view.scale_px, now_ms, 0);
}

/* Back to what the teacher had before the tour: its state, and its view. */
static void end(App *app, double now_ms) { mode_restore(app, now_ms); }

void tour_open_from_link(App *app, uint32_t tour_id, uint32_t stop, double now_ms)
{
    if (app->mode.kind == APP_MODE_TOUR && app->mode.tour.tour == tour_id) show_stop(app, stop, now_ms);
    else start(app, tour_id, stop, now_ms);
}

bool tour_escape(App *app, double now_ms)
{
    switch (app->mode.kind) {
    case APP_MODE_TOUR:
        if (app->mode.tour.blank) app->mode.tour.blank = false;
        else end(app, now_ms);
        return true;
    case APP_MODE_TOUR_LIST:
        app->mode.kind = APP_MODE_NONE;
        return true;
    default:
        return false;
    }
}

bool tour_apply(App *app, const Command *c, double now_ms)
{
    TourState *t = &app->mode.tour;
    bool playing = app->mode.kind == APP_MODE_TOUR;
    switch (c->kind) {
    case CMD_TOUR_LIST: {
        if (c->u.toggle != TOGGLE_OFF && c->u.toggle != TOGGLE_ON && c->u.toggle != TOGGLE_FLIP) return false;
        bool open = c->u.toggle == TOGGLE_FLIP ? app->mode.kind != APP_MODE_TOUR_LIST : c->u.toggle == TOGGLE_ON;
        if (open && app->bundle->tour_count == 0) return false;
        if (open) {
            if (playing) end(app, now_ms);
            app->mode.kind = APP_MODE_TOUR_LIST;
        } else if (app->mode.kind == APP_MODE_TOUR_LIST) {
            app->mode.kind = APP_MODE_NONE;
        }
        return true;
    }
    case CMD_TOUR_START:
        return start(app, c->u.tour.id, c->u.tour.stop, now_ms);
    case CMD_TOUR_STEP: {
        if (!playing || c->u.direction == 0) return false;
        if (c->u.direction < 0 && t->stop == 0) return false;
        if (c->u.direction > 0 && t->stop + 1 >= t->stop_count) return false;
        show_stop(app, c->u.direction < 0 ? t->stop - 1 : t->stop + 1, now_ms);
        return true;
    }
    case CMD_TOUR_GO:
        if (!playing) return false;
        show_stop(app, c->u.tour.stop, now_ms);
        return true;
    case CMD_TOUR_END:
        if (!playing) return false;
        end(app, now_ms);
        return true;
    case CMD_TOUR_BLANK:
        if (!playing || (c->u.toggle != TOGGLE_OFF && c->u.toggle != TOGGLE_ON && c->u.toggle != TOGGLE_FLIP)) return false;
        t->blank = c->u.toggle == TOGGLE_FLIP ? !t->blank : c->u.toggle == TOGGLE_ON;
        return true;
    default:
        return false;
    }
}
