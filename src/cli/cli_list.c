/* cli_list: see cli_list.h. */
#include "cli_list.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Writes text as one TSV field. Control characters (tab, newline, CR, ...)
 * become a space so a record stays one row; with sep, each byte of sep
 * inside text becomes "," (the bundle's '|' lists read as "a,b"). Bytes of
 * 0x80 and over pass as they are: the bundle's texts are UTF-8. */
static void put_field(FILE *out, const char *text, char sep)
{
    for (const char *s = text; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (sep && c == (unsigned char)sep) fputc(',', out);
        else if (c < 0x20 || c == 0x7f) fputc(' ', out);
        else fputc(c, out);
    }
}

static void put_tab(FILE *out) { fputc('\t', out); }
static void put_end(FILE *out) { fputc('\n', out); }

/* An event's date, as precise as it is known. */
static void put_event_date(FILE *out, const BundleEvent *e)
{
    if (e->precision >= DATE_PRECISION_DAY) fprintf(out, "%04u-%02u-%02u", e->year, e->month, e->day);
    else if (e->precision == DATE_PRECISION_MONTH) fprintf(out, "%04u-%02u", e->year, e->month);
    else fprintf(out, "%04u", e->year);
}

static long list_events(const Bundle *b, FILE *out)
{
    fputs("key\tdate\ttitle\tplace\tcountries\tcategory\n", out);
    for (uint32_t id = 1; id <= b->event_count; id++) {
        BundleEvent e = bundle_event(b, id);
        put_field(out, e.key, 0);
        put_tab(out);
        put_event_date(out, &e);
        put_tab(out);
        put_field(out, e.title, 0);
        put_tab(out);
        put_field(out, bundle_place(b, e.place).key, 0);
        put_tab(out);
        for (uint32_t i = 0; i < e.country_count; i++) {
            if (i) fputc(',', out);
            put_field(out, bundle_country(b, bundle_list_id(b, e.country_first + i)).iso3, 0);
        }
        put_tab(out);
        put_field(out, bundle_category_name(e.category), 0);
        put_end(out);
    }
    return (long)b->event_count;
}

static long list_places(const Bundle *b, FILE *out)
{
    fputs("key\tname\tlocal_name\tkind\tcountry\tlon\tlat\n", out);
    for (uint32_t id = 1; id <= b->place_count; id++) {
        BundlePlace p = bundle_place(b, id);
        put_field(out, p.key, 0);
        put_tab(out);
        put_field(out, p.name, 0);
        put_tab(out);
        put_field(out, p.name_local, 0);
        put_tab(out);
        put_field(out, p.kind, 0);
        put_tab(out);
        put_field(out, bundle_country(b, p.country).iso3, 0);
        fprintf(out, "\t%.4f\t%.4f\n", (double)p.lon_deg, (double)p.lat_deg);
    }
    return (long)b->place_count;
}

static long list_countries(const Bundle *b, FILE *out)
{
    fputs("iso3\tname\tlocal_name\tcapital\tcentral_asia\n", out);
    for (uint32_t id = 1; id <= b->country_count; id++) {
        BundleCountry c = bundle_country(b, id);
        put_field(out, c.iso3, 0);
        put_tab(out);
        put_field(out, c.name, 0);
        put_tab(out);
        put_field(out, c.name_local, 0);
        put_tab(out);
        put_field(out, bundle_place(b, c.capital).key, 0);
        put_tab(out);
        fputs(c.flags & COUNTRY_FLAG_CENTRAL_ASIA ? "yes" : "no", out);
        put_end(out);
    }
    return (long)b->country_count;
}

static long list_articles(const Bundle *b, FILE *out)
{
    fputs("key\tdate\ttitle\tauthor\toutlet\ttopics\tfile\n", out);
    for (uint32_t id = 1; id <= b->article_count; id++) {
        BundleArticle a = bundle_article(b, id);
        const char *fields[7] = { a.key, a.date, a.title, a.author, a.outlet, a.topics, a.file };
        for (int f = 0; f < 7; f++) {
            if (f) put_tab(out);
            put_field(out, fields[f], f == 5 ? '|' : 0);
        }
        put_end(out);
    }
    return (long)b->article_count;
}

/* key, title, stops: one row per guided tour (none in a bundle without). */
static long list_tours(const Bundle *b, FILE *out)
{
    fputs("key\ttitle\tstops\n", out);
    for (uint32_t id = 1; id <= b->tour_count; id++) {
        BundleTour t = bundle_tour(b, id);
        put_field(out, t.key, 0);
        put_tab(out);
        put_field(out, t.title, 0);
        fprintf(out, "\t%u", t.stop_count);
        put_end(out);
    }
    return (long)b->tour_count;
}

long cli_list_write(const Bundle *b, CliListKind kind, FILE *out)
{
    long rows;
    switch (kind) {
    case CLI_LIST_EVENTS: rows = list_events(b, out); break;
    case CLI_LIST_PLACES: rows = list_places(b, out); break;
    case CLI_LIST_COUNTRIES: rows = list_countries(b, out); break;
    case CLI_LIST_ARTICLES: rows = list_articles(b, out); break;
    case CLI_LIST_TOURS: rows = list_tours(b, out); break;
    default: return -1;
    }
    if (fflush(out) != 0 || ferror(out)) return -1;
    return rows;
}

/* Reads a whole file into a malloc'd buffer; NULL with errno set on failure
 * (a directory fails in fread with EISDIR; an empty file is returned, for
 * bundle_open to call too small). */
static void *read_whole_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            size_t new_cap = cap ? cap * 2 : (size_t)1 << 16;
            unsigned char *nb = new_cap > cap ? realloc(buf, new_cap) : NULL;
            if (!nb) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
            cap = new_cap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int read_errno = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (read_errno) {
        free(buf);
        errno = read_errno;
        return NULL;
    }
    *size = len;
    return buf;
}

int cli_list_run(CliListKind kind, const char *bundle_path, const void *builtin, size_t builtin_size,
                 FILE *out, FILE *err)
{
    void *file = NULL;
    const void *data = builtin;
    size_t size = builtin_size;
    if (bundle_path) {
        errno = 0;
        file = read_whole_file(bundle_path, &size);
        if (!file) {
            fprintf(err, "steppe-atlas: cannot read %s: %s\n", bundle_path, strerror(errno ? errno : EIO));
            return 1;
        }
        data = file;
    }
    Bundle b;
    char message[512];
    if (bundle_open(&b, data, size, message, sizeof message) != BUNDLE_OK) {
        /* Unlike the window, no built-in atlas instead: a script asked for this file's content. */
        fprintf(err, "steppe-atlas: %s: %s\n", bundle_path ? bundle_path : "built-in bundle", message);
        free(file);
        return 1;
    }
    errno = 0;
    long rows = cli_list_write(&b, kind, out);
    int status = 0;
    if (rows < 0) {
        if (kind <= CLI_LIST_NONE || kind >= CLI_LIST_KIND_COUNT)
            fprintf(err, "steppe-atlas: --list: no such list (%d)\n", (int)kind);
        else
            fprintf(err, "steppe-atlas: cannot write the list of %s: %s\n", cli_list_kind_name(kind),
                    strerror(errno ? errno : EIO));
        status = 1;
    }
    bundle_close(&b);
    free(file);
    return status;
}
