/* key_help: the table of shortcuts. See key_help.h. */
#include "key_help.h"

#include <stdio.h>

#include "gesture.h"

const KeyHelpRow KEY_HELP_ROWS[] = {
    { KEY_HELP_MAP, "Click", "Read about a country, place or event", 0 },
    { KEY_HELP_MAP, "Drag · wheel", "Move · zoom the map (pinch on touch)", 0 },
    { KEY_HELP_MAP, "Arrow keys", "Move the map", APP_KEY_LEFT | APP_KEY_RIGHT | APP_KEY_UP | APP_KEY_DOWN },
    { KEY_HELP_MAP, "+ or =  ·  -", "Zoom in · out", APP_KEY_ZOOM_IN | APP_KEY_ZOOM_OUT },
    { KEY_HELP_MAP, "0 or Home", "The whole region", APP_KEY_RESET },
    { KEY_HELP_MAP, "r", "Trade and relations on the map", APP_KEY_RELATIONS },
    { KEY_HELP_MAP, "l", "Names in English or the local script", APP_KEY_LANGUAGE },
    { KEY_HELP_MAP, "h", "High contrast on or off", APP_KEY_CONTRAST },
    { KEY_HELP_READING, "/ or Ctrl+F", "Search", APP_KEY_SEARCH },
    { KEY_HELP_READING, "Enter · Esc", "Choose · close help, the panel, then the selection",
      APP_KEY_ENTER | APP_KEY_ESCAPE },
    { KEY_HELP_READING, "Backspace, Alt+Left", "Back to what was shown before", APP_KEY_BACK | APP_KEY_DELETE },
    { KEY_HELP_READING, "Alt+Right", "Forward again", APP_KEY_FORWARD },
    { KEY_HELP_READING, "PageUp · PageDown", "Scroll the panel", APP_KEY_PAGE_UP | APP_KEY_PAGE_DOWN },
    { KEY_HELP_READING, "Ctrl+C · k", "Copy the panel's text · a link to this view", APP_KEY_COPY | APP_KEY_COPY_LINK },
    { KEY_HELP_READING, "e", "Save the map as a figure (PNG)", APP_KEY_EXPORT },
    { KEY_HELP_READING, "? or F1", "This list", APP_KEY_HELP },
    { KEY_HELP_TIME, "p", "Play the years", APP_KEY_PLAY },
    { KEY_HELP_TIME, "[ · ]", "Move the years one back · on", APP_KEY_YEAR_EARLIER | APP_KEY_YEAR_LATER },
    { KEY_HELP_CLASSROOM, "t", "Guided tours", APP_KEY_TOURS },
    { KEY_HELP_CLASSROOM, "Space · End", "In a tour: next stop · last stop", APP_KEY_SPACE | APP_KEY_END },
    { KEY_HELP_CLASSROOM, "b or .", "In a tour: blank the screen", APP_KEY_BLANK },
    { KEY_HELP_CLASSROOM, "Ctrl and + · -", "Larger · smaller text", APP_KEY_TEXT_BIGGER | APP_KEY_TEXT_SMALLER },
    { KEY_HELP_CLASSROOM, "f · o · c", "Fullscreen · pointer spotlight · only the map",
      APP_KEY_FULLSCREEN | APP_KEY_SPOTLIGHT | APP_KEY_CLEAN },
};
const size_t KEY_HELP_ROW_COUNT = sizeof KEY_HELP_ROWS / sizeof KEY_HELP_ROWS[0];

const char *key_help_group_name(KeyHelpGroup group)
{
    static const char *const names[KEY_HELP_GROUP_COUNT] = { "The map", "Reading", "Time", "In class" };
    return (unsigned)group < KEY_HELP_GROUP_COUNT ? names[group] : "";
}

size_t key_help_text(char *out, size_t out_size)
{
    size_t used = 0;
    int group = -1;
    for (size_t i = 0; i < KEY_HELP_ROW_COUNT; i++) {
        const KeyHelpRow *row = &KEY_HELP_ROWS[i];
        char *at = used < out_size ? out + used : NULL;
        size_t room = used < out_size ? out_size - used : 0;
        int n = 0;
        if ((int)row->group != group) {
            group = (int)row->group;
            n = snprintf(at, room, "%s%s\n", used ? "\n" : "", key_help_group_name(row->group));
            used += n > 0 ? (size_t)n : 0;
            at = used < out_size ? out + used : NULL;
            room = used < out_size ? out_size - used : 0;
        }
        n = snprintf(at, room, "%s: %s\n", row->keys, row->action);
        used += n > 0 ? (size_t)n : 0;
    }
    if (out_size && used >= out_size) out[out_size - 1] = 0;
    return used;
}
