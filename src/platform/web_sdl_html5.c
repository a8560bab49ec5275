/* web_sdl_html5: SDL's full-screen and pointer-lock calls, answered "not
 * supported" for the page.
 *
 * SDL's Emscripten video driver links Emscripten's HTML5 full-screen and
 * pointer-lock functions (for SDL_SetWindowFullscreen and relative mouse
 * mode) and registers their change events on every window; their JavaScript
 * is 14 KB of the glue (1.5 KiB gz of the first load, issue 12). The page
 * never asks SDL for either: full screen is the page's own
 * (js_toggle_fullscreen, on the document, so the panel and the search field
 * come along), and nothing locks the pointer. These definitions take the
 * place of the JavaScript ones (Emscripten adds a library function only for
 * a symbol the C side leaves undefined); SDL ignores the registrations'
 * results, and its change handlers only kept its own full-screen and
 * relative-mode flags, which the page never sets. Web build only. */
#include <emscripten/html5.h>

EMSCRIPTEN_RESULT emscripten_request_fullscreen_strategy(const char *target, EM_BOOL defer_until_in_event_handler,
                                                         const EmscriptenFullscreenStrategy *strategy)
{
    (void)target;
    (void)defer_until_in_event_handler;
    (void)strategy;
    return EMSCRIPTEN_RESULT_NOT_SUPPORTED;
}

EMSCRIPTEN_RESULT emscripten_exit_fullscreen(void) { return EMSCRIPTEN_RESULT_NOT_SUPPORTED; }

EMSCRIPTEN_RESULT emscripten_set_fullscreenchange_callback_on_thread(const char *target, void *user_data,
                                                                     EM_BOOL use_capture,
                                                                     em_fullscreenchange_callback_func callback,
                                                                     pthread_t target_thread)
{
    (void)target;
    (void)user_data;
    (void)use_capture;
    (void)callback;
    (void)target_thread;
    return EMSCRIPTEN_RESULT_NOT_SUPPORTED;
}

EMSCRIPTEN_RESULT emscripten_request_pointerlock(const char *target, EM_BOOL defer_until_in_event_handler)
{
    (void)target;
    (void)defer_until_in_event_handler;
    return EMSCRIPTEN_RESULT_NOT_SUPPORTED;
}

EMSCRIPTEN_RESULT emscripten_exit_pointerlock(void) { return EMSCRIPTEN_RESULT_NOT_SUPPORTED; }

EMSCRIPTEN_RESULT emscripten_set_pointerlockchange_callback_on_thread(const char *target, void *user_data,
                                                                      EM_BOOL use_capture,
                                                                      em_pointerlockchange_callback_func callback,
                                                                      pthread_t target_thread)
{
    (void)target;
    (void)user_data;
    (void)use_capture;
    (void)callback;
    (void)target_thread;
    return EMSCRIPTEN_RESULT_NOT_SUPPORTED;
}
