/* cli_args: see cli_args.h. */
#include "cli_args.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum OptionId {
    OPT_HELP, OPT_VERSION, OPT_BUNDLE, OPT_OPEN, OPT_STATE, OPT_FULLSCREEN,
    OPT_TEXT_SCALE, OPT_THEME, OPT_TOUR, OPT_STOP, OPT_SCREENSHOT, OPT_SIZE,
    OPT_DPR, OPT_HANDOUTS, OPT_QUIZ, OPT_QUESTIONS, OPT_PRINT, OPT_LIST,
    OPT_SELECT, OPT_PROBE, OPT_REPLAY, OPT_PRESENTER, OPT_PRESENTER_SCREENSHOT, OPT_HINT,
} OptionId;

typedef struct OptionSpec {
    const char *name;    /* without the dashes */
    char short_name;     /* 0 if none */
    const char *metavar; /* what the value is, for messages; NULL: takes no value */
    OptionId id;
} OptionSpec;

static const OptionSpec cli_options[] = {
    { "help", 'h', NULL, OPT_HELP },
    { "version", 'V', NULL, OPT_VERSION },
    { "bundle", 0, "FILE", OPT_BUNDLE },
    { "open", 0, "STATE", OPT_OPEN },
    { "state", 0, "STATE", OPT_STATE },
    { "fullscreen", 0, NULL, OPT_FULLSCREEN },
    { "hint", 0, NULL, OPT_HINT },
    { "presenter", 0, NULL, OPT_PRESENTER },
    { "text-scale", 0, "PERCENT", OPT_TEXT_SCALE },
    { "theme", 0, "NAME", OPT_THEME },
    { "tour", 0, "ID", OPT_TOUR },
    { "stop", 0, "N", OPT_STOP },
    { "screenshot", 0, "FILE.png", OPT_SCREENSHOT },
    { "size", 0, "WxH", OPT_SIZE },
    { "dpr", 0, "N", OPT_DPR },
    { "handouts", 0, "DIR", OPT_HANDOUTS },
    { "quiz", 0, "SEED", OPT_QUIZ },
    { "questions", 0, "N", OPT_QUESTIONS },
    { "print", 0, NULL, OPT_PRINT },
    { "list", 0, "KIND", OPT_LIST },
    { "select", 0, "ISO3", OPT_SELECT },
    { "probe", 0, "LON,LAT", OPT_PROBE },
    { "replay", 0, "FILE", OPT_REPLAY },
    { "presenter-screenshot", 0, "FILE.png", OPT_PRESENTER_SCREENSHOT },
};
enum { CLI_OPTION_COUNT = sizeof cli_options / sizeof cli_options[0] };

static const char *const list_kind_names[CLI_LIST_KIND_COUNT] = {
    "", "events", "places", "countries", "articles", "tours",
};
static const char *const theme_names[CLI_THEME_COUNT] = { "default", "high-contrast", "dark" };

/* Sizes as main.c has always accepted them: below 64 px nothing fits, above
 * 8192 a frame would need hundreds of MiB. */
enum { SIZE_MIN = 64, SIZE_MAX_PX = 8192, TEXT_SCALE_MIN = 100, TEXT_SCALE_MAX = 250, STOP_MAX = 9999 };

const char *cli_list_kind_name(CliListKind kind)
{
    return (unsigned)kind < CLI_LIST_KIND_COUNT ? list_kind_names[kind] : "";
}

const char *cli_theme_name(CliTheme theme)
{
    return (unsigned)theme < CLI_THEME_COUNT ? theme_names[theme] : "";
}

const char *cli_args_option_name(int i)
{
    return i >= 0 && i < CLI_OPTION_COUNT ? cli_options[i].name : NULL;
}

void cli_args_defaults(CliOptions *o)
{
    memset(o, 0, sizeof *o);
    o->mode = CLI_MODE_WINDOW;
    o->text_scale_percent = 100;
    o->theme = CLI_THEME_DEFAULT;
    o->width_css = 1280;
    o->height_css = 800;
    o->dpr = 1.0f;
    o->quiz_questions = 10;
    o->list = CLI_LIST_NONE;
}

/* --- messages -------------------------------------------------------------- */

typedef struct Message {
    char *buf;
    size_t size;
} Message;

static void say(Message *m, const char *fmt, ...)
{
    if (!m->buf || !m->size) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->buf, m->size, fmt, ap);
    va_end(ap);
}

/* A user's text, fit to quote in a one-line message: control characters
 * (a newline in a pasted value) become '?', and a long value is cut at a
 * UTF-8 character boundary with "..." so the message stays one short line. */
static const char *quoted(const char *text, char out[80])
{
    enum { LIMIT = 60 };
    size_t n = 0;
    for (; text[n] && n < LIMIT; n++) {
        unsigned char c = (unsigned char)text[n];
        out[n] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    if (text[n]) {
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--; /* not inside a character */
        memcpy(out + n, "...", 4);
    } else {
        out[n] = '\0';
    }
    return out;
}

/* --- values ----------------------------------------------------------------- */

/* A decimal integer in [min, max] and nothing else (no sign, spaces or
 * trailing text: "10x" is not 10). */
static bool parse_long(const char *s, long min, long max, long *out)
{
    if (s[0] < '0' || s[0] > '9') return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max) return false;
    *out = v;
    return true;
}

static bool parse_u32(const char *s, uint32_t *out)
{
    if (s[0] < '0' || s[0] > '9') return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > 0xFFFFFFFFull) return false;
    *out = (uint32_t)v;
    return true;
}

/* A finite decimal number in [min, max] (so "nan" and "inf" fail), ending at
 * *end_out if given, else at the end of s. */
static bool parse_double(const char *s, double min, double max, double *out, const char **end_out)
{
    if (!s[0] || s[0] == ' ' || s[0] == '\t') return false;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (end == s || errno || !(v >= min && v <= max)) return false;
    if (end_out) *end_out = end;
    else if (*end) return false;
    *out = v;
    return true;
}

static bool ends_with_png(const char *s)
{
    size_t n = strlen(s);
    if (n < 5) return false; /* a name before ".png" */
    const char *e = s + n - 4;
    return e[0] == '.' && (e[1] == 'p' || e[1] == 'P') && (e[2] == 'n' || e[2] == 'N') &&
           (e[3] == 'g' || e[3] == 'G');
}

/* Applies one option's value; false (with the message) if the value is bad. */
static bool apply_value(CliOptions *o, const OptionSpec *spec, const char *v, Message *m)
{
    char q[80];
    long n;
    if (!v[0] && spec->id != OPT_OPEN && spec->id != OPT_STATE) {
        say(m, "--%s: the %s is empty", spec->name, spec->metavar);
        return false;
    }
    switch (spec->id) {
    case OPT_BUNDLE: o->bundle_path = v; return true;
    case OPT_OPEN: case OPT_STATE: o->state = v; return true; /* an empty state is the fresh atlas */
    case OPT_TEXT_SCALE: {
        /* "150%" is how people write a percentage; accept the sign. */
        char digits[16];
        const char *number = v;
        size_t len = strlen(v);
        if (len < sizeof digits && len > 1 && v[len - 1] == '%') {
            memcpy(digits, v, len - 1);
            digits[len - 1] = '\0';
            number = digits;
        }
        if (!parse_long(number, TEXT_SCALE_MIN, TEXT_SCALE_MAX, &n)) {
            say(m, "--text-scale: '%s' is not a percentage from %d to %d", quoted(v, q), TEXT_SCALE_MIN,
                TEXT_SCALE_MAX);
            return false;
        }
        o->text_scale_percent = (int)n;
        return true;
    }
    case OPT_THEME:
        for (int t = 0; t < CLI_THEME_COUNT; t++)
            if (!strcmp(v, theme_names[t])) {
                o->theme = (CliTheme)t;
                o->theme_given = true;
                return true;
            }
        say(m, "--theme: unknown theme '%s' (use default, high-contrast or dark)", quoted(v, q));
        return false;
    case OPT_TOUR: o->tour_id = v; return true;
    case OPT_STOP:
        if (!parse_long(v, 1, STOP_MAX, &n)) {
            say(m, "--stop: '%s' is not a stop number (1 is the first)", quoted(v, q));
            return false;
        }
        o->tour_stop = (int)n;
        return true;
    case OPT_SCREENSHOT:
        if (!ends_with_png(v)) {
            say(m, "--screenshot: '%s' does not end in .png (the image is written as PNG)", quoted(v, q));
            return false;
        }
        o->screenshot_path = v;
        return true;
    case OPT_SIZE: {
        const char *x = strpbrk(v, "xX");
        char w_text[16];
        long w, h;
        size_t w_len = x ? (size_t)(x - v) : 0;
        bool ok = x && w_len > 0 && w_len < sizeof w_text;
        if (ok) {
            memcpy(w_text, v, w_len);
            w_text[w_len] = '\0';
            ok = parse_long(w_text, SIZE_MIN, SIZE_MAX_PX, &w) && parse_long(x + 1, SIZE_MIN, SIZE_MAX_PX, &h);
        }
        if (!ok) {
            say(m, "--size: '%s' is not WIDTHxHEIGHT with each side from %d to %d px", quoted(v, q), SIZE_MIN,
                SIZE_MAX_PX);
            return false;
        }
        o->width_css = (int)w;
        o->height_css = (int)h;
        o->size_given = true;
        return true;
    }
    case OPT_DPR: {
        double d;
        if (!parse_double(v, 0.5, 4.0, &d, NULL)) {
            say(m, "--dpr: '%s' is not a pixel ratio from 0.5 to 4", quoted(v, q));
            return false;
        }
        o->dpr = (float)d;
        return true;
    }
    case OPT_HANDOUTS: o->handouts_dir = v; return true;
    case OPT_QUIZ:
        if (!parse_u32(v, &o->quiz_seed)) {
            say(m, "--quiz: '%s' is not a seed (a whole number from 0 to 4294967295)", quoted(v, q));
            return false;
        }
        o->quiz_given = true;
        return true;
    case OPT_QUESTIONS:
        if (!parse_long(v, 5, 20, &n) || (n != 5 && n != 10 && n != 20)) {
            say(m, "--questions: '%s' is not 5, 10 or 20", quoted(v, q));
            return false;
        }
        o->quiz_questions = (int)n;
        return true;
    case OPT_LIST:
        for (int k = CLI_LIST_NONE + 1; k < CLI_LIST_KIND_COUNT; k++)
            if (!strcmp(v, list_kind_names[k])) {
                o->list = (CliListKind)k;
                return true;
            }
        say(m, "--list: unknown kind '%s' (use events, places, countries, articles or tours)", quoted(v, q));
        return false;
    case OPT_SELECT: {
        bool ok = strlen(v) == 3;
        for (int i = 0; ok && i < 3; i++) ok = v[i] >= 'A' && v[i] <= 'Z';
        if (!ok) {
            say(m, "--select: '%s' is not an ISO 3166-1 alpha-3 code such as KAZ", quoted(v, q));
            return false;
        }
        o->select_iso3 = v;
        return true;
    }
    case OPT_PROBE: {
        double lon, lat;
        const char *end;
        bool ok = parse_double(v, -180, 180, &lon, &end) && *end == ',' && parse_double(end + 1, -90, 90, &lat, NULL);
        if (!ok) {
            say(m, "--probe: '%s' is not LON,LAT in degrees", quoted(v, q));
            return false;
        }
        if (o->probe_count >= CLI_MAX_PROBES) {
            say(m, "--probe: more than %d probes", CLI_MAX_PROBES);
            return false;
        }
        o->probe_lon_lat[2 * o->probe_count] = lon;
        o->probe_lon_lat[2 * o->probe_count + 1] = lat;
        o->probe_count++;
        return true;
    }
    case OPT_REPLAY: o->replay_path = v; return true;
    case OPT_PRESENTER_SCREENSHOT:
        if (!ends_with_png(v)) {
            say(m, "--presenter-screenshot: '%s' does not end in .png (the image is written as PNG)", quoted(v, q));
            return false;
        }
        o->presenter_screenshot_path = v;
        o->presenter = true;
        return true;
    case OPT_HELP: case OPT_VERSION: case OPT_FULLSCREEN: case OPT_PRINT: case OPT_PRESENTER: case OPT_HINT:
        break; /* flags: handled by the caller */
    }
    return true;
}

static void apply_flag(CliOptions *o, OptionId id, bool *help, bool *version)
{
    if (id == OPT_HELP) *help = true;
    else if (id == OPT_VERSION) *version = true;
    else if (id == OPT_FULLSCREEN) o->fullscreen = true;
    else if (id == OPT_PRESENTER) o->presenter = true;
    else if (id == OPT_HINT) o->hint = true;
    else if (id == OPT_PRINT) o->print = true;
}

/* The checks between options, once all are read, and the mode they give. */
static bool decide_mode(CliOptions *o, bool questions_given, Message *m)
{
    const char *modes[5];
    int mode_count = 0;
    if (o->screenshot_path) modes[mode_count++] = "--screenshot";
    if (o->handouts_dir) modes[mode_count++] = "--handouts";
    if (o->print) modes[mode_count++] = "--print";
    if (o->list != CLI_LIST_NONE) modes[mode_count++] = "--list";
    if (o->replay_path) modes[mode_count++] = "--replay";
    if (mode_count > 1) {
        say(m, "%s and %s cannot be used together (each does its own job and exits)", modes[0], modes[1]);
        return false;
    }
    if (o->tour_stop && !o->tour_id) { say(m, "--stop needs --tour ID (the tour the stop is in)"); return false; }
    if (o->handouts_dir && !o->tour_id) { say(m, "--handouts needs --tour ID (the tour to write out)"); return false; }
    if (o->handouts_dir && o->tour_stop) {
        say(m, "--stop cannot be used with --handouts (a handout has every stop)");
        return false;
    }
    if (o->print && !o->quiz_given) { say(m, "--print needs --quiz SEED (the quiz to print)"); return false; }
    if (questions_given && !o->quiz_given) { say(m, "--questions needs --quiz SEED"); return false; }
    if (o->quiz_given && o->tour_id) { say(m, "--quiz and --tour cannot be used together"); return false; }
    if (o->probe_count && !o->screenshot_path) { say(m, "--probe needs --screenshot FILE.png"); return false; }
    if (o->presenter && mode_count && !o->replay_path) {
        say(m, "--%s cannot be used with %s (the presenter is a window beside the atlas's)",
            o->presenter_screenshot_path ? "presenter-screenshot" : "presenter", modes[0]);
        return false;
    }
    if (o->screenshot_path) o->mode = CLI_MODE_SCREENSHOT;
    else if (o->handouts_dir) o->mode = CLI_MODE_HANDOUTS;
    else if (o->print) o->mode = CLI_MODE_QUIZ_PRINT;
    else if (o->list != CLI_LIST_NONE) o->mode = CLI_MODE_LIST;
    else o->mode = CLI_MODE_WINDOW;
    return true;
}

static const OptionSpec *find_long(const char *name, size_t len)
{
    for (int i = 0; i < CLI_OPTION_COUNT; i++)
        if (strlen(cli_options[i].name) == len && !memcmp(cli_options[i].name, name, len)) return &cli_options[i];
    return NULL;
}

static const OptionSpec *find_short(char c)
{
    for (int i = 0; i < CLI_OPTION_COUNT; i++)
        if (cli_options[i].short_name && cli_options[i].short_name == c) return &cli_options[i];
    return NULL;
}

CliStatus cli_args_parse(int argc, char *const argv[], CliOptions *o, char *message, size_t message_size)
{
    Message m = { message, message_size };
    char q[80], q2[80];
    bool help = false, version = false, options_done = false, questions_given = false;
    const char *operand = NULL;
    cli_args_defaults(o);
    say(&m, "%s", "");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || !a[1]) { /* an operand; "-" is a (strange) file name */
            if (operand) {
                say(&m, "more than one bundle given ('%s' and '%s')", quoted(operand, q), quoted(a, q2));
                return CLI_USAGE_ERROR;
            }
            operand = a;
            continue;
        }
        if (!strcmp(a, "--")) { options_done = true; continue; }
        const OptionSpec *spec;
        const char *value = NULL;
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            spec = find_long(name, len);
            if (!spec) {
                char typed[64];
                snprintf(typed, sizeof typed, "--%.*s", (int)(len < 60 ? len : 60), name);
                say(&m, "unknown option '%s' (see --help)", quoted(typed, q));
                return CLI_USAGE_ERROR;
            }
            if (eq) value = eq + 1;
        } else {
            spec = a[2] ? NULL : find_short(a[1]);
            if (!spec) {
                say(&m, "unknown option '%s' (see --help)", quoted(a, q));
                return CLI_USAGE_ERROR;
            }
        }
        if (!spec->metavar) {
            if (value) {
                say(&m, "--%s takes no value (got '%s')", spec->name, quoted(a, q));
                return CLI_USAGE_ERROR;
            }
            apply_flag(o, spec->id, &help, &version);
            continue;
        }
        if (!value) {
            if (i + 1 >= argc) {
                say(&m, "--%s needs a value: --%s %s", spec->name, spec->name, spec->metavar);
                return CLI_USAGE_ERROR;
            }
            value = argv[++i];
        }
        if (!apply_value(o, spec, value, &m)) return CLI_USAGE_ERROR;
        questions_given |= spec->id == OPT_QUESTIONS;
    }
    if (operand) {
        if (o->bundle_path) {
            say(&m, "a bundle given twice: --bundle '%s' and '%s'", quoted(o->bundle_path, q), quoted(operand, q2));
            return CLI_USAGE_ERROR;
        }
        o->bundle_path = operand;
    }
    if (help) { o->mode = CLI_MODE_HELP; return CLI_OK; }
    if (version) { o->mode = CLI_MODE_VERSION; return CLI_OK; }
    return decide_mode(o, questions_given, &m) ? CLI_OK : CLI_USAGE_ERROR;
}

/* --- texts ------------------------------------------------------------------- */

const char *cli_version_text(void)
{
    return "steppe-atlas " STEPPE_VERSION "\n"
           "An interactive atlas of Central Asia; the atlas and its fonts are built in.\n";
}

const char *cli_usage(void)
{
    return "Usage: steppe-atlas [OPTION]... [BUNDLE]\n"
           "An interactive atlas of Central Asia (Kazakhstan and its neighbours, 1991-2022)\n"
           "that needs no network. With no option it opens the window on the built-in\n"
           "atlas; BUNDLE, or --bundle, opens a teacher's own bundle instead.\n"
           "\n"
           "The window:\n"
           "  --bundle FILE          open this bundle instead of the built-in atlas\n"
           "  --open STATE           start in STATE, the web page's URL hash, e.g.\n"
           "                         'c=KAZ&t=2018-2019' (--state STATE is the same)\n"
           "  --fullscreen           start full screen\n"
           "  --hint                 show the first start's hint (what to click, '?' for\n"
           "                         every key) again; it also works with --screenshot\n"
           "  --presenter            also open the presenter window, for the teacher's\n"
           "                         laptop while the projector shows the map: the tour's\n"
           "                         stop, its notes, the next stop and a clock, with the\n"
           "                         tour's keys ('p' in a tour opens it too)\n"
           "  --text-scale PERCENT   text size from 100 to 250 (default 100)\n"
           "  --theme NAME           default, high-contrast or dark\n"
           "  --tour ID              start the tour ID, at its first stop or at\n"
           "  --stop N               stop N (1 is the first)\n"
           "  --size WxH             window (or image) size in CSS px (default 1280x800)\n"
           "\n"
           "Without a window (each does its job, then exits):\n"
           "  --screenshot FILE.png  render one frame of the state, tour stop or quiz\n"
           "                         question asked for into FILE.png (no display needed)\n"
           "  --dpr N                device px per CSS px of the image, 0.5 to 4 (default 1)\n"
           "  --handouts DIR         with --tour ID: write one PNG per stop and an\n"
           "                         index.html (and index.md) with each stop's text and\n"
           "                         sources into DIR, a lesson's handout\n"
           "  --quiz SEED            the quiz of SEED (0 to 4294967295): the questions the\n"
           "                         web page's link with that seed asks\n"
           "  --questions N          5, 10 or 20 questions (default 10)\n"
           "  --print                with --quiz: print the questions, their choices and an\n"
           "                         answer key at the end, for a paper test\n"
           "  --list KIND            print the content as TSV with a header row, for\n"
           "                         spreadsheets: events, places, countries, articles or\n"
           "                         tours\n"
           "\n"
           "  -h, --help             print this help and exit\n"
           "  -V, --version          print the version and exit\n"
           "\n"
           "For tests:\n"
           "  --select ISO3          select a country before --open applies\n"
           "  --probe LON,LAT        with --screenshot: print where LON,LAT lies (up to 8)\n"
           "  --replay FILE          open the window, replay the input script FILE (clicks,\n"
           "                         keys, typing: tests/native/replay/README.md), print\n"
           "                         the final state as JSON and the panel's text, exit\n"
           "  --presenter-screenshot FILE.png\n"
           "                         open the presenter window; when the window closes or\n"
           "                         the replay ends, write its last frame to FILE.png\n"
           "\n"
           "An option's value may also follow an '=' (--theme=dark); '--' ends the options.\n"
           "\n"
           "Examples:\n"
           "  steppe-atlas --open 'c=KAZ&t=2018-2019' --theme high-contrast\n"
           "  steppe-atlas --list events > events.tsv\n"
           "  steppe-atlas --screenshot kaz.png --size 1600x900 --dpr 2 --open c=KAZ\n"
           "  steppe-atlas --quiz 42 --questions 20 --print > quiz.txt\n"
           "\n"
           "Exit status: 0 if all went well, 1 if a file could not be read or written,\n"
           "2 for a bad command line.\n"
           "\n"
           "Report problems on the Steppe Atlas issue tracker, with the command you ran and\n"
           "what it printed (see \"Reporting problems\" in the README, installed as\n"
           "share/doc/steppe-atlas/README.md).\n";
}
