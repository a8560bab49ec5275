/* Unit tests for cli_args: every option in both spellings (--opt VALUE and
 * --opt=VALUE), every kind of bad value, missing values, the checks between
 * options, and that the usage text and the man page name every option the
 * parser knows (STEPPE_MAN_PAGE is the man page's path, set by CMake). */
#include <stdarg.h>

#include "cli_args.h"
#include "test_support.h"

enum { MAX_ARGS = 32 };

/* Parses the NULL-terminated list of arguments (after the program name). */
static CliStatus parse(CliOptions *o, char *message, size_t message_size, ...)
{
    char *argv[MAX_ARGS + 1];
    int argc = 0;
    argv[argc++] = (char *)"steppe-atlas";
    va_list ap;
    va_start(ap, message_size);
    for (const char *a; argc < MAX_ARGS && (a = va_arg(ap, const char *));) argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    return cli_args_parse(argc, argv, o, message, message_size);
}

#define PARSE(o, msg, ...) parse((o), (msg), sizeof(msg), __VA_ARGS__, (const char *)NULL)

/* A bad command line: status 2, and a one-line message that names `needle`. */
#define CHECK_BAD(needle, ...)                                                  \
    do {                                                                        \
        CliOptions o_;                                                          \
        char m_[256];                                                           \
        CliStatus s_ = PARSE(&o_, m_, __VA_ARGS__);                             \
        CHECK_EQ_U(s_, CLI_USAGE_ERROR);                                        \
        if (!strstr(m_, needle)) {                                              \
            test_failed++;                                                      \
            printf("%s:%d: message \"%s\" does not name \"%s\"\n", __FILE__,    \
                   __LINE__, m_, needle);                                       \
        } else test_passed++;                                                   \
        CHECK(strchr(m_, '\n') == NULL);                                        \
    } while (0)

/* A good command line: status 0 and an empty message. */
#define CHECK_GOOD(o, ...)                                                      \
    do {                                                                        \
        char m_[256];                                                           \
        CliStatus s_ = PARSE((o), m_, __VA_ARGS__);                             \
        CHECK_EQ_U(s_, CLI_OK);                                                 \
        if (s_ != CLI_OK) printf("  message: %s\n", m_);                        \
        CHECK_STR(m_, "");                                                      \
    } while (0)

static void test_defaults(void)
{
    CliOptions o;
    char m[64];
    CHECK_EQ_U(parse(&o, m, sizeof m, (const char *)NULL), CLI_OK);
    CHECK_EQ_U(o.mode, CLI_MODE_WINDOW);
    CHECK(o.bundle_path == NULL);
    CHECK(o.state == NULL);
    CHECK(!o.fullscreen);
    CHECK_EQ_U(o.text_scale_percent, 100);
    CHECK_EQ_U(o.theme, CLI_THEME_DEFAULT);
    CHECK(!o.theme_given);
    CHECK(o.tour_id == NULL);
    CHECK_EQ_U(o.tour_stop, 0);
    CHECK(o.screenshot_path == NULL);
    CHECK_EQ_U(o.width_css, 1280);
    CHECK_EQ_U(o.height_css, 800);
    CHECK(!o.size_given);
    CHECK_NEAR(o.dpr, 1.0, 0);
    CHECK(o.handouts_dir == NULL);
    CHECK(!o.quiz_given);
    CHECK_EQ_U(o.quiz_questions, 10);
    CHECK(!o.print);
    CHECK_EQ_U(o.list, CLI_LIST_NONE);
    CHECK(o.select_iso3 == NULL);
    CHECK_EQ_U(o.probe_count, 0);
    CHECK(o.replay_path == NULL);
    /* A fresh parse resets what a previous one set. */
    CHECK_GOOD(&o, "--theme", "dark");
    CHECK_GOOD(&o, "--fullscreen");
    CHECK_EQ_U(o.theme, CLI_THEME_DEFAULT);
    CHECK(o.fullscreen);
}

static void test_help_version(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--help");
    CHECK_EQ_U(o.mode, CLI_MODE_HELP);
    CHECK_GOOD(&o, "-h");
    CHECK_EQ_U(o.mode, CLI_MODE_HELP);
    CHECK_GOOD(&o, "--version");
    CHECK_EQ_U(o.mode, CLI_MODE_VERSION);
    CHECK_GOOD(&o, "-V");
    CHECK_EQ_U(o.mode, CLI_MODE_VERSION);
    /* Help wins over options that would not go together... */
    CHECK_GOOD(&o, "--stop", "2", "--help");
    CHECK_EQ_U(o.mode, CLI_MODE_HELP);
    CHECK_GOOD(&o, "--version", "--help");
    CHECK_EQ_U(o.mode, CLI_MODE_HELP);
    /* ...but not over a bad option or value: the mistake is reported. */
    CHECK_BAD("--bogus", "--help", "--bogus");
    CHECK_BAD("--list", "--list", "bogus", "--help");
    CHECK_BAD("--help takes no value", "--help=yes");
    CHECK_BAD("--version takes no value", "--version=1");
    CHECK_BAD("'-hV'", "-hV");
    CHECK_BAD("'-x'", "-x");

    const char *v = cli_version_text();
    CHECK(strncmp(v, "steppe-atlas " STEPPE_VERSION "\n", strlen("steppe-atlas " STEPPE_VERSION "\n")) == 0);
    CHECK(v[strlen(v) - 1] == '\n');
}

static void test_bundle(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--bundle", "lesson.bundle");
    CHECK_STR(o.bundle_path, "lesson.bundle");
    CHECK_GOOD(&o, "--bundle=lesson.bundle");
    CHECK_STR(o.bundle_path, "lesson.bundle");
    /* The operand is the same as --bundle (a desktop entry's %f). */
    CHECK_GOOD(&o, "lesson.bundle", "--fullscreen");
    CHECK_STR(o.bundle_path, "lesson.bundle");
    CHECK(o.fullscreen);
    /* "--" ends the options: what follows is a file, even if it looks like one. */
    CHECK_GOOD(&o, "--", "--odd.bundle");
    CHECK_STR(o.bundle_path, "--odd.bundle");
    CHECK_GOOD(&o, "--fullscreen", "--", "-x");
    CHECK_STR(o.bundle_path, "-x");
    /* GNU: a value is taken literally, even when it starts with a dash. */
    CHECK_GOOD(&o, "--bundle", "--fullscreen");
    CHECK_STR(o.bundle_path, "--fullscreen");
    CHECK(!o.fullscreen);
    /* The last --bundle wins, as with any repeated option. */
    CHECK_GOOD(&o, "--bundle", "a.bundle", "--bundle", "b.bundle");
    CHECK_STR(o.bundle_path, "b.bundle");
    CHECK_BAD("--bundle needs a value", "--bundle");
    CHECK_BAD("--bundle: the FILE is empty", "--bundle=");
    CHECK_BAD("--bundle: the FILE is empty", "--bundle", "");
    CHECK_BAD("more than one bundle", "a.bundle", "b.bundle");
    CHECK_BAD("given twice", "--bundle", "a.bundle", "b.bundle");
    CHECK_BAD("given twice", "--bundle=a.bundle", "--", "b.bundle");
}

static void test_open_state(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--open", "c=KAZ&t=2018-2019");
    CHECK_STR(o.state, "c=KAZ&t=2018-2019");
    /* Only the first '=' separates the option from its value. */
    CHECK_GOOD(&o, "--open=c=KAZ&t=2018-2019");
    CHECK_STR(o.state, "c=KAZ&t=2018-2019");
    CHECK_GOOD(&o, "--state", "#c=UZB");
    CHECK_STR(o.state, "#c=UZB");
    CHECK_GOOD(&o, "--state=c=UZB");
    CHECK_STR(o.state, "c=UZB");
    /* An empty state is the fresh atlas, not a mistake (a script's empty variable). */
    CHECK_GOOD(&o, "--open=");
    CHECK_STR(o.state, "");
    CHECK_BAD("--open needs a value", "--open");
    CHECK_BAD("--state needs a value", "--state");
}

static void test_fullscreen(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--fullscreen");
    CHECK(o.fullscreen);
    CHECK_BAD("--fullscreen takes no value", "--fullscreen=1");
    CHECK_BAD("--fullscreen takes no value", "--fullscreen=");
}

static void test_text_scale(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--text-scale", "100");
    CHECK_EQ_U(o.text_scale_percent, 100);
    CHECK_GOOD(&o, "--text-scale=250");
    CHECK_EQ_U(o.text_scale_percent, 250);
    CHECK_GOOD(&o, "--text-scale", "150%");
    CHECK_EQ_U(o.text_scale_percent, 150);
    const char *bad[] = { "99", "251", "0", "-150", "+150", "abc", "150x", " 150", "1.5", "%", "150%%",
                          "99999999999999999999" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) CHECK_BAD("--text-scale", "--text-scale", bad[i]);
    CHECK_BAD("from 100 to 250", "--text-scale=300");
    CHECK_BAD("'300'", "--text-scale=300");
    CHECK_BAD("--text-scale: the PERCENT is empty", "--text-scale=");
    CHECK_BAD("--text-scale needs a value", "--text-scale");
}

static void test_theme(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--theme", "default");
    CHECK_EQ_U(o.theme, CLI_THEME_DEFAULT);
    CHECK(o.theme_given);
    CHECK_GOOD(&o, "--theme=high-contrast");
    CHECK_EQ_U(o.theme, CLI_THEME_HIGH_CONTRAST);
    CHECK_GOOD(&o, "--theme", "dark");
    CHECK_EQ_U(o.theme, CLI_THEME_DARK);
    CHECK_GOOD(&o, "--theme", "dark", "--theme", "default");
    CHECK_EQ_U(o.theme, CLI_THEME_DEFAULT);
    CHECK_BAD("'blue'", "--theme", "blue");
    CHECK_BAD("default, high-contrast or dark", "--theme", "blue");
    CHECK_BAD("'Dark'", "--theme=Dark");
    CHECK_BAD("--theme", "--theme", "contrast");
    CHECK_BAD("--theme needs a value", "--theme");
    for (int t = 0; t < CLI_THEME_COUNT; t++) {
        char arg[64];
        snprintf(arg, sizeof arg, "--theme=%s", cli_theme_name((CliTheme)t));
        CHECK_GOOD(&o, arg);
        CHECK_EQ_U(o.theme, t);
    }
    CHECK_STR(cli_theme_name(CLI_THEME_COUNT), "");
}

static void test_tour_stop(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--tour", "silk-road");
    CHECK_STR(o.tour_id, "silk-road");
    CHECK_EQ_U(o.tour_stop, 0);
    CHECK_GOOD(&o, "--tour=silk-road", "--stop=3");
    CHECK_STR(o.tour_id, "silk-road");
    CHECK_EQ_U(o.tour_stop, 3);
    /* Order does not matter: the checks between options come at the end. */
    CHECK_GOOD(&o, "--stop", "1", "--tour", "t");
    CHECK_EQ_U(o.tour_stop, 1);
    CHECK_EQ_U(o.mode, CLI_MODE_WINDOW);
    const char *bad[] = { "0", "-1", "x", "2.5", "10000" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) CHECK_BAD("--stop", "--tour", "t", "--stop", bad[i]);
    CHECK_BAD("1 is the first", "--tour", "t", "--stop", "0");
    CHECK_BAD("--stop needs --tour", "--stop", "2");
    CHECK_BAD("--tour needs a value", "--tour");
    CHECK_BAD("--tour: the ID is empty", "--tour=");
    CHECK_BAD("--stop needs a value", "--tour", "t", "--stop");
}

static void test_screenshot(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--screenshot", "out.png");
    CHECK_EQ_U(o.mode, CLI_MODE_SCREENSHOT);
    CHECK_STR(o.screenshot_path, "out.png");
    CHECK_GOOD(&o, "--screenshot=dir/OUT.PNG");
    CHECK_STR(o.screenshot_path, "dir/OUT.PNG");
    /* Any state, tour stop or quiz question can be rendered. */
    CHECK_GOOD(&o, "--screenshot", "a.png", "--tour", "t", "--stop", "2");
    CHECK_EQ_U(o.mode, CLI_MODE_SCREENSHOT);
    CHECK_GOOD(&o, "--screenshot", "a.png", "--quiz", "7");
    CHECK_EQ_U(o.mode, CLI_MODE_SCREENSHOT);
    CHECK_BAD("does not end in .png", "--screenshot", "out.jpg");
    CHECK_BAD("'out'", "--screenshot", "out");
    CHECK_BAD("--screenshot", "--screenshot", ".png");
    CHECK_BAD("--screenshot needs a value", "--screenshot");
    CHECK_BAD("--screenshot: the FILE.png is empty", "--screenshot=");
}

static void test_size(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--size", "800x600");
    CHECK_EQ_U(o.width_css, 800);
    CHECK_EQ_U(o.height_css, 600);
    CHECK(o.size_given);
    CHECK_GOOD(&o, "--size=64X8192");
    CHECK_EQ_U(o.width_css, 64);
    CHECK_EQ_U(o.height_css, 8192);
    const char *bad[] = { "63x100", "100x63", "8193x100", "800", "x600", "800x", "800x600x2", "800 x600",
                          "800x 600", "-800x600", "800x-600", "axb", "0x0", "1e3x600" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) CHECK_BAD("--size", "--size", bad[i]);
    CHECK_BAD("WIDTHxHEIGHT", "--size", "800");
    CHECK_BAD("--size needs a value", "--size");
}

static void test_dpr(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--screenshot", "a.png", "--dpr", "2");
    CHECK_NEAR(o.dpr, 2.0, 0);
    CHECK_GOOD(&o, "--screenshot", "a.png", "--dpr=0.5");
    CHECK_NEAR(o.dpr, 0.5, 0);
    CHECK_GOOD(&o, "--dpr", "1.25");
    CHECK_NEAR(o.dpr, 1.25, 0);
    CHECK_GOOD(&o, "--dpr=4");
    CHECK_NEAR(o.dpr, 4.0, 0);
    const char *bad[] = { "0.49", "4.01", "0", "-2", "nan", "inf", "2x", " 2", "two", "1e400" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) CHECK_BAD("--dpr", "--dpr", bad[i]);
    CHECK_BAD("from 0.5 to 4", "--dpr", "8");
    CHECK_BAD("--dpr: the N is empty", "--dpr=");
    CHECK_BAD("--dpr needs a value", "--dpr");
}

static void test_handouts(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--handouts", "out/lesson", "--tour", "t");
    CHECK_EQ_U(o.mode, CLI_MODE_HANDOUTS);
    CHECK_STR(o.handouts_dir, "out/lesson");
    CHECK_GOOD(&o, "--tour=t", "--handouts=out", "--size", "1024x768", "--dpr", "2");
    CHECK_STR(o.handouts_dir, "out");
    CHECK_BAD("--handouts needs --tour", "--handouts", "out");
    CHECK_BAD("--handouts needs a value", "--tour", "t", "--handouts");
    CHECK_BAD("--handouts: the DIR is empty", "--tour", "t", "--handouts=");
    CHECK_BAD("--stop cannot be used with --handouts", "--handouts", "out", "--tour", "t", "--stop", "2");
}

static void test_quiz(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--quiz", "42");
    CHECK(o.quiz_given);
    CHECK_EQ_U(o.quiz_seed, 42);
    CHECK_EQ_U(o.quiz_questions, 10);
    CHECK_EQ_U(o.mode, CLI_MODE_WINDOW); /* the window opens on the quiz */
    CHECK_GOOD(&o, "--quiz=0");
    CHECK_EQ_U(o.quiz_seed, 0);
    CHECK_GOOD(&o, "--quiz", "4294967295");
    CHECK_EQ_U(o.quiz_seed, 4294967295u);
    const char *bad[] = { "4294967296", "-1", "abc", "1.5", "12a", " 1", "99999999999999999999999" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) CHECK_BAD("--quiz", "--quiz", bad[i]);
    CHECK_BAD("0 to 4294967295", "--quiz", "-1");
    CHECK_BAD("--quiz needs a value", "--quiz");
    CHECK_BAD("--quiz and --tour", "--quiz", "1", "--tour", "t");

    for (int n = 5; n <= 20; n *= 2) {
        char arg[32];
        snprintf(arg, sizeof arg, "%d", n);
        CHECK_GOOD(&o, "--quiz", "1", "--questions", arg);
        CHECK_EQ_U(o.quiz_questions, n);
    }
    CHECK_GOOD(&o, "--quiz", "1", "--questions=20");
    CHECK_EQ_U(o.quiz_questions, 20);
    const char *bad_n[] = { "0", "4", "6", "7", "15", "21", "40", "x", "10.0", "-5" };
    for (size_t i = 0; i < sizeof bad_n / sizeof bad_n[0]; i++)
        CHECK_BAD("--questions", "--quiz", "1", "--questions", bad_n[i]);
    CHECK_BAD("not 5, 10 or 20", "--quiz", "1", "--questions", "7");
    CHECK_BAD("--questions needs --quiz", "--questions", "5");
    CHECK_BAD("--questions needs --quiz", "--questions", "10"); /* the default, but given */
    CHECK_BAD("--questions needs a value", "--quiz", "1", "--questions");

    CHECK_GOOD(&o, "--quiz", "42", "--questions", "5", "--print");
    CHECK_EQ_U(o.mode, CLI_MODE_QUIZ_PRINT);
    CHECK(o.print);
    CHECK_EQ_U(o.quiz_seed, 42);
    CHECK_EQ_U(o.quiz_questions, 5);
    CHECK_BAD("--print needs --quiz", "--print");
    CHECK_BAD("--print takes no value", "--quiz", "1", "--print=yes");
}

static void test_list(void)
{
    CliOptions o;
    for (int k = CLI_LIST_EVENTS; k < CLI_LIST_KIND_COUNT; k++) {
        CHECK_GOOD(&o, "--list", cli_list_kind_name((CliListKind)k));
        CHECK_EQ_U(o.list, k);
        CHECK_EQ_U(o.mode, CLI_MODE_LIST);
    }
    CHECK_STR(cli_list_kind_name(CLI_LIST_EVENTS), "events");
    CHECK_STR(cli_list_kind_name(CLI_LIST_TOURS), "tours");
    CHECK_STR(cli_list_kind_name(CLI_LIST_NONE), "");
    CHECK_GOOD(&o, "--list=places", "--bundle", "x.bundle");
    CHECK_EQ_U(o.list, CLI_LIST_PLACES);
    /* A bad kind names itself and every valid one. */
    CHECK_BAD("'event'", "--list", "event");
    const char *kinds[] = { "events", "places", "countries", "articles", "tours" };
    for (size_t i = 0; i < 5; i++) CHECK_BAD(kinds[i], "--list", "Events");
    CHECK_BAD("--list needs a value", "--list");
    CHECK_BAD("--list: the KIND is empty", "--list=");
}

static void test_select_probe(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--select", "KAZ");
    CHECK_STR(o.select_iso3, "KAZ");
    CHECK_GOOD(&o, "--select=UZB", "--screenshot", "a.png", "--probe", "67,48", "--probe=-10.5,-20.25");
    CHECK_STR(o.select_iso3, "UZB");
    CHECK_EQ_U(o.probe_count, 2);
    CHECK_NEAR(o.probe_lon_lat[0], 67, 0);
    CHECK_NEAR(o.probe_lon_lat[1], 48, 0);
    CHECK_NEAR(o.probe_lon_lat[2], -10.5, 0);
    CHECK_NEAR(o.probe_lon_lat[3], -20.25, 0);
    const char *bad_iso[] = { "kaz", "KA", "KAZA", "K1Z" };
    for (size_t i = 0; i < 4; i++) CHECK_BAD("--select", "--select", bad_iso[i]);
    const char *bad_probe[] = { "67", "67,", ",48", "200,0", "0,91", "67,48,1", "a,b", "67;48" };
    for (size_t i = 0; i < sizeof bad_probe / sizeof bad_probe[0]; i++)
        CHECK_BAD("--probe", "--screenshot", "a.png", "--probe", bad_probe[i]);
    CHECK_BAD("more than 8 probes", "--screenshot", "a.png", "--probe", "1,1", "--probe", "1,1", "--probe", "1,1",
              "--probe", "1,1", "--probe", "1,1", "--probe", "1,1", "--probe", "1,1", "--probe", "1,1", "--probe",
              "1,1");
    CHECK_BAD("--probe needs --screenshot", "--probe", "67,48");
    CHECK_BAD("--select needs a value", "--select");
}

/* --presenter: the presenter window beside the atlas's; --presenter-screenshot implies it. */
static void test_presenter(void)
{
    CliOptions o;
    CHECK_GOOD(&o, "--tour", "transition-2019", "--presenter");
    CHECK(o.presenter);
    CHECK(o.presenter_screenshot_path == NULL);
    CHECK_EQ_U(o.mode, CLI_MODE_WINDOW);
    CHECK_GOOD(&o, "--fullscreen");
    CHECK(!o.presenter);
    CHECK_GOOD(&o, "--replay", "s.txt", "--presenter-screenshot=p.png");
    CHECK(o.presenter);
    CHECK_STR(o.presenter_screenshot_path, "p.png");
    CHECK_EQ_U(o.mode, CLI_MODE_WINDOW);
    CHECK_BAD("--presenter takes no value", "--presenter=yes");
    CHECK_BAD("--presenter-screenshot: 'p.jpg' does not end in .png", "--presenter-screenshot", "p.jpg");
    CHECK_BAD("--presenter-screenshot needs a value", "--presenter-screenshot");
    /* A window of its own: not with a job done without one. */
    CHECK_BAD("--presenter cannot be used with --screenshot", "--presenter", "--screenshot", "a.png");
    CHECK_BAD("--presenter cannot be used with --list", "--list", "tours", "--presenter");
    CHECK_BAD("--presenter-screenshot cannot be used with --handouts", "--tour", "t", "--handouts", "d",
              "--presenter-screenshot", "p.png");
}

static void test_replay(void)
{
    CliOptions o;
    /* The window replays the script: the mode stays the window's. */
    CHECK_GOOD(&o, "--replay", "classroom.txt");
    CHECK_STR(o.replay_path, "classroom.txt");
    CHECK_EQ_U(o.mode, CLI_MODE_WINDOW);
    CHECK_GOOD(&o, "--replay=-odd.txt", "--size", "800x500", "--open", "c=KAZ", "--theme", "high-contrast");
    CHECK_STR(o.replay_path, "-odd.txt");
    CHECK_EQ_U(o.mode, CLI_MODE_WINDOW);
    CHECK_EQ_U(o.width_css, 800);
    CHECK_STR(o.state, "c=KAZ");
    /* A fresh parse forgets it. */
    CHECK_GOOD(&o, "--fullscreen");
    CHECK(o.replay_path == NULL);
    CHECK_BAD("--replay needs a value", "--replay");
    CHECK_BAD("--replay: the FILE is empty", "--replay", "");
    CHECK_BAD("--replay: the FILE is empty", "--replay=");
    /* It runs the window and exits: not with another mode. */
    CHECK_BAD("--screenshot and --replay", "--replay", "s.txt", "--screenshot", "a.png");
    CHECK_BAD("--list and --replay", "--list", "events", "--replay", "s.txt");
    CHECK_BAD("--handouts and --replay", "--tour", "t", "--handouts", "d", "--replay", "s.txt");
    CHECK_BAD("--print and --replay", "--quiz", "1", "--print", "--replay", "s.txt");
    /* --help still wins. */
    CHECK_GOOD(&o, "--replay", "s.txt", "--help");
    CHECK_EQ_U(o.mode, CLI_MODE_HELP);
    CHECK(strstr(cli_usage(), "--replay FILE") != NULL);
}

static void test_unknown_and_combinations(void)
{
    CHECK_BAD("unknown option '--nope'", "--nope");
    /* The name, not the value, is what is unknown. */
    CHECK_BAD("'--nope'", "--nope=3");
    /* No abbreviations: --full is not --fullscreen. */
    CHECK_BAD("'--full'", "--full");
    CHECK_BAD("'--state-x'", "--state-x", "a");
    CHECK_BAD("'---bundle'", "---bundle", "a");
    CHECK_BAD("--screenshot and --list", "--list", "events", "--screenshot", "a.png");
    CHECK_BAD("cannot be used together", "--screenshot", "a.png", "--tour", "t", "--handouts", "d");
    CHECK_BAD("cannot be used together", "--quiz", "1", "--print", "--list", "places");
    CHECK_BAD("cannot be used together", "--tour", "t", "--handouts", "d", "--list", "tours");
}

static void test_messages(void)
{
    CliOptions o;
    char m[256];
    /* A value holding a newline (pasted text) still gives one line. */
    CHECK_EQ_U(PARSE(&o, m, "--theme", "da\nrk"), CLI_USAGE_ERROR);
    CHECK(strchr(m, '\n') == NULL);
    CHECK(strstr(m, "da?rk") != NULL);
    CHECK_EQ_U(PARSE(&o, m, "--no\tpe"), CLI_USAGE_ERROR);
    CHECK(strchr(m, '\t') == NULL);
    /* A huge value is cut, so the message stays a short line. */
    char huge[2000];
    memset(huge, 'a', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    CHECK_EQ_U(PARSE(&o, m, "--theme", huge), CLI_USAGE_ERROR);
    CHECK(strlen(m) < 160);
    CHECK(strstr(m, "...") != NULL);
    huge[0] = '-';
    huge[1] = '-';
    CHECK_EQ_U(PARSE(&o, m, huge), CLI_USAGE_ERROR);
    CHECK(strlen(m) < 160);
    /* Cut inside a "ж" (2 bytes: "x" puts the 60-byte cut inside one), the
     * message must not end in half a character. */
    char cyrillic[200] = "x";
    for (int i = 0; i < 40; i++) strcat(cyrillic, "ж");
    CHECK_EQ_U(PARSE(&o, m, "--list", cyrillic), CLI_USAGE_ERROR);
    const char *dots = strstr(m, "...");
    CHECK(dots != NULL);
    if (dots) CHECK(((unsigned char)dots[-1] & 0xC0) == 0x80 && (unsigned char)dots[-2] == 0xD0);
    /* A small buffer is filled, never overrun; NULL means "no message wanted". */
    char small[12];
    memset(small, 'Z', sizeof small);
    CHECK_EQ_U(parse(&o, small, 8, "--nope", (const char *)NULL), CLI_USAGE_ERROR);
    CHECK_EQ_U(strlen(small), 7);
    CHECK(small[8] == 'Z');
    CHECK_EQ_U(parse(&o, NULL, 0, "--nope", (const char *)NULL), CLI_USAGE_ERROR);
    CHECK_EQ_U(parse(&o, NULL, 0, "--list", "places", (const char *)NULL), CLI_OK);
}

/* Every option the parser knows, named as "--text-scale" in text (the
 * usage) or, in a man page, with every hyphen escaped ("\-\-text\-scale"),
 * and followed by a character that cannot continue the name. */
static void check_names_every_option(const char *text, const char *what, bool man)
{
    for (int i = 0; cli_args_option_name(i); i++) {
        char needle[64];
        size_t n = 0;
        const char *hyphen = man ? "\\-" : "-";
        for (const char *c = "--"; *c; c++) n += (size_t)snprintf(needle + n, sizeof needle - n, "%s", hyphen);
        for (const char *c = cli_args_option_name(i); *c && n < sizeof needle - 3; c++) {
            if (*c == '-') n += (size_t)snprintf(needle + n, sizeof needle - n, "%s", hyphen);
            else needle[n++] = *c;
        }
        needle[n] = '\0';
        bool found = false;
        for (const char *s = strstr(text, needle); s && !found; s = strstr(s + 1, needle)) {
            const char *after = s + strlen(needle);
            bool more = *after == '-' || (*after >= 'a' && *after <= 'z') || (after[0] == '\\' && after[1] == '-');
            found = !more;
        }
        if (found) test_passed++;
        else {
            test_failed++;
            printf("%s does not name %s\n", what, needle);
        }
    }
}

static void test_usage_and_man_page(void)
{
    const char *u = cli_usage();
    CHECK(strncmp(u, "Usage: steppe-atlas ", 20) == 0);
    CHECK(strstr(u, "Examples:") != NULL);
    CHECK(strstr(u, "Report problems") != NULL);
    CHECK(strstr(u, "articles or\n                         tours\n") != NULL);
    CHECK(u[strlen(u) - 1] == '\n');
    CHECK(cli_args_option_name(0) != NULL);
    CHECK(cli_args_option_name(-1) == NULL);
    check_names_every_option(u, "the usage text", false);
    /* Every line fits an 80-column terminal. */
    for (const char *line = u; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > 80) printf("usage line longer than 80: %.*s\n", (int)len, line);
        CHECK(len <= 80);
        line += len + (end ? 1 : 0);
    }
    /* Every option in the usage's examples is accepted. */
    CliOptions o;
    CHECK_GOOD(&o, "--open", "c=KAZ&t=2018-2019", "--theme", "high-contrast");
    CHECK_GOOD(&o, "--screenshot", "kaz.png", "--size", "1600x900", "--dpr", "2", "--open", "c=KAZ");
    CHECK_GOOD(&o, "--quiz", "42", "--questions", "20", "--print");

    size_t size = 0;
    uint8_t *man = test_read_file(STEPPE_MAN_PAGE, &size);
    CHECK(man != NULL);
    if (!man) return;
    char *text = malloc(size + 1);
    if (!text) abort();
    memcpy(text, man, size);
    text[size] = '\0';
    check_names_every_option(text, "the man page", true);
    CHECK(strstr(text, STEPPE_VERSION) != NULL); /* its .TH line names the version */
    free(text);
    free(man);
}

int main(void)
{
    test_defaults();
    test_help_version();
    test_bundle();
    test_open_state();
    test_fullscreen();
    test_text_scale();
    test_theme();
    test_tour_stop();
    test_screenshot();
    test_size();
    test_dpr();
    test_handouts();
    test_quiz();
    test_list();
    test_select_probe();
    test_replay();
    test_presenter();
    test_unknown_and_combinations();
    test_messages();
    test_usage_and_man_page();
    return test_finish();
}
