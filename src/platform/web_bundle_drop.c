/* web_bundle_drop: a teacher's bundle dropped onto the page or picked with
 * its "Open a bundle file" control (web/steppe.js, openBundle), opened in place of
 * the atlas shown by bundle_swap.c, as a file dropped onto the native window
 * is. The page hands the bytes over as it hands over a ?bundle= before main
 * runs (Module.steppeBundle, read by js_custom_bundle_*). */
#include <emscripten.h>

#include "platform/web.h"

EMSCRIPTEN_KEEPALIVE int steppe_open_page_bundle(void);

/* Returns 1 if the bundle is now shown, 0 if it was refused (the notice says why). */
EMSCRIPTEN_KEEPALIVE int steppe_open_page_bundle(void)
{
    Platform *p = &g_platform;
    char name[256];
    int n = js_custom_bundle_size();
    js_custom_bundle_name(name, (int)sizeof name);
    void *data = SDL_malloc(n > 0 ? (size_t)n : 1); /* an empty file is refused by the reader, as any short one */
    if (!data) {
        Command c = { .kind = CMD_NOTICE };
        c.u.text.text = "Could not open the bundle: out of memory. The atlas shown stays open.";
        platform_command(p, c);
        return 0;
    }
    if (n > 0) js_custom_bundle_copy(data);
    return platform_swap_bundle(p, data, n > 0 ? (size_t)n : 0, name, name, NULL, NULL) ? 1 : 0;
}
