/* shape: Arabic presentation forms and a simplified bidi for display. See shape.h. */
#include "shape.h"

#include <string.h>

#include "utf8.h"

/* --- joining ------------------------------------------------------------------ */

/* Every letter of U+0600..U+06FF that has presentation forms, from the
 * <isolated>/<final>/<initial>/<medial> decompositions of UnicodeData.txt
 * (U+FB50..U+FDFF and U+FE70..U+FEFF); 0 where there is no such form.
 * A letter with initial and medial forms is dual-joining here, one with a
 * final form only right-joining, one with an isolated form only (hamza)
 * non-joining. Sorted by letter. */
typedef struct Forms { uint16_t letter, isol, fina, init, medi; } Forms;
static const Forms FORMS[] = {
    { 0x0621, 0xFE80, 0, 0, 0 }, /* hamza */
    { 0x0622, 0xFE81, 0xFE82, 0, 0 }, /* alef with madda above */
    { 0x0623, 0xFE83, 0xFE84, 0, 0 }, /* alef with hamza above */
    { 0x0624, 0xFE85, 0xFE86, 0, 0 }, /* waw with hamza above */
    { 0x0625, 0xFE87, 0xFE88, 0, 0 }, /* alef with hamza below */
    { 0x0626, 0xFE89, 0xFE8A, 0xFE8B, 0xFE8C }, /* yeh with hamza above */
    { 0x0627, 0xFE8D, 0xFE8E, 0, 0 }, /* alef */
    { 0x0628, 0xFE8F, 0xFE90, 0xFE91, 0xFE92 }, /* beh */
    { 0x0629, 0xFE93, 0xFE94, 0, 0 }, /* teh marbuta */
    { 0x062A, 0xFE95, 0xFE96, 0xFE97, 0xFE98 }, /* teh */
    { 0x062B, 0xFE99, 0xFE9A, 0xFE9B, 0xFE9C }, /* theh */
    { 0x062C, 0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0 }, /* jeem */
    { 0x062D, 0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4 }, /* hah */
    { 0x062E, 0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8 }, /* khah */
    { 0x062F, 0xFEA9, 0xFEAA, 0, 0 }, /* dal */
    { 0x0630, 0xFEAB, 0xFEAC, 0, 0 }, /* thal */
    { 0x0631, 0xFEAD, 0xFEAE, 0, 0 }, /* reh */
    { 0x0632, 0xFEAF, 0xFEB0, 0, 0 }, /* zain */
    { 0x0633, 0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4 }, /* seen */
    { 0x0634, 0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8 }, /* sheen */
    { 0x0635, 0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC }, /* sad */
    { 0x0636, 0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0 }, /* dad */
    { 0x0637, 0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4 }, /* tah */
    { 0x0638, 0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8 }, /* zah */
    { 0x0639, 0xFEC9, 0xFECA, 0xFECB, 0xFECC }, /* ain */
    { 0x063A, 0xFECD, 0xFECE, 0xFECF, 0xFED0 }, /* ghain */
    { 0x0641, 0xFED1, 0xFED2, 0xFED3, 0xFED4 }, /* feh */
    { 0x0642, 0xFED5, 0xFED6, 0xFED7, 0xFED8 }, /* qaf */
    { 0x0643, 0xFED9, 0xFEDA, 0xFEDB, 0xFEDC }, /* kaf */
    { 0x0644, 0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0 }, /* lam */
    { 0x0645, 0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4 }, /* meem */
    { 0x0646, 0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8 }, /* noon */
    { 0x0647, 0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC }, /* heh */
    { 0x0648, 0xFEED, 0xFEEE, 0, 0 }, /* waw */
    { 0x0649, 0xFEEF, 0xFEF0, 0xFBE8, 0xFBE9 }, /* alef maksura */
    { 0x064A, 0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4 }, /* yeh */
    { 0x0671, 0xFB50, 0xFB51, 0, 0 }, /* alef wasla */
    { 0x0677, 0xFBDD, 0, 0, 0 }, /* u with hamza above */
    { 0x0679, 0xFB66, 0xFB67, 0xFB68, 0xFB69 }, /* tteh */
    { 0x067A, 0xFB5E, 0xFB5F, 0xFB60, 0xFB61 }, /* tteheh */
    { 0x067B, 0xFB52, 0xFB53, 0xFB54, 0xFB55 }, /* beeh */
    { 0x067E, 0xFB56, 0xFB57, 0xFB58, 0xFB59 }, /* peh */
    { 0x067F, 0xFB62, 0xFB63, 0xFB64, 0xFB65 }, /* teheh */
    { 0x0680, 0xFB5A, 0xFB5B, 0xFB5C, 0xFB5D }, /* beheh */
    { 0x0683, 0xFB76, 0xFB77, 0xFB78, 0xFB79 }, /* nyeh */
    { 0x0684, 0xFB72, 0xFB73, 0xFB74, 0xFB75 }, /* dyeh */
    { 0x0686, 0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D }, /* tcheh */
    { 0x0687, 0xFB7E, 0xFB7F, 0xFB80, 0xFB81 }, /* tcheheh */
    { 0x0688, 0xFB88, 0xFB89, 0, 0 }, /* ddal */
    { 0x068C, 0xFB84, 0xFB85, 0, 0 }, /* dahal */
    { 0x068D, 0xFB82, 0xFB83, 0, 0 }, /* ddahal */
    { 0x068E, 0xFB86, 0xFB87, 0, 0 }, /* dul */
    { 0x0691, 0xFB8C, 0xFB8D, 0, 0 }, /* rreh */
    { 0x0698, 0xFB8A, 0xFB8B, 0, 0 }, /* jeh */
    { 0x06A4, 0xFB6A, 0xFB6B, 0xFB6C, 0xFB6D }, /* veh */
    { 0x06A6, 0xFB6E, 0xFB6F, 0xFB70, 0xFB71 }, /* peheh */
    { 0x06A9, 0xFB8E, 0xFB8F, 0xFB90, 0xFB91 }, /* keheh */
    { 0x06AD, 0xFBD3, 0xFBD4, 0xFBD5, 0xFBD6 }, /* ng */
    { 0x06AF, 0xFB92, 0xFB93, 0xFB94, 0xFB95 }, /* gaf */
    { 0x06B1, 0xFB9A, 0xFB9B, 0xFB9C, 0xFB9D }, /* ngoeh */
    { 0x06B3, 0xFB96, 0xFB97, 0xFB98, 0xFB99 }, /* gueh */
    { 0x06BA, 0xFB9E, 0xFB9F, 0, 0 }, /* noon ghunna */
    { 0x06BB, 0xFBA0, 0xFBA1, 0xFBA2, 0xFBA3 }, /* rnoon */
    { 0x06BE, 0xFBAA, 0xFBAB, 0xFBAC, 0xFBAD }, /* heh doachashmee */
    { 0x06C0, 0xFBA4, 0xFBA5, 0, 0 }, /* heh with yeh above */
    { 0x06C1, 0xFBA6, 0xFBA7, 0xFBA8, 0xFBA9 }, /* heh goal */
    { 0x06C5, 0xFBE0, 0xFBE1, 0, 0 }, /* kirghiz oe */
    { 0x06C6, 0xFBD9, 0xFBDA, 0, 0 }, /* oe */
    { 0x06C7, 0xFBD7, 0xFBD8, 0, 0 }, /* u */
    { 0x06C8, 0xFBDB, 0xFBDC, 0, 0 }, /* yu */
    { 0x06C9, 0xFBE2, 0xFBE3, 0, 0 }, /* kirghiz yu */
    { 0x06CB, 0xFBDE, 0xFBDF, 0, 0 }, /* ve */
    { 0x06CC, 0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF }, /* farsi yeh */
    { 0x06D0, 0xFBE4, 0xFBE5, 0xFBE6, 0xFBE7 }, /* e */
    { 0x06D2, 0xFBAE, 0xFBAF, 0, 0 }, /* yeh barree */
    { 0x06D3, 0xFBB0, 0xFBB1, 0, 0 }, /* yeh barree with hamza above */
};

enum { FORM_ISOL, FORM_FINA, FORM_INIT, FORM_MEDI };

/* Joining types (as in ArabicShaping.txt): non-joining, right-joining,
 * dual-joining, join-causing, transparent. */
typedef enum Joining { JT_U, JT_R, JT_D, JT_C, JT_T } Joining;

#define ZWNJ 0x200Cu
#define ZWJ 0x200Du
#define LRM 0x200Eu
#define RLM 0x200Fu
#define LAM 0x0644u
#define TATWEEL 0x0640u

static const Forms *find_forms(uint32_t letter)
{
    size_t lo = 0, hi = sizeof FORMS / sizeof FORMS[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (FORMS[mid].letter == letter) return &FORMS[mid];
        if (FORMS[mid].letter < letter) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

uint32_t shape_form(uint32_t letter, int form)
{
    const Forms *f = find_forms(letter);
    if (!f) return 0;
    switch (form) {
    case FORM_ISOL: return f->isol;
    case FORM_FINA: return f->fina;
    case FORM_INIT: return f->init;
    case FORM_MEDI: return f->medi;
    default: return 0;
    }
}

/* Combining marks: Arabic (transparent to joining), Hebrew points, and the
 * general combining diacritics (they stay with the letter before them). */
static bool is_mark(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0591 && cp <= 0x05BD) || cp == 0x05BF ||
           (cp >= 0x05C1 && cp <= 0x05C2) || (cp >= 0x05C4 && cp <= 0x05C5) || cp == 0x05C7 ||
           (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
           (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) || (cp >= 0x06E7 && cp <= 0x06E8) ||
           (cp >= 0x06EA && cp <= 0x06ED);
}

static Joining joining(uint32_t cp)
{
    if (cp < 0x0600) return is_mark(cp) ? JT_T : JT_U;
    if (cp == TATWEEL || cp == ZWJ) return JT_C;
    if (is_mark(cp) || cp == LRM || cp == RLM) return JT_T; /* format characters are transparent */
    const Forms *f = find_forms(cp);
    if (!f) return JT_U; /* no presentation forms: drawn alone, so it joins nothing */
    if (f->init && f->medi) return JT_D;
    return f->fina ? JT_R : JT_U;
}

/* The lam-alef ligature (isolated; final is one more), or 0. */
static uint32_t lam_alef(uint32_t alef)
{
    switch (alef) {
    case 0x0622: return 0xFEF5; /* alef with madda above */
    case 0x0623: return 0xFEF7; /* alef with hamza above */
    case 0x0625: return 0xFEF9; /* alef with hamza below */
    case 0x0627: return 0xFEFB; /* alef */
    default: return 0;
    }
}

/* Whether the first character at text[pos..] that is not a mark joins to the
 * one before it. Walks only the marks that follow one letter, so all the
 * look-aheads of a string together read it about once. */
static bool next_joins(const char *text, size_t len, size_t pos)
{
    while (pos < len) {
        Joining j = joining(utf8_next(text, len, &pos));
        if (j != JT_T) return j == JT_R || j == JT_D || j == JT_C;
    }
    return false;
}

/* --- direction ---------------------------------------------------------------- */

typedef enum Dir { DIR_L, DIR_R, DIR_DIGIT, DIR_MARK, DIR_NEUTRAL } Dir;

static bool is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9);
}

static Dir direction(uint32_t cp)
{
    if (is_digit(cp)) return DIR_DIGIT;
    if (is_mark(cp)) return DIR_MARK;
    if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE))
        return DIR_R;
    if ((cp >= 0x20 && cp < 0x7F && !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) || cp == 0xA0 || cp == 0xAB ||
        cp == 0xBB || (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x203A))
        return DIR_NEUTRAL;
    return DIR_L;
}

bool shape_needed(const char *text, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        if ((unsigned char)text[pos] < 0x80) { pos++; continue; }
        uint32_t cp = utf8_next(text, len, &pos);
        if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE) ||
            (cp >= ZWNJ && cp <= RLM))
            return true;
    }
    return false;
}

/* --- output ------------------------------------------------------------------- */

typedef struct Out { char *buf; size_t cap, len; bool overflow; } Out;

/* Room for n more bytes and the final NUL. */
static bool room(Out *o, size_t n)
{
    if (o->overflow || o->cap - o->len <= n) { o->overflow = true; return false; }
    return true;
}

static void put_bytes(Out *o, const char *s, size_t n)
{
    if (!room(o, n)) return;
    for (size_t k = 0; k < n; k++) o->buf[o->len++] = s[k];
}

/* Presentation forms are all in U+0800..U+FFFF: three bytes. */
static void put_form(Out *o, uint32_t cp)
{
    if (!room(o, 3)) return;
    o->buf[o->len++] = (char)(0xE0 | (cp >> 12));
    o->buf[o->len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o->buf[o->len++] = (char)(0x80 | (cp & 0x3F));
}

static void reverse_bytes(char *s, size_t n)
{
    for (size_t a = 0, b = n; a + 1 < b; a++, b--) {
        char t = s[a];
        s[a] = s[b - 1];
        s[b - 1] = t;
    }
}

/* The mirror image of a bracket in a right-to-left run (same byte length). */
static void mirror(char *s, size_t n)
{
    static const char pairs[] = "()[]{}<>";
    if (n == 1) {
        for (int k = 0; pairs[k]; k++)
            if (s[0] == pairs[k]) { s[0] = pairs[k ^ 1]; return; }
    } else if (n == 2 && (unsigned char)s[0] == 0xC2) {
        if ((unsigned char)s[1] == 0xAB) s[1] = (char)0xBB;      /* « -> » */
        else if ((unsigned char)s[1] == 0xBB) s[1] = (char)0xAB; /* » -> « */
    }
}

/* Puts out[start..end) (a right-to-left run, valid UTF-8: only letters,
 * marks, digits and neutrals go into one) into visual order: each cluster (a
 * character with its marks, or a number) is reversed in place, then the
 * whole run, which restores each cluster and reverses their order. */
static void finish_run(char *out, size_t start, size_t end)
{
    size_t pos = start;
    while (pos < end) {
        size_t first = pos;
        uint32_t cp = utf8_next(out, end, &pos);
        if (is_digit(cp)) {
            for (;;) {
                size_t next = pos;
                uint32_t c = utf8_next(out, end, &next);
                if (next > pos && is_digit(c)) { pos = next; continue; }
                size_t after = next;
                bool sep = c == '.' || c == ',' || c == ':' || c == 0x066B || c == 0x066C;
                if (next > pos && sep && after < end && is_digit(utf8_next(out, end, &after))) { pos = after; continue; }
                break;
            }
        } else {
            for (;;) {
                size_t next = pos;
                if (next >= end || !is_mark(utf8_next(out, end, &next))) break;
                pos = next;
            }
            mirror(out + first, pos - first);
        }
        reverse_bytes(out + first, pos - first);
    }
    reverse_bytes(out + start, end - start);
}

/* --- shaping ------------------------------------------------------------------ */

/* Whether the character at text[pos] is one of the steering controls that are dropped. */
static bool next_is_control(const char *text, size_t len, size_t pos)
{
    if (pos >= len) return false;
    uint32_t cp = utf8_next(text, len, &pos);
    return cp >= ZWNJ && cp <= RLM;
}

size_t shape_display(const char *text, size_t len, char *out, size_t cap)
{
    Out o = { out, cap, 0, false };
    if (cap == 0) return SHAPE_TOO_SMALL;
    bool prev_joins = false; /* the last character that is not a mark joins to a following one */
    bool in_run = false;
    size_t run_start = 0, run_end = 0;
    unsigned open = 0; /* brackets opened in the run and not yet closed */
    size_t pos = 0;
    while (pos < len && !o.overflow) {
        size_t first = pos;
        uint32_t cp = utf8_next(text, len, &pos);
        if (cp >= ZWNJ && cp <= RLM) { /* steer, then drop */
            if (cp == ZWNJ || cp == ZWJ) prev_joins = cp == ZWJ;
            else if (cp == LRM && in_run) { finish_run(out, run_start, run_end); in_run = false; }
            else if (cp == RLM) {
                if (!in_run) { in_run = true; run_start = o.len; open = 0; }
                run_end = o.len;
            }
            continue;
        }
        Dir dir = direction(cp);
        if (dir == DIR_L && in_run) { finish_run(out, run_start, run_end); in_run = false; }
        if (dir == DIR_R && !in_run) { in_run = true; run_start = o.len; open = 0; }

        Joining j = joining(cp);
        if (j == JT_D || j == JT_R) {
            bool joins_prev = prev_joins;
            uint32_t lig = 0;
            size_t after = pos;
            if (cp == LAM && pos < len) lig = lam_alef(utf8_next(text, len, &after));
            if (lig) {
                put_form(&o, lig + (joins_prev ? 1u : 0u));
                pos = after;
                prev_joins = false; /* the alef ends it */
            } else {
                bool joins_next = j == JT_D && next_joins(text, len, pos);
                int form = joins_prev ? (joins_next ? FORM_MEDI : FORM_FINA) : (joins_next ? FORM_INIT : FORM_ISOL);
                uint32_t shaped = shape_form(cp, form);
                if (!shaped) shaped = shape_form(cp, FORM_ISOL);
                if (shaped) put_form(&o, shaped);
                else put_bytes(&o, text + first, pos - first);
                prev_joins = j == JT_D;
            }
        } else {
            /* A control dropped right after a malformed sequence would let that
             * sequence's bytes run into the next ones and form a valid character
             * that is not in the text (found by tests/fuzz): the sequence is
             * written as U+FFFD instead. Decided before writing, so the output
             * never needs more room than its final length (a four-byte
             * sequence shrinks to three; found by tests/fuzz). */
            bool malformed = cp == 0xFFFD && !(pos - first == 3 && memcmp(text + first, "\xEF\xBF\xBD", 3) == 0);
            if (malformed && next_is_control(text, len, pos)) put_bytes(&o, "\xEF\xBF\xBD", 3);
            else put_bytes(&o, text + first, pos - first);
            if (j != JT_T) prev_joins = j == JT_C;
        }
        /* Digits end up in the run only between right-to-left letters: a
         * count after a name ("الناقورة +1") stays after it. */
        if (in_run && (dir == DIR_R || dir == DIR_MARK)) run_end = o.len;
        /* A bracket pair opened inside the run belongs to it (bidi rule N0,
         * simplified): "ب (ت) x" shows as "(ت) ب x", not "ت) ب) x". */
        if (in_run && (cp == '(' || cp == '[' || cp == '{' || cp == 0xAB) && open < 64) open++;
        if (in_run && (cp == ')' || cp == ']' || cp == '}' || cp == 0xBB) && open) { open--; run_end = o.len; }
    }
    if (o.overflow) {
        out[0] = '\0';
        return SHAPE_TOO_SMALL;
    }
    if (in_run) finish_run(out, run_start, run_end);
    out[o.len] = '\0';
    return o.len;
}
