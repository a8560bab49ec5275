/* native_main: the native program — a window, --screenshot or --handouts.
 *
 * The command line is read by src/cli/cli_args.c (GNU conventions; --help
 * lists every option); --list is written by src/cli/cli_list.c. --screenshot
 * renders one frame on an offscreen surface (no display needed), writes a PNG
 * and prints, per --probe, the css position there. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli_args.h"
#include "cli/cli_list.h"
#include "core/quiz.h"
#include "core/text_out.h"
#include "platform/native.h"

/* --- the platform interface, natively ----------------------------------------- */

void platform_present(Platform *p) { SDL_RenderPresent(p->sdl_renderer); }
void platform_first_frame_shown(Platform *p) { (void)p; }
void platform_publish_state(Platform *p, const char *hash, bool push) { (void)p; (void)hash; (void)push; }
void platform_copy_text(Platform *p, const char *text) { (void)p; SDL_SetClipboardText(text); }
/* Natively the state string itself: steppe_atlas --state '...' opens it. */
void platform_copy_link(Platform *p, const char *hash) { platform_copy_text(p, hash); }
void platform_resize_target(Platform *p) { (void)p; }

void platform_toggle_fullscreen(Platform *p)
{
    bool full = (SDL_GetWindowFlags(p->window) & SDL_WINDOW_FULLSCREEN_DESKTOP) == SDL_WINDOW_FULLSCREEN_DESKTOP;
    SDL_SetWindowFullscreen(p->window, full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
}

void platform_export_png(Platform *p, const int rect_px[4])
{
    char stamp[48], name[64];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "steppe-atlas-%Y%m%d-%H%M%S", localtime(&now));
    snprintf(name, sizeof name, "%s.png", stamp);
    for (int n = 2; n < 100; n++) { /* a second export within the second does not overwrite the first */
        FILE *f = fopen(name, "rb");
        if (!f) break;
        fclose(f);
        snprintf(name, sizeof name, "%s-%d.png", stamp, n);
    }
    int w = rect_px[2], h = rect_px[3];
    SDL_Rect rect = { rect_px[0], rect_px[1], w, h };
    void *pixels = w > 0 && h > 0 ? malloc((size_t)w * (size_t)h * 4) : NULL;
    char msg[128];
    if (pixels && SDL_RenderReadPixels(p->sdl_renderer, &rect, SDL_PIXELFORMAT_ABGR8888, pixels, w * 4) == 0 &&
        native_write_png(name, w, h, pixels, w * 4)) {
        SDL_snprintf(msg, sizeof msg, "Saved %s", name);
        printf("steppe_atlas: saved %s %dx%d\n", name, w, h);
    } else {
        SDL_snprintf(msg, sizeof msg, "Could not save the PNG");
    }
    free(pixels);
    Command c = { .kind = CMD_TOAST };
    c.u.text.text = msg;
    platform_command(p, c);
}

/* --- the program ------------------------------------------------------------------- */

void *native_read_file(const char *path, size_t *size, const char **why)
{
    *why = NULL;
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = strerror(errno ? errno : EIO);
        return NULL;
    }
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    int failed = 0;
    for (;;) {
        if (len == cap) {
            size_t new_cap = cap ? cap * 2 : (size_t)1 << 16;
            unsigned char *nb = new_cap > cap ? SDL_realloc(buf, new_cap) : NULL;
            if (!nb) { failed = ENOMEM; break; }
            buf = nb;
            cap = new_cap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    if (!failed && ferror(f)) failed = errno ? errno : EIO; /* a directory: EISDIR */
    fclose(f);
    if (failed) {
        SDL_free(buf);
        *why = strerror(failed);
        return NULL;
    }
    *size = len;
    return buf;
}

/* Reads the teacher's bundle named on the command line; NULL if none or
 * unreadable (then *why is the system's reason, said on stderr with the file). */
static void *read_bundle_file(const char *path, size_t *size, const char **why)
{
    *why = NULL;
    if (!path) return NULL;
    void *data = native_read_file(path, size, why);
    if (!data) fprintf(stderr, "steppe_atlas: cannot read bundle %s: %s\n", path, *why);
    return data;
}

/* The first start's hint shows until it is dismissed once; a file in SDL's
 * per-user folder (~/.local/share/steppe-atlas/) remembers that it was. */
static char *hint_marker_path(void)
{
    char *dir = SDL_GetPrefPath(NULL, "steppe-atlas");
    if (!dir) return NULL;
    size_t n = strlen(dir) + sizeof "hint-seen";
    char *path = malloc(n);
    if (path) snprintf(path, n, "%shint-seen", dir);
    SDL_free(dir);
    return path;
}

static bool hint_seen(void)
{
    char *path = hint_marker_path();
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (f) fclose(f);
    free(path);
    return f != NULL || path == NULL;
}

static void remember_hint_seen(void)
{
    char *path = hint_marker_path();
    FILE *f = path ? fopen(path, "wb") : NULL;
    if (f) {
        fputs("The first start's hint was dismissed; delete this file to see it again.\n", f);
        fclose(f);
    }
    free(path);
}

static int run_window(Platform *p, const CliOptions *opt, const Command *theme)
{
    NativeReplay *replay = NULL; /* --replay: a test's input script instead of the user */
    if (opt->replay_path && !(replay = native_replay_load(opt->replay_path))) return 2;
    if (!platform_open_window(p, opt->width_css, opt->height_css, opt->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0))
        return 1;
    if (!platform_start_drawing(p)) return 1;
    if (!platform_start_app(p, p->width_css, p->height_css, platform_now_ms())) return 1;
    platform_apply_initial_state(p, opt->state);
    if (theme) platform_command(p, *theme);
    /* A first start at the home view (not a link, a tour or a test's script) gets the hint. */
    bool first_start = !opt->state && !replay && !hint_seen();
    if (opt->hint || first_start) platform_command(p, cmd_toggle(CMD_SET_HINT, TOGGLE_ON));
    bool hint_pending = first_start && p->app.display.hint_visible;
    native_presenter_install(p);
    if (opt->presenter && !native_presenter_open(p)) return 1;
    int status = replay ? native_replay_run(replay, p) : 0;
    while (!replay && !p->quit) {
        platform_frame();
        if (hint_pending && !p->app.display.hint_visible) { remember_hint_seen(); hint_pending = false; }
        if (!p->app.needs_redraw && !p->app.view.flight.active) SDL_Delay(4);
    }
    native_replay_free(replay);
    if (opt->presenter_screenshot_path && !native_presenter_screenshot(p, opt->presenter_screenshot_path) && !status)
        status = 1;
    native_presenter_close(p);
    app_destroy(&p->app);
    ui_shutdown(&p->ui);
    render_shutdown(&p->renderer);
    SDL_DestroyRenderer(p->sdl_renderer);
    SDL_DestroyWindow(p->window);
    bundle_close(&p->bundle);
    SDL_free(p->bundle_file);
    SDL_Quit();
    return status;
}

/* --quiz SEED --print: the questions, their choices and an answer key, for a
 * paper test. */
static int print_quiz(Platform *p, const char *quiz_state)
{
    if (!app_init(&p->app, &p->bundle, 1280, 800, 0)) return 1;
    Command c = { .kind = CMD_APPLY_STATE };
    c.u.text.text = quiz_state;
    app_apply(&p->app, &c, 0);
    int status = 0;
    if (p->app.mode.kind != APP_MODE_QUIZ) {
        fprintf(stderr, "steppe-atlas: --quiz: this atlas has too few questions for a quiz\n");
        status = 1;
    } else {
        TextOut o = { 0 };
        text_out_reset_growing(&o);
        quiz_print(&p->app.mode.quiz.quiz, &p->bundle, &o);
        const char *text = text_out_result(&o, NULL);
        if (!text || fputs(text, stdout) == EOF || fflush(stdout) != 0) status = 1;
        text_out_free(&o);
    }
    app_destroy(&p->app);
    bundle_close(&p->bundle);
    SDL_free(p->bundle_file);
    return status;
}

/* Options the parser knows that this version cannot carry out yet: say so
 * rather than ignore them. Returns the exit status, or -1 to go on. */
static int refuse_unfinished(const CliOptions *opt)
{
    const char *what = NULL;
    if (opt->quiz_given && opt->mode != CLI_MODE_QUIZ_PRINT && opt->mode != CLI_MODE_SCREENSHOT && opt->mode != CLI_MODE_WINDOW)
        what = "--quiz with this mode";
    if (!what) return -1;
    fprintf(stderr, "steppe-atlas: %s\n", what);
    return 2;
}

int main(int argc, char **argv)
{
    Platform *p = &g_platform;
    CliOptions opt;
    char problem[256];
    CliStatus status = cli_args_parse(argc, argv, &opt, problem, sizeof problem);
    if (status != CLI_OK) {
        fprintf(stderr, "steppe-atlas: %s\n", problem);
        return (int)status;
    }
    if (opt.mode == CLI_MODE_HELP) { fputs(cli_usage(), stdout); return 0; }
    if (opt.mode == CLI_MODE_VERSION) { fputs(cli_version_text(), stdout); return 0; }
    if (opt.mode == CLI_MODE_LIST) {
        size_t size = 0;
        const unsigned char *builtin = NULL;
        if (!opt.bundle_path) {
            char why[256];
            builtin = platform_default_bundle(&size, why, sizeof why);
            if (!builtin) {
                fprintf(stderr, "steppe-atlas: built-in bundle: %s\n", why);
                return 1;
            }
        }
        return cli_list_run(opt.list, opt.bundle_path, builtin, size, stdout, stderr);
    }
    int refused = refuse_unfinished(&opt);
    if (refused >= 0) return refused;
    /* --theme overrides what a state string says. */
    Command theme = { .kind = CMD_SET_THEME };
    theme.u.theme.id = opt.theme == CLI_THEME_HIGH_CONTRAST ? THEME_ID_HIGH_CONTRAST
                       : opt.theme == CLI_THEME_DARK    ? THEME_ID_DARK
                                                        : THEME_ID_DEFAULT;
    size_t size = 0;
    const char *unreadable;
    void *data = read_bundle_file(opt.bundle_path, &size, &unreadable);
    if (!platform_load_bundle(p, data, size, opt.bundle_path ? opt.bundle_path : "", unreadable)) return 1;
    /* A bad --bundle: the window opens the built-in atlas with the notice; a
     * mode without a window (a screenshot, handouts, a printed quiz) stops
     * with the reader's message (on stderr already) and exit status 1, so a
     * script knows. */
    if (opt.bundle_path && !p->bundle_file && opt.mode != CLI_MODE_WINDOW) {
        bundle_close(&p->bundle);
        return 1;
    }
    /* --quiz SEED: the same quiz the page's link quiz=SEED&qn=N asks. */
    char quiz_state[64] = "";
    if (opt.quiz_given) snprintf(quiz_state, sizeof quiz_state, "quiz=%u&qn=%d", opt.quiz_seed, opt.quiz_questions);
    if (opt.mode == CLI_MODE_QUIZ_PRINT) return print_quiz(p, quiz_state);
    if (opt.quiz_given) opt.state = quiz_state;
    if (opt.mode == CLI_MODE_HANDOUTS)
        return native_handouts(p, opt.handouts_dir, opt.tour_id, opt.width_css, opt.height_css, opt.dpr,
                               opt.theme_given ? &theme : NULL);
    /* --tour ID [--stop N]: the state string tour=ID&stop=N. */
    static char tour_state[512];
    if (opt.tour_id) {
        if (!bundle_find_tour(&p->bundle, opt.tour_id)) {
            fprintf(stderr, "steppe-atlas: --tour: no tour '%s' in this atlas; the tours are:", opt.tour_id);
            for (uint32_t t = 1; t <= p->bundle.tour_count; t++)
                fprintf(stderr, "%s %s", t > 1 ? "," : "", bundle_tour(&p->bundle, t).key);
            fprintf(stderr, "\n");
            return 2;
        }
        snprintf(tour_state, sizeof tour_state, "tour=%s&stop=%d", opt.tour_id, opt.tour_stop ? opt.tour_stop : 1);
        opt.state = tour_state;
    }
    /* --text-scale is the state string's ts= field. */
    static char scaled_state[4200];
    if (opt.text_scale_percent != 100) {
        snprintf(scaled_state, sizeof scaled_state, "%s%sts=%d", opt.state ? opt.state : "",
                 opt.state && opt.state[0] ? "&" : "", opt.text_scale_percent);
        opt.state = scaled_state;
    }
    p->show_hint = opt.hint;
    if (opt.mode == CLI_MODE_SCREENSHOT)
        return native_screenshot(p, opt.screenshot_path, opt.width_css, opt.height_css, opt.dpr, opt.probe_lon_lat,
                                 opt.probe_count, opt.select_iso3, opt.state, opt.theme_given ? &theme : NULL);
    return run_window(p, &opt, opt.theme_given ? &theme : NULL);
}
