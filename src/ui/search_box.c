/* search_box: query editing, results, selection. See search_box.h. */
#include "ui/search_box.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

#define ROW_H 40.0f

bool search_box_init(SearchBox *box, const Bundle *bundle)
{
    memset(box, 0, sizeof *box);
    box->highlighted = box->hover = -1;
    box->index = search_index_build_from_bundle(bundle);
    return box->index != NULL;
}

void search_box_free(SearchBox *box)
{
    search_index_destroy(box->index);
    box->index = NULL;
}

void search_box_layout(SearchBox *box, float x, float y, float w)
{
    box->x = x;
    box->y = y;
    box->w = w;
    box->h = 36;
}

static void refresh_results(SearchBox *box)
{
    box->result_count = 0;
    if (box->index && box->query[0])
        box->result_count = (int)search_run(box->index, box->query, box->results, SEARCH_SHOWN_MAX);
    box->highlighted = box->result_count > 0 ? 0 : -1;
}

/* Removes the last UTF-8 character of the query. */
static void delete_last(char *q)
{
    size_t n = strlen(q);
    while (n > 0) {
        n--;
        if (((unsigned char)q[n] & 0xC0) != 0x80) break;
    }
    q[n] = 0;
}

static Selection result_selection(const SearchResult *r)
{
    return (Selection){ r->kind, r->id };
}

static void choose(SearchBox *box, CommandQueue *out, int index)
{
    if (index < 0 || index >= box->result_count) return;
    Selection sel = result_selection(&box->results[index]);
    command_queue_push(out, cmd_select(sel.kind, sel.id));
    box->focused = false;
    box->query[0] = 0; /* the next search starts afresh */
    box->result_count = 0;
}

/* core/screen_layout.h's test, for a rectangle given by its parts. */
static bool inside(double x, double y, float rx, float ry, float rw, float rh)
{
    return rect_css_contains((RectCss){ rx, ry, rw, rh }, x, y);
}

bool search_box_update(SearchBox *box, const App *app, AppInput *in, CommandQueue *out)
{
    double x = in->pointer_x, y = in->pointer_y;
    bool over_field = in->pointer_inside && inside(x, y, box->x, box->y, box->w, box->h);
    int hover = -1;
    if (box->focused && in->pointer_inside)
        for (int i = 0; i < box->result_count; i++)
            if (inside(x, y, box->x, box->y + box->h + (float)i * ROW_H, box->w, ROW_H)) hover = i;
    if (hover != box->hover) {
        box->hover = hover;
        box->dirty = true;
    }
    if (in->pointer_pressed) {
        if (hover >= 0) {
            choose(box, out, hover);
            box->dirty = true;
            return true;
        }
        bool was = box->focused;
        box->focused = over_field;
        if (was != box->focused) box->dirty = true;
        if (over_field) return true;
    }
    if (!box->focused) {
        if (!(in->keys_pressed & APP_KEY_SEARCH)) return over_field;
        box->focused = true;
        in->keys_pressed &= ~APP_KEY_SEARCH;
        /* A new search: what was left from one abandoned with Escape would
         * otherwise be prefixed to what is typed now. (A click into the
         * field keeps it, to edit.) */
        box->query[0] = 0;
        refresh_results(box);
        /* The '/' that focused the box is not part of the query; what was
         * typed after it in the same frame is (and must not reach the map). */
        if (in->text[0] == '/') memmove(in->text, in->text + 1, strlen(in->text));
    }
    /* Focused: the keyboard belongs to the box. */
    bool changed = false;
    if (in->text[0] && strlen(box->query) + strlen(in->text) < sizeof box->query) {
        strcat(box->query, in->text);
        changed = true;
    }
    if (in->keys_pressed & APP_KEY_DELETE) {
        delete_last(box->query);
        changed = true;
    }
    if (changed) refresh_results(box);
    if ((in->keys_pressed & APP_KEY_DOWN) && box->result_count)
        box->highlighted = (box->highlighted + 1) % box->result_count;
    if ((in->keys_pressed & APP_KEY_UP) && box->result_count)
        box->highlighted = (box->highlighted + box->result_count - 1) % box->result_count;
    if (in->keys_pressed & APP_KEY_ENTER) choose(box, out, box->highlighted);
    if (in->keys_pressed & APP_KEY_ESCAPE) box->focused = false;
    in->keys_pressed = 0;
    in->keys_down = 0;
    in->text[0] = 0;
    box->dirty = true;
    return over_field || hover >= 0;
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

void search_box_draw(const SearchBox *box, Renderer *r, const App *app)
{
    const Theme *t = r->theme;
    const Bundle *b = app->bundle;
    render_fill_rect(r, box->x, box->y, box->w, box->h, box->focused ? t->link : t->panel_rule);
    render_fill_rect(r, box->x + 1, box->y + 1, box->w - 2, box->h - 2, t->panel_bg);
    float tx = box->x + 12, ty = box->y + box->h / 2 + 5;
    if (box->query[0]) {
        float w = render_text(r, FACE_REGULAR, 14, tx, ty, box->query, t->panel_text);
        if (box->focused) render_fill_rect(r, tx + w + 1, box->y + 9, 1.5f, box->h - 18, t->panel_text);
    } else {
        render_text(r, FACE_REGULAR, 14, tx, ty, box->focused ? "Type a country, place, event…" : "Search  ( / )",
                    t->panel_muted);
        if (box->focused) render_fill_rect(r, tx, box->y + 9, 1.5f, box->h - 18, t->panel_text);
    }
    if (!box->focused || !box->query[0]) return;
    float y = box->y + box->h;
    if (box->result_count == 0) {
        render_fill_rect(r, box->x, y, box->w, ROW_H, t->panel_rule);
        render_fill_rect(r, box->x + 1, y, box->w - 2, ROW_H - 1, t->panel_bg);
        render_text(r, FACE_REGULAR, 13, tx, y + 25, "No matches", t->panel_muted);
        return;
    }
    for (int i = 0; i < box->result_count; i++, y += ROW_H) {
        const SearchResult *res = &box->results[i];
        bool hot = i == box->highlighted || i == box->hover;
        render_fill_rect(r, box->x, y, box->w, ROW_H, t->panel_rule);
        render_fill_rect(r, box->x + 1, y, box->w - 2, ROW_H - 1, hot ? t->button_hover : t->panel_bg);
        char title[160], detail[160];
        snprintf(title, sizeof title, "%s", res->label);
        if (res->matched_len && (strlen(res->label) != res->matched_len || strncmp(res->matched, res->label, res->matched_len)))
            snprintf(detail, sizeof detail, "%s · matched “%.*s”", kind_label(res->kind), (int)res->matched_len, res->matched);
        else
            snprintf(detail, sizeof detail, "%s", kind_label(res->kind));
        if (res->kind == SELECTION_EVENT) { /* events say when */
            size_t used = strlen(detail);
            snprintf(detail + used, sizeof detail - used, " · %u", bundle_event(b, res->id).year);
        }
        /* Long titles are cut to the row (by bytes at a character boundary). */
        size_t len = strlen(title);
        while (len > 0 && render_text_width_n(r, FACE_BOLD, 13, title, len) > box->w - 24) {
            len--;
            while (len > 0 && ((unsigned char)title[len] & 0xC0) == 0x80) len--;
        }
        render_text_n(r, FACE_BOLD, 13, tx, y + 17, title, len, t->panel_text);
        render_text(r, FACE_REGULAR, 11.5f, tx, y + 33, detail, t->panel_muted);
    }
}
