/* native_handouts: --handouts DIR --tour ID, a lesson's handout. See native.h.
 *
 * Each stop's image is drawn as --screenshot draws the state tour=ID&stop=N
 * (native_frame_*, a fresh app per stop, the flight landed), so the handout
 * shows what the window shows at that stop. The text goes through the one
 * text writer (core/text_out.h) with its HTML and Markdown escapes: a
 * teacher's bundle may put any character in a title. */
#include "platform/native.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#if defined(_WIN32)
#include <direct.h>
#define make_dir(path) _mkdir(path)
#else
#define make_dir(path) mkdir(path, 0777)
#endif

#include "core/panel.h"
#include "core/text_out.h"

enum { PATH_BYTES = 4096 };

/* Creates dir and any missing parents; false (errno set) if it cannot. */
static bool make_dirs(const char *dir)
{
    char path[PATH_BYTES];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path) { errno = ENAMETOOLONG; return false; }
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0') continue;
        char c = path[i];
        path[i] = '\0';
        if (make_dir(path) != 0 && errno != EEXIST) return false;
        path[i] = c;
    }
    struct stat st;
    if (stat(dir, &st) != 0) return false;
    if (!S_ISDIR(st.st_mode)) { errno = ENOTDIR; return false; }
    return true;
}

static bool join(char *out, size_t size, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    const char *sep = n && dir[n - 1] == '/' ? "" : "/";
    int w = snprintf(out, size, "%s%s%s", dir, sep, name);
    return w > 0 && (size_t)w < size;
}

static bool write_file(const char *path, const TextOut *o)
{
    const char *text = text_out_result(o, NULL);
    if (!text) { fprintf(stderr, "steppe-atlas: --handouts: out of memory writing %s\n", path); return false; }
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(text, 1, text_out_stored(o), f) == text_out_stored(o);
    if (f && fclose(f) != 0) ok = false;
    if (!ok) fprintf(stderr, "steppe-atlas: --handouts: cannot write %s: %s\n", path, strerror(errno));
    return ok;
}

static void image_name(char *out, size_t size, uint32_t stop_number)
{
    snprintf(out, size, "stop-%02u.png", (unsigned)stop_number);
}

/* An article's byline, as the panel's sources show it: author, outlet and
 * date, saying which the document does not name. */
static void article_origin(const BundleArticle *a, char *out, size_t size)
{
    panel_format_byline(out, size, a);
}

/* --- index.html ------------------------------------------------------------- */

static const char HTML_STYLE[] =
    "body{font:11pt/1.45 Georgia,'Times New Roman',serif;color:#1a1a1a;margin:1.5em auto;max-width:60em;padding:0 1em}\n"
    "h1{font-size:20pt;margin:0 0 .2em}h2{font-size:15pt;margin:0 0 .5em}h3{font-size:11pt;margin:1em 0 .3em}\n"
    ".summary{font-style:italic}.from{color:#555;font-size:9pt}\n"
    ".stop{break-before:page;page-break-before:always;padding-top:1em}\n"
    ".slide{display:flex;gap:1.2em;align-items:flex-start}\n"
    ".slide img{flex:0 0 55%;max-width:55%;height:auto;border:1px solid #999}\n"
    ".slide .text{flex:1 1 auto;min-width:0}.slide .text>p:first-child{margin-top:0}\n"
    ".sources li{margin-bottom:.4em}.passage{display:block;margin-left:1em}\n"
    ".notes{border-left:3px solid #888;padding:.2em .8em;background:#f3f3f3}\n"
    "@media print{body{margin:0;max-width:none}.notes{background:none}}\n"
    "@page{margin:1.5cm}\n";

static void html_stop(TextOut *o, const Bundle *b, const BundleTourStop *s, uint32_t number, uint32_t count)
{
    char img[32];
    image_name(img, sizeof img, number);
    text_out_printf(o, "<section class=\"stop\" id=\"stop-%u\">\n<h2>%u of %u. ", (unsigned)number, (unsigned)number,
                    (unsigned)count);
    text_out_html_text(o, s->title);
    text_out_raw(o, "</h2>\n<div class=\"slide\">\n");
    text_out_printf(o, "<img src=\"%s\" alt=\"The map at stop %u: ", img, (unsigned)number);
    text_out_html_text(o, s->title);
    text_out_raw(o, "\">\n<div class=\"text\">\n<p>");
    text_out_html_text(o, s->text);
    text_out_raw(o, "</p>\n");
    if (s->source_count) {
        text_out_raw(o, "<h3>Sources</h3>\n<ul class=\"sources\">\n");
        for (uint32_t i = 0; i < s->source_count; i++) {
            BundleSource src = bundle_source(b, s->source_first + i);
            BundleArticle a = bundle_article(b, src.article);
            char origin[512];
            article_origin(&a, origin, sizeof origin);
            text_out_raw(o, "<li><cite>");
            text_out_html_text(o, a.title);
            text_out_raw(o, "</cite>");
            if (origin[0]) {
                text_out_raw(o, " (");
                text_out_html_text(o, origin);
                text_out_raw(o, ")");
            }
            if (src.locator[0]) {
                text_out_raw(o, "<span class=\"passage\">");
                text_out_html_text(o, src.locator);
                text_out_raw(o, "</span>");
            }
            text_out_raw(o, "</li>\n");
        }
        text_out_raw(o, "</ul>\n");
    }
    if (s->notes[0]) {
        text_out_raw(o, "<h3>Notes for the teacher</h3>\n<p class=\"notes\">");
        text_out_html_text(o, s->notes);
        text_out_raw(o, "</p>\n");
    }
    text_out_raw(o, "</div>\n</div>\n</section>\n");
}

static void html_page(TextOut *o, const Bundle *b, uint32_t tour_id)
{
    BundleTour t = bundle_tour(b, tour_id);
    BundleMeta meta = bundle_meta(b);
    text_out_raw(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    text_out_html_text(o, t.title);
    text_out_raw(o, " — a handout</title>\n<style>\n");
    text_out_raw(o, HTML_STYLE);
    text_out_raw(o, "</style>\n</head>\n<body>\n<header>\n<h1>");
    text_out_html_text(o, t.title);
    text_out_raw(o, "</h1>\n");
    if (t.summary[0]) {
        text_out_raw(o, "<p class=\"summary\">");
        text_out_html_text(o, t.summary);
        text_out_raw(o, "</p>\n");
    }
    text_out_printf(o, "<p class=\"from\">A guided tour of %u stops from ", (unsigned)t.stop_count);
    text_out_html_text(o, meta.title[0] ? meta.title : "Steppe Atlas");
    if (meta.attribution[0]) {
        text_out_raw(o, ". ");
        text_out_html_text(o, meta.attribution);
    }
    text_out_raw(o, "</p>\n</header>\n");
    for (uint32_t i = 0; i < t.stop_count; i++) {
        BundleTourStop s = bundle_tour_stop(b, tour_id, i);
        html_stop(o, b, &s, i + 1, t.stop_count);
    }
    text_out_raw(o, "</body>\n</html>\n");
}

/* --- index.md ------------------------------------------------------------------ */

static void md_stop(TextOut *o, const Bundle *b, const BundleTourStop *s, uint32_t number, uint32_t count)
{
    char img[32];
    image_name(img, sizeof img, number);
    text_out_printf(o, "\n---\n\n## %u of %u. ", (unsigned)number, (unsigned)count);
    text_out_markdown_text(o, s->title);
    text_out_printf(o, "\n\n![The map at stop %u: ", (unsigned)number);
    text_out_markdown_text(o, s->title);
    text_out_printf(o, "](%s)\n\n", img);
    text_out_markdown_text(o, s->text);
    text_out_raw(o, "\n");
    if (s->source_count) {
        text_out_raw(o, "\n### Sources\n\n");
        for (uint32_t i = 0; i < s->source_count; i++) {
            BundleSource src = bundle_source(b, s->source_first + i);
            BundleArticle a = bundle_article(b, src.article);
            char origin[512];
            article_origin(&a, origin, sizeof origin);
            text_out_raw(o, "- *");
            text_out_markdown_text(o, a.title);
            text_out_raw(o, "*");
            if (origin[0]) {
                text_out_raw(o, " (");
                text_out_markdown_text(o, origin);
                text_out_raw(o, ")");
            }
            if (src.locator[0]) {
                text_out_raw(o, ": ");
                text_out_markdown_text(o, src.locator);
            }
            text_out_raw(o, "\n");
        }
    }
    if (s->notes[0]) {
        text_out_raw(o, "\n### Notes for the teacher\n\n> ");
        text_out_markdown_text(o, s->notes);
        text_out_raw(o, "\n");
    }
}

static void md_page(TextOut *o, const Bundle *b, uint32_t tour_id)
{
    BundleTour t = bundle_tour(b, tour_id);
    BundleMeta meta = bundle_meta(b);
    text_out_raw(o, "# ");
    text_out_markdown_text(o, t.title);
    text_out_raw(o, "\n\n");
    if (t.summary[0]) {
        text_out_raw(o, "*");
        text_out_markdown_text(o, t.summary);
        text_out_raw(o, "*\n\n");
    }
    text_out_printf(o, "A guided tour of %u stops from ", (unsigned)t.stop_count);
    text_out_markdown_text(o, meta.title[0] ? meta.title : "Steppe Atlas");
    if (meta.attribution[0]) {
        text_out_raw(o, ". ");
        text_out_markdown_text(o, meta.attribution);
    }
    text_out_raw(o, "\n");
    for (uint32_t i = 0; i < t.stop_count; i++) {
        BundleTourStop s = bundle_tour_stop(b, tour_id, i);
        md_stop(o, b, &s, i + 1, t.stop_count);
    }
}

/* --- the whole handout ---------------------------------------------------------- */

static void list_tours(const Bundle *b)
{
    if (!b->tour_count) { fprintf(stderr, "steppe-atlas: this atlas has no tours\n"); return; }
    fprintf(stderr, "steppe-atlas: the tours are:");
    for (uint32_t id = 1; id <= b->tour_count; id++) fprintf(stderr, "%s %s", id > 1 ? "," : "", bundle_tour(b, id).key);
    fputc('\n', stderr);
}

static bool write_pages(Platform *p, const char *dir, uint32_t tour_id)
{
    static const struct { const char *name; void (*write)(TextOut *, const Bundle *, uint32_t); } pages[] = {
        { "index.html", html_page }, { "index.md", md_page },
    };
    bool ok = true;
    TextOut o = { 0 };
    for (size_t i = 0; ok && i < sizeof pages / sizeof pages[0]; i++) {
        char path[PATH_BYTES];
        if (!join(path, sizeof path, dir, pages[i].name)) {
            fprintf(stderr, "steppe-atlas: --handouts: the path %s is too long\n", dir);
            ok = false;
            break;
        }
        text_out_reset_growing(&o);
        pages[i].write(&o, &p->bundle, tour_id);
        ok = write_file(path, &o);
        if (ok) printf("handout %s\n", path);
    }
    text_out_free(&o);
    return ok;
}

static bool write_images(Platform *p, const char *dir, uint32_t tour_id, int width, int height, float dpr,
                         const Command *theme)
{
    BundleTour t = bundle_tour(&p->bundle, tour_id);
    for (uint32_t i = 0; i < t.stop_count; i++) {
        char img[32], path[PATH_BYTES], state[512];
        image_name(img, sizeof img, i + 1);
        if (!join(path, sizeof path, dir, img)) {
            fprintf(stderr, "steppe-atlas: --handouts: the path %s is too long\n", dir);
            return false;
        }
        snprintf(state, sizeof state, "tour=%s&stop=%u", t.key, (unsigned)(i + 1));
        NativeFrame frame;
        if (!native_frame_begin(p, &frame, width, height, dpr)) return false;
        platform_apply_initial_state(p, state);
        if (theme) app_apply(&p->app, theme, 0);
        bool ok = native_frame_write(p, &frame, path);
        native_frame_end(p, &frame);
        if (!ok) {
            fprintf(stderr, "steppe-atlas: --handouts: cannot write %s\n", path);
            return false;
        }
        printf("handout %s %dx%d\n", path, frame.pw, frame.ph);
    }
    return true;
}

int native_handouts(Platform *p, const char *dir, const char *tour_key, int width, int height, float dpr,
                    const Command *theme)
{
    int status = 1;
    uint32_t tour_id = bundle_find_tour(&p->bundle, tour_key);
    if (p->notice[0]) {
        /* The loader said what was wrong; a handout of another atlas would mislead. */
        fprintf(stderr, "steppe-atlas: --handouts: the bundle did not open, no handout written\n");
    } else if (!tour_id) {
        fprintf(stderr, "steppe-atlas: --handouts: no tour '%s' in this atlas\n", tour_key);
        list_tours(&p->bundle);
    } else if (!make_dirs(dir)) {
        fprintf(stderr, "steppe-atlas: --handouts: cannot create the directory %s: %s\n", dir, strerror(errno));
    } else if (write_pages(p, dir, tour_id) && write_images(p, dir, tour_id, width, height, dpr, theme)) {
        status = 0;
    }
    bundle_close(&p->bundle);
    SDL_free(p->bundle_file);
    p->bundle_file = NULL;
    return status;
}
