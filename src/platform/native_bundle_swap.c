/* native_bundle_swap: a teacher's bundle dropped onto the window. See
 * platform.h (platform_open_bundle_file): the file is read here, and opened
 * in place of the atlas shown by bundle_swap.c (platform_swap_bundle), which
 * the page shares; the presenter window's renderer, which also points into
 * the bundle, is closed and opened again around the swap. */
#include "platform/native.h"

#include <stdio.h>
#include <string.h>

/* The last part of a path, for messages on screen. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
#if defined(_WIN32)
    const char *back = strrchr(path, '\\');
    if (back && (!slash || back > slash)) slash = back;
#endif
    return slash ? slash + 1 : path;
}

void platform_open_bundle_file(Platform *p, const char *path)
{
    size_t size = 0;
    const char *why;
    void *data = native_read_file(path, &size, &why);
    if (!data) {
        char notice[sizeof p->notice];
        fprintf(stderr, "steppe_atlas: cannot read bundle %s: %s\n", path, why);
        SDL_snprintf(notice, sizeof notice, "Could not read %s: %s. The atlas shown stays open.", base_name(path), why);
        Command c = { .kind = CMD_NOTICE };
        c.u.text.text = notice;
        platform_command(p, c);
        return;
    }
    platform_swap_bundle(p, data, size, path, base_name(path), native_presenter_bundle_closing,
                         native_presenter_bundle_opened);
}
