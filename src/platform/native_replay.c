/* native_replay: --replay FILE, a recorded input script played through the
 * open window's own SDL event queue. See native.h; the script's lines are
 * described in tests/native/replay/README.md.
 *
 * Each input line becomes the SDL events a real mouse or keyboard would send
 * (SDL_PushEvent), so they take the whole native path: sdl_input.c turns them
 * into an AppInput, the UI and the gesture recogniser into commands. Frames
 * run at about 60 a second, as on a display, so flights and double-click
 * timing behave as they do for a user. A position is given in css px, as a
 * longitude and latitude (projected when the event is pushed, so a script
 * does not depend on the window's size or the view), or as a link in the
 * panel (found in the UI's laid-out lines). */
#include "platform/native.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/app_json.h"

typedef enum StepKind {
    STEP_FRAMES, STEP_WAIT, STEP_SETTLE, STEP_MOVE, STEP_DOWN, STEP_UP, STEP_CLICK, STEP_DOUBLE_CLICK, STEP_WHEEL,
    STEP_KEY, STEP_KEYDOWN, STEP_KEYUP, STEP_TYPE, STEP_TEXT, STEP_EXPECT, STEP_EXPECT_PANEL, STEP_SCROLL_TO,
    STEP_MEMORY, STEP_DROP, STEP_WINDOW, STEP_CLOSE, STEP_EXPECT_PRESENTER, STEP_RESIZE, STEP_SCREENSHOT,
} StepKind;

typedef enum PosKind { POS_LAST, POS_PX, POS_GEO, POS_LINK } PosKind;
typedef enum ExpectOp { EXPECT_EQUAL, EXPECT_NOT_EQUAL, EXPECT_PREFIX } ExpectOp;

typedef struct Step {
    StepKind kind;
    int line;
    double number;     /* frames, milliseconds, wheel notches */
    PosKind pos;
    double a, b;       /* x, y css px or lon, lat degrees */
    char *text;        /* link text, typed text, expected key or panel text (owned) */
    char *value;       /* expected value (owned) */
    ExpectOp op;
    SDL_Keycode key;
    Uint16 mod;
} Step;

struct NativeReplay {
    char path[512];
    Step *steps;
    int count;
    double x, y;       /* where the pointer was last put, css px */
    bool button_down;
    bool to_presenter; /* `window presenter`: keys and closing go to the presenter window */
};

enum { LINE_MAX_BYTES = 1024, FRAMES_MAX = 100000, SETTLE_FRAMES_MAX = 600, START_FRAMES_MAX = 600, SCROLL_MAX = 200 };
static const double FRAME_MS = 1000.0 / 60.0;

/* --- reading the script ------------------------------------------------------ */

#if defined(__GNUC__)
#define REPLAY_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define REPLAY_PRINTF(f, a)
#endif

/* "FILE:LINE: message" on stderr; returns false. */
static bool REPLAY_PRINTF(3, 4) bad(const NativeReplay *r, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%d: ", r->path, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return false;
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return s;
}

/* The next word of *s (up to a space), copied into out; false if none. */
static bool next_word(const char **s, char *out, size_t out_size)
{
    const char *p = skip_spaces(*s);
    size_t n = 0;
    while (p[n] && p[n] != ' ' && p[n] != '\t') n++;
    if (!n || n >= out_size) return false;
    memcpy(out, p, n);
    out[n] = '\0';
    *s = p + n;
    return true;
}

/* A finite number and nothing else. */
static bool parse_number(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !isfinite(v)) return false;
    *out = v;
    return true;
}

/* "A,B": two numbers. */
static bool parse_pair(const char *s, double *a, double *b)
{
    char first[64];
    const char *comma = strchr(s, ',');
    if (!comma || (size_t)(comma - s) >= sizeof first) return false;
    memcpy(first, s, (size_t)(comma - s));
    first[comma - s] = '\0';
    return parse_number(first, a) && parse_number(comma + 1, b);
}

/* POS: "px X,Y", "geo LON,LAT" or "link TEXT" (the rest of the line). */
static bool parse_pos(const NativeReplay *r, Step *st, const char *rest, bool optional)
{
    char word[64], pair[128];
    rest = skip_spaces(rest);
    if (!*rest) {
        if (optional) { st->pos = POS_LAST; return true; }
        return bad(r, st->line, "a position is missing (px X,Y, geo LON,LAT or link TEXT)");
    }
    if (!next_word(&rest, word, sizeof word)) return bad(r, st->line, "a position: '%s' is too long", rest);
    if (!strcmp(word, "link")) {
        rest = skip_spaces(rest);
        if (!*rest) return bad(r, st->line, "link: the link's text is missing");
        st->pos = POS_LINK;
        st->text = SDL_strdup(rest);
        return st->text != NULL;
    }
    bool px = !strcmp(word, "px"), geo = !strcmp(word, "geo");
    if (!px && !geo) return bad(r, st->line, "unknown position '%s' (use px X,Y, geo LON,LAT or link TEXT)", word);
    if (!next_word(&rest, pair, sizeof pair) || !parse_pair(pair, &st->a, &st->b))
        return bad(r, st->line, "%s needs two numbers separated by a comma", word);
    if (geo && (fabs(st->a) > 180 || fabs(st->b) > 90))
        return bad(r, st->line, "geo %s: not a longitude,latitude in degrees", pair);
    if (*skip_spaces(rest)) return bad(r, st->line, "unexpected text after the position: '%s'", skip_spaces(rest));
    st->pos = px ? POS_PX : POS_GEO;
    return true;
}

typedef struct NamedKey { const char *name; SDL_Keycode key; } NamedKey;
static const NamedKey named_keys[] = {
    { "Escape", SDLK_ESCAPE }, { "Enter", SDLK_RETURN }, { "Return", SDLK_RETURN }, { "KP_Enter", SDLK_KP_ENTER }, { "F1", SDLK_F1 },
    { "Backspace", SDLK_BACKSPACE }, { "Tab", SDLK_TAB }, { "Space", SDLK_SPACE }, { "Delete", SDLK_DELETE },
    { "Left", SDLK_LEFT }, { "Right", SDLK_RIGHT }, { "Up", SDLK_UP }, { "Down", SDLK_DOWN },
    { "PageUp", SDLK_PAGEUP }, { "PageDown", SDLK_PAGEDOWN }, { "Home", SDLK_HOME }, { "End", SDLK_END },
};

/* KEY: [ctrl+|shift+|alt+|gui+]... then one printable ASCII character or a
 * name from named_keys. An upper-case letter is that letter's key with Shift. */
static bool parse_key(const NativeReplay *r, Step *st, const char *rest)
{
    char word[64];
    if (!next_word(&rest, word, sizeof word)) return bad(r, st->line, "a key is missing");
    if (*skip_spaces(rest)) return bad(r, st->line, "unexpected text after the key: '%s'", skip_spaces(rest));
    const char *k = word;
    st->mod = KMOD_NONE;
    for (bool more = true; more && k[0] && k[1];) {
        static const struct { const char *prefix; Uint16 mod; } mods[] = {
            { "ctrl+", KMOD_LCTRL }, { "shift+", KMOD_LSHIFT }, { "alt+", KMOD_LALT }, { "gui+", KMOD_LGUI },
        };
        more = false;
        for (size_t i = 0; i < sizeof mods / sizeof mods[0]; i++) {
            size_t n = strlen(mods[i].prefix);
            if (!SDL_strncasecmp(k, mods[i].prefix, n) && k[n]) {
                st->mod |= mods[i].mod;
                k += n;
                more = true;
            }
        }
    }
    if (k[0] && !k[1] && k[0] > ' ' && k[0] < 0x7f) {
        char c = k[0];
        if (c >= 'A' && c <= 'Z') { c = (char)(c - 'A' + 'a'); st->mod |= KMOD_LSHIFT; }
        st->key = (SDL_Keycode)c;
        return true;
    }
    for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
        if (!SDL_strcasecmp(k, named_keys[i].name)) { st->key = named_keys[i].key; return true; }
    return bad(r, st->line, "unknown key '%s' (a character, or Escape, Enter, Backspace, Tab, Space, Delete, "
                            "Left, Right, Up, Down, PageUp, PageDown, Home, End, KP_Enter, F1)", k);
}

/* expect KEY=VALUE, KEY!=VALUE or KEY^=VALUE (VALUE starts so). */
static bool parse_expect(const NativeReplay *r, Step *st, const char *rest)
{
    rest = skip_spaces(rest);
    const char *eq = strchr(rest, '=');
    if (!eq || eq == rest) return bad(r, st->line, "expect: '%s' is not KEY=VALUE", rest);
    const char *key_end = eq;
    st->op = EXPECT_EQUAL;
    if (eq[-1] == '!' || eq[-1] == '^') {
        st->op = eq[-1] == '!' ? EXPECT_NOT_EQUAL : EXPECT_PREFIX;
        key_end--;
    }
    if (key_end == rest) return bad(r, st->line, "expect: '%s' names no key", rest);
    for (const char *c = rest; c < key_end; c++)
        if (*c == ' ' || *c == '\t') return bad(r, st->line, "expect: '%s' has a space in its key", rest);
    st->text = SDL_malloc((size_t)(key_end - rest) + 1);
    if (!st->text) return false;
    memcpy(st->text, rest, (size_t)(key_end - rest));
    st->text[key_end - rest] = '\0';
    st->value = SDL_strdup(eq + 1);
    if (!st->value) return false;
    if (!strncmp(st->text, "ui.", 3) && strcmp(st->text, "ui.searchFocused") && strcmp(st->text, "ui.searchQuery") &&
        strcmp(st->text, "ui.searchResults") && strcmp(st->text, "ui.notice") && strcmp(st->text, "ui.toast") &&
        strcmp(st->text, "ui.presenterOpen"))
        return bad(r, st->line, "expect: unknown key '%s' (the UI's are ui.searchFocused, ui.searchQuery, "
                                "ui.searchResults, ui.notice, ui.toast and ui.presenterOpen)", st->text);
    return true;
}

static bool parse_line(const NativeReplay *r, Step *st, const char *line)
{
    char verb[32];
    const char *rest = line;
    if (!next_word(&rest, verb, sizeof verb)) return bad(r, st->line, "unknown command '%.40s'", skip_spaces(line));
    static const struct { const char *name; StepKind kind; } verbs[] = {
        { "frames", STEP_FRAMES }, { "wait", STEP_WAIT }, { "settle", STEP_SETTLE }, { "move", STEP_MOVE },
        { "down", STEP_DOWN }, { "up", STEP_UP }, { "click", STEP_CLICK }, { "dblclick", STEP_DOUBLE_CLICK },
        { "wheel", STEP_WHEEL }, { "key", STEP_KEY }, { "keydown", STEP_KEYDOWN }, { "keyup", STEP_KEYUP },
        { "type", STEP_TYPE }, { "text", STEP_TEXT }, { "expect", STEP_EXPECT }, { "expect-panel", STEP_EXPECT_PANEL },
        { "scroll-to", STEP_SCROLL_TO }, { "memory", STEP_MEMORY }, { "drop", STEP_DROP }, { "screenshot", STEP_SCREENSHOT },
        { "window", STEP_WINDOW }, { "close", STEP_CLOSE }, { "expect-presenter", STEP_EXPECT_PRESENTER },
        { "resize", STEP_RESIZE },
    };
    int found = -1;
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (!strcmp(verb, verbs[i].name)) found = (int)i;
    if (found < 0) return bad(r, st->line, "unknown command '%s'", verb);
    st->kind = verbs[found].kind;
    char word[64];
    switch (st->kind) {
    case STEP_FRAMES: case STEP_WAIT:
        if (!next_word(&rest, word, sizeof word) || !parse_number(word, &st->number) || st->number < 1 ||
            st->number > FRAMES_MAX || st->number != floor(st->number) || *skip_spaces(rest))
            return bad(r, st->line, "%s needs a whole number from 1 to 100000", verb);
        return true;
    case STEP_RESIZE: {
        const char *x = NULL;
        char *end = NULL;
        if (next_word(&rest, word, sizeof word) && !*skip_spaces(rest) && (x = strchr(word, 'x'))) {
            st->a = strtod(word, &end);
            if (end == x) st->b = strtod(x + 1, &end);
        }
        if (!x || !end || *end || st->a != floor(st->a) || st->b != floor(st->b) || st->a < 64 || st->b < 64 ||
            st->a > 8192 || st->b > 8192)
            return bad(r, st->line, "resize needs WxH (whole css px, 64 to 8192)");
        return true;
    }
    case STEP_WINDOW:
        if (!next_word(&rest, word, sizeof word) || (strcmp(word, "main") && strcmp(word, "presenter")) ||
            *skip_spaces(rest))
            return bad(r, st->line, "window needs main or presenter");
        st->number = !strcmp(word, "presenter");
        return true;
    case STEP_SETTLE: case STEP_MEMORY: case STEP_CLOSE:
        if (*skip_spaces(rest)) return bad(r, st->line, "%s takes nothing after it (got '%s')", verb, skip_spaces(rest));
        return true;
    case STEP_MOVE: case STEP_CLICK: case STEP_DOUBLE_CLICK: return parse_pos(r, st, rest, false);
    case STEP_DOWN: case STEP_UP: return parse_pos(r, st, rest, true);
    case STEP_WHEEL:
        if (!next_word(&rest, word, sizeof word) || !parse_number(word, &st->number) || st->number == 0 ||
            fabs(st->number) > 100)
            return bad(r, st->line, "wheel needs a number of notches (not 0, at most 100 either way)");
        return parse_pos(r, st, rest, true);
    case STEP_KEY: case STEP_KEYDOWN: case STEP_KEYUP: return parse_key(r, st, rest);
    case STEP_SCROLL_TO:
        rest = skip_spaces(rest);
        if (strncmp(rest, "link ", 5) || !*skip_spaces(rest + 5))
            return bad(r, st->line, "scroll-to needs link TEXT");
        st->text = SDL_strdup(skip_spaces(rest + 5));
        return st->text != NULL;
    case STEP_TYPE: case STEP_TEXT: case STEP_EXPECT_PANEL: case STEP_EXPECT_PRESENTER:
        if (rest[0] == ' ') rest++; /* one space separates; the rest is the text, as written */
        if (!rest[0]) return bad(r, st->line, "%s: the text is missing", verb);
        if (st->kind == STEP_TEXT && strlen(rest) >= sizeof ((SDL_TextInputEvent *)0)->text)
            return bad(r, st->line, "text: '%s' is longer than one SDL text event holds (31 bytes)", rest);
        st->text = SDL_strdup(rest);
        return st->text != NULL;
    case STEP_EXPECT: return parse_expect(r, st, rest);
    case STEP_DROP: case STEP_SCREENSHOT:
        if (rest[0] == ' ') rest++; /* the rest of the line is the path, spaces and all */
        if (!rest[0]) return bad(r, st->line, "%s: the file is missing", verb);
        st->text = SDL_strdup(rest);
        return st->text != NULL;
    }
    return true;
}

void native_replay_free(NativeReplay *r)
{
    if (!r) return;
    for (int i = 0; i < r->count; i++) {
        SDL_free(r->steps[i].text);
        SDL_free(r->steps[i].value);
    }
    SDL_free(r->steps);
    SDL_free(r);
}

NativeReplay *native_replay_load(const char *path)
{
    NativeReplay *r = SDL_calloc(1, sizeof *r);
    if (!r) return NULL;
    SDL_snprintf(r->path, sizeof r->path, "%s", path);
    size_t size = 0;
    char *data = SDL_LoadFile(path, &size);
    if (!data) {
        fprintf(stderr, "%s: cannot read the replay script: %s\n", path, SDL_GetError());
        SDL_free(r);
        return NULL;
    }
    int capacity = 1;
    for (size_t i = 0; i < size; i++) capacity += data[i] == '\n';
    r->steps = SDL_calloc((size_t)capacity, sizeof *r->steps);
    bool ok = r->steps != NULL;
    int line_no = 0;
    for (char *line = data; ok && line < data + size;) {
        char *end = memchr(line, '\n', (size_t)(data + size - line));
        char *next = end ? end + 1 : data + size;
        if (!end) end = data + size;
        line_no++;
        if (end > line && end[-1] == '\r') end--;
        if ((size_t)(end - line) >= LINE_MAX_BYTES) {
            ok = bad(r, line_no, "the line is longer than %d bytes", LINE_MAX_BYTES - 1);
            break;
        }
        if (memchr(line, '\0', (size_t)(end - line))) {
            ok = bad(r, line_no, "a NUL byte in the line");
            break;
        }
        *end = '\0';
        const char *text = skip_spaces(line);
        if (*text && *text != '#') {
            Step *st = &r->steps[r->count++];
            st->line = line_no;
            ok = parse_line(r, st, text);
        }
        line = next;
    }
    SDL_free(data);
    if (ok && r->count == 0) ok = bad(r, line_no, "the script has no commands");
    if (!ok) {
        native_replay_free(r);
        return NULL;
    }
    return r;
}

/* --- playing it ---------------------------------------------------------------- */

static void run_frame(Platform *p)
{
    double start = platform_now_ms();
    platform_frame();
    double spent = platform_now_ms() - start;
    if (spent < FRAME_MS) SDL_Delay((Uint32)(FRAME_MS - spent));
}

static bool at_rest(const Platform *p)
{
    return !p->app.needs_redraw && !p->app.view.flight.active && !p->app.interacting && p->carried_count == 0;
}

static void print_state(const Platform *p, FILE *f)
{
    static char json[16384];
    app_state_json(&p->app, json, (int)sizeof json);
    fprintf(f, "%s\n", json);
}


/* The panel line of the first link whose text holds `text`, or -1. */
static int find_link(const Ui *ui, const char *text)
{
    for (int i = 0; i < ui->line_count; i++) {
        const UiLine *l = &ui->lines[i];
        if (!panel_block_is_link(&ui->doc.blocks[l->block])) continue;
        if (strstr(panel_block_text(&ui->doc, l->block), text)) return i;
    }
    return -1;
}

static void list_links(const Ui *ui)
{
    fprintf(stderr, "links in the panel:\n");
    for (int i = 0; i < ui->line_count; i++) {
        const UiLine *l = &ui->lines[i];
        if (!panel_block_is_link(&ui->doc.blocks[l->block])) continue;
        if (i > 0 && ui->lines[i - 1].block == l->block) continue; /* a wrapped link: named once */
        fprintf(stderr, "  %s\n", panel_block_text(&ui->doc, l->block));
    }
}

/* Where the panel shows the first link holding `text` (a little above the
 * baseline, on its first word). False if there is no such link, or (with
 * in_view) it is scrolled out of the panel's view; reports why if `report`. */
static bool link_position(const NativeReplay *r, const Step *st, const Platform *p, const char *text, bool report,
                          double *x, double *y)
{
    const Ui *ui = &p->ui;
    if (!app_panel_visible(&p->app) || !ui->doc_valid || ui->doc.about.kind != p->app.select.current.kind ||
        ui->doc.about.id != p->app.select.current.id)
        return report && bad(r, st->line, "link %s: the panel is not open on the selection (run a frame first?)", text);
    int i = find_link(ui, text);
    if (i < 0) {
        if (report) list_links(ui);
        return report && bad(r, st->line, "link %s: no link in the panel holds this text", text);
    }
    const UiLine *l = &ui->lines[i];
    *x = ui->panel_content.x + l->x + fmin(l->width / 2, 24);
    *y = ui->panel_content.y + l->y - ui->scroll_y - 4;
    if (*y < ui->panel_content.y || *y >= ui->panel_content.y + ui->panel_content.h)
        return report && bad(r, st->line, "link %s: scrolled out of the panel's view (scroll-to link first)", text);
    return true;
}

/* Where the step points, in css px (whole px, as SDL's mouse events carry). */
static bool resolve(NativeReplay *r, const Step *st, Platform *p, int *x, int *y)
{
    double fx = r->x, fy = r->y;
    if (st->pos == POS_PX) {
        fx = st->a;
        fy = st->b;
    } else if (st->pos == POS_GEO) {
        app_project(&p->app, st->a, st->b, &fx, &fy);
    } else if (st->pos == POS_LINK) {
        if (!link_position(r, st, p, st->text, true, &fx, &fy)) return false;
    }
    if (!(fx >= 0 && fy >= 0 && fx < p->width_css && fy < p->height_css))
        return bad(r, st->line, "the position lies outside the window (at %.1f, %.1f css px)", fx, fy);
    r->x = fx;
    r->y = fy;
    *x = (int)lround(fx);
    *y = (int)lround(fy);
    return true;
}

static void push(SDL_Event *e)
{
    if (SDL_PushEvent(e) < 0) fprintf(stderr, "replay: SDL_PushEvent: %s\n", SDL_GetError());
}

static void push_motion(NativeReplay *r, Platform *p, int x, int y, int old_x, int old_y)
{
    SDL_Event e = { .type = SDL_MOUSEMOTION };
    e.motion.windowID = SDL_GetWindowID(p->window);
    e.motion.state = r->button_down ? SDL_BUTTON_LMASK : 0;
    e.motion.x = x;
    e.motion.y = y;
    e.motion.xrel = x - old_x;
    e.motion.yrel = y - old_y;
    push(&e);
}

static void push_button(NativeReplay *r, Platform *p, bool down, int x, int y, int clicks)
{
    SDL_Event e = { .type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP };
    e.button.windowID = SDL_GetWindowID(p->window);
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = (Uint8)clicks;
    e.button.x = x;
    e.button.y = y;
    r->button_down = down;
    push(&e);
}

static void push_wheel(Platform *p, double notches, int x, int y)
{
    SDL_Event e = { .type = SDL_MOUSEWHEEL };
    e.wheel.windowID = SDL_GetWindowID(p->window);
    e.wheel.y = (Sint32)notches;
    e.wheel.preciseY = (float)notches;
    e.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
#if SDL_VERSION_ATLEAST(2, 26, 0)
    e.wheel.mouseX = x;
    e.wheel.mouseY = y;
#endif
    push(&e);
}

/* The window keys and `close` go to: the atlas's, or the presenter's after `window presenter`. */
static Uint32 target_window(const NativeReplay *r, const Platform *p)
{
    return r->to_presenter ? native_presenter_window_id() : SDL_GetWindowID(p->window);
}

static void push_key(const NativeReplay *r, Platform *p, bool down, SDL_Keycode key, Uint16 mod)
{
    SDL_Event e = { .type = down ? SDL_KEYDOWN : SDL_KEYUP };
    e.key.windowID = target_window(r, p);
    e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = key >= 'a' && key <= 'z' ? (SDL_Scancode)(SDL_SCANCODE_A + (key - 'a')) : SDL_SCANCODE_UNKNOWN;
    e.key.keysym.mod = mod;
    push(&e);
}

static void push_text(const NativeReplay *r, Platform *p, const char *text, size_t len)
{
    SDL_Event e = { .type = SDL_TEXTINPUT };
    e.text.windowID = target_window(r, p);
    if (len >= sizeof e.text.text) len = sizeof e.text.text - 1;
    memcpy(e.text.text, text, len);
    e.text.text[len] = '\0';
    push(&e);
}

/* A key as a desktop sends it: down, the character it types (none with
 * Ctrl, Alt or GUI held), up. */
static void press_key(const NativeReplay *r, Platform *p, SDL_Keycode key, Uint16 mod)
{
    push_key(r, p, true, key, mod);
    if (key >= ' ' && key < 0x7f && !(mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))) {
        char c = (char)key;
        if ((mod & KMOD_SHIFT) && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        push_text(r, p, &c, 1);
    }
    push_key(r, p, false, key, mod);
}

/* The value at a dotted path ("view.flying") of a JSON object, as text:
 * a string without its quotes (escapes kept), anything else as written.
 * Pseudo-keys starting "ui." read the UI, not the state JSON. */
static bool json_lookup(const char *json, const char *path, char *out, size_t out_size)
{
    const char *p = json;
    char part[128];
    while (*path) {
        const char *dot = strchr(path, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        if (n >= sizeof part) return false;
        memcpy(part, path, n);
        part[n] = '\0';
        path += n + (dot ? 1 : 0);
        /* Find "part": at depth 1 of the object at p. */
        if (*p != '{') return false;
        int depth = 0;
        const char *found = NULL;
        for (const char *c = p; *c && !found; c++) {
            if (*c == '"') {
                const char *s = ++c;
                while (*c && *c != '"') c += (*c == '\\' && c[1]) ? 2 : 1;
                if (!*c) return false;
                const char *after = c + 1;
                if (depth == 1 && *after == ':' && (size_t)(c - s) == n && !memcmp(s, part, n)) found = after + 1;
            } else if (*c == '{' || *c == '[') {
                depth++;
            } else if (*c == '}' || *c == ']') {
                if (--depth == 0) break;
            }
        }
        if (!found) return false;
        p = found;
    }
    /* The value's extent. */
    const char *end = p;
    if (*p == '"') {
        end = ++p;
        while (*end && *end != '"') end += (*end == '\\' && end[1]) ? 2 : 1;
    } else {
        int depth = 0;
        for (; *end; end++) {
            if (*end == '"') { end++; while (*end && *end != '"') end += (*end == '\\' && end[1]) ? 2 : 1; continue; }
            if (*end == '{' || *end == '[') depth++;
            else if (*end == '}' || *end == ']') { if (depth == 0) break; depth--; }
            else if (*end == ',' && depth == 0) break;
        }
    }
    size_t len = (size_t)(end - p);
    if (len >= out_size) len = out_size - 1;
    memcpy(out, p, len);
    out[len] = '\0';
    return true;
}

static bool ui_lookup(const Platform *p, const char *key, char *out, size_t out_size)
{
    const SearchBox *s = &p->ui.search;
    if (!strcmp(key, "ui.searchFocused")) SDL_snprintf(out, out_size, "%s", s->focused ? "true" : "false");
    else if (!strcmp(key, "ui.searchQuery")) SDL_snprintf(out, out_size, "%s", s->field.text);
    else if (!strcmp(key, "ui.searchResults")) SDL_snprintf(out, out_size, "%d", s->result_count);
    else if (!strcmp(key, "ui.notice")) SDL_snprintf(out, out_size, "%s", p->app.messages.notice);
    else if (!strcmp(key, "ui.presenterOpen")) SDL_snprintf(out, out_size, "%s", native_presenter_is_open() ? "true" : "false");
    else if (!strcmp(key, "ui.toast")) /* while it shows */
        SDL_snprintf(out, out_size, "%s", platform_now_ms() < p->app.messages.toast_until_ms ? p->app.messages.toast : "");
    else return false;
    return true;
}

static bool check_expect(const NativeReplay *r, const Step *st, const Platform *p)
{
    static char json[16384];
    char got[1024];
    app_state_json(&p->app, json, (int)sizeof json);
    bool known = !strncmp(st->text, "ui.", 3) ? ui_lookup(p, st->text, got, sizeof got)
                                              : json_lookup(json, st->text, got, sizeof got);
    bool ok = known;
    if (ok && st->op == EXPECT_EQUAL) ok = !strcmp(got, st->value);
    else if (ok && st->op == EXPECT_NOT_EQUAL) ok = strcmp(got, st->value) != 0;
    else if (ok && st->op == EXPECT_PREFIX) ok = !strncmp(got, st->value, strlen(st->value));
    static const char *const ops[] = { "=", "!=", "^=" };
    if (ok) {
        fprintf(stderr, "%s:%d: ok %s%s%s\n", r->path, st->line, st->text, ops[st->op], st->value);
        return true;
    }
    fprintf(stderr, "%s:%d: expected %s%s%s, ", r->path, st->line, st->text, ops[st->op], st->value);
    if (known) fprintf(stderr, "got %s\n", got);
    else fprintf(stderr, "but the state has no %s\n", st->text);
    fprintf(stderr, "state: %s\n", json);
    return false;
}

static bool check_panel(const NativeReplay *r, const Step *st, Platform *p)
{
    static char text[PANEL_TEXT_SIZE + 4096];
    size_t n = app_panel_visible(&p->app) ? ui_panel_text(&p->ui, &p->app, text, sizeof text) : 0;
    text[n < sizeof text ? n : sizeof text - 1] = '\0';
    if (strstr(text, st->text)) {
        fprintf(stderr, "%s:%d: ok the panel says \"%s\"\n", r->path, st->line, st->text);
        return true;
    }
    fprintf(stderr, "%s:%d: expected the panel to say \"%s\"; it says:\n%s\n", r->path, st->line, st->text,
            n ? text : "(the panel is closed)");
    return false;
}

static bool check_presenter(const NativeReplay *r, const Step *st, const Platform *p)
{
    static char text[PANEL_TEXT_SIZE + 4096];
    size_t n = native_presenter_text(p, text, sizeof text);
    if (n && strstr(text, st->text)) {
        fprintf(stderr, "%s:%d: ok the presenter says \"%s\"\n", r->path, st->line, st->text);
        return true;
    }
    fprintf(stderr, "%s:%d: expected the presenter to say \"%s\"; it says:\n%s\n", r->path, st->line, st->text,
            n ? text : "(the presenter window is closed)");
    return false;
}

static bool run_step(NativeReplay *r, const Step *st, Platform *p)
{
    int x = 0, y = 0, old_x = (int)lround(r->x), old_y = (int)lround(r->y);
    bool pointer = st->kind == STEP_MOVE || st->kind == STEP_DOWN || st->kind == STEP_UP || st->kind == STEP_CLICK ||
                   st->kind == STEP_DOUBLE_CLICK || st->kind == STEP_WHEEL;
    if (pointer && !resolve(r, st, p, &x, &y)) return false;
    bool keyboard = st->kind == STEP_KEY || st->kind == STEP_KEYDOWN || st->kind == STEP_KEYUP ||
                    st->kind == STEP_TYPE || st->kind == STEP_TEXT || st->kind == STEP_CLOSE || st->kind == STEP_RESIZE;
    if (keyboard && r->to_presenter && !native_presenter_is_open())
        return bad(r, st->line, "the presenter window is not open (window main, or open it first)");
    /* A pointer event elsewhere than the pointer is comes after a motion there, as from a mouse. */
    if (pointer && st->kind != STEP_MOVE && (x != old_x || y != old_y)) push_motion(r, p, x, y, old_x, old_y);
    switch (st->kind) {
    case STEP_FRAMES:
        for (int i = 0; i < (int)st->number && !p->quit; i++) run_frame(p);
        return true;
    case STEP_WAIT: {
        double until = platform_now_ms() + st->number;
        while (platform_now_ms() < until && !p->quit) run_frame(p);
        return true;
    }
    case STEP_SETTLE:
        for (int i = 0; i < SETTLE_FRAMES_MAX && !p->quit; i++) {
            run_frame(p);
            if (at_rest(p)) return true;
        }
        return p->quit || bad(r, st->line, "settle: still moving after %d frames", SETTLE_FRAMES_MAX);
    case STEP_MOVE: push_motion(r, p, x, y, old_x, old_y); return true;
    case STEP_DOWN: push_button(r, p, true, x, y, 1); return true;
    case STEP_UP: push_button(r, p, false, x, y, 1); return true;
    case STEP_CLICK: case STEP_DOUBLE_CLICK:
        for (int c = 1; c <= (st->kind == STEP_CLICK ? 1 : 2); c++) {
            push_button(r, p, true, x, y, c);
            run_frame(p);
            push_button(r, p, false, x, y, c);
            run_frame(p);
        }
        return true;
    case STEP_WHEEL: push_wheel(p, st->number, x, y); return true;
    case STEP_KEY: press_key(r, p, st->key, st->mod); return true;
    case STEP_KEYDOWN: push_key(r, p, true, st->key, st->mod); return true;
    case STEP_KEYUP: push_key(r, p, false, st->key, st->mod); return true;
    case STEP_TYPE:
        /* Each ASCII character as its key (so a key the map also knows, such
         * as 'l' or '-', is tested against the box that has the keyboard);
         * any other character as text alone, as an input method sends it. */
        for (const char *c = st->text; *c;) {
            unsigned char u = (unsigned char)*c;
            if (u >= ' ' && u < 0x7f) {
                bool upper = u >= 'A' && u <= 'Z';
                press_key(r, p, upper ? (SDL_Keycode)(u - 'A' + 'a') : (SDL_Keycode)u, upper ? KMOD_LSHIFT : KMOD_NONE);
                c++;
            } else {
                size_t n = 1;
                while (c[n] && ((unsigned char)c[n] & 0xC0) == 0x80) n++;
                push_text(r, p, c, n);
                c += n;
            }
        }
        return true;
    case STEP_TEXT: push_text(r, p, st->text, strlen(st->text)); return true;
    case STEP_WINDOW: r->to_presenter = st->number != 0; return true;
    case STEP_CLOSE: { /* the window manager's close button */
        SDL_Event e = { .type = SDL_WINDOWEVENT };
        e.window.windowID = target_window(r, p);
        e.window.event = SDL_WINDOWEVENT_CLOSE;
        push(&e);
        if (r->to_presenter) r->to_presenter = false; /* it is gone: keys go to the atlas again */
        return true;
    }
    case STEP_EXPECT_PRESENTER: return check_presenter(r, st, p);
    case STEP_RESIZE: /* as the window manager would: SDL sends the size events */
        SDL_SetWindowSize(SDL_GetWindowFromID(target_window(r, p)), (int)st->a, (int)st->b);
        return true;
    case STEP_SCROLL_TO: {
        /* The wheel over the panel, three notches at a time, as a user scrolls. */
        double lx, ly;
        for (int i = 0; i < SCROLL_MAX && !p->quit; i++) {
            if (link_position(r, st, p, st->text, false, &lx, &ly)) return true;
            if (!app_panel_visible(&p->app) || find_link(&p->ui, st->text) < 0) break;
            const Ui *ui = &p->ui;
            int px = (int)lround(ui->panel_content.x + ui->panel_content.w / 2);
            int py = (int)lround(ui->panel_content.y + ui->panel_content.h / 2);
            bool below = ui->lines[find_link(ui, st->text)].y - ui->scroll_y > ui->panel_content.h / 2;
            if (px != old_x || py != old_y) push_motion(r, p, px, py, old_x, old_y);
            r->x = old_x = px;
            r->y = old_y = py;
            push_wheel(p, below ? -3 : 3, px, py);
            run_frame(p);
        }
        return link_position(r, st, p, st->text, true, &lx, &ly);
    }
    case STEP_EXPECT: return check_expect(r, st, p);
    case STEP_MEMORY: {
        /* The resident set now (Linux: /proc/self/statm, in pages), on
         * stdout, for the soak test's growth check; 0 where unknown. */
        unsigned long size = 0, resident = 0;
        FILE *f = fopen("/proc/self/statm", "r");
        if (f) {
            if (fscanf(f, "%lu %lu", &size, &resident) != 2) resident = 0;
            fclose(f);
        }
        printf("memory line %d rss_kib %lu\n", st->line, resident * 4);
        fflush(stdout);
        return true;
    }
    case STEP_EXPECT_PANEL: return check_panel(r, st, p);
    case STEP_SCREENSHOT:
        if (!native_window_screenshot(p, st->text)) return bad(r, st->line, "screenshot: cannot write %s", st->text);
        return true;
    case STEP_DROP: {
        /* As a desktop sends a file dropped onto the window: the path in
         * memory SDL_free can release (sdl_input.c takes it over). */
        SDL_Event e = { .type = SDL_DROPFILE };
        e.drop.windowID = SDL_GetWindowID(p->window);
        e.drop.file = SDL_strdup(st->text);
        if (!e.drop.file) return bad(r, st->line, "drop: out of memory");
        if (SDL_PushEvent(&e) <= 0) {
            SDL_free(e.drop.file);
            return bad(r, st->line, "drop: SDL_PushEvent: %s", SDL_GetError());
        }
        return true;
    }
    }
    return true;
}

int native_replay_run(NativeReplay *r, Platform *p)
{
    /* Start from the first frame shown and the window at rest. */
    for (int i = 0; i < START_FRAMES_MAX && !(p->first_frame_done && at_rest(p)); i++) run_frame(p);
    r->x = p->width_css / 2;
    r->y = p->height_css / 2;
    int status = 0;
    for (int i = 0; i < r->count && !p->quit; i++)
        if (!run_step(r, &r->steps[i], p)) { status = 1; break; }
    if (status == 0 && p->quit) fprintf(stderr, "%s: the window was closed before the script ended\n", r->path);
    print_state(p, stdout);
    static char text[PANEL_TEXT_SIZE + 4096];
    size_t n = app_panel_visible(&p->app) ? ui_panel_text(&p->ui, &p->app, text, sizeof text) : 0;
    if (n) fwrite(text, 1, n < sizeof text ? n : sizeof text - 1, stdout);
    if (n && text[n - 1] != '\n') fputc('\n', stdout);
    fflush(stdout);
    return status;
}
