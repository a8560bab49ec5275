/* search_box: query editing, results, selection. See search_box.h. */
#include "ui/search_box.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

#define ROW_H 44.0f
#define FOOTER_H 26.0f
#define QUERY_PX TEXT_SEARCH_QUERY_CSS
#define TITLE_PX TEXT_SEARCH_TITLE_CSS
#define DETAIL_PX TEXT_SEARCH_DETAIL_CSS

void search_box_init(SearchBox *box, const Bundle *bundle)
{
    memset(box, 0, sizeof *box);
    box->highlighted = box->hover = -1;
    box->bundle = bundle;
}

bool search_box_prepare(SearchBox *box)
{
    if (!box->index && box->bundle) box->index = search_index_build_from_bundle(box->bundle);
    return box->index != NULL;
}

void search_box_free(SearchBox *box)
{
    search_index_destroy(box->index);
    box->index = NULL;
}

void search_box_layout(SearchBox *box, float x, float y, float w, float list_bottom)
{
    box->x = x;
    box->y = y;
    box->w = w;
    box->h = 36;
    box->list_bottom = list_bottom;
}

int search_box_rows(const SearchBox *box)
{
    float room = box->list_bottom - (box->y + box->h);
    int rows = (int)(room / ROW_H);
    if (rows > SEARCH_SHOWN_MAX) rows = SEARCH_SHOWN_MAX;
    if (box->total > (size_t)rows) { /* the last line says how many there are */
        rows = (int)((room - FOOTER_H) / ROW_H);
        if (rows > SEARCH_SHOWN_MAX) rows = SEARCH_SHOWN_MAX;
    }
    if (rows < 1) rows = 1;
    return rows < box->result_count ? rows : box->result_count;
}

/* Whether the list needs its last line (more results than rows). */
static bool has_footer(const SearchBox *box)
{
    return box->total > (size_t)search_box_rows(box);
}

/* Keeps the highlighted row in view. */
static void scroll_to_highlight(SearchBox *box)
{
    int rows = search_box_rows(box);
    if (box->highlighted < 0) return;
    if (box->highlighted < box->first) box->first = box->highlighted;
    if (box->highlighted >= box->first + rows) box->first = box->highlighted - rows + 1;
}

static void clamp_scroll(SearchBox *box)
{
    int max_first = box->result_count - search_box_rows(box);
    if (box->first > max_first) box->first = max_first;
    if (box->first < 0) box->first = 0;
}

static void refresh_results(SearchBox *box)
{
    box->result_count = 0;
    box->total = 0;
    box->first = 0;
    if (box->field.len && search_box_prepare(box))
        box->result_count = (int)search_run_counted(box->index, box->field.text, box->results, SEARCH_RESULTS_MAX,
                                                    &box->total);
    box->highlighted = box->result_count > 0 ? 0 : -1;
}

void search_box_set_text(SearchBox *box, const char *text, size_t caret, size_t anchor)
{
    bool same = text && strcmp(text, box->field.text) == 0;
    text_field_set(&box->field, text, caret, anchor);
    box->focused = true;
    if (!same) refresh_results(box);
    box->dirty = true;
}

static Selection result_selection(const SearchResult *r)
{
    return (Selection){ r->kind, r->id };
}

bool search_box_take(SearchBox *box, Selection *out)
{
    int index = box->highlighted;
    if (!box->focused || index < 0 || index >= box->result_count) return false;
    *out = result_selection(&box->results[index]);
    box->focused = box->page_input = false;
    text_field_clear(&box->field); /* the next search starts afresh */
    box->result_count = 0;
    box->total = 0;
    box->dirty = true;
    return true;
}

void search_box_close(SearchBox *box)
{
    if (box->focused || box->page_input) box->dirty = true;
    box->focused = box->page_input = false;
}

void search_box_step(SearchBox *box, int dir)
{
    if (!box->result_count) return;
    box->highlighted = (box->highlighted + (dir > 0 ? 1 : box->result_count - 1)) % box->result_count;
    scroll_to_highlight(box);
    box->dirty = true;
}

static void choose(SearchBox *box, CommandQueue *out, int index)
{
    Selection sel;
    box->highlighted = index;
    if (search_box_take(box, &sel)) command_queue_push(out, cmd_select(sel.kind, sel.id));
}

/* core/screen_layout.h's test, for a rectangle given by its parts. */
static bool inside(double x, double y, float rx, float ry, float rw, float rh)
{
    return rect_css_contains((RectCss){ rx, ry, rw, rh }, x, y);
}

/* This frame's typing and editing keys, in the order they came. skip_slash:
 * the '/' that focused the box is not part of the query. */
static bool apply_edits(SearchBox *box, const AppInput *in, bool skip_slash)
{
    bool changed = false;
    for (int i = 0; i < in->edit_count; i++) {
        const AppEdit *e = &in->edits[i];
        if (e->op != APP_EDIT_TEXT) {
            changed |= text_field_edit(&box->field, (TextEditOp)e->op, e->mods);
            continue;
        }
        size_t at = e->text_at, len = e->text_len;
        if (at + len > sizeof in->text) continue;
        if (skip_slash && len && in->text[at] == '/') at++, len--;
        skip_slash = false;
        changed |= text_field_insert(&box->field, in->text + at, len);
    }
    return changed;
}

bool search_box_update(SearchBox *box, const App *app, AppInput *in, CommandQueue *out)
{
    (void)app;
    double x = in->pointer_x, y = in->pointer_y;
    bool over_field = in->pointer_inside && inside(x, y, box->x, box->y, box->w, box->h);
    int rows = search_box_rows(box);
    float list_h = (float)rows * ROW_H + (has_footer(box) ? FOOTER_H : 0);
    bool over_list = box->focused && box->field.len && in->pointer_inside &&
                     inside(x, y, box->x, box->y + box->h, box->w, box->result_count ? list_h : ROW_H);
    int hover = -1;
    if (box->focused && in->pointer_inside)
        for (int i = 0; i < rows; i++)
            if (inside(x, y, box->x, box->y + box->h + (float)i * ROW_H, box->w, ROW_H)) hover = box->first + i;
    if (hover != box->hover) {
        box->hover = hover;
        box->dirty = true;
    }
    if (over_list && in->wheel_steps != 0) { /* the list scrolls, not the map */
        box->first -= in->wheel_steps > 0 ? 1 : -1;
        clamp_scroll(box);
        in->wheel_steps = 0;
        box->dirty = true;
    }
    if (in->pointer_pressed) {
        if (hover >= 0) {
            choose(box, out, hover);
            box->dirty = true;
            return true;
        }
        if (over_list) return true; /* the footer */
        bool was = box->focused;
        box->focused = over_field;
        if (!over_field) box->page_input = false;
        if (was != box->focused) box->dirty = true;
        if (over_field) return true;
    }
    bool skip_slash = false;
    if (!box->focused) {
        if (!(in->keys_pressed & APP_KEY_SEARCH)) return over_field || over_list;
        box->focused = true;
        in->keys_pressed &= ~APP_KEY_SEARCH;
        /* A new search: what was left from one abandoned with Escape would
         * otherwise be prefixed to what is typed now. (A click into the
         * field keeps it, to edit.) */
        text_field_clear(&box->field);
        refresh_results(box);
        /* The '/' that focused the box is not part of the query; what was
         * typed after it in the same frame is (and must not reach the map). */
        skip_slash = true;
    }
    /* Focused: the keyboard belongs to the box. */
    if (apply_edits(box, in, skip_slash)) refresh_results(box);
    if (in->keys_pressed & APP_KEY_DOWN) search_box_step(box, 1);
    if (in->keys_pressed & APP_KEY_UP) search_box_step(box, -1);
    if (in->keys_pressed & APP_KEY_ENTER) choose(box, out, box->highlighted);
    if (in->keys_pressed & APP_KEY_ESCAPE) search_box_close(box);
    in->keys_pressed = 0;
    in->keys_down = 0;
    in->text[0] = 0;
    in->edit_count = 0;
    box->dirty = true;
    return over_field || over_list || hover >= 0;
}

static const char *kind_label(SelectionKind k)
{
    switch (k) {
    case SELECTION_COUNTRY: return "Country";
    case SELECTION_PLACE: return "Place";
    case SELECTION_EVENT: return "Event";
    case SELECTION_ARTICLE: return "Article";
    default: return "";
    }
}

static size_t prev_boundary(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80) {}
    return i;
}

static size_t next_boundary(const char *s, size_t len, size_t i)
{
    if (i >= len) return len;
    utf8_next(s, len, &i);
    return i;
}

/* How many bytes of s[0, len) fit in width (cut at a character boundary). */
static size_t fit_bytes(Renderer *r, int face, float px, const char *s, size_t len, float width)
{
    while (len > 0 && render_text_width_n(r, face, px, s, len) > width) len = prev_boundary(s, len);
    return len;
}

/* The query with its selection and caret, scrolled so the caret shows. */
static void draw_query(const SearchBox *box, Renderer *r, const Theme *t, float tx, float ty)
{
    const TextField *f = &box->field;
    float avail = box->w - 24;
    size_t start = 0;
    while (start < f->caret && render_text_width_n(r, FACE_REGULAR, QUERY_PX, f->text + start, f->caret - start) > avail)
        start = next_boundary(f->text, f->len, start);
    const char *s = f->text + start;
    size_t len = fit_bytes(r, FACE_REGULAR, QUERY_PX, s, f->len - start, avail);
    size_t a, b;
    if (box->focused && text_field_selection(f, &a, &b)) {
        size_t sa = a > start ? a - start : 0, sb = b > start ? b - start : 0;
        if (sa > len) sa = len;
        if (sb > len) sb = len;
        float xa = render_text_width_n(r, FACE_REGULAR, QUERY_PX, s, sa);
        float xb = render_text_width_n(r, FACE_REGULAR, QUERY_PX, s, sb);
        Rgba sel = t->link;
        sel.a = 80;
        if (xb > xa) render_fill_rect(r, tx + xa, box->y + 8, xb - xa, box->h - 16, sel);
    }
    render_text_n(r, FACE_REGULAR, QUERY_PX, tx, ty, s, len, t->panel_text);
    if (box->focused) {
        size_t c = f->caret - start < len ? f->caret - start : len;
        float xc = render_text_width_n(r, FACE_REGULAR, QUERY_PX, s, c);
        render_fill_rect(r, tx + xc, box->y + 9, 1.5f, box->h - 18, t->panel_text);
    }
}

/* A text hit's sentence: a little of what comes before the matched words,
 * the words in bold, then what follows, cut to width with "…" either side. */
static void draw_snippet(Renderer *r, const Theme *t, const SearchResult *res, float x, float y, float width)
{
    const char *text = res->text;
    size_t len = res->text_len, m0 = (size_t)(res->matched - text), m1 = m0 + res->matched_len;
    const char *ellipsis = "…";
    float ew = render_text_width(r, FACE_REGULAR, DETAIL_PX, ellipsis);
    /* Context before: at most a third of the width, from a word's start. */
    size_t s = m0;
    while (s > 0) {
        size_t p = prev_boundary(text, s);
        if (render_text_width_n(r, FACE_REGULAR, DETAIL_PX, text + p, m0 - p) > width / 3) break;
        s = p;
    }
    if (s > 0) {
        size_t w = s;
        while (w < m0 && text[w] != ' ') w = next_boundary(text, len, w);
        s = w < m0 ? w + 1 : m0;
    }
    if (s > 0) x += render_text(r, FACE_REGULAR, DETAIL_PX, x, y, ellipsis, t->panel_muted), width -= ew;
    x += render_text_n(r, FACE_REGULAR, DETAIL_PX, x, y, text + s, m0 - s, t->panel_muted);
    width -= render_text_width_n(r, FACE_REGULAR, DETAIL_PX, text + s, m0 - s);
    size_t n = fit_bytes(r, FACE_BOLD, DETAIL_PX, text + m0, m1 - m0, width - ew);
    x += render_text_n(r, FACE_BOLD, DETAIL_PX, x, y, text + m0, n, t->panel_text);
    width -= render_text_width_n(r, FACE_BOLD, DETAIL_PX, text + m0, n);
    if (m0 + n < m1) {
        render_text(r, FACE_REGULAR, DETAIL_PX, x, y, ellipsis, t->panel_muted);
        return;
    }
    size_t rest = len - m1, fit = fit_bytes(r, FACE_REGULAR, DETAIL_PX, text + m1, rest, width);
    if (fit < rest) fit = fit_bytes(r, FACE_REGULAR, DETAIL_PX, text + m1, rest, width - ew);
    x += render_text_n(r, FACE_REGULAR, DETAIL_PX, x, y, text + m1, fit, t->panel_muted);
    if (fit < rest) render_text(r, FACE_REGULAR, DETAIL_PX, x, y, ellipsis, t->panel_muted);
}

void search_box_draw(const SearchBox *box, Renderer *r, const App *app)
{
    const Theme *t = r->theme;
    const Bundle *b = app->bundle;
    render_fill_rect(r, box->x, box->y, box->w, box->h, box->focused ? t->link : t->panel_rule);
    render_fill_rect(r, box->x + 1, box->y + 1, box->w - 2, box->h - 2, t->panel_bg);
    float tx = box->x + 12, ty = box->y + box->h / 2 + 5;
    if (box->focused && box->page_input) {
        /* the page's <input> over the field shows the query */
    } else if (box->field.len) {
        draw_query(box, r, t, tx, ty);
    } else {
        render_text(r, FACE_REGULAR, QUERY_PX, tx, ty, box->focused ? "Type a country, place, event…" : "Search  ( / )",
                    t->panel_muted);
        if (box->focused) render_fill_rect(r, tx, box->y + 9, 1.5f, box->h - 18, t->panel_text);
    }
    if (!box->focused || !box->field.len) return;
    float y = box->y + box->h;
    if (box->result_count == 0) {
        render_fill_rect(r, box->x, y, box->w, ROW_H, t->panel_rule);
        render_fill_rect(r, box->x + 1, y, box->w - 2, ROW_H - 1, t->panel_bg);
        render_text(r, FACE_REGULAR, TITLE_PX, tx, y + 27, "No matches", t->panel_muted);
        return;
    }
    int rows = search_box_rows(box);
    for (int i = box->first; i < box->first + rows && i < box->result_count; i++, y += ROW_H) {
        const SearchResult *res = &box->results[i];
        bool hot = i == box->highlighted || i == box->hover;
        render_fill_rect(r, box->x, y, box->w, ROW_H, t->panel_rule);
        render_fill_rect(r, box->x + 1, y, box->w - 2, ROW_H - 1, hot ? t->button_hover : t->panel_bg);
        char detail[160];
        if (res->text)
            snprintf(detail, sizeof detail, "%s · %s: ", kind_label(res->kind), search_field_name(res->field));
        else if (res->matched_len &&
                 (strlen(res->label) != res->matched_len || strncmp(res->matched, res->label, res->matched_len)))
            snprintf(detail, sizeof detail, "%s · matched “%.*s”", kind_label(res->kind), (int)res->matched_len, res->matched);
        else
            snprintf(detail, sizeof detail, "%s", kind_label(res->kind));
        if (res->kind == SELECTION_EVENT && !res->text) { /* events say when */
            size_t used = strlen(detail);
            snprintf(detail + used, sizeof detail - used, " · %u", bundle_event(b, res->id).year);
        }
        /* Long titles are cut to the row. */
        size_t len = fit_bytes(r, FACE_BOLD, TITLE_PX, res->label, strlen(res->label), box->w - 24);
        render_text_n(r, FACE_BOLD, TITLE_PX, tx, y + 19, res->label, len, t->panel_text);
        float w = render_text(r, FACE_REGULAR, DETAIL_PX, tx, y + 37, detail, t->panel_muted);
        if (res->text) draw_snippet(r, t, res, tx + w, y + 37, box->w - 24 - w);
    }
    if (has_footer(box)) {
        char line[96];
        int last = box->first + rows;
        if (box->total > (size_t)box->result_count)
            snprintf(line, sizeof line, "%d–%d of %zu results · type more to narrow", box->first + 1, last, box->total);
        else
            snprintf(line, sizeof line, "%d–%d of %zu results · scroll or ↓ for more", box->first + 1, last, box->total);
        render_fill_rect(r, box->x, y, box->w, FOOTER_H, t->panel_rule);
        render_fill_rect(r, box->x + 1, y, box->w - 2, FOOTER_H - 1, t->panel_bg);
        size_t n = fit_bytes(r, FACE_REGULAR, DETAIL_PX, line, strlen(line), box->w - 24);
        render_text_n(r, FACE_REGULAR, DETAIL_PX, tx, y + FOOTER_H / 2 + 4.5f, line, n, t->panel_muted);
    }
}
