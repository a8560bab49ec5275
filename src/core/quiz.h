/* quiz: questions generated from the bundle, graded, summed up. The engine
 * only: no drawing, no clicks; the UI and the commands drive it.
 *
 * Four kinds of question, each built from one record and its first source:
 *   country  "Click on Tajikistan."        answer: a country id (click the map)
 *   where    "Where did this happen: ..."  answer: the event's place id (a place or marker)
 *   when     "In which year: ...?"         answer: one of 4 years near the event's
 *   which    "Which of these was Kazakhstan's largest trading partner in 2018?"
 *                                          answer: one of 4 partners (trade relations)
 * A question is asked only if the data make its answer certain: see quiz.c's
 * candidate rules (same-title events, several events at one place on one date,
 * region- or sea-level places, places without coordinates, countries without
 * geometry or with a shared name, ties or mixed units in trade figures, titles
 * that give the answer away, records without a source).
 *
 * Deterministic: quiz_generate draws with its own integer PRNG (splitmix64)
 * from the seed, over candidates listed in bundle order, so one seed and one
 * filter give the same questions in the same order on every platform.
 * A Quiz holds ids only (no pointers), so it can be copied into the App's state;
 * its texts are written from the bundle it was generated from.
 * Depends on bundle.h, state.h (EventFilter, Selection), timeline.h and text_out.h. */
#ifndef STEPPE_QUIZ_H
#define STEPPE_QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle.h"
#include "state_basics.h"
#include "text_out.h"

#define QUIZ_MAX_QUESTIONS 20
#define QUIZ_MAX_CHOICES 4

/* X(ENUM, name): the name is what tests, logs and JSON print. */
#define QUIZ_KINDS(X)                   \
    X(QUIZ_COUNTRY, "country")          \
    X(QUIZ_WHERE, "where")              \
    X(QUIZ_WHEN, "when")                \
    X(QUIZ_WHICH, "which")

typedef enum QuizKind {
#define QUIZ_KIND_ENUM(kind, name) kind,
    QUIZ_KINDS(QUIZ_KIND_ENUM)
#undef QUIZ_KIND_ENUM
    QUIZ_KIND_COUNT
} QuizKind;

/* What a student answered. NONE is "not answered yet"; SKIP is "I don't
 * know" (accepted, graded wrong), so a class can move on. */
typedef enum QuizAnswerKind {
    QUIZ_ANSWER_NONE,
    QUIZ_ANSWER_SKIP,
    QUIZ_ANSWER_COUNTRY,  /* value: country id */
    QUIZ_ANSWER_PLACE,    /* value: place id */
    QUIZ_ANSWER_CHOICE,   /* value: 0-based choice index */
} QuizAnswerKind;

typedef struct QuizAnswer {
    QuizAnswerKind kind;
    uint32_t value;
} QuizAnswer;

/* count: the teacher picks 5, 10 or 20 (quiz_count_valid); the engine takes
 * 1..QUIZ_MAX_QUESTIONS. filter: the timeline's year range and categories. */
typedef struct QuizSettings {
    uint32_t seed;
    int count;
    EventFilter filter;
} QuizSettings;

typedef struct QuizQuestion {
    QuizKind kind;
    uint32_t country;   /* COUNTRY: the country to click; WHICH: the subject ("Kazakhstan's") */
    uint32_t event;     /* WHERE, WHEN: the event asked about; COUNTRY: the event that brings
                           the country into this quiz (its feedback and source) */
    uint32_t relation;  /* WHICH: the relation holding the top figure */
    int year;           /* WHEN: the event's year; WHICH: the year of the figures */
    QuizAnswer answer;  /* the right answer */
    int choice_count;   /* WHEN, WHICH: QUIZ_MAX_CHOICES; else 0 */
    uint32_t choices[QUIZ_MAX_CHOICES];          /* WHEN: years ascending; WHICH: partner country ids */
    uint32_t choice_relations[QUIZ_MAX_CHOICES]; /* WHICH: the relation behind each choice */
    uint32_t source_index;   /* the record's first source: 0-based position in SRCS */
    uint32_t source_article; /* that source's article id */
} QuizQuestion;

typedef struct Quiz {
    QuizSettings settings;
    int count;                          /* questions generated: <= settings.count */
    int available[QUIZ_KIND_COUNT];     /* answerable candidates per kind under the filter */
    QuizQuestion questions[QUIZ_MAX_QUESTIONS];
} Quiz;

/* A class's way through a quiz. index == count means finished (the summary). */
typedef struct QuizProgress {
    int index;                          /* the current question */
    int score;                          /* right answers */
    int answered;                       /* answers given (SKIP included) */
    QuizAnswer given[QUIZ_MAX_QUESTIONS]; /* NONE: not answered */
    bool correct[QUIZ_MAX_QUESTIONS];
} QuizProgress;

typedef enum QuizResult { QUIZ_REFUSED, QUIZ_RIGHT, QUIZ_WRONG } QuizResult;

const char *quiz_kind_name(QuizKind kind); /* "country", ... or "" */

/* The counts a teacher may choose: 5, 10, 20. */
bool quiz_count_valid(int count);

/* Fills *q from the bundle: settings->count questions (never one twice, never
 * two about the same event) of the kinds the filtered data can answer, mixed.
 * Returns true if all were generated; false if the data could supply fewer
 * (q->count says how many, maybe 0), if count is outside 1..QUIZ_MAX_QUESTIONS
 * (q->count = 0) or if memory ran out (q->count = 0). */
bool quiz_generate(Quiz *q, const Bundle *b, const QuizSettings *settings);

/* Whether answer is the right one for question index (false out of range). */
bool quiz_grade(const Quiz *q, int index, QuizAnswer answer);

/* How a click becomes an answer: a country, a place, or an event's marker
 * (its place). Anything else is NONE. */
QuizAnswer quiz_answer_from_selection(const Bundle *b, Selection selection);

void quiz_progress_init(QuizProgress *p);
/* Answers the current question once. Refused (nothing changes) when the quiz
 * is finished, the question is already answered, the answer is NONE, of the
 * wrong kind for the question (a country clicked for a where question), or a
 * choice index past the choices. */
QuizResult quiz_answer(const Quiz *q, QuizProgress *p, QuizAnswer answer);
/* Moves on once the current question is answered; false if it is not, or the
 * quiz is finished. After the last question, index becomes count. */
bool quiz_next(const Quiz *q, QuizProgress *p);
bool quiz_finished(const Quiz *q, const QuizProgress *p);

/* Texts. Each returns the length written or needed, like snprintf (out is
 * always NUL-terminated when size > 0); 0 for an index out of range. */
size_t quiz_question_text(const Quiz *q, int index, const Bundle *b, char *out, size_t size);
/* Choice i of a WHEN or WHICH question ("2019", "Russia"). */
size_t quiz_choice_text(const Quiz *q, int index, int choice, const Bundle *b, char *out, size_t size);
/* An answer in words: a country's or place's name, "b) 2019", "no answer". */
size_t quiz_answer_text(const Quiz *q, int index, QuizAnswer answer, const Bundle *b, char *out,
                        size_t size);
/* The feedback built from the record ("Nazarbayev resigns the presidency: 19 March 2019, in Astana. ..."). */
size_t quiz_feedback_text(const Quiz *q, int index, const Bundle *b, char *out, size_t size);
/* The citation: "<article title>, <locator>". */
size_t quiz_source_text(const Quiz *q, int index, const Bundle *b, char *out, size_t size);

/* Each question, the answer given and the right one, and the score. */
void quiz_summary_write(const Quiz *q, const QuizProgress *p, const Bundle *b, TextOut *o);
size_t quiz_summary_text(const Quiz *q, const QuizProgress *p, const Bundle *b, char *out, size_t size);

/* The whole quiz as plain text: the questions with their choices, then an
 * answer key with feedback and sources (the native --quiz SEED --print). */
void quiz_print(const Quiz *q, const Bundle *b, TextOut *o);

#endif
