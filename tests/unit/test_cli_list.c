/* Unit tests for cli_list: each --list KIND of the standard fixture (test_support.h)
 * row by row, escaping of tabs and newlines, a bad kind and a failed write;
 * cli_list_run's exit status and messages for the built-in bundle, a file,
 * a missing, unreadable or invalid file and a full disk; then the real
 * bundle (argv[1]): every row of every list has the header's number of
 * fields and there is one row per record. */
#include "cli_list.h"
#include "test_support.h"

/* Runs cli_list_write into a temporary file and returns what it wrote
 * (malloc'd, NUL-terminated), with its return value in *rows. */
static char *capture(const Bundle *b, CliListKind kind, long *rows)
{
    FILE *f = tmpfile();
    if (!f) {
        printf("tmpfile failed\n");
        abort();
    }
    *rows = cli_list_write(b, kind, f);
    long size = ftell(f);
    rewind(f);
    char *text = calloc(1, (size_t)(size > 0 ? size : 0) + 1);
    if (!text) abort();
    if (size > 0 && fread(text, 1, (size_t)size, f) != (size_t)size) printf("short read\n");
    fclose(f);
    return text;
}

/* Opens data as a bundle; false (a failed check, with the reason) if it is invalid. */
static bool open_bundle(Bundle *b, const uint8_t *data, size_t size)
{
    char message[256];
    BundleError e = bundle_open(b, data, size, message, sizeof message);
    CHECK_EQ_U(e, BUNDLE_OK);
    if (e != BUNDLE_OK) printf("  bundle: %s\n", message);
    return e == BUNDLE_OK;
}

static void check_list(const Bundle *b, CliListKind kind, const char *expected, long expected_rows)
{
    long rows;
    char *text = capture(b, kind, &rows);
    CHECK_EQ_U(rows, expected_rows);
    CHECK_STR(text, expected);
    free(text);
}

static void test_fixture_lists(void)
{
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    Bundle b;
    if (!open_bundle(&b, data, size)) {
        free(data);
        return;
    }
    check_list(&b, CLI_LIST_EVENTS,
               "key\tdate\ttitle\tplace\tcountries\tcategory\n"
               "e1\t2019\tSummit\tastana\tKAZ,UZB\tdiplomacy\n"
               "e2\t2020-05\tDeal\ttashkent\tUZB,TKM\ttrade\n"
               "e3\t2021-06-07\tForum\talmaty\tTKM\tculture\n",
               3);
    check_list(&b, CLI_LIST_PLACES,
               "key\tname\tlocal_name\tkind\tcountry\tlon\tlat\n"
               "astana\tAstana\tАстана\tcapital\tKAZ\t71.4300\t51.1300\n"
               "tashkent\tTashkent\t\tcapital\tUZB\t69.2400\t41.3000\n"
               "almaty\tAlmaty\t\tcity\tKAZ\t76.9000\t43.2400\n"
               "caspian\tCaspian Sea\t\tsea\t\t50.5000\t42.0000\n",
               4);
    check_list(&b, CLI_LIST_COUNTRIES,
               "iso3\tname\tlocal_name\tcapital\tcentral_asia\n"
               "KAZ\tKazakhstan\tҚазақстан\tastana\tyes\n"
               "UZB\tUzbekistan\t\ttashkent\tyes\n"
               "TKM\tTurkmenistan\t\t\tyes\n",
               3);
    /* The fixture's topics are "trade|energy": a list inside a field reads "trade,energy". */
    check_list(&b, CLI_LIST_ARTICLES,
               "key\tdate\ttitle\tauthor\toutlet\ttopics\tfile\n"
               "a1\t2019\tFirst article\t\t\ttrade,energy\ta.txt\n"
               "a2\t2020-05\tSecond article\t\t\ttrade,energy\ta.txt\n"
               "a3\t2021-06-07\tThird article\t\t\ttrade,energy\ta.txt\n",
               3);
    check_list(&b, CLI_LIST_TOURS, "key\ttitle\tstops\n", 0);

    /* Not a list kind: nothing written, -1. */
    long rows;
    char *text = capture(&b, CLI_LIST_NONE, &rows);
    CHECK_EQ_U(rows, (unsigned long long)-1);
    CHECK_STR(text, "");
    free(text);
    text = capture(&b, CLI_LIST_KIND_COUNT, &rows);
    CHECK_EQ_U(rows, (unsigned long long)-1);
    free(text);

    /* A full disk is reported, not taken for success. */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        CHECK_EQ_U(cli_list_write(&b, CLI_LIST_EVENTS, full), (unsigned long long)-1);
        fclose(full);
    }
    bundle_close(&b);
    free(data);
}

/* Texts with tabs, newlines and other control characters stay in one field
 * of one row; a country outside Central Asia says "no"; an event in no
 * country leaves that field empty. */
static void test_escaping(void)
{
    Tb tb;
    tb_fixture(&tb);
    tb_event(&tb, &(TbEvent){ .key = "e4", .title = "Tab\there\nnew\r\nline\x01!", .year = 2022, .month = 1,
                              .day = 2, .precision = DATE_PRECISION_DAY, .category = CATEGORY_HEALTH,
                              .place = 4, .country_first = 0, .country_count = 0,
                              .source_first = 0, .source_count = 1 });
    tb_place(&tb, &(TbPlace){ .key = "p\t5", .name = "Two\nlines", .name_local = "a\tb", .kind = "city",
                              .country = 4, .lon_deg = -77.0365f, .lat_deg = 38.8977f });
    tb_country(&tb, &(TbCountry){ .iso3 = "USA", .name = "United\tStates", .capital = 5, .flags = 0,
                                  .bbox = { 0, 0, 1, 1 } });
    size_t size;
    uint8_t *data = tb_finish(&tb, &size);
    tb_free(&tb);
    Bundle b;
    if (!open_bundle(&b, data, size)) {
        free(data);
        return;
    }
    long rows;
    char *text = capture(&b, CLI_LIST_EVENTS, &rows);
    CHECK_EQ_U(rows, 4);
    CHECK(strstr(text, "\ne4\t2022-01-02\tTab here new  line !\tcaspian\t\thealth\n") != NULL);
    free(text);
    text = capture(&b, CLI_LIST_PLACES, &rows);
    CHECK_EQ_U(rows, 5);
    CHECK(strstr(text, "\np 5\tTwo lines\ta b\tcity\tUSA\t-77.0365\t38.8977\n") != NULL);
    free(text);
    text = capture(&b, CLI_LIST_COUNTRIES, &rows);
    CHECK_EQ_U(rows, 4);
    CHECK(strstr(text, "\nUSA\tUnited States\t\tp 5\tno\n") != NULL);
    free(text);
    bundle_close(&b);
    free(data);
}

/* The contents of a temporary file (malloc'd); closes it. */
static char *slurp(FILE *f)
{
    long size = ftell(f);
    rewind(f);
    char *text = calloc(1, (size_t)(size > 0 ? size : 0) + 1);
    if (!text) abort();
    if (size > 0 && fread(text, 1, (size_t)size, f) != (size_t)size) printf("short read\n");
    fclose(f);
    return text;
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        printf("cannot write %s\n", path);
        abort();
    }
}

/* Runs cli_list_run; its output and error text come back in *out, *err. */
static int run(CliListKind kind, const char *path, const void *builtin, size_t builtin_size, char **out, char **err)
{
    FILE *o = tmpfile(), *e = tmpfile();
    if (!o || !e) abort();
    int status = cli_list_run(kind, path, builtin, builtin_size, o, e);
    *out = slurp(o);
    *err = slurp(e);
    return status;
}

static void test_run(void)
{
    size_t size;
    uint8_t *data = tb_fixture_bundle(&size);
    const char *expected = "key\tdate\ttitle\tplace\tcountries\tcategory\n"
                           "e1\t2019\tSummit\tastana\tKAZ,UZB\tdiplomacy\n"
                           "e2\t2020-05\tDeal\ttashkent\tUZB,TKM\ttrade\n"
                           "e3\t2021-06-07\tForum\talmaty\tTKM\tculture\n";
    char *out, *err;
    /* No --bundle: the built-in bytes. */
    CHECK_EQ_U(run(CLI_LIST_EVENTS, NULL, data, size, &out, &err), 0);
    CHECK_STR(out, expected);
    CHECK_STR(err, "");
    free(out), free(err);

    /* A teacher's bundle file; the built-in one is not used. */
    const char *good = "test_cli_list.good.bundle";
    write_file(good, data, size);
    CHECK_EQ_U(run(CLI_LIST_EVENTS, good, "junk", 4, &out, &err), 0);
    CHECK_STR(out, expected);
    CHECK_STR(err, "");
    free(out), free(err);
    remove(good);

    /* A missing file, a directory: exit 1 and why, nothing on stdout. */
    CHECK_EQ_U(run(CLI_LIST_PLACES, "test_cli_list.missing.bundle", data, size, &out, &err), 1);
    CHECK_STR(out, "");
    CHECK_STR(err, "steppe-atlas: cannot read test_cli_list.missing.bundle: No such file or directory\n");
    free(out), free(err);
    CHECK_EQ_U(run(CLI_LIST_PLACES, ".", data, size, &out, &err), 1);
    CHECK_STR(out, "");
    CHECK_STR(err, "steppe-atlas: cannot read .: Is a directory\n");
    free(out), free(err);

    /* Not a bundle, or a cut one: the reader's message, naming the file. */
    const char *bad = "test_cli_list.bad.bundle";
    char garbage[64];
    memset(garbage, 'x', sizeof garbage);
    write_file(bad, garbage, sizeof garbage);
    CHECK_EQ_U(run(CLI_LIST_COUNTRIES, bad, data, size, &out, &err), 1);
    CHECK_STR(out, "");
    CHECK(strncmp(err, "steppe-atlas: test_cli_list.bad.bundle: ", 40) == 0);
    CHECK(strstr(err, "SATL") != NULL);
    CHECK(strchr(err, '\n') == err + strlen(err) - 1); /* one line */
    free(out), free(err);
    write_file(bad, data, size / 2);
    CHECK_EQ_U(run(CLI_LIST_COUNTRIES, bad, data, size, &out, &err), 1);
    CHECK(strncmp(err, "steppe-atlas: test_cli_list.bad.bundle: ", 40) == 0);
    CHECK(strstr(err, "file_size") != NULL);
    free(out), free(err);
    write_file(bad, "", 0);
    CHECK_EQ_U(run(CLI_LIST_COUNTRIES, bad, data, size, &out, &err), 1);
    CHECK(strncmp(err, "steppe-atlas: test_cli_list.bad.bundle: ", 40) == 0);
    CHECK(strstr(err, "header") != NULL);
    free(out), free(err);
    remove(bad);

    /* A full disk: exit 1, said so. */
    FILE *full = fopen("/dev/full", "w"), *e = tmpfile();
    if (full && e) {
        CHECK_EQ_U(cli_list_run(CLI_LIST_EVENTS, NULL, data, size, full, e), 1);
        fclose(full);
        err = slurp(e);
        CHECK_STR(err, "steppe-atlas: cannot write the list of events: No space left on device\n");
        free(err);
    } else {
        if (full) fclose(full);
        if (e) fclose(e);
    }
    free(data);
}

/* Each line of text has fields tab-separated fields; returns the line count. */
static long check_shape(const char *text, int fields, const char *what)
{
    long lines = 0;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        if (!end) {
            test_failed++;
            printf("%s: last line has no newline\n", what);
            break;
        }
        int tabs = 0;
        for (const char *c = line; c < end; c++) tabs += *c == '\t';
        if (tabs + 1 != fields) {
            test_failed++;
            printf("%s: line %ld has %d fields, not %d: %.*s\n", what, lines + 1, tabs + 1, fields,
                   (int)(end - line), line);
        }
        lines++;
        line = end + 1;
    }
    test_passed++;
    return lines;
}

static void test_real_bundle(const char *path)
{
    size_t size = 0;
    uint8_t *data = test_read_file(path, &size);
    CHECK(data != NULL);
    if (!data) {
        printf("  cannot read the bundle %s\n", path ? path : "(none given)");
        return;
    }
    Bundle b;
    if (!open_bundle(&b, data, size)) {
        free(data);
        return;
    }
    static const struct { CliListKind kind; int fields; } kinds[] = {
        { CLI_LIST_EVENTS, 6 }, { CLI_LIST_PLACES, 7 }, { CLI_LIST_COUNTRIES, 5 },
        { CLI_LIST_ARTICLES, 7 }, { CLI_LIST_TOURS, 3 },
    };
    uint32_t counts[] = { b.event_count, b.place_count, b.country_count, b.article_count, b.tour_count };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        long rows;
        char *text = capture(&b, kinds[k].kind, &rows);
        long lines = check_shape(text, kinds[k].fields, cli_list_kind_name(kinds[k].kind));
        CHECK_EQ_U(rows, counts[k]);
        CHECK_EQ_U(lines, counts[k] + 1);
        free(text);
    }
    CHECK(b.event_count > 0 && b.place_count > 0 && b.country_count > 0 && b.article_count > 0 && b.tour_count > 0);
    /* Kazakhstan is in the atlas, in Central Asia, with its capital's key. */
    long rows;
    char *text = capture(&b, CLI_LIST_COUNTRIES, &rows);
    BundleCountry kaz = bundle_country(&b, bundle_find_country(&b, "KAZ"));
    char row[256];
    snprintf(row, sizeof row, "\nKAZ\t%s\t", kaz.name);
    CHECK(strstr(text, row) != NULL);
    const char *line = strstr(text, "\nKAZ\t");
    CHECK(line && strstr(line, "\tyes\n") == strchr(line + 1, '\n') - 4);
    free(text);
    bundle_close(&b);
    free(data);
}

int main(int argc, char **argv)
{
    test_fixture_lists();
    test_escaping();
    test_run();
    test_real_bundle(argc > 1 ? argv[1] : NULL);
    return test_finish();
}
