/* web_memory: memcpy and memset for the page.
 *
 * Built with -Oz, Emscripten's libc copies and fills one byte at a time
 * (its word-wise versions come only with -Os or -O2, which grow the whole
 * module by 8.7 KiB gz). Every frame copies the map's cache into the frame
 * a row at a time, 4 MB at 1280x800, and retained layers the same way: a CDP
 * profile of clicks put a sixth of the frames' time in the byte loop.
 * Blocks of 512 bytes and more go to the typed array's own copyWithin and
 * fill, as Emscripten's -O2 memcpy does; smaller ones stay byte loops. This
 * file is compiled into the web build only, without link-time optimisation
 * and without builtins (CMakeLists.txt), so that the compiler neither turns
 * the loops back into calls to memcpy nor takes libc's definitions instead. */
#include <stddef.h>
#include <stdint.h>

#include "platform/web.h"

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memset(void *dst, int value, size_t n);

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    if (n >= 512) {
        js_copy_bytes(dst, src, n);
        return dst;
    }
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

void *memset(void *dst, int value, size_t n)
{
    if (n >= 512) {
        js_fill_bytes(dst, value, n);
        return dst;
    }
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)value;
    return dst;
}
