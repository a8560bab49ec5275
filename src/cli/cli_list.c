/* cli_list: see cli_list.h. */
#include "cli_list.h"

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

long cli_list_write(const Bundle *b, CliListKind kind, FILE *out)
{
    long rows;
    switch (kind) {
    case CLI_LIST_EVENTS: rows = list_events(b, out); break;
    case CLI_LIST_PLACES: rows = list_places(b, out); break;
    case CLI_LIST_COUNTRIES: rows = list_countries(b, out); break;
    case CLI_LIST_ARTICLES: rows = list_articles(b, out); break;
    /* The bundle format has no tours yet (bundle_format.md); the header says
     * what the columns will be, so a script written now keeps working. */
    case CLI_LIST_TOURS: fputs("key\ttitle\tstops\n", out); rows = 0; break;
    default: return -1;
    }
    if (fflush(out) != 0 || ferror(out)) return -1;
    return rows;
}
