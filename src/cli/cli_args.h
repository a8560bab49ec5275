/* cli_args: the native program's command line, parsed into a CliOptions.
 *
 * GNU conventions: long options as "--opt VALUE" or "--opt=VALUE" (a value is
 * taken literally, even when it starts with '-'), "--" ends the options, -h
 * and -V stand for --help and --version, no abbreviations. One operand is
 * allowed: a bundle FILE, the same as --bundle FILE (so a desktop entry's
 * "Exec=steppe-atlas %f" and "steppe-atlas -- -odd-name.bundle" work).
 *
 * Parsing only checks what can be checked without the bundle (syntax, ranges,
 * options that need one another, modes that exclude one another); whether a
 * tour, a stop or a state names anything is for the caller to find out once
 * the bundle is open. Strings in CliOptions point into argv.
 * Pure C: depends on the C library only (no SDL, no core). */
#ifndef STEPPE_CLI_ARGS_H
#define STEPPE_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The program's version: --version prints it and the Debian package carries
 * it (tools/cmake/install.cmake reads this line, so there is one place to bump). */
#define STEPPE_VERSION "0.1.0"

/* What parsing says the caller should do; each value is the exit status the
 * program ends with when it stops there (CLI_USAGE_ERROR: exit 2, as GNU
 * programs do for a bad command line). */
typedef enum CliStatus {
    CLI_OK = 0,          /* run with the options */
    CLI_USAGE_ERROR = 2, /* print the message (one line) to stderr, exit 2 */
} CliStatus;

typedef enum CliTheme {
    CLI_THEME_DEFAULT, CLI_THEME_HIGH_CONTRAST, CLI_THEME_DARK, CLI_THEME_COUNT
} CliTheme;

/* What --list prints. CLI_LIST_NONE: no --list given. */
typedef enum CliListKind {
    CLI_LIST_NONE, CLI_LIST_EVENTS, CLI_LIST_PLACES, CLI_LIST_COUNTRIES,
    CLI_LIST_ARTICLES, CLI_LIST_TOURS, CLI_LIST_KIND_COUNT
} CliListKind;

/* The one thing the program does; decided from the options given. */
typedef enum CliMode {
    CLI_MODE_WINDOW,     /* open the window (the default) */
    CLI_MODE_HELP,       /* print cli_usage() to stdout, exit 0 */
    CLI_MODE_VERSION,    /* print cli_version_text() to stdout, exit 0 */
    CLI_MODE_SCREENSHOT, /* --screenshot: render one frame headless, exit */
    CLI_MODE_HANDOUTS,   /* --handouts DIR --tour ID: write a handout, exit */
    CLI_MODE_QUIZ_PRINT, /* --quiz SEED --print: print the quiz as text, exit */
    CLI_MODE_LIST,       /* --list KIND: print TSV to stdout, exit */
} CliMode;

enum { CLI_MAX_PROBES = 8 };

typedef struct CliOptions {
    CliMode mode;
    const char *bundle_path;     /* --bundle or the operand; NULL: the built-in atlas */
    const char *state;           /* --open / --state: a deeplink string; NULL if none */
    bool fullscreen;             /* --fullscreen */
    bool hint;                   /* --hint: show the first start's hint (it shows by itself the first time) */
    bool presenter;              /* --presenter (or --presenter-screenshot): the presenter window too */
    int text_scale_percent;      /* --text-scale, 100..250; 100 if not given */
    CliTheme theme;              /* --theme; CLI_THEME_DEFAULT if not given */
    bool theme_given;            /* --theme was given (so it overrides a state's theme) */
    const char *tour_id;         /* --tour; NULL if none */
    int tour_stop;               /* --stop, 1-based; 0 if not given (the tour's first stop) */
    const char *screenshot_path; /* --screenshot, ends in ".png"; NULL if none */
    int width_css, height_css;   /* --size; 1280 x 800 if not given */
    bool size_given;
    float dpr;                   /* --dpr, 0.5..4; 1 if not given */
    const char *handouts_dir;    /* --handouts; NULL if none */
    bool quiz_given;             /* --quiz */
    uint32_t quiz_seed;          /* --quiz SEED, 0..4294967295 */
    int quiz_questions;          /* --questions: 5, 10 or 20; 10 if not given */
    bool print;                  /* --print */
    CliListKind list;            /* --list; CLI_LIST_NONE if not given */
    /* For tests and tools, kept from the first command line: */
    const char *select_iso3;     /* --select ISO3: select a country before --open applies */
    double probe_lon_lat[2 * CLI_MAX_PROBES]; /* --probe LON,LAT (screenshot only) */
    int probe_count;
    const char *replay_path;     /* --replay FILE: the window replays the input script FILE, prints
                                    the final state and exits (mode stays CLI_MODE_WINDOW); NULL if none */
    const char *presenter_screenshot_path; /* --presenter-screenshot FILE.png: the presenter's last frame,
                                    written as the window closes; NULL if none */
} CliOptions;

/* The defaults above, as parsing starts from them. */
void cli_args_defaults(CliOptions *o);

/* Parses argv[1..argc) into *o (which it first resets to the defaults).
 * Returns CLI_OK, or CLI_USAGE_ERROR having written a one-line message
 * naming the option and what is wrong with it (no program name, no newline)
 * into message[0..message_size) — message may be NULL. Stops at the first
 * problem. --help and --version win over everything after a clean parse:
 * with either, the checks between options are skipped. */
CliStatus cli_args_parse(int argc, char *const argv[], CliOptions *o,
                         char *message, size_t message_size);

/* The --help text (usage, every option, examples, where to report problems),
 * ending in a newline. */
const char *cli_usage(void);

/* The --version text: "steppe-atlas VERSION" on its first line (as GNU
 * programs print it), then a line on what it is; ends in a newline. */
const char *cli_version_text(void);

/* The long options the parser knows, without their dashes ("bundle", ...),
 * for i = 0, 1, ...; NULL past the last. Lets a test check that the usage
 * text and the man page name every one of them. */
const char *cli_args_option_name(int i);

/* "events", "places", ... for a list kind ("" for CLI_LIST_NONE and out of range). */
const char *cli_list_kind_name(CliListKind kind);

/* "default", "high-contrast", "dark" ("" out of range). */
const char *cli_theme_name(CliTheme theme);

#endif
