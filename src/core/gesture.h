/* gesture: pointer, wheel, touch and keys -> commands.
 *
 * Each frame the platform fills an AppInput (pointer in css px, buttons,
 * wheel, keys, viewport size, time) from its events, the UI takes what lands
 * on it, and gesture_update turns the rest into commands on the map: a drag
 * pans, a click (a press released without moving past a few px, and no
 * second finger meanwhile) picks (markers first, then countries), the
 * wheel and a pinch zoom about their point, a double click zooms in, keys pan,
 * zoom, step the history and switch layers. It applies each command as it
 * recognises it (later gestures in a frame see earlier ones' effect), then
 * ticks the clock and reports what the pointer rests on.
 * Nothing here touches SDL or the browser, so input can be replayed in tests.
 * Depends on command.h, event_markers.h and state.h. */
#ifndef STEPPE_GESTURE_H
#define STEPPE_GESTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "state.h"
#include "text_field.h"

/* Keys the atlas understands, as bits of AppInput.keys_pressed (edge-triggered)
 * and AppInput.keys_down (held). */
enum {
    APP_KEY_LEFT = 1u << 0,
    APP_KEY_RIGHT = 1u << 1,
    APP_KEY_UP = 1u << 2,
    APP_KEY_DOWN = 1u << 3,
    APP_KEY_ZOOM_IN = 1u << 4,  /* + or = */
    APP_KEY_ZOOM_OUT = 1u << 5, /* - */
    APP_KEY_RESET = 1u << 6,    /* 0 or Home */
    APP_KEY_ESCAPE = 1u << 7,
    APP_KEY_BACK = 1u << 8,     /* Backspace, Alt+Left: previous selection */
    APP_KEY_FORWARD = 1u << 9,  /* Alt+Right: next selection */
    APP_KEY_SEARCH = 1u << 10,  /* '/' or Ctrl+F: focus the search box */
    APP_KEY_ENTER = 1u << 11,
    APP_KEY_PAGE_UP = 1u << 12,
    APP_KEY_PAGE_DOWN = 1u << 13,
    APP_KEY_DELETE = 1u << 14,  /* Backspace as an editing key (also sets APP_KEY_BACK) */
    APP_KEY_PLAY = 1u << 15,    /* 'p': play / pause the timeline */
    APP_KEY_LANGUAGE = 1u << 16,/* 'l': English / local names */
    APP_KEY_YEAR_EARLIER = 1u << 17, /* '[': move the year range one year back */
    APP_KEY_YEAR_LATER = 1u << 18,   /* ']': ... one year on */
    APP_KEY_COPY = 1u << 19,    /* Ctrl+C: copy the panel's text */
    APP_KEY_EXPORT = 1u << 20,  /* 'e': save a PNG of the current view */
    APP_KEY_COPY_LINK = 1u << 21, /* 'k': copy a link to exactly this view */
    APP_KEY_RELATIONS = 1u << 22, /* 'r': show or hide the relations layer */
    APP_KEY_CONTRAST = 1u << 23,  /* 'h': high-contrast theme on or off */
    APP_KEY_SPACE = 1u << 24,     /* in a tour: the next stop (what clickers send) */
    APP_KEY_END = 1u << 25,       /* in a tour: the last stop (Home, as APP_KEY_RESET, the first) */
    APP_KEY_BLANK = 1u << 26,     /* 'b' or '.': in a tour, blank the screen and back (a clicker's "black screen") */
    APP_KEY_TOURS = 1u << 27,     /* 't': the list of guided tours */
};
/* Keys past 32 bits (AppInput's key sets are 64-bit). */
#define APP_KEY_TEXT_BIGGER (UINT64_C(1) << 28)  /* Ctrl and + or =: text scale up a step */
#define APP_KEY_TEXT_SMALLER (UINT64_C(1) << 29) /* Ctrl and -: down a step */
#define APP_KEY_FULLSCREEN (UINT64_C(1) << 30)   /* 'f': fullscreen and back */
#define APP_KEY_SPOTLIGHT (UINT64_C(1) << 31)    /* 'o': a ring around the pointer */
#define APP_KEY_CLEAN (UINT64_C(1) << 32)        /* 'c': only the map and the slide or question */
#define APP_KEY_HELP (UINT64_C(1) << 33)         /* '?' or F1: the card of every shortcut */
#define APP_KEY_ALL ((UINT64_C(1) << 34) - 1)    /* every bit above (core/key_help.c documents each) */

#define APP_TEXT_MAX 64
#define APP_EDITS_MAX 32

/* One editing key or piece of typed text, for a text field (text_field.h).
 * Keys set bits of keys_pressed once per press; a field needs every press
 * and key repeat, in the order they came with the text typed between them
 * (Backspace then "r" is not "r" then Backspace). */
#define APP_EDIT_TEXT 0xFF /* op: text[text_at, text_at + text_len) was typed */
typedef struct AppEdit {
    uint8_t op;              /* TextEditOp or APP_EDIT_TEXT */
    uint8_t mods;            /* TEXT_EDIT_SHIFT | TEXT_EDIT_WORD */
    uint8_t text_at, text_len;
} AppEdit;

typedef struct AppInput {
    double now_ms;                /* monotonic clock */
    double width_css, height_css; /* viewport */
    double pointer_x, pointer_y;  /* css px */
    bool pointer_inside;          /* the pointer is over the map */
    bool pointer_down;            /* primary button / one finger held */
    bool pointer_pressed;         /* went down this frame */
    bool pointer_released;        /* went up this frame */
    int double_clicks;            /* double clicks (or double taps) this frame */
    double wheel_steps;           /* mouse wheel notches this frame, > 0 zooms in */
    double pinch_factor;          /* multiplicative zoom from a pinch this frame, 0 or 1 = none */
    double pinch_x, pinch_y;      /* pinch centre, css px */
    int touch_count;              /* fingers on the screen now (held); two or more: a pinch, never a click */
    uint64_t keys_pressed;        /* APP_KEY_* */
    uint64_t keys_down;
    char text[APP_TEXT_MAX];      /* UTF-8 typed this frame (SDL text input, so IMEs and on-screen keyboards work) */
    AppEdit edits[APP_EDITS_MAX]; /* the same text and the editing keys, in arrival order */
    int edit_count;
} AppInput;

/* The recogniser's memory between frames. */
typedef struct Gesture {
    bool dragging;             /* moved far enough since press to be a drag */
    bool click_pending;        /* a press on the map that its release can still make a click */
    double press_x, press_y;   /* css px at press */
    double last_x, last_y;     /* css px at the previous frame's drag step */
    double last_now_ms;
} Gesture;

void gesture_init(Gesture *g, double now_ms);

/* Recognises this frame's input and applies the commands it means. */
void gesture_update(Gesture *g, App *app, const AppInput *in);

#endif
