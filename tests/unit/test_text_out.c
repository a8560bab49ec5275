/* test_text_out: the HTML and Markdown escapes the handouts are written with. */
#include "test_support.h"
#include "text_out.h"

static const char *html(TextOut *o, const char *s)
{
    text_out_reset_growing(o);
    text_out_html_text(o, s);
    return text_out_result(o, "(out of memory)");
}

static const char *markdown(TextOut *o, const char *s)
{
    text_out_reset_growing(o);
    text_out_markdown_text(o, s);
    return text_out_result(o, "(out of memory)");
}

int main(void)
{
    TextOut o = { 0 };
    CHECK_STR(html(&o, ""), "");
    CHECK_STR(html(&o, "plain Қазақстан"), "plain Қазақстан");
    CHECK_STR(html(&o, "a & b < c > d \"e\" 'f'"), "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
    CHECK_STR(html(&o, "<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK_STR(html(&o, "&amp;"), "&amp;amp;"); /* escaped again: text, not markup */
    CHECK_STR(markdown(&o, ""), "");
    CHECK_STR(markdown(&o, "The C5+1 format, 2015"), "The C5+1 format, 2015");
    CHECK_STR(markdown(&o, "*a* _b_ [c](d) <e> #f `g` |h| !i \\j"),
              "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\#f \\`g\\` \\|h\\| \\!i \\\\j");
    /* A fixed buffer keeps a NUL-terminated prefix and counts on. */
    text_out_free(&o);
    char small[8];
    text_out_fixed(&o, small, sizeof small);
    text_out_html_text(&o, "<<<<");
    CHECK_STR(small, "&lt;&lt");
    CHECK(o.len == 16);
    return test_finish();
}
