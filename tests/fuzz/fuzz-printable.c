/* fuzz-printable.c: the filter every server string goes through before a
 * terminal sees it: its output never holds a control, format or separator
 * character, nor an ESC; the JSON escaper keeps JSON valid and equal.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "sharokey-printable.h"
#include "fuzz.h"

static void
assert_clean (const gchar *text,
              gboolean     layout)
{
  g_assert (g_utf8_validate (text, -1, NULL));
  for (const gchar *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (layout && (c == '\n' || c == '\t' || c == '\r'))
        continue;
      g_assert (type != G_UNICODE_CONTROL && type != G_UNICODE_FORMAT &&
                type != G_UNICODE_LINE_SEPARATOR && type != G_UNICODE_PARAGRAPH_SEPARATOR);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree gchar *text = fuzz_string (data, size);
  g_autofree gchar *shown = sharokey_printable (text);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree gchar *valid = g_utf8_make_valid (text, -1);
  g_autofree gchar *json = NULL;
  g_autofree gchar *escaped = NULL;
  g_autoptr(JsonNode) back = NULL;

  assert_clean (shown, FALSE);
  g_assert (sharokey_is_printable (shown));

  /* A JSON string holding the text: escaped, it still reads back the same. */
  json_node_set_string (node, valid);
  json = json_to_string (node, FALSE);
  escaped = sharokey_printable_json (json);
  assert_clean (escaped, TRUE);
  back = json_from_string (escaped, NULL);
  g_assert (back != NULL);
  g_assert_cmpstr (json_node_get_string (back), ==, valid);
  return 0;
}
