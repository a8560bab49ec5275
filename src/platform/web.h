/* web: the browser build's own parts (web_main.c, web_api.c). The page's
 * JavaScript these call lives in web/atlas_library.js (linked with
 * --js-library), not in C strings. */
#ifndef STEPPE_WEB_H
#define STEPPE_WEB_H

#include "platform/platform.h"

/* web_main.c: the URL's hash holds HASH, not the state string shown. */
void web_url_holds(Platform *p, const char *hash);
/* web_main.c: the canvas may have been cleared (a resize sets its size, which
 * clears it even to the same size): the next software frame is shown whole. */
void web_present_whole_next(void);

/* web/atlas_library.js */
int js_custom_bundle_size(void);
void js_custom_bundle_copy(void *dst);
void js_custom_bundle_name(char *dst, int size);
int js_custom_bundle_problem(char *dst, int size);
int js_wants_software(void);
/* Puts the part x, y, dw, dh of the w x h frame at pixels onto the canvas
 * (all of it when the canvas had another size). */
void js_present_pixels(const void *pixels, int w, int h, int x, int y, int dw, int dh);
/* Large copies and fills, by the typed array over the heap (web_memory.c). */
void js_copy_bytes(void *dst, const void *src, size_t n);
void js_fill_bytes(void *dst, int value, size_t n);
void js_first_frame_done(void);
void js_publish_hash(const char *hash, int push);
void js_initial_hash(char *out, int size);
void js_copy_link(const char *hash);
void js_copy_text(const char *text);
/* Downloads the part x, y, w, h (device px) of the canvas as it holds the
 * frame just drawn, as a PNG named from the local time (copied at once: the
 * next draw may follow). */
void js_download_canvas(int x, int y, int w, int h);
void js_toggle_fullscreen(void);

#endif
