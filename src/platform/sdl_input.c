/* sdl_input: SDL events -> AppInput, for both targets. See platform.h.
 * Pointer positions are css px (SDL's window coordinates); keys become
 * APP_KEY_* bits (core/gesture.h), and editing keys with the typed text
 * become AppInput.edits, in the order they came (key repeats included). */
#include "platform/platform.h"

#include <math.h>
#include <string.h>

uint64_t platform_key_bit(SDL_Keycode key, Uint16 mod)
{
    if (mod & KMOD_ALT) {
        if (key == SDLK_LEFT) return APP_KEY_BACK;
        if (key == SDLK_RIGHT) return APP_KEY_FORWARD;
    }
    if ((mod & KMOD_CTRL) && key == SDLK_f) return APP_KEY_SEARCH;
    if ((mod & (KMOD_CTRL | KMOD_GUI)) && key == SDLK_c) return APP_KEY_COPY;
    if ((mod & KMOD_CTRL) && (key == SDLK_PLUS || key == SDLK_EQUALS || key == SDLK_KP_PLUS)) return APP_KEY_TEXT_BIGGER;
    if ((mod & KMOD_CTRL) && (key == SDLK_MINUS || key == SDLK_KP_MINUS)) return APP_KEY_TEXT_SMALLER;
    if (mod & (KMOD_CTRL | KMOD_GUI)) return 0; /* leave shortcuts (copy, reload) to the system */
    if (key == SDLK_QUESTION || key == SDLK_F1 || (key == SDLK_SLASH && (mod & KMOD_SHIFT))) return APP_KEY_HELP;
    switch (key) {
    case SDLK_BACKSPACE: return APP_KEY_BACK | APP_KEY_DELETE;
    case SDLK_SLASH: return APP_KEY_SEARCH;
    case SDLK_RETURN: case SDLK_KP_ENTER: return APP_KEY_ENTER;
    case SDLK_PAGEUP: return APP_KEY_PAGE_UP;
    case SDLK_PAGEDOWN: return APP_KEY_PAGE_DOWN;
    case SDLK_p: return APP_KEY_PLAY;
    case SDLK_l: return APP_KEY_LANGUAGE;
    case SDLK_e: return APP_KEY_EXPORT;
    case SDLK_k: return APP_KEY_COPY_LINK;
    case SDLK_r: return APP_KEY_RELATIONS;
    case SDLK_h: return APP_KEY_CONTRAST;
    case SDLK_SPACE: return APP_KEY_SPACE;
    case SDLK_END: return APP_KEY_END;
    case SDLK_b: case SDLK_PERIOD: return APP_KEY_BLANK;
    case SDLK_t: return APP_KEY_TOURS;
    case SDLK_f: return APP_KEY_FULLSCREEN;
    case SDLK_o: return APP_KEY_SPOTLIGHT;
    case SDLK_c: return APP_KEY_CLEAN;
    case SDLK_LEFTBRACKET: return APP_KEY_YEAR_EARLIER;
    case SDLK_RIGHTBRACKET: return APP_KEY_YEAR_LATER;
    case SDLK_LEFT: return APP_KEY_LEFT;
    case SDLK_RIGHT: return APP_KEY_RIGHT;
    case SDLK_UP: return APP_KEY_UP;
    case SDLK_DOWN: return APP_KEY_DOWN;
    case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS: return APP_KEY_ZOOM_IN;
    case SDLK_MINUS: case SDLK_KP_MINUS: return APP_KEY_ZOOM_OUT;
    case SDLK_0: case SDLK_HOME: case SDLK_KP_0: return APP_KEY_RESET;
    case SDLK_ESCAPE: return APP_KEY_ESCAPE;
    default: return 0;
    }
}

static uint64_t key_bit(SDL_Keycode key, Uint16 mod) { return platform_key_bit(key, mod); }

/* An editing key for a text field (core/text_field.h): TEXT_EDIT_NONE if it is none. */
static TextEditOp edit_op(SDL_Keycode key, Uint16 mod, uint8_t *mods)
{
    bool word = (mod & (KMOD_CTRL | KMOD_ALT)) != 0, gui = (mod & KMOD_GUI) != 0;
    *mods = (uint8_t)(((mod & KMOD_SHIFT) ? TEXT_EDIT_SHIFT : 0) | (word ? TEXT_EDIT_WORD : 0));
    switch (key) {
    case SDLK_BACKSPACE: return TEXT_EDIT_BACKSPACE;
    case SDLK_DELETE: return TEXT_EDIT_DELETE;
    case SDLK_LEFT: case SDLK_RIGHT: /* Cmd+Left and Cmd+Right: Home and End, as on a Mac */
        if (gui) *mods &= TEXT_EDIT_SHIFT;
        return gui ? (key == SDLK_LEFT ? TEXT_EDIT_HOME : TEXT_EDIT_END) : key == SDLK_LEFT ? TEXT_EDIT_LEFT : TEXT_EDIT_RIGHT;
    case SDLK_HOME: return TEXT_EDIT_HOME;
    case SDLK_END: return TEXT_EDIT_END;
    case SDLK_a: return (mod & (KMOD_CTRL | KMOD_GUI)) ? TEXT_EDIT_SELECT_ALL : TEXT_EDIT_NONE;
    default: return TEXT_EDIT_NONE;
    }
}

static void push_edit(AppInput *in, AppEdit e)
{
    if (in->edit_count < APP_EDITS_MAX) in->edits[in->edit_count++] = e;
}

static int finger_slot(Platform *p, SDL_FingerID id)
{
    for (int i = 0; i < p->finger_count; i++)
        if (p->fingers[i] == id) return i;
    return -1;
}

static void handle_finger(Platform *p, const SDL_TouchFingerEvent *e)
{
    int slot = finger_slot(p, e->fingerId);
    float x = e->x * (float)p->width_css, y = e->y * (float)p->height_css;
    if (e->type == SDL_FINGERDOWN && slot < 0 && p->finger_count < 2) {
        slot = p->finger_count++;
        p->fingers[slot] = e->fingerId;
    } else if (e->type == SDL_FINGERUP && slot >= 0) {
        p->fingers[slot] = p->fingers[p->finger_count - 1];
        p->finger_x[slot] = p->finger_x[p->finger_count - 1];
        p->finger_y[slot] = p->finger_y[p->finger_count - 1];
        p->finger_count--;
        p->pinch_last_dist = 0;
        return;
    }
    if (slot < 0) return;
    p->finger_x[slot] = x;
    p->finger_y[slot] = y;
    if (p->finger_count == 2) {
        double d = hypot(p->finger_x[0] - p->finger_x[1], p->finger_y[0] - p->finger_y[1]);
        if (p->pinch_last_dist > 0 && d > 0) {
            double f = d / p->pinch_last_dist;
            p->input.pinch_factor = (p->input.pinch_factor > 0 ? p->input.pinch_factor : 1.0) * f;
            p->input.pinch_x = (p->finger_x[0] + p->finger_x[1]) / 2;
            p->input.pinch_y = (p->finger_y[0] + p->finger_y[1]) / 2;
        }
        p->pinch_last_dist = d;
    }
}

void platform_update_sizes(Platform *p)
{
    int w, h, ow, oh;
    SDL_GetWindowSize(p->window, &w, &h);
    platform_resize_target(p);
    platform_output_size(p, &ow, &oh);
    /* Text scale: the atlas lays itself out for a window that much smaller
     * and draws it that much larger, so everything grows and reflows, as a
     * browser's page zoom does. */
    double scale = platform_text_scale(p);
    p->text_scale_applied = (int)lround(scale * 100);
    p->width_css = w > 0 ? w / scale : 1;
    p->height_css = h > 0 ? h / scale : 1;
    p->dpr = w > 0 ? (float)(ow / p->width_css) : 1.0f;
    platform_command(p, cmd_simple(CMD_REDRAW));
}

static void handle_event(Platform *p, const SDL_Event *event);

/* The pointer from SDL's whole-pixel position, refined to the fractional one
 * the target reported if that is the same spot (within a pixel). */
static void set_pointer(Platform *p, int x, int y)
{
    double scale = platform_text_scale(p);
    double px = x / scale, py = y / scale;
    if (p->precise_pointer_valid && fabs(p->precise_x / scale - px) < 1.0 && fabs(p->precise_y / scale - py) < 1.0) {
        px = p->precise_x / scale;
        py = p->precise_y / scale;
    }
    p->input.pointer_x = px;
    p->input.pointer_y = py;
}

#define CARRY_MAX ((int)(sizeof ((Platform *)0)->carried / sizeof ((Platform *)0)->carried[0]))

/* Keeps a keyboard event for the next frame if this frame already took a key
 * after which order matters (see Platform.key_boundary), or has no room left
 * for its text or editing keys. A frame sees which keys were pressed, not in
 * what order, and of the keys that step through something (a tour's next and
 * back, PageDown then PageUp from a clicker; the years; the selections) it
 * takes one: so a stepping key pressed after another key, or any key after a
 * stepping key, waits for the next frame. */
#define STEPPING_KEYS                                                                                          \
    (APP_KEY_LEFT | APP_KEY_RIGHT | APP_KEY_UP | APP_KEY_DOWN | APP_KEY_PAGE_UP | APP_KEY_PAGE_DOWN |      \
     APP_KEY_SPACE | APP_KEY_RESET | APP_KEY_END | APP_KEY_BACK | APP_KEY_FORWARD | APP_KEY_YEAR_EARLIER | \
     APP_KEY_YEAR_LATER)
static bool carry_key_event(Platform *p, const SDL_Event *e, SDL_Event *next, int *next_count)
{
    bool keyboard = e->type == SDL_KEYDOWN || e->type == SDL_KEYUP || e->type == SDL_TEXTINPUT;
    if (!keyboard) return false;
    if (e->type == SDL_KEYDOWN && !e->key.repeat) { /* a second press of a key: its own frame */
        uint64_t bit = key_bit(e->key.keysym.sym, e->key.keysym.mod), before = p->input.keys_pressed;
        if (bit && ((before & bit) || (before && ((before | bit) & STEPPING_KEYS)))) p->key_boundary = true;
    }
    bool full = e->type != SDL_KEYUP && p->input.edit_count >= APP_EDITS_MAX;
    if (e->type == SDL_TEXTINPUT && strlen(p->input.text) + strlen(e->text.text) >= sizeof p->input.text) full = true;
    if (full) p->key_boundary = true;
    /* The text of the key that set the boundary ('/') belongs to its frame. */
    bool started = *next_count > 0 || full || (p->key_boundary && e->type == SDL_KEYDOWN);
    if (!started) return false;
    next[(*next_count)++] = *e; /* the caller leaves room */
    return true;
}

void platform_poll_events(Platform *p)
{
    SDL_Event next[CARRY_MAX];
    int next_count = 0;
    p->key_boundary = false;
    /* Last frame's carried events first, then new ones, all in order. Once
     * the carried list is full, the rest waits in SDL's queue: no key or
     * text is ever dropped (a burst of typing takes a few frames). */
    for (int i = 0; i < p->carried_count; i++)
        if (!carry_key_event(p, &p->carried[i], next, &next_count)) handle_event(p, &p->carried[i]);
    SDL_Event e;
    while (next_count < CARRY_MAX && SDL_PollEvent(&e)) {
        if (p->window_event && p->window_event(p, &e)) continue; /* another window's (the presenter's) */
        if (!carry_key_event(p, &e, next, &next_count)) handle_event(p, &e);
    }
    memcpy(p->carried, next, (size_t)next_count * sizeof next[0]);
    p->carried_count = next_count;
}

static void handle_event(Platform *p, const SDL_Event *event)
{
    AppInput *in = &p->input;
    SDL_Event e = *event;
    switch (e.type) {
    case SDL_QUIT: p->quit = true; break;
    case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e.window.event == SDL_WINDOWEVENT_RESIZED)
            platform_update_sizes(p);
        else if (e.window.event == SDL_WINDOWEVENT_LEAVE) in->pointer_inside = false;
        else if (e.window.event == SDL_WINDOWEVENT_EXPOSED) platform_command(p, cmd_simple(CMD_REDRAW));
        break;
    case SDL_MOUSEMOTION:
        set_pointer(p, e.motion.x, e.motion.y);
        in->pointer_inside = true;
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.button != SDL_BUTTON_LEFT) break;
        set_pointer(p, e.button.x, e.button.y);
        in->pointer_inside = true;
        in->pointer_down = true;
        in->pointer_pressed = true;
        if (e.button.clicks == 2) in->double_clicks++;
        break;
    case SDL_MOUSEBUTTONUP:
        if (e.button.button != SDL_BUTTON_LEFT) break;
        set_pointer(p, e.button.x, e.button.y);
        in->pointer_down = false;
        in->pointer_released = true;
        break;
    case SDL_MOUSEWHEEL: {
        float y = e.wheel.preciseY != 0 ? e.wheel.preciseY : (float)e.wheel.y;
        if (e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED) y = -y;
        in->wheel_steps += y;
        break;
    }
    case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION:
        handle_finger(p, &e.tfinger);
        in->touch_count = p->finger_count; /* a second finger: a pinch, so the press is no click */
        break;
    case SDL_KEYDOWN: {
        uint64_t bit = key_bit(e.key.keysym.sym, e.key.keysym.mod);
        uint8_t mods = 0;
        TextEditOp op = edit_op(e.key.keysym.sym, e.key.keysym.mod, &mods);
        if (op != TEXT_EDIT_NONE) push_edit(in, (AppEdit){ (uint8_t)op, mods, 0, 0 }); /* repeats too */
        if (!e.key.repeat) {
            in->keys_pressed |= bit;
            if (bit & (APP_KEY_ENTER | APP_KEY_ESCAPE | APP_KEY_SEARCH)) p->key_boundary = true;
        }
        in->keys_down |= bit;
        break;
    }
    case SDL_TEXTINPUT: {
        size_t used = strlen(in->text), add = strlen(e.text.text);
        if (used + add < sizeof in->text) {
            memcpy(in->text + used, e.text.text, add + 1);
            push_edit(in, (AppEdit){ APP_EDIT_TEXT, 0, (uint8_t)used, (uint8_t)add });
        }
        break;
    }
    case SDL_KEYUP:
        in->keys_down &= ~(key_bit(e.key.keysym.sym, 0) | key_bit(e.key.keysym.sym, KMOD_ALT));
        break;
    case SDL_DROPFILE: /* a teacher's bundle: opened when this frame is over (frame.c) */
        SDL_free(p->dropped_file);
        p->dropped_file = e.drop.file;
        break;
    case SDL_DROPTEXT: SDL_free(e.drop.file); break; /* dragged text: nothing to open */
    default: break;
    }
}

