/* test_quiz_mode: a quiz asked through commands on the real bundle (argv[1]):
 * a link starts it, the same seed asks the same questions, answers are
 * graded (a choice, a skip, a country), the map hides names while a
 * map question waits, and Escape returns to what the teacher had. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app_json.h"
#include "deeplink.h"
#include "panel.h"
#include "quiz.h"
#include "quiz_mode.h"
#include "test_support.h"

static App app;
static PanelDoc doc;

static bool run(Command c) { return app_apply(&app, &c, 1000); }

static Command answer(QuizAnswerKind kind, uint32_t value)
{
    Command c = { .kind = CMD_QUIZ_ANSWER };
    c.u.answer = (QuizAnswer){ kind, value };
    return c;
}

/* The questions' texts, one per line. */
static void questions_text(char *out, size_t size)
{
    size_t used = 0;
    out[0] = 0;
    const Quiz *q = &app.mode.quiz.quiz;
    for (int i = 0; i < q->count && used + 1 < size; i++) {
        used += quiz_question_text(q, i, app.bundle, out + used, size - used);
        if (used + 1 < size) out[used++] = '\n', out[used] = 0;
    }
}

int main(int argc, char **argv)
{
    size_t size;
    uint8_t *data = test_read_file(argc > 1 ? argv[1] : NULL, &size);
    CHECK(data != NULL);
    if (!data) return test_finish();
    Bundle b;
    if (!tb_open_app(data, size, &b, &app, 1200, 800)) { free(data); return test_finish(); }

    CHECK(tb_apply_state(&app, "c=UZB&theme=contrast", NULL));
    /* Out of range sizes are refused. */
    Command start = { .kind = CMD_QUIZ_START };
    start.u.quiz = (QuizSettings){ 7, 7, { app.timeline.first_year, app.timeline.last_year, (1u << CATEGORY_COUNT) - 1 } };
    CHECK(!run(start));
    DeeplinkReport report;
    CHECK(tb_apply_state(&app, "quiz=7&qn=5", &report));
    CHECK_EQ_U(report.ignored, 0);
    CHECK(app.mode.kind == APP_MODE_QUIZ && app.mode.quiz.quiz.count == 5);
    char h[256];
    deeplink_write(&app, h, sizeof h);
    CHECK_STR(h, "quiz=7&qn=5");
    static char first[8192], again[8192];
    questions_text(first, sizeof first);
    /* The same link again asks the same questions in the same order. */
    CHECK(tb_apply_state(&app, "quiz=8&qn=5", NULL));
    questions_text(again, sizeof again);
    CHECK(strcmp(first, again) != 0);         /* another seed, another quiz */
    CHECK(tb_apply_state(&app, "quiz=7&qn=5", NULL));
    questions_text(again, sizeof again);
    CHECK_STR(again, first);
    /* A link's years are clamped to the timeline for the quiz as for the map. */
    CHECK(tb_apply_state(&app, "quiz=9&qn=5&t=2-2020", NULL));
    CHECK(app.mode.kind == APP_MODE_QUIZ);
    CHECK(app.timeline.filter.year_from == app.timeline.first_year && app.timeline.filter.year_to == 2020);
    CHECK(app.mode.quiz.quiz.settings.filter.year_from == app.timeline.first_year);
    CHECK(tb_apply_state(&app, "quiz=7&qn=6", &report)); /* qn must be 5, 10 or 20 */
    CHECK_EQ_U(report.ignored, 1);
    CHECK(tb_apply_state(&app, "quiz=7&qn=5", NULL));
    questions_text(again, sizeof again); /* a filtered quiz and a refused size in between change nothing */
    CHECK_STR(again, first);

    const Quiz *q = &app.mode.quiz.quiz;
    int right = 0;
    for (int i = 0; i < q->count; i++) {
        const QuizQuestion *qq = &q->questions[i];
        CHECK(app.mode.quiz.progress.index == i);
        CHECK(!run(cmd_simple(CMD_QUIZ_NEXT)));  /* not before an answer */
        bool map = qq->kind == QUIZ_COUNTRY || qq->kind == QUIZ_WHERE;
        CHECK(quiz_mode_wants_map(&app) == map);
        CHECK(quiz_mode_hides_names(&app));
        if (map) CHECK(!(app.display.layers & LAYER_LABELS)); /* the names would answer it */
        panel_build_for(&doc, &app);
        CHECK(doc.subject == PANEL_ABOUT_QUIZ);
        /* Right on even questions, wrong (or skipped) on odd ones. */
        QuizAnswer a = qq->answer;
        if (i % 2) {
            if (qq->choice_count) a.value = (a.value + 1) % (uint32_t)qq->choice_count;
            else a = (QuizAnswer){ QUIZ_ANSWER_SKIP, 0 };
        } else {
            right++;
        }
        if (qq->kind == QUIZ_COUNTRY && !(i % 2)) {
            /* The answer a click on the country gives. */
            CHECK(run(answer(QUIZ_ANSWER_COUNTRY, qq->answer.value)));
        } else {
            CHECK(run(answer(a.kind, a.value)));
        }
        CHECK(!run(answer(a.kind, a.value)));   /* no answering twice */
        CHECK(app.mode.quiz.feedback == (i % 2 ? QUIZ_WRONG : QUIZ_RIGHT));
        CHECK(app.select.current.kind != SELECTION_NONE); /* the right answer, on the map */
        CHECK(!quiz_mode_hides_names(&app));
        CHECK(run(cmd_simple(CMD_QUIZ_NEXT)));
    }
    CHECK(quiz_finished(q, &app.mode.quiz.progress));
    CHECK(app.mode.quiz.progress.score == right);
    char json[4096];
    app_state_json(&app, json, sizeof json);
    char want[128];
    snprintf(want, sizeof want, "\"quiz\":{\"seed\":7,\"index\":5,\"count\":5,\"score\":%d,\"answered\":5", right);
    CHECK(strstr(json, want) != NULL);
    panel_build_for(&doc, &app);
    CHECK_STR(panel_block_text(&doc, 0), "Quiz finished");
    CHECK(run(cmd_simple(CMD_ESCAPE)));
    CHECK(app.mode.kind == APP_MODE_NONE);
    CHECK(app.display.theme == THEME_ID_HIGH_CONTRAST && !strcmp(bundle_country(&b, app.select.current.id).iso3, "UZB"));

    app_destroy(&app);
    bundle_close(&b);
    free(data);
    return test_finish();
}
