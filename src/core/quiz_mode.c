/* quiz_mode: a quiz asked through commands. The engine (questions, grading,
 * texts) is quiz.c; this file is the mode: starting from settings or a link,
 * showing each question on the map, taking answers from clicks and choices,
 * and leaving back to what the teacher had.
 *
 * While a map question (click the country, click where) is asked, the names
 * would answer it: the labels layer is off and nothing is named under the
 * pointer. Once answered, the right answer is selected on the map. */
#include <string.h>

#include "app.h"
#include "command_internal.h"
#include "quiz.h"
#include "quiz_mode.h"

bool quiz_mode_wants_map(const App *app)
{
    if (app->mode.kind != APP_MODE_QUIZ) return false;
    const QuizMode *m = &app->mode.quiz;
    if (quiz_finished(&m->quiz, &m->progress) || m->feedback != QUIZ_REFUSED) return false;
    QuizKind k = m->quiz.questions[m->progress.index].kind;
    return k == QUIZ_COUNTRY || k == QUIZ_WHERE;
}

bool quiz_mode_hides_names(const App *app)
{
    if (app->mode.kind != APP_MODE_QUIZ) return false;
    const QuizMode *m = &app->mode.quiz;
    return !quiz_finished(&m->quiz, &m->progress) && m->feedback == QUIZ_REFUSED;
}

/* The map for the current question: its filter, no selection, and no names
 * where the question is about where things are. */
static void show_question(App *app, double now_ms)
{
    QuizMode *m = &app->mode.quiz;
    m->feedback = QUIZ_REFUSED;
    app->select.current = (Selection){ SELECTION_NONE, 0 };
    app->select.panel_open = false;
    app->timeline.filter = m->quiz.settings.filter;
    app->timeline.playing = false;
    if (quiz_mode_wants_map(app)) app->display.layers = LAYER_MARKERS;
    else app->display.layers = LAYERS_DEFAULT;
    app->hover.country = app->hover.event = app->hover.place = 0;
    (void)now_ms;
    command_refresh_screen(app);
}

/* Shows the right answer on the map: the country, the place, the event, or
 * the top partner. */
static void show_answer(App *app, double now_ms)
{
    const QuizMode *m = &app->mode.quiz;
    const QuizQuestion *q = &m->quiz.questions[m->progress.index];
    Selection sel = { SELECTION_NONE, 0 };
    switch (q->kind) {
    case QUIZ_COUNTRY: sel = (Selection){ SELECTION_COUNTRY, q->answer.value }; break;
    case QUIZ_WHERE: sel = (Selection){ SELECTION_PLACE, q->answer.value }; break;
    case QUIZ_WHEN: sel = (Selection){ SELECTION_EVENT, q->event }; break;
    case QUIZ_WHICH: sel = (Selection){ SELECTION_COUNTRY, q->choices[q->answer.value] }; break;
    default: break;
    }
    app->display.layers = LAYERS_DEFAULT;
    Command c = cmd_select(sel.kind, sel.id);
    app_apply(app, &c, now_ms);
    app->select.panel_open = false; /* the panel is the quiz's */
}

void quiz_mode_open(App *app, const QuizSettings *settings, double now_ms)
{
    QuizSettings s = *settings;
    if (!quiz_count_valid(s.count)) s.count = 10;
    Quiz quiz;
    quiz_generate(&quiz, app->bundle, &s); /* fewer questions than asked: the quiz says how many */
    if (quiz.count == 0) return;
    mode_remember(app);
    app->mode.kind = APP_MODE_QUIZ;
    app->mode.quiz.quiz = quiz;
    quiz_progress_init(&app->mode.quiz.progress);
    show_question(app, now_ms);
}

bool quiz_mode_apply(App *app, const Command *c, double now_ms)
{
    QuizMode *m = &app->mode.quiz;
    bool on = app->mode.kind == APP_MODE_QUIZ;
    switch (c->kind) {
    case CMD_QUIZ_START:
        if (!quiz_count_valid(c->u.quiz.count)) return false;
        quiz_mode_open(app, &c->u.quiz, now_ms);
        return app->mode.kind == APP_MODE_QUIZ;
    case CMD_QUIZ_ANSWER: {
        if (!on || quiz_finished(&m->quiz, &m->progress)) return false;
        QuizResult r = quiz_answer(&m->quiz, &m->progress, c->u.answer);
        if (r == QUIZ_REFUSED) return false;
        m->feedback = r;
        show_answer(app, now_ms);
        return true;
    }
    case CMD_QUIZ_NEXT:
        if (!on || !quiz_next(&m->quiz, &m->progress)) return false;
        if (quiz_finished(&m->quiz, &m->progress)) {
            m->feedback = QUIZ_REFUSED;
            app->display.layers = LAYERS_DEFAULT;
            command_refresh_screen(app);
        } else {
            show_question(app, now_ms);
        }
        return true;
    case CMD_QUIZ_END:
        if (!on) return false;
        mode_restore(app, now_ms);
        return true;
    default:
        return false;
    }
}
