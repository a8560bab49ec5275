/* fuzz_replay: runs fuzz target bodies over files, without libFuzzer, so ctest
 * (normal and ASan presets) replays every committed seed and every
 * regression input through the same invariants the fuzzers check.
 *   fuzz_replay TARGET DIR_OR_FILE...
 * TARGET is deeplink, search, text_layout, shape, bundle or bundle_lzma. A missing
 * directory is skipped (regressions/TARGET/ exists only once a bug was
 * found); finding no file at all is a failure. Each file runs in its own
 * child process, so one broken invariant (an abort, or a sanitizer report)
 * names its file and the others still run; the exit status is non-zero if
 * any failed. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz_bundle_body.h"
#include "fuzz_bundle_lzma_body.h"
#include "fuzz_deeplink_body.h"
#include "fuzz_search_body.h"
#include "fuzz_shape_body.h"
#include "fuzz_text_layout_body.h"

typedef void (*FuzzBody)(const uint8_t *data, size_t size);

static void bundle_body(const uint8_t *data, size_t size) { (void)fuzz_bundle_one(data, size); }

static const struct { const char *name; FuzzBody body; } targets[] = {
    { "deeplink", fuzz_deeplink_one }, { "search", fuzz_search_one }, { "text_layout", fuzz_text_layout_one },
    { "shape", fuzz_shape_one },       { "bundle", bundle_body },
    { "bundle_lzma", fuzz_bundle_lzma_one },
};

static int files_run, files_failed;

static uint8_t *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, len = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len < cap) break;
        uint8_t *grown = realloc(buf, cap * 2);
        if (!grown) { free(buf); buf = NULL; break; }
        buf = grown;
        cap *= 2;
    }
    fclose(f);
    *size = len;
    return buf;
}

static void run_file(FuzzBody body, const char *path)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        printf("FAIL %s: fork: %s\n", path, strerror(errno));
        files_run++;
        files_failed++;
        return;
    }
    if (pid == 0) {
        size_t size = 0;
        uint8_t *data = read_all(path, &size);
        if (!data) { fprintf(stderr, "%s: unreadable\n", path); exit(2); }
        /* An exact-size copy, so ASan catches a read one past the end. */
        uint8_t *exact = malloc(size ? size : 1);
        if (!exact) exit(2);
        memcpy(exact, data, size);
        free(data);
        body(exact, size);
        free(exact);
        exit(0); /* exit, not _exit: LeakSanitizer checks this child too */
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    files_run++;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
    files_failed++;
    if (WIFSIGNALED(status)) printf("FAIL %s: killed by signal %d\n", path, WTERMSIG(status));
    else printf("FAIL %s: exit status %d\n", path, WEXITSTATUS(status));
}

static int compare_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void run_path(FuzzBody body, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        printf("skip %s: not there\n", path);
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        run_file(body, path);
        return;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        printf("FAIL %s: cannot list\n", path);
        files_failed++;
        return;
    }
    char **names = NULL;
    size_t count = 0;
    for (struct dirent *e; (e = readdir(dir));) {
        if (e->d_name[0] == '.') continue;
        char **grown = realloc(names, (count + 1) * sizeof *names);
        if (!grown) abort();
        names = grown;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        names[count] = malloc(n);
        if (!names[count]) abort();
        snprintf(names[count], n, "%s/%s", path, e->d_name);
        count++;
    }
    closedir(dir);
    if (count) qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        run_file(body, names[i]);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: fuzz_replay TARGET DIR_OR_FILE...\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0); /* keep our lines in order with the children's reports */
    FuzzBody body = NULL;
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
        if (strcmp(argv[1], targets[i].name) == 0) body = targets[i].body;
    if (!body) {
        fprintf(stderr, "fuzz_replay: unknown target '%s'\n", argv[1]);
        return 2;
    }
    for (int i = 2; i < argc; i++) run_path(body, argv[i]);
    printf("%s: %d inputs, %d failed\n", argv[1], files_run, files_failed);
    if (files_run == 0) {
        printf("FAIL: no inputs found\n");
        return 1;
    }
    return files_failed ? 1 : 0;
}
